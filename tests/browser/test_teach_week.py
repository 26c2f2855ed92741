"""An instructor's week on the site, never opening the admin (issue 18): import a
lecture's notes (checking how the file reads), publish it, draft a quiz and publish
it, make a reading from an action item and assign it; the student then ticks the item and
finds the reading done. With JavaScript on and off; axe-clean; no page-level
sideways scroll at 1280 and 390 px. And "View as a student"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lectures.models import Lecture, Reading, ReadingAssignment, ReadingProgress
from quizzes.models import Quiz

from .conftest import log_in
from .test_accessibility import serious_violations

NOTES = """Title: Caspian Energy
Overview
Oil and gas around the Caspian Sea, and the routes that carry them west.
Pipelines
- In 1994 the Contract of the Century was signed in Baku.
- The Baku–Tbilisi–Ceyhan pipeline opened in 2006.
- The South Caucasus Pipeline carries gas to Turkey.
Shipping
- Tankers cross the Caspian from Aktau to Baku.
- In 2018 the five coastal states signed a convention on the sea's status.
Key Terms
- BTC pipeline — the oil pipeline from Baku through Tbilisi to Ceyhan.
- Contract of the Century — the 1994 oil agreement with foreign companies.
- Caspian Sea — the largest enclosed body of water on Earth.
Next Steps
- Read chapter 4.
- Map the pipeline routes.
"""
COURSE = "Demo: Regional Politics"
NEW_LECTURE = "Caspian Energy"
ITEM = "Read chapter 4."
WIDTHS = {"desktop": 1280, "phone": 390}


def sideways_scroll(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def check_page(page: Page, javascript: bool, found: dict, shots: Path | None = None) -> None:
    """The page fits its width and (where scripts run, as axe is one) passes axe;
    with `shots`, a screenshot of it is saved there for review."""
    name = page.locator("main h1").inner_text()
    if shots is not None:
        width = page.viewport_size["width"]
        slug = re.sub(r"\W+", "-", name.lower()).strip("-")[:40]
        page.screenshot(path=shots / f"teach-{slug}-{width}.png", full_page=True)
    if (overflow := sideways_scroll(page)) > 0:
        found[name] = [f"scrolls sideways by {overflow}px"]
    if javascript and (problems := serious_violations(page)):
        found[name] = found.get(name, []) + problems


def lecture_row(page: Page, title: str):
    return page.locator("article.teach-lecture").filter(
        has=page.get_by_role("heading", name=title, exact=True)
    )


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_an_instructors_week_without_the_admin(
    demo, new_context, javascript: bool, width: int, screenshot_dir: Path
):
    shots = screenshot_dir if javascript else None
    viewport = {"width": width, "height": 900}
    teacher = new_context(java_script_enabled=javascript, viewport=viewport).new_page()
    found: dict[str, list[str]] = {}
    log_in(teacher, "instructor")
    teacher.get_by_role("link", name=re.compile(r"^Teach\b")).first.click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text(f"Teach {COURSE}")
    check_page(teacher, javascript, found, shots)

    # Import: the outline first, nothing written until confirmed.
    teacher.get_by_role("link", name="Import notes for a new lecture").click()
    check_page(teacher, javascript, found, shots)
    teacher.get_by_label("Notes file").set_input_files(
        {"name": "caspian.txt", "mimeType": "text/plain", "buffer": NOTES.encode()}
    )
    teacher.get_by_role("button", name="Check the file").click()
    expect(teacher.locator("#import-outline")).to_contain_text("Contract of the Century")
    expect(teacher.locator("#import-what")).to_contain_text("This makes a new lecture")
    assert not Lecture.objects.filter(title=NEW_LECTURE).exists()
    check_page(teacher, javascript, found, shots)
    teacher.get_by_role("button", name="Yes, import it").click()
    expect(teacher.locator(".messages")).to_contain_text(f"Created lecture “{NEW_LECTURE}”")
    lecture = Lecture.objects.get(title=NEW_LECTURE)
    assert not lecture.published

    # Publish, told who will see it.
    row = lecture_row(teacher, NEW_LECTURE)
    row.get_by_role("link", name=re.compile(r"^Publish…")).click()
    expect(teacher.locator("#publish-who")).to_have_text(
        f"3 students of {COURSE} will see “{NEW_LECTURE}”."
    )
    check_page(teacher, javascript, found, shots)
    teacher.get_by_role("button", name="Yes, publish it").click()
    expect(teacher.locator(".messages")).to_contain_text(f"Published “{NEW_LECTURE}”")
    lecture.refresh_from_db()
    assert lecture.published

    # Draft a quiz: its state shows on the page.
    row = lecture_row(teacher, NEW_LECTURE)
    row.get_by_role("button", name=re.compile(r"^Generate a draft quiz")).click()
    expect(teacher.locator(".messages")).to_contain_text("Drafted")
    quiz = Quiz.objects.get(lecture=lecture)
    expect(lecture_row(teacher, NEW_LECTURE)).to_contain_text(
        f"draft, {quiz.questions.count()} questions"
    )
    check_page(teacher, javascript, found, shots)
    lecture_row(teacher, NEW_LECTURE).get_by_role(
        "link", name=f"Publish… {quiz.title}", exact=True
    ).click()
    expect(teacher.locator("#publish-who")).to_contain_text(f"will see “{quiz.title}”")
    check_page(teacher, javascript, found, shots)
    teacher.get_by_role("button", name="Yes, publish it").click()
    expect(teacher.locator(".messages")).to_contain_text(f"Published “{quiz.title}”")
    quiz.refresh_from_db()
    assert quiz.published

    # A reading made from the action item, assigned to the student.
    lecture_row(teacher, NEW_LECTURE).get_by_role(
        "link", name=re.compile(r"^Make readings…")
    ).click()
    check_page(teacher, javascript, found, shots)
    expect(teacher.get_by_label(ITEM, exact=True)).to_be_checked()
    teacher.get_by_label("Map the pipeline routes.", exact=True).uncheck()
    teacher.get_by_role("button", name="Make the readings and assign them").click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text("Assign readings")
    reading = Reading.objects.get(action_item__text=ITEM)
    expect(teacher.get_by_label(ITEM, exact=True)).to_be_checked()
    teacher.get_by_label(re.compile(r"\(student\)$")).check()
    teacher.get_by_role("button", name="Assign").click()
    expect(teacher.locator(".messages")).to_contain_text("1 new assignment")
    assert ReadingAssignment.objects.filter(reading=reading, student__username="student").exists()
    assert not found, "\n".join(f"{page}: {problems}" for page, problems in found.items())

    # The student ticks the item on the lecture: the reading is done on the dashboard.
    page = new_context(java_script_enabled=javascript, viewport=viewport).new_page()
    log_in(page)
    page.goto(lecture.get_absolute_url())
    page.get_by_role("button", name=ITEM, exact=True).click()
    expect(page.get_by_role("button", name=ITEM, exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    assert ReadingProgress.objects.filter(reading=reading, user__username="student").exists()
    page.goto("/")
    expect(page.locator(f"#reading-{reading.pk}")).to_contain_text("✓ Done")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_view_as_a_student_and_the_reading_form(
    demo, new_context, width: int, screenshot_dir: Path
):
    teacher = new_context(viewport={"width": width, "height": 900}).new_page()
    found: dict[str, list[str]] = {}
    log_in(teacher, "instructor")
    lecture = Lecture.objects.get(course__slug="demo")

    # The instructor's own header on the lecture, and the way to the student's view.
    teacher.goto(lecture.get_absolute_url())
    expect(teacher.get_by_role("navigation", name="Teaching")).to_be_visible()
    expect(teacher.get_by_text("Your progress")).to_have_count(0)
    check_page(teacher, True, found, screenshot_dir)
    teacher.get_by_role("navigation", name="Teaching").get_by_role(
        "link", name="View as a student"
    ).click()
    expect(teacher.locator("#student-view-banner")).to_contain_text("Viewing as a student.")
    expect(teacher.get_by_role("button", name=re.compile("^Mark as read")).first).to_be_disabled()
    check_page(teacher, True, found, screenshot_dir)
    teacher.get_by_role("navigation", name="Lecture").get_by_role("link", name="Glossary").click()
    expect(teacher.locator("#student-view-banner")).to_be_visible()
    check_page(teacher, True, found, screenshot_dir)

    # The reading form's section menu follows the lecture.
    teacher.goto("/courses/demo/teach/readings/new/")
    section = teacher.get_by_label("Section")
    expect(section.locator("optgroup")).to_have_count(1)
    teacher.get_by_label("Lecture").select_option(label=lecture.title)
    expect(section.locator("optgroup")).to_have_count(0)
    expect(section.locator("option")).to_have_count(
        lecture.sections.filter(archived=False).count() + 1
    )
    check_page(teacher, True, found, screenshot_dir)
    assert not found, "\n".join(f"{page}: {problems}" for page, problems in found.items())
