"""Every shipped language's catalogue is complete: every string marked for
translation in the code and the templates has a translation (Spanish today), none
of them fuzzy.

`makemessages` reads the marked strings afresh, in a copy of the project in a
temporary directory (so the check never rewrites the tree), merging them into
copies of the catalogues under locale/; then each entry left untranslated or fuzzy
is named. A page with a new string therefore fails here until it is translated
(README, "Languages"), and so does a language in settings.LANGUAGES without a
catalogue. makemessages needs GNU gettext's xgettext: without it the check is
skipped on a developer's machine, and fails in CI (CI=true).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import polib
import pytest
from django.conf import settings

from tests.helpers import ROOT

# What makemessages reads: the apps, the project, the templates; and the catalogue
# it merges into. (Tests, benchmarks and sample notes mark nothing.)
SOURCES = ("coursesite", "lectures", "quizzes", "lms", "templates", "locale", "manage.py")
# As `make messages` runs it.
MAKEMESSAGES = ["makemessages", "--all", "--no-obsolete", "--add-location", "file"]
# English is the language the strings are written in: it needs no catalogue.
TRANSLATED = [code for code, _name in settings.LANGUAGES if not code.startswith("en")]


def catalogue_path(root, code: str):
    return root / "locale" / code / "LC_MESSAGES" / "django.po"


def _copy_project(destination):
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, destination / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
            )
        else:
            shutil.copy2(source, destination / name)


def test_each_translated_language_has_its_catalogue():
    assert "es" in TRANSLATED
    for code in TRANSLATED:
        assert catalogue_path(ROOT, code).is_file(), f"no catalogue for {code}"


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory) -> dict[str, polib.POFile]:
    """Each language's catalogue with every string marked today merged in."""
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
    return {code: polib.pofile(str(catalogue_path(project, code))) for code in TRANSLATED}


def _name(entry: polib.POEntry) -> str:
    where = ", ".join(sorted({path for path, _line in entry.occurrences}))
    context = f" (context {entry.msgctxt!r})" if entry.msgctxt else ""
    return f"{entry.msgid!r}{context} in {where}"


def test_the_check_sees_the_marked_strings(fresh_catalogues):
    """Strings from the templates, from Python code and with plurals all reach it."""
    catalogue = fresh_catalogues["es"]
    ids = {entry.msgid for entry in catalogue}
    assert {"Skip to content", "Your browser's choice", "Spanish"} <= ids
    assert any(entry.msgid_plural for entry in catalogue)
    assert len(catalogue) > 500


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_marked_string_is_translated(fresh_catalogues, code):
    missing = [_name(entry) for entry in fresh_catalogues[code].untranslated_entries()]
    assert missing == [], (
        f"{len(missing)} string(s) marked for translation have no translation in "
        f"locale/{code}/LC_MESSAGES/django.po (README, 'Languages'):\n" + "\n".join(missing)
    )


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_translation_is_fuzzy(fresh_catalogues, code):
    fuzzy = [_name(entry) for entry in fresh_catalogues[code].fuzzy_entries()]
    assert fuzzy == [], (
        f"These translations in locale/{code} are marked fuzzy (a guess by makemessages "
        "for a changed string): check each, then remove its fuzzy flag:\n" + "\n".join(fuzzy)
    )


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_plural_has_every_form(code):
    """A plural with an empty form would show nothing for the numbers it covers
    (Spanish has three in gettext's rule: one, millions, other)."""
    catalogue = polib.pofile(str(catalogue_path(ROOT, code)))
    forms = int(catalogue.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])
    short = [
        _name(entry)
        for entry in catalogue
        if entry.msgid_plural and not all(entry.msgstr_plural.get(i) for i in range(forms))
    ]
    assert short == []
