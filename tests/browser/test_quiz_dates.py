"""A dated quiz on the student's pages (the dashboard's "Quizzes due", the lecture,
the quiz page with its dates and its refusal to start once closed): axe finds no
serious problem, light or dark, and the dates read the same without a mouse."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from quizzes.models import Quiz

from .conftest import LECTURE_PATH, log_in
from .test_accessibility import assert_pages_pass_axe


@pytest.fixture
def dated_quizzes(demo):
    """The demo quiz overdue and closing tomorrow, and one more closed since yesterday."""
    now = timezone.now()
    quiz = Quiz.objects.get(lecture__course__slug="demo", published=True)
    Quiz.objects.filter(pk=quiz.pk).update(
        opens_at=now - timedelta(days=7),
        due_at=now - timedelta(days=1),
        closes_at=now + timedelta(1),
    )
    closed = Quiz.objects.create(
        lecture=quiz.lecture,
        title="Last week's check",
        published=True,
        due_at=now - timedelta(days=3),
        closes_at=now - timedelta(days=1),
    )
    return quiz, closed


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_dated_quiz_pages_have_no_serious_accessibility_violations(
    dated_quizzes, page: Page, scheme: str, screenshot_dir: Path
):
    quiz, closed = dated_quizzes
    page.emulate_media(color_scheme=scheme)
    log_in(page)
    pages = {
        "dashboard-quizzes-due": "/",
        "lecture-quiz-dates": LECTURE_PATH,
        "quiz-dates": quiz.get_absolute_url(),
        "quiz-closed": closed.get_absolute_url(),
    }
    assert_pages_pass_axe(page, pages, scheme, screenshot_dir)
    page.goto("/")
    next_step = page.locator("#next-heading + p")
    expect(next_step).to_contain_text(quiz.title)
    expect(next_step).to_contain_text("overdue")
    expect(page.locator("#quizzes-due")).to_contain_text("Closed")
    page.goto(closed.get_absolute_url())
    expect(page.get_by_text("it takes no new attempts")).to_be_visible()
    expect(page.get_by_role("button", name="Start the quiz")).to_have_count(0)
