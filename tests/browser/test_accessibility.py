"""axe-core finds no serious or critical problem on the student's pages, light or dark.

Each page is also saved as a screenshot under test-artifacts/screenshots/ for review.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, Page, Route, expect

from lectures.models import ActionItemProgress, Lecture, SectionProgress, TimelineEvent

from .conftest import LECTURE_PATH, log_in, save_screenshot

PAGES = {
    "dashboard": "/",
    "lecture": LECTURE_PATH,
    "glossary": f"{LECTURE_PATH}glossary/",
    "timeline": f"{LECTURE_PATH}timeline/",
    "progress": "/progress/",
}
BLOCKING = {"serious", "critical"}
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.DOTALL | re.IGNORECASE)
axe = Axe()


def serious_violations(page: Page, *, preload: bool = True) -> list[str]:
    """axe's serious and critical findings. `preload=False` keeps axe from copying the
    page's stylesheets into inline <style> elements (it does on the admin's pages,
    which the CSP rightly refuses); only its CSS-orientation check needs them."""
    # The library evaluates axe's source through Playwright, which the page's CSP
    # does not govern, so the policy under test stays on.
    options = {"resultTypes": ["violations"], **({} if preload else {"preload": False})}
    results = axe.run(page, options=options)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
        + "\n".join(f"      at {' '.join(node['target'])}" for node in violation["nodes"])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]


class AxeWithoutJavaScript:
    """serious_violations for a page seen with JavaScript off. axe cannot run in such
    a page (its checks wait on the page's event loop, which then never runs them), so
    it audits a copy of the page as the browser has it, served again from the same
    address (so its stylesheets load) in a tab of its own, without the site's scripts."""

    def __init__(self, browser: Browser) -> None:
        self._browser = browser
        self._auditor: Page | None = None

    def __call__(self, seen: Page) -> list[str]:
        if self._auditor is None:
            self._auditor = self._browser.new_context().new_page()
        self._auditor.set_viewport_size(seen.viewport_size)
        html = SCRIPT.sub("", seen.content())

        def serve(route: Route) -> None:
            if route.request.resource_type == "document":
                route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
            else:
                route.continue_()

        self._auditor.route("**/*", serve)
        self._auditor.goto(seen.url)
        self._auditor.unroute("**/*", serve)
        expect(self._auditor.locator("main h1")).to_have_text(seen.locator("main h1").inner_text())
        return serious_violations(self._auditor)

    def close(self) -> None:
        if self._auditor is not None:
            self._auditor.context.close()


def assert_pages_pass_axe(page: Page, pages: dict, scheme: str, screenshot_dir: Path) -> None:
    """Open each page (saving a screenshot) and fail with every page's serious problems."""
    found = {}
    for name, path in pages.items():
        page.goto(path)
        expect(page.locator("main h1")).to_be_visible()
        suffix = "" if scheme == "light" else f"-{scheme}"
        save_screenshot(page, screenshot_dir / f"{name}{suffix}.png")
        if problems := serious_violations(page):
            found[path] = problems
    assert not found, "\n".join(
        f"{path}:\n" + "\n".join(f"  - {problem}" for problem in problems)
        for path, problems in found.items()
    )


@pytest.fixture
def some_progress(demo):
    """Part-way through, so done and not-done states are both on the pages."""
    student = get_user_model().objects.get(username="student")
    lecture = Lecture.objects.get(slug="russia-azerbaijan-relations")
    SectionProgress.objects.create(user=student, section=lecture.sections.first())
    ActionItemProgress.objects.create(user=student, item=lecture.action_items.first())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_student_pages_have_no_serious_accessibility_violations(
    some_progress, page: Page, scheme: str, screenshot_dir: Path
):
    page.emulate_media(color_scheme=scheme)
    log_in(page)
    assert_pages_pass_axe(page, PAGES, scheme, screenshot_dir)


def test_lecture_fits_a_phone_screen(some_progress, new_context, screenshot_dir: Path):
    page = new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    log_in(page)
    page.goto(LECTURE_PATH)
    expect(page.locator("#lecture-progress-bar")).to_be_visible()
    save_screenshot(page, screenshot_dir / "lecture-phone.png")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the lecture scrolls sideways by {overflow}px on a phone"
    assert serious_violations(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_instructor_pages_have_no_serious_accessibility_violations(
    some_progress, page: Page, scheme: str, screenshot_dir: Path
):
    from quizzes.models import Quiz

    student = get_user_model().objects.get(username="student")
    # One of the lecture's events as a suggestion, so the timeline shows its answers.
    suggestion = TimelineEvent.objects.filter(lecture__course__slug="demo").first()
    TimelineEvent.objects.filter(pk=suggestion.pk).update(
        status=TimelineEvent.Status.SUGGESTED, doubt="no subject"
    )
    quiz = Quiz.objects.filter(lecture__course__slug="demo", published=True).first()
    pages = {
        "report": "/courses/demo/report/",
        "report-behind": "/courses/demo/report/?behind=1&sort=progress&order=desc",
        "report-student": f"/courses/demo/report/students/{student.pk}/",
        "report-quiz": f"/courses/demo/report/quizzes/{quiz.pk}/",
        "assign": "/courses/demo/assign/",
        "dashboard-teaching": "/",
        "timeline-suggestions": f"{LECTURE_PATH}timeline/",
        "suggestion-dismiss": f"{LECTURE_PATH}timeline/suggestions/{suggestion.pk}/dismiss/",
    }
    page.emulate_media(color_scheme=scheme)
    log_in(page, "instructor")
    assert_pages_pass_axe(page, pages, scheme, screenshot_dir)
