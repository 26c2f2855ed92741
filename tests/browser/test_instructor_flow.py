"""The instructor runs a class in a real browser: enrols students from a CSV file,
turns the sample lecture's next steps into readings, assigns them to a cohort;
the demo student then sees them and marks one done, with and without JavaScript.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from lectures.models import Enrolment, ReadingAssignment, ReadingProgress

from .conftest import FIRST_ITEM, log_in
from .test_accessibility import serious_violations

ROSTER = (
    "username,email,first name,last name,cohort\n"
    "newcomer,newcomer@example.com,Nia,Newcomer,Cohort A\n"
    "student,student@example.com,,,Cohort A\n"
    "broken,not-an-email,,,\n"
)


def enrol_from_csv(page: Page) -> None:
    page.goto("/admin/lectures/enrolment/")
    page.get_by_role("link", name="Add students from a CSV file").click()
    page.get_by_label("Course").select_option(label="Demo: Regional Politics")
    page.get_by_label("CSV file").set_input_files(
        {"name": "class.csv", "mimeType": "text/csv", "buffer": ROSTER.encode()}
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#content-main")).to_contain_text("not-an-email")
    page.get_by_role("button", name="Add these students").click()
    expect(page.locator("#content-main")).to_contain_text("1 new account")


def turn_next_steps_into_readings(page: Page) -> None:
    page.goto("/admin/lectures/lecture/")
    page.get_by_role("checkbox", name=re.compile("Select this object", re.I)).first.check()
    page.locator("select[name=action]").select_option(label="Turn action items into readings")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("reading")


def assign_to_cohort(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name="assign readings").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assign readings")
    page.get_by_label(FIRST_ITEM, exact=True).check()
    page.get_by_label(re.compile("^Cohort A")).check()
    page.get_by_label("Due").fill("2030-01-15T09:00")
    page.get_by_label("Note to students").fill("Before the seminar.")
    page.get_by_role("button", name="Assign").click()
    expect(page.locator(".messages")).to_contain_text("1 new assignment")
    expect(page.locator("#assignments")).to_contain_text("Cohort Cohort A")


def reading_button(page: Page, action: str):
    """ "Mark as done" with ": <title>" visually hidden (see conftest.section_toggle)."""
    return page.get_by_role("button", name=re.compile(rf"^{action}\W+{re.escape(FIRST_ITEM)}$"))


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_instructor_enrols_assigns_and_the_student_completes(demo, new_context, javascript: bool):
    teacher = new_context().new_page()
    log_in(teacher, "instructor")
    enrol_from_csv(teacher)
    assert Enrolment.objects.filter(user__username="newcomer").exists()
    assert [message.to for message in mail.outbox] == [["newcomer@example.com"]]
    turn_next_steps_into_readings(teacher)
    assign_to_cohort(teacher)
    assert ReadingAssignment.objects.filter(cohort__name="Cohort A").count() == 1
    # The assign page passes axe too.
    assert serious_violations(teacher) == []

    page = new_context(java_script_enabled=javascript).new_page()
    log_in(page)
    readings = page.locator("#readings")
    expect(readings).to_contain_text(FIRST_ITEM)
    expect(readings).to_contain_text("Before the seminar.")
    reading_button(page, "Mark as done").click()
    expect(readings.get_by_text("✓ Done")).to_be_visible()
    expect(reading_button(page, "Mark as not done")).to_be_visible()
    assert ReadingProgress.objects.filter(user__username="student").count() == 1
    if javascript:  # axe runs as a script in the page: not where scripts are off
        assert serious_violations(page) == []

    # The instructor's table counts it, with the demo students who had ticked the
    # action item before the reading was made from it (the same task, issue 18).
    teacher.reload()
    done = ReadingProgress.objects.filter(reading__action_item__text=FIRST_ITEM).count()
    assert done > 1
    expect(teacher.locator("#assignments")).to_contain_text(re.compile(rf"{done} of \d+"))
