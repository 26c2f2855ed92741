"""Announcements and mail preferences in a real browser: an instructor posts with and
without JavaScript, students read it on the course's pages; the announcements and
preferences pages are axe-clean, light and dark."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import Page, expect

from lectures.models import Announcement, Course

from .conftest import log_in
from .test_accessibility import assert_pages_pass_axe

ANNOUNCEMENTS = "/courses/demo/announcements/"


@pytest.fixture
def posted(demo):
    """One announcement, so the pages show one rendered."""
    instructor = get_user_model().objects.get(username="instructor")
    Announcement.objects.create(
        course=Course.objects.get(slug="demo"),
        author=instructor,
        body="**Exam** moved to Friday.\n- Bring the reading list.",
    )


def post_announcement(page: Page, text: str) -> None:
    page.goto(ANNOUNCEMENTS)
    page.get_by_label("New announcement").fill(text)
    page.get_by_role("button", name="Post the announcement").click()


@pytest.mark.parametrize("javascript", [True, False])
def test_an_instructor_posts_and_students_read_it(demo, new_context, javascript: bool):
    teacher = new_context(java_script_enabled=javascript).new_page()
    log_in(teacher, "instructor")
    with teacher.expect_request(lambda request: request.method == "POST") as request:
        post_announcement(teacher, "Seminar in **room 4** today.")
    assert ("hx-request" in request.value.headers) is javascript
    expect(teacher.get_by_text("Posted, and mailed to the course's students.")).to_be_visible()
    expect(teacher.locator(".announcement strong", has_text="room 4")).to_be_visible()
    if javascript:
        # The region was swapped in place: focus is back in a fresh form.
        expect(teacher).to_have_url(re.compile(rf"{ANNOUNCEMENTS}$"))
        expect(teacher.get_by_label("New announcement")).to_be_focused()
        expect(teacher.get_by_label("New announcement")).to_have_value("")
    assert {message.to[0] for message in mail.outbox} >= {"student@example.com"}

    student = new_context(java_script_enabled=javascript).new_page()
    log_in(student)
    expect(student.locator(".announcement", has_text="room 4")).to_be_visible()  # dashboard
    student.goto("/courses/demo/")
    expect(student.locator(".announcement", has_text="room 4")).to_be_visible()
    student.get_by_role("link", name="All announcements").click()
    expect(student.get_by_role("heading", level=1)).to_have_text("Announcements")
    expect(student.get_by_label("New announcement")).to_have_count(0)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("username", ["student", "instructor"])
def test_announcements_and_preferences_have_no_serious_accessibility_violations(
    posted, page: Page, scheme: str, username: str, screenshot_dir: Path
):
    page.emulate_media(color_scheme=scheme)
    log_in(page, username)
    pages = {f"announcements-{username}": ANNOUNCEMENTS, "preferences": "/accounts/preferences/"}
    assert_pages_pass_axe(page, pages, scheme, screenshot_dir)


def test_a_student_turns_announcement_mail_off(demo, page: Page):
    log_in(page)
    page.goto("/accounts/password_change/")
    page.get_by_role("link", name="Your preferences").click()
    page.get_by_label("Announcements").uncheck()
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_text("Your preferences are saved.")).to_be_visible()
    expect(page.get_by_label("Announcements")).not_to_be_checked()
    expect(page.get_by_label("Assignments and reminders")).to_be_checked()
