"""The Spanish catalogue compiled for the tests that read it.

The .mo files are build products (git ignores them); a test that switches to
Spanish asks for `catalogues`, which compiles each stale .po as `make install` does
(coursesite/catalogues.py: written beside and renamed, so a test worker beside it
never reads half a file) and makes Django read the catalogues afresh."""

from __future__ import annotations

import pytest

from coursesite.catalogues import compile_catalogues


@pytest.fixture
def catalogues(settings):
    compile_catalogues()
    # Setting LOCALE_PATHS (to itself) makes Django drop the catalogues it loaded.
    settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)
