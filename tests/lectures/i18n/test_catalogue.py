"""The Spanish catalogue is complete: every string marked for translation in the
code and the templates has a Spanish translation, none of them fuzzy.

`makemessages` reads the marked strings afresh, into a copy of the project in a
temporary directory (so the check never rewrites the tree), merging them into a
copy of locale/es's catalogue; then each entry left untranslated or fuzzy is named.
A page with a new string therefore fails here until its Spanish is written
(README, "Languages"). makemessages needs GNU gettext's xgettext: without it the
check is skipped on a developer's machine, and fails in CI (CI=true).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import polib
import pytest

from tests.helpers import ROOT

# What makemessages reads: the apps, the project, the templates; and the catalogue
# it merges into. (Tests, benchmarks and sample notes mark nothing.)
SOURCES = ("coursesite", "lectures", "quizzes", "templates", "locale", "manage.py")
MAKEMESSAGES = ["makemessages", "--locale", "es", "--no-obsolete", "--add-location", "file"]


def _copy_project(destination):
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, destination / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
            )
        else:
            shutil.copy2(source, destination / name)


@pytest.fixture(scope="module")
def fresh_catalogue(tmp_path_factory) -> polib.POFile:
    """locale/es's catalogue with every string marked today merged in."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("GNU gettext's xgettext is missing: .ci/run installs the gettext package")
        pytest.skip("GNU gettext's xgettext is not installed (apt install gettext)")
    project = tmp_path_factory.mktemp("project")
    _copy_project(project)
    environment = {**os.environ, "DJANGO_SECRET_KEY": "catalogue-check", "DJANGO_DEBUG": "0"}
    done = subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return polib.pofile(str(project / "locale" / "es" / "LC_MESSAGES" / "django.po"))


def _name(entry: polib.POEntry) -> str:
    where = ", ".join(sorted({path for path, _line in entry.occurrences}))
    context = f" (context {entry.msgctxt!r})" if entry.msgctxt else ""
    return f"{entry.msgid!r}{context} in {where}"


def test_the_check_sees_the_marked_strings(fresh_catalogue):
    """Strings from the templates, from Python code and with plurals all reach it."""
    ids = {entry.msgid for entry in fresh_catalogue}
    assert {"Skip to content", "Your browser's choice", "Spanish"} <= ids
    assert any(entry.msgid_plural for entry in fresh_catalogue)
    assert len(fresh_catalogue) > 500


def test_every_marked_string_has_a_spanish_translation(fresh_catalogue):
    missing = [_name(entry) for entry in fresh_catalogue.untranslated_entries()]
    assert missing == [], (
        f"{len(missing)} string(s) marked for translation have no Spanish in "
        "locale/es/LC_MESSAGES/django.po (README, 'Languages'):\n" + "\n".join(missing)
    )


def test_no_spanish_translation_is_fuzzy(fresh_catalogue):
    fuzzy = [_name(entry) for entry in fresh_catalogue.fuzzy_entries()]
    assert fuzzy == [], (
        "These Spanish translations are marked fuzzy (a guess by makemessages for a "
        "changed string): check each, then remove its fuzzy flag:\n" + "\n".join(fuzzy)
    )


def test_each_plural_has_every_spanish_form():
    """Spanish has three plural forms in gettext's rule (one, millions, other): a
    plural with an empty form would show nothing for those numbers."""
    catalogue = polib.pofile(str(ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    short = [
        _name(entry)
        for entry in catalogue
        if entry.msgid_plural and not all(entry.msgstr_plural.get(i) for i in range(3))
    ]
    assert short == []
