"""axe-core finds no serious or critical problem on the admin pages an instructor uses
every week: the lecture, quiz, question, reading and enrolment forms, and their lists.

Django's tabular inlines name their columns in a header row, which a screen reader
does not tie to each row's inputs, so every input needs its own label.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import Page, expect

from lectures.models import Enrolment, Lecture, Reading, ReadingAssignment
from quizzes.models import Quiz

from .conftest import log_in, save_screenshot
from .test_accessibility import serious_violations


def _pages() -> dict[str, str]:
    lecture = Lecture.objects.get(course__slug="demo", slug="russia-azerbaijan-relations")
    quiz = Quiz.objects.filter(lecture=lecture).first()
    question = quiz.questions.order_by("position").first()
    student = get_user_model().objects.get(username="student")
    reading = Reading.objects.create(course=lecture.course, title="Chapter 2", lecture=lecture)
    assignment = ReadingAssignment.objects.create(reading=reading, student=student)
    enrolment = Enrolment.objects.get(course=lecture.course, user=student)
    change = {
        "lecture": ("lectures_lecture", lecture.pk),
        "quiz": ("quizzes_quiz", quiz.pk),
        "question": ("quizzes_question", question.pk),
        "reading": ("lectures_reading", reading.pk),
        "reading-assignment": ("lectures_readingassignment", assignment.pk),
        "enrolment": ("lectures_enrolment", enrolment.pk),
    }
    pages = {
        f"{name}-change": reverse(f"admin:{model}_change", args=[pk])
        for name, (model, pk) in change.items()
    }
    for name, (model, _pk) in change.items():
        pages[f"{name}-add"] = reverse(f"admin:{model}_add")
        pages[f"{name}-list"] = reverse(f"admin:{model}_changelist")
    return pages


def test_the_admin_pages_instructors_use_have_no_serious_violations(
    demo, page: Page, screenshot_dir: Path
):
    pages = _pages()
    log_in(page, "instructor")
    found = {}
    for name, path in pages.items():
        page.goto(path)
        expect(page.locator("#content h1, #content h2").first).to_be_visible()
        if problems := serious_violations(page, preload=False):
            save_screenshot(page, screenshot_dir / f"admin-{name}.png")
            found[path] = problems
    assert not found, "\n".join(
        f"{path}:\n" + "\n".join(f"  - {problem}" for problem in problems)
        for path, problems in found.items()
    )
