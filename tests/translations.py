"""The Spanish catalogue compiled for the tests that read it.

The .mo files are build products (git ignores them); a test that switches to
Spanish asks for `catalogues`, which compiles each stale .po with polib and makes
Django read the catalogues afresh."""

from __future__ import annotations

import polib
import pytest

from tests.helpers import ROOT


def compile_catalogues() -> None:
    for po in sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            polib.pofile(str(po)).save_as_mofile(str(mo))


@pytest.fixture
def catalogues(settings):
    compile_catalogues()
    # Setting LOCALE_PATHS (to itself) makes Django drop the catalogues it loaded.
    settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)
