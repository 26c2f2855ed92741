"""The instructor's lecture page in the admin fits a laptop screen, its texts whole."""

from __future__ import annotations

from pathlib import Path

from django.urls import reverse
from playwright.sync_api import Locator, expect

from lectures.models import Lecture

from .conftest import log_in, save_screenshot

# Rows of an inline, not the hidden template row Django keeps for "Add another".
ACTION_ITEM_TEXTS = "#action_items-group textarea[name$='-text']:not([name*='__prefix__'])"
DEFINITIONS = "#terms-group textarea[name$='-definition']:not([name*='__prefix__'])"


def cut_off(fields: Locator) -> list[str]:
    """The values of the fields that scroll, i.e. do not show their whole text."""
    return fields.evaluate_all(
        """fields => fields
            .filter(f => f.scrollHeight > f.clientHeight || f.scrollWidth > f.clientWidth)
            .map(f => f.value)"""
    )


def test_lecture_change_page_fits_a_1280_px_screen(demo, new_context, screenshot_dir: Path):
    lecture = Lecture.objects.get(course__slug="demo", slug="russia-azerbaijan-relations")
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    log_in(page, "instructor")
    page.goto(reverse("admin:lectures_lecture_change", args=[lecture.pk]))
    expect(page.get_by_role("heading", name="Glossary terms")).to_be_visible()
    # The timeline starts collapsed; opened, its table is the widest on the page.
    page.locator("#events-group summary").click()
    expect(page.locator("#events-group textarea").first).to_be_visible()
    save_screenshot(page, screenshot_dir / "admin-lecture-1280.png")

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, f"the page is {width}px wide: it scrolls sideways"

    texts = page.locator(ACTION_ITEM_TEXTS)
    expected = list(lecture.action_items.values_list("text", flat=True))
    assert expected
    assert [texts.nth(i).input_value() for i in range(texts.count())] == expected
    assert cut_off(texts) == []
    assert cut_off(page.locator(DEFINITIONS)) == []
