"""The reading admin offers only the chosen lecture's sections when JavaScript runs.

The admin pages are not checked with axe-core: test_accessibility.py covers the
student's pages only.
"""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import Page, expect

from lectures.content.imports import lecture_import
from lectures.models import Lecture
from tests.helpers import SIMPLE_NOTES

from .conftest import FIRST_SECTION, log_in


def selectable(page: Page) -> list[str]:
    return page.locator("#id_section option:not([disabled])").all_inner_texts()


def test_picking_a_lecture_leaves_only_its_sections_selectable(demo, page: Page):
    sample = Lecture.objects.select_related("course").get(
        course__slug="demo", slug="russia-azerbaijan-relations"
    )
    plates = lecture_import(course_slug="demo", data=SIMPLE_NOTES).lecture
    sample_sections = list(sample.sections.values_list("title", flat=True))
    log_in(page, "instructor")
    page.goto(reverse("admin:lectures_reading_add"))
    lecture, section = page.locator("#id_lecture"), page.locator("#id_section")

    # No lecture yet: every section, grouped under its lecture; picking one sets it.
    assert selectable(page) == ["---------", *sample_sections, "Drift", "Evidence"]
    section.select_option(value=str(plates.sections.get(title="Evidence").pk))
    expect(lecture).to_have_value(str(plates.pk))
    assert selectable(page) == ["---------", "Drift", "Evidence"]

    # Another lecture: its sections only, and the choice it makes invalid is cleared.
    lecture.select_option(label=sample.title)
    expect(section).to_have_value("")
    assert selectable(page) == ["---------", *sample_sections]
    expect(section.locator(f"optgroup[label='{plates.title}']")).to_be_hidden()

    section.select_option(label=FIRST_SECTION)
    page.get_by_label("Course:").select_option(label=sample.course.title)
    page.get_by_label("Title:").fill("Background reading")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    reading = sample.readings.get()
    assert (reading.title, reading.section.title) == ("Background reading", FIRST_SECTION)
