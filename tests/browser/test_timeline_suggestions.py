"""An instructor answers the timeline's suggestions in a real browser (issue 17):
with JavaScript, Confirm swaps the region in place and says so; without it, the
same form posts and comes back; Dismiss asks first."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from lectures.models import TimelineEvent

from .conftest import LECTURE_PATH, log_in


@pytest.fixture
def suggestion(demo):
    event = TimelineEvent.objects.filter(lecture__course__slug="demo").order_by("sort_key").first()
    TimelineEvent.objects.filter(pk=event.pk).update(
        status=TimelineEvent.Status.SUGGESTED, doubt="no subject"
    )
    return event


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])
def test_confirming_a_suggestion_puts_it_on_the_timeline(suggestion, new_context, javascript: bool):
    page: Page = new_context(java_script_enabled=javascript).new_page()
    log_in(page, "instructor")
    page.goto(f"{LECTURE_PATH}timeline/")
    suggestions = page.locator("#suggestions")
    expect(suggestions).to_contain_text("Unsure: no subject")

    suggestions.get_by_role("button", name=f"Confirm {suggestion.when_label}").click()

    # In the region htmx swapped, or in the messages of the page the post came back to.
    expect(page.locator("main")).to_contain_text(f"Confirmed “{suggestion.when_label}”")
    expect(page.locator("#suggestions")).to_have_count(0)
    assert TimelineEvent.objects.get(pk=suggestion.pk).status == "shown"


def test_dismissing_asks_first(suggestion, page: Page):
    log_in(page, "instructor")
    page.goto(f"{LECTURE_PATH}timeline/")

    page.get_by_role("link", name=f"Dismiss… {suggestion.when_label}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dismiss")
    page.get_by_role("button", name="Yes, dismiss it").click()

    expect(page.locator(".messages")).to_contain_text("Dismissed")
    assert not TimelineEvent.objects.filter(pk=suggestion.pk).exists()
