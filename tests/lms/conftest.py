"""The test platform around each LMS test (tests/lms/platform.py)."""

from __future__ import annotations

import pytest
from lti_tool.models import Key

from tests.lms.platform import TestPlatform


@pytest.fixture
def tool_key(db):
    """The tool's own signing key (`manage.py rotate_lti_key` in production)."""
    return Key.objects.generate()


@pytest.fixture
def platform(db, tool_key):
    """A platform registered on the tool, its JWKS served on 127.0.0.1."""
    platform = TestPlatform().start()
    platform.registration = platform.register()
    yield platform
    platform.stop()
