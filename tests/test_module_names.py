"""No module binds one top-level name twice. The extraction rules are long modules of
named regexes that several people extend at once; a second `_SOME_RE = ...` further
down silently replaces the first for every function that uses it (two merges of
timeline rules did exactly that), and no linter reports a rebound assignment."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(
    path
    for app in ("coursesite", "lectures", "quizzes", "lms")
    for path in (ROOT / app).rglob("*.py")
    if "migrations" not in path.parts
)


def _bound_names(tree: ast.Module) -> Counter:
    names: Counter = Counter()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] += 1
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] += 1
    return names


# WSGI's application is wrapped on purpose after it is made.
ALLOWED = {("coursesite/wsgi.py", "application")}


def test_no_top_level_name_is_bound_twice():
    assert len(MODULES) > 50
    twice = []
    for path in MODULES:
        relative = str(path.relative_to(ROOT))
        names = _bound_names(ast.parse(path.read_text(encoding="utf-8")))
        twice += [(relative, n) for n, c in names.items() if c > 1 and (relative, n) not in ALLOWED]
    assert not twice, f"bound twice (the later replaces the earlier): {twice}"
