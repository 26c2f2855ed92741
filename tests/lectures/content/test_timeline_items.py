"""The timeline reads every item of a body through body_items (issue 17): a numbered
item's event text has no "1. ", a nested item gives its own event, and a dated
sentence without a full stop is text, so its date is kept."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def _events(lecture) -> list[tuple[str, str]]:
    return list(lecture.events.order_by("sort_key").values_list("when_label", "text"))


def test_numbered_and_nested_items_give_events_without_their_markers(make_lecture):
    lecture = make_lecture(
        "Title: Wars\n"
        "The Wars\n"
        "1. The treaty was signed in 1921.\n"
        "  a) Its border was redrawn in 1923.\n"
    )

    assert _events(lecture) == [
        ("1921", "The treaty was signed in 1921."),
        ("1923", "Its border was redrawn in 1923."),
    ]


def test_a_dated_sentence_without_a_full_stop_keeps_its_date(make_lecture):
    lecture = make_lecture(
        "Title: Wars\nThe Wars\n- One.\nThe war ended in 1918 after many battles\n"
    )

    assert [s.title for s in lecture.sections.all()] == ["The Wars"]
    assert _events(lecture) == [("1918", "The war ended in 1918 after many battles")]
