"""What every page's markup owes its readers, checked over the templates and over
every page the permission matrix opens: no template comment leaks into a page,
and every <time datetime> is a value HTML allows."""

from __future__ import annotations

import re
from copy import copy

import pytest
from django.test import Client
from django.urls import reverse

from tests.helpers import ROOT
from tests.test_permission_matrix import MATRIX, world  # noqa: F401 (the fixture)

TEMPLATES = sorted((ROOT / "templates").rglob("*.*"))


def test_there_are_templates_to_check():
    assert len(TEMPLATES) > 40


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_comment_spans_lines(path):
    """Django's {# #} is one line only: one over several lines is shown as text.
    Longer comments are {% comment %} blocks."""
    for number, line in enumerate(path.read_text().splitlines(), 1):
        opened = line.rfind("{#")
        assert opened == -1 or "#}" in line[opened:], f"line {number}: use {{% comment %}}"


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_time_elements_use_the_datetime_attr_filter(path):
    """`date:"c"` keeps microseconds, which HTML does not allow (at most three
    digits): lectures/templatetags/timestamps.py's datetime_attr gives seconds."""
    assert not re.search(r"""date:\s*["']c["']""", path.read_text())


def _pages():
    """Each URL name with a GET answered 200 to some role, with the first such role."""
    for name, entry in MATRIX.items():
        for role, outcome in (entry.get or {}).items():
            if outcome == 200:
                yield pytest.param(name, role, id=name)
                break


# A fraction of a second longer than milliseconds.
TOO_FINE = re.compile(r"\d\d:\d\d:\d\d\.\d{4,}")


@pytest.mark.parametrize(("name", "role"), list(_pages()))
def test_no_page_shows_a_template_comment_or_microseconds(world, db, name, role):  # noqa: F811
    client = Client()
    if world.users[role] is not None:
        client.force_login(copy(world.users[role]))
    response = client.get(reverse(name, kwargs=MATRIX[name].kwargs(world)))
    assert response.status_code == 200
    if not response["Content-Type"].startswith("text/html"):
        return  # the report's CSV
    page = response.content.decode()
    assert "{#" not in page and "#}" not in page
    for value in re.findall(r'<time[^>]*\bdatetime="([^"]*)"', page):
        assert not TOO_FINE.search(value), value


def test_the_set_password_page_shows_no_template_comment(world, db):  # noqa: F811
    """The page every welcome email links to: the reset link redirects to it."""
    url = reverse("password_reset_confirm", kwargs=world.reset_link())
    response = Client().get(url, follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and "new_password1" in page
    assert "{#" not in page and "labelled form" not in page
