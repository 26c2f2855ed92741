"""A browser that asks for Spanish gets the student's pages in Spanish, with
JavaScript and without, and they stay axe-clean (axe checks `<html lang>` too)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import FIRST_SECTION, LECTURE_PATH, PASSWORD, save_screenshot
from .test_accessibility import serious_violations


def log_in_in_spanish(page: Page) -> None:
    page.goto("/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_label("Nombre de usuario", exact=True).fill("student")
    page.get_by_label("Contraseña", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hola")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_spanish_student_reads_and_marks_a_section(
    demo, new_context, javascript: bool, screenshot_dir: Path
):
    page = new_context(locale="es-ES", java_script_enabled=javascript).new_page()
    log_in_in_spanish(page)
    page.goto(LECTURE_PATH)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", name="Términos clave")).to_be_visible()
    mark = re.compile(rf"^Marcar como leída\W+{re.escape(FIRST_SECTION)}$")
    page.get_by_role("button", name=mark).click()
    unmark = re.compile(rf"^Marcar como no leída\W+{re.escape(FIRST_SECTION)}$")
    expect(page.get_by_role("button", name=unmark)).to_be_visible()
    expect(page.locator("#lecture-progress")).to_contain_text("Tu progreso")
    suffix = "js" if javascript else "no-js"
    save_screenshot(page, screenshot_dir / f"lecture-es-{suffix}.png")
    if javascript:  # axe itself is a script
        assert serious_violations(page) == []


def test_the_spanish_pages_have_no_serious_accessibility_violations(demo, new_context):
    page = new_context(locale="es-ES").new_page()
    log_in_in_spanish(page)
    found = {}
    for path in ("/", LECTURE_PATH, f"{LECTURE_PATH}glossary/", "/progress/", "/review/"):
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", "es")
        if problems := serious_violations(page):
            found[path] = problems
    assert found == {}
