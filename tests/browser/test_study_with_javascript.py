"""A student studies the sample lecture with JavaScript on: htmx swaps, no reloads."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .conftest import LECTURE_PATH, action_item, section_toggle


def test_marking_a_section_read_moves_the_progress_bar_without_a_reload(student_page: Page):
    page = student_page
    page.goto(LECTURE_PATH)
    bar = page.locator("#lecture-progress-bar")
    expect(bar).to_have_attribute("value", "0")
    total = bar.get_attribute("max")
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    page.evaluate("window.__notReloaded = true")

    section_toggle(page, "Mark as read").click()

    unread = section_toggle(page, "Mark as unread")
    expect(unread).to_be_visible()
    expect(bar).to_have_attribute("value", "1")
    expect(bar).to_have_attribute("max", total)
    expect(page.locator("#lecture-progress")).to_contain_text(f"1 of {total}")
    expect(page.get_by_role("navigation", name="Sections")).to_contain_text("✓ read")
    # The swap kept keyboard focus on the button the student pressed.
    expect(unread).to_be_focused()
    assert page.evaluate("window.__notReloaded") is True
    assert navigations == []

    page.reload()
    expect(unread).to_be_visible()
    expect(bar).to_have_attribute("value", "1")

    # From the keyboard too, and focus stays put for the next key press.
    unread.focus()
    page.keyboard.press("Enter")
    expect(section_toggle(page, "Mark as read")).to_be_focused()
    expect(bar).to_have_attribute("value", "0")


def test_ticking_an_action_item_updates_progress_in_place(student_page: Page):
    page = student_page
    page.goto(LECTURE_PATH)
    item = action_item(page)
    expect(item).to_have_attribute("aria-pressed", "false")
    page.evaluate("window.__notReloaded = true")

    item.click()

    expect(item).to_have_attribute("aria-pressed", "true")
    expect(item).to_be_focused()
    expect(page.locator("#lecture-progress-bar")).to_have_attribute("value", "1")
    assert page.evaluate("window.__notReloaded") is True


def test_glossary_search_finds_a_term_by_its_abbreviation(student_page: Page):
    page = student_page
    page.goto(f"{LECTURE_PATH}glossary/")
    results = page.locator("#glossary-results")
    expect(results).to_contain_text("BRICS")

    page.get_by_label("Search terms").press_sequentially("NAM")

    expect(results).to_contain_text("matches “NAM”")
    expect(results.get_by_text("Non-Aligned Movement")).to_be_visible()
    expect(results).not_to_contain_text("BRICS")
    expect(page).to_have_url(re.compile(r"/glossary/\?q=NAM$"))
    expect(page.get_by_label("Search terms")).to_be_focused()

    # The pushed URL is a real page: reloading it (or sharing it) shows the same result.
    page.reload()
    expect(results.get_by_text("Non-Aligned Movement")).to_be_visible()
    expect(results).not_to_contain_text("BRICS")
