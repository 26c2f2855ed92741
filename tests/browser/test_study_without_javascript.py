"""With JavaScript off, the same buttons and the search box work as plain forms."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import LECTURE_PATH, action_item, log_in, section_toggle


@pytest.fixture
def no_js_page(demo, new_context) -> Page:
    page = new_context(java_script_enabled=False).new_page()
    log_in(page)
    return page


def test_marking_progress_without_javascript_posts_and_redirects_back(no_js_page: Page):
    page = no_js_page
    page.goto(LECTURE_PATH)
    bar = page.locator("#lecture-progress-bar")
    expect(bar).to_have_attribute("value", "0")

    with page.expect_request(lambda request: request.method == "POST") as posted:
        section_toggle(page, "Mark as read").click()

    assert "hx-request" not in posted.value.headers  # a plain form post, not htmx
    expect(page).to_have_url(re.compile(rf"{LECTURE_PATH}#historical-background$"))
    expect(section_toggle(page, "Mark as unread")).to_be_visible()
    expect(bar).to_have_attribute("value", "1")

    action_item(page).click()

    expect(page).to_have_url(re.compile(rf"{LECTURE_PATH}#action-items$"))
    expect(action_item(page)).to_have_attribute("aria-pressed", "true")
    expect(bar).to_have_attribute("value", "2")


def test_glossary_search_without_javascript(no_js_page: Page):
    page = no_js_page
    page.goto(f"{LECTURE_PATH}glossary/")
    page.get_by_label("Search terms").fill("NAM")
    page.get_by_role("button", name="Search", exact=True).click()

    expect(page).to_have_url(re.compile(r"/glossary/\?q=NAM$"))
    results = page.locator("#glossary-results")
    expect(results.get_by_text("Non-Aligned Movement")).to_be_visible()
    expect(results).not_to_contain_text("BRICS")
    expect(page.get_by_label("Search terms")).to_have_value("NAM")

    # The same address opened directly, e.g. from a bookmark.
    page.goto(f"{LECTURE_PATH}glossary/?q=nam")
    expect(results.get_by_text("Non-Aligned Movement")).to_be_visible()
    expect(results).not_to_contain_text("BRICS")
