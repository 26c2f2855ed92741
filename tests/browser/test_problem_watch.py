"""The safety net itself: a CSP violation, a script error or a 404 is noticed.

Every browser test fails at teardown when `browser_problems` is not empty; this
test provokes each kind of problem, checks it was recorded, then clears the list.
"""

from __future__ import annotations

from playwright.sync_api import Page

from .conftest import LECTURE_PATH, BrowserProblems

INJECT_INLINE_SCRIPT = """() => {
    const script = document.createElement("script");
    script.textContent = "window.__inlineRan = true";
    document.head.append(script);
}"""


def test_csp_violations_script_errors_and_failed_requests_are_caught(
    student_page: Page, browser_problems: BrowserProblems
):
    page = student_page
    page.goto(LECTURE_PATH)
    assert browser_problems.items == []

    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate(INJECT_INLINE_SCRIPT)
    with page.expect_event("pageerror"):
        page.evaluate("() => { setTimeout(() => { throw new Error('thrown by the test') }) }")
    # Chromium also logs the 404 to the console; wait for both so none arrives after clear().
    with (
        page.expect_console_message(lambda message: "404" in message.text),
        page.expect_response(lambda response: response.status == 404),
    ):
        page.evaluate("() => fetch('/static/js/missing.js')")

    assert page.evaluate("window.__inlineRan") is None  # the policy blocked it
    report = browser_problems.report()
    assert "inline script violates the following Content Security Policy" in report
    assert "thrown by the test" in report
    assert "HTTP 404: GET" in report and "/static/js/missing.js" in report
    browser_problems.clear()
