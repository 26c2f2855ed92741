"""The instructor's report and assign pages fit the screen: the page itself never
scrolls sideways (at a laptop's 1280 px or a phone's 390 px), the report's table
scrolls inside its own labelled region with the students' names held at its left
edge, and axe finds nothing serious."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import Page, expect

from lectures.content.imports import lecture_import
from lectures.models import Course, Reading
from lectures.teaching.assignments import assignment_save
from tests.helpers import SIMPLE_NOTES

from .conftest import log_in, save_screenshot
from .test_accessibility import serious_violations

VIEWPORTS = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
LONG = "Continental Drift and the Long Argument over Plate Tectonics"


@pytest.fixture
def wide_course(demo):
    """The demo course with six lectures more, long titles, and a reading assigned
    with a long title: enough columns that the report is wider than a laptop."""
    for i in range(6):
        lecture_import(
            course_slug="demo", data=SIMPLE_NOTES.replace("Plate Tectonics", f"{LONG} {i}")
        )
    course = Course.objects.get(slug="demo")
    student = get_user_model().objects.get(username="student")
    student.first_name, student.last_name = "Maximiliana", "Oyelaran-Featherstonehaugh"
    student.save()
    reading = Reading.objects.create(
        course=course, title=f"Read the chapter on {LONG.lower()}", url="https://example.test/"
    )
    assignment_save(
        readings=[reading],
        students=[student],
        cohorts=[],
        due_at=timezone.now() - timedelta(days=1),  # overdue: the row says why it is behind
        note="",
        assigned_by=None,
    )
    return course


def page_overflow(page: Page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def assert_fits(page: Page, name: str, screenshot_dir: Path) -> None:
    expect(page.locator("main h1")).to_be_visible()
    save_screenshot(page, screenshot_dir / f"{name}.png")
    overflow = page_overflow(page)
    assert overflow <= 0, f"{name}: the page scrolls sideways by {overflow}px"
    assert serious_violations(page) == [], name


@pytest.mark.parametrize("details", [False, True], ids=["compact", "details"])
@pytest.mark.parametrize("size", sorted(VIEWPORTS))
def test_report_scrolls_in_its_region_with_names_held_at_the_left(
    wide_course, new_context, screenshot_dir: Path, size: str, details: bool
):
    page = new_context(viewport=VIEWPORTS[size]).new_page()
    log_in(page, "instructor")
    page.goto("/courses/demo/report/")
    if details:
        page.get_by_label("Show details for").select_option(label=f"{LONG} 0")
        page.get_by_role("button", name="Show students").click()
        expect(page.get_by_role("columnheader", name="Best quiz", exact=True)).to_be_visible()
        assert "details=" in page.url
    assert_fits(page, f"report-{size}{'-details' if details else ''}", screenshot_dir)

    region = page.get_by_role("region", name=re.compile(r"^Students of "))
    expect(region).to_be_visible()
    assert region.get_attribute("tabindex") == "0"
    # A test that cannot fail is worse than none: the table must be wider than its box.
    wider = region.evaluate("box => box.scrollWidth - box.clientWidth")
    assert wider > 100, f"the table fits its region ({wider}px): nothing to scroll"

    name = page.get_by_role("rowheader").filter(has_text="Oyelaran").first
    first_header = page.get_by_role("columnheader", name="Name", exact=True)
    left = region.bounding_box()["x"]
    region.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    assert region.evaluate("box => box.scrollLeft") > 100
    for cell in (name, first_header):
        box = cell.bounding_box()
        assert abs(box["x"] - left) <= 1, (
            f"the name column moved to x={box['x']} (region at {left})"
        )
    # Still readable: the sticky cell hides what scrolls under it.
    background = name.evaluate("cell => getComputedStyle(cell).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    # The last column is reachable inside the region, and the page still does not move.
    last = page.get_by_role("columnheader", name="Overall progress").bounding_box()
    edge = region.bounding_box()
    assert last["x"] + last["width"] <= edge["x"] + edge["width"] + 1
    assert last["x"] + last["width"] <= VIEWPORTS[size]["width"]
    assert page_overflow(page) <= 0

    # The keyboard reaches the region and scrolls it.
    region.evaluate("box => { box.scrollLeft = 0; }")
    region.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(region).to_be_focused()
    page.wait_for_function(
        "() => document.querySelector('.report-scroll').scrollLeft > 0", timeout=2000
    )


def test_details_are_chosen_without_javascript(wide_course, new_context):
    page = new_context(java_script_enabled=False).new_page()
    log_in(page, "instructor")
    page.goto("/courses/demo/report/")
    expect(page.get_by_role("columnheader", name="Best quiz")).to_have_count(0)
    page.get_by_label("Show details for").select_option(label=f"{LONG} 0")
    page.get_by_role("button", name="Show students").click()
    expect(page.get_by_role("columnheader", name="Best quiz", exact=True)).to_be_visible()
    expect(page.get_by_label("Show details for")).to_have_value(re.compile(r"^\d+$"))
    # A sort link keeps the choice.
    page.get_by_role("link", name="Username", exact=True).click()
    expect(page.get_by_role("columnheader", name="Best quiz", exact=True)).to_be_visible()


@pytest.mark.parametrize("size", sorted(VIEWPORTS))
def test_assign_page_does_not_scroll_sideways(
    wide_course, new_context, screenshot_dir: Path, size: str
):
    page = new_context(viewport=VIEWPORTS[size]).new_page()
    log_in(page, "instructor")
    page.goto("/courses/demo/assign/")
    expect(page.get_by_role("table")).to_be_visible()
    assert_fits(page, f"assign-{size}", screenshot_dir)
