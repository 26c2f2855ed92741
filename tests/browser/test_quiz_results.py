"""An instructor reads a quiz's results and opens a student's attempt, in a real
browser: axe-clean, no page-level sideways scroll on a laptop or a phone, and the
same way there with and without JavaScript."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from quizzes.models import Quiz
from quizzes.services import attempt_start, attempt_submit

from .conftest import log_in, save_screenshot
from .test_accessibility import serious_violations

WIDTHS = {"laptop": 1280, "phone": 390}


@pytest.fixture
def quiz(demo) -> Quiz:
    """The demo quiz: two of the demo's students have taken it, and the demo student
    has submitted one with every question left blank."""
    quiz = Quiz.objects.filter(lecture__course__slug="demo", published=True).get()
    student = get_user_model().objects.get(username="student")
    attempt_submit(attempt=attempt_start(quiz=quiz, user=student))
    return quiz


def results_url(quiz: Quiz) -> str:
    return f"/courses/demo/report/quizzes/{quiz.pk}/"


def assert_fits(page: Page, what: str) -> None:
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{what} scrolls sideways: {widths[0]}px in {widths[1]}px"


@pytest.mark.parametrize("screen", sorted(WIDTHS))
def test_results_and_an_attempt_fit_the_screen_and_pass_axe(
    quiz, new_context, screen, screenshot_dir: Path
):
    page = new_context(viewport={"width": WIDTHS[screen], "height": 900}).new_page()
    log_in(page, "instructor")
    page.goto(results_url(quiz))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Results: {quiz.title}")
    expect(page.get_by_role("heading", name="Question by question")).to_be_visible()
    save_screenshot(page, screenshot_dir / f"quiz-results-{screen}.png")
    assert_fits(page, "the results page")
    assert serious_violations(page) == []

    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="student1"))
    row.get_by_role("link", name=re.compile(r"^\d+%$")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"student1’s attempt at {quiz.title}")
    expect(page.get_by_role("heading", name="Answers")).to_be_visible()
    save_screenshot(page, screenshot_dir / f"quiz-attempt-{screen}.png")
    assert_fits(page, "the attempt page")
    assert serious_violations(page) == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_sort_by_score_then_open_the_best_attempt(quiz, new_context, javascript):
    page = new_context(java_script_enabled=javascript).new_page()
    log_in(page, "instructor")
    page.goto(results_url(quiz))
    students = page.locator("#quiz-students")
    students.get_by_role("link", name="Best score").click()
    expect(page).to_have_url(re.compile(r"\?sort=best&dir=asc$"))
    header = students.get_by_role("columnheader", name=re.compile("Best score"))
    expect(header).to_have_attribute("aria-sort", "ascending")
    students.get_by_role("link", name="Best score").click()
    expect(page).to_have_url(re.compile(r"\?sort=best&dir=desc$"))
    first_row = students.locator("tbody tr").first
    name = first_row.get_by_role("rowheader").inner_text()
    first_row.get_by_role("link", name=re.compile(r"^\d+%$")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{name}’s attempt")
    expect(page.get_by_text("counted", exact=True)).to_be_visible()
