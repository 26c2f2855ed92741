"""The layout's rules beyond import-linter's contracts (pyproject.toml, run by `make
lint`): every module has its layer, no import hides in a function to dodge a loop,
and no two modules import each other, however indirectly."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import grimp
import pytest

from tests.helpers import ROOT

APPS = ("lectures", "quizzes", "lms", "coursesite")

# Modules that belong to no layer: package faces (their imports are checked through
# the modules they re-export), app configurations, and the project-wide pieces the
# "project-wide" contract keeps away from both apps.
UNLAYERED = {
    "coursesite.admin_site",
    "coursesite.apps",
    "coursesite.batches",
    "coursesite.bounds",
    "coursesite.catalogues",
    "coursesite.envfile",
    "coursesite.formats.en_GB.formats",
    "coursesite.asgi",
    "coursesite.health",
    "coursesite.htmx",
    "coursesite.middleware",
    "coursesite.settings",
    "coursesite.wsgi",
    "lectures.apps",
    "quizzes.apps",
    "lms.apps",
}
# A comment on an import inside a function that names why it is there. A loop is
# never the reason: the layers say which way imports go.
REASON = re.compile(r"#\s*imported here: (?P<reason>.+)")


def app_modules() -> dict[str, Path]:
    """Every module of the apps and the project, migrations left out."""
    modules = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return {contract["id"]: contract for contract in config["contracts"]}


def layer_modules() -> list[set[str]]:
    """The "layers" contract's modules, one set per layer, highest first."""
    return [
        {name.strip() for name in re.split(r"[:|]", layer)}
        for layer in contracts()["layers"]["layers"]
    ]


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def test_every_module_has_a_layer():
    listed = set().union(*layer_modules())
    unplaced = [
        name
        for name, path in app_modules().items()
        if name not in UNLAYERED
        and not is_package(path)
        and not any(name == m or name.startswith(f"{m}.") for m in listed)
    ]
    assert unplaced == [], "add these to a layer in pyproject.toml's importlinter contract"


def test_the_layers_name_only_modules_that_exist():
    modules = app_modules()
    for layer in layer_modules():
        assert layer <= modules.keys(), layer - modules.keys()


def test_the_contract_counts_an_import_inside_a_function(tmp_path):
    """import-linter reads every import statement, a function's too: so the layers
    contract also forbids a late import that climbs."""
    package = tmp_path / "probe"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "low.py").write_text("def f():\n    from probe import high\n")
    (package / "high.py").write_text("")
    import sys

    sys.path.insert(0, str(tmp_path))
    try:
        graph = grimp.build_graph("probe", cache_dir=None)
    finally:
        sys.path.remove(str(tmp_path))
    assert graph.direct_import_exists(importer="probe.low", imported="probe.high")


def _imports_in_functions(path: Path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.ImportFrom):
                own = inner.level > 0 or (inner.module or "").split(".")[0] in APPS
            elif isinstance(inner, ast.Import):
                own = any(alias.name.split(".")[0] in APPS for alias in inner.names)
            else:
                continue
            if own:
                yield inner.lineno


def test_no_import_of_our_own_code_hides_in_a_function():
    found = []
    for name, path in app_modules().items():
        lines = path.read_text().splitlines()
        for number in _imports_in_functions(path):
            around = " ".join(lines[max(0, number - 2) : number])
            reason = REASON.search(around)
            if reason is None or re.search(r"(?i)\bloop|circular|cycle", reason["reason"]):
                found.append(f"{name}:{number}: {lines[number - 1].strip()}")
    assert found == []


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*APPS, cache_dir=None)


def test_no_two_modules_import_each_other(graph):
    """A loop of imports between our modules, however long: none."""
    loops = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            # A package's face importing its own modules is how a face works; the
            # modules importing the face back would show here as well.
            if imported.startswith(f"{importer}."):
                continue
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                loops.append(" -> ".join([importer, *back]))
    assert loops == []
