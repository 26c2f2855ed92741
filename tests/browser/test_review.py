"""A student reviews their cards from the keyboard alone, with JavaScript on and off.

Cards become due as the student studies: the sample lecture's key terms when they
first open it, the dates of a section's timeline when they mark the section read.
"Due" means due now (lectures.review.queue), so every rating takes the card out of
the count: one rated Again, Hard or Good (back in minutes) is counted apart, as
coming back later today; one scheduled for another day leaves both. The status
message says which: "is next due in 10 minutes" or "is next due on …".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from lectures.models import CardState, Lecture
from lectures.review.cards import lecture_opened
from lectures.review.queue import day_end, due_count, due_counts, next_card
from lectures.review.ratings import review_record
from lectures.study.progress import progress_set

from .conftest import FIRST_SECTION, LECTURE_PATH, log_in, save_screenshot, section_toggle
from .test_accessibility import serious_violations

REVIEW_PATH = "/review/"
LABELS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
LATER = r"(?: (\d+) more comes? back later today\.)?"
DUE_TEXT = re.compile(rf"^(?:(\d+) cards? due now\.|No cards due now\.){LATER}$")


# -- helpers ----------------------------------------------------------------------------


def cards(n: int) -> str:
    return f"{n} card{'' if n == 1 else 's'}"


def due_on_page(page: Page) -> int:
    """The review page's own count (#review-due-count), once it reads as a count."""
    count = page.locator("#review-due-count")
    expect(count).to_have_text(DUE_TEXT)
    match = DUE_TEXT.match(count.inner_text().strip())
    return int(match.group(1) or 0)


def expect_due(page: Page, n: int, later: int) -> None:
    """The page's count and the navigation's badge both say `n` due now; the page
    counts `later` apart, as coming back later today."""
    head = f"{cards(n)} due now." if n else "No cards due now."
    tail = f" {later} more come{'s' if later == 1 else ''} back later today." if later else ""
    expect(page.locator("#review-due-count")).to_have_text(head + tail)
    badge = page.locator("#nav-review .badge")
    if n:
        expect(badge).to_have_text(f"{n} due now")
    else:
        expect(badge).to_have_count(0)


def counts_after(due: int, later: int, status: str) -> tuple[int, int]:
    """The counts after a rating whose status message is `status`: one fewer due now,
    and one more later today when the card comes back within the day ("is next due
    in 10 minutes") rather than on another ("is next due on Friday 5 June …")."""
    assert "is next due" in status, status
    return due - 1, later + (0 if "is next due on " in status else 1)


def rating_button(page: Page, rating: int) -> Locator:
    return page.get_by_role("button", name=re.compile(rf"^{LABELS[rating]}\b"))


def show_answer(page: Page) -> Locator:
    return page.get_by_role("button", name=re.compile(r"^Show answer"))


def study_first_section(page: Page) -> None:
    """Open the sample lecture (its terms fall due) and read a section with dated events."""
    page.goto(LECTURE_PATH)
    section_toggle(page, "Mark as read").click()
    expect(section_toggle(page, "Mark as unread")).to_be_visible()


def follow_review_now(page: Page) -> int:
    """From the dashboard's "Review now"; returns the count the dashboard showed."""
    page.goto("/")
    review = page.locator("section[aria-labelledby=review-heading]")
    text = review.locator("strong").inner_text()
    shown = int(re.fullmatch(r"(\d+) cards?", text).group(1))
    review.get_by_role("link", name="Review now").click()
    expect(page).to_have_url(re.compile(rf"{REVIEW_PATH}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Review")
    return shown


def expect_counts_elsewhere(page: Page, n: int, later: int) -> None:
    """The dashboard and the progress page agree with the review page's counts; the
    forecast's today holds both."""
    page.goto("/")
    if n:
        review = page.locator("section[aria-labelledby=review-heading]")
        expect(review.locator("strong")).to_have_text(cards(n))
        expect(page.locator("#nav-review .badge")).to_have_text(f"{n} due now")
    page.goto("/progress/")
    expect(page.locator(".facts dd.due-now")).to_have_text(str(n))
    if later:
        expect(page.locator(".facts dd.later-today")).to_have_text(str(later))
    today = page.locator(".forecast-table tbody tr").first
    expect(today.locator("th")).to_have_text("Today")
    expect(today.locator("td")).to_have_text(str(n + later))


def student_due() -> int:
    return due_count(get_user_model().objects.get(username="student"), timezone.now())


def student_later() -> int:
    student = get_user_model().objects.get(username="student")
    return due_counts(student, timezone.now()).later_today


# -- with JavaScript --------------------------------------------------------------------


def test_review_five_cards_from_the_keyboard_with_htmx(student_page: Page):
    page = student_page
    study_first_section(page)
    shown = follow_review_now(page)
    assert shown == student_due() >= 6  # the lecture's terms and the section's dates
    due, later = due_on_page(page), 0
    assert due == shown
    expect_due(page, due, later)
    page.evaluate("window.__notReloaded = true")
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    ratings = [3, 4, 3, 2, 4]
    posted: list[str] = []
    page.on("request", lambda r: r.method == "POST" and posted.append(r.post_data or ""))
    status = page.locator("#review-status .message-success")
    card = page.locator("#review-card")
    seen = set()

    for turn, rating in enumerate(ratings):
        front = page.locator(".review-front").inner_text()
        assert front not in seen, f"{front!r} came round again"
        seen.add(front)
        expect(show_answer(page)).to_be_focused()
        if turn == 1:
            # A click on the card's text focuses the card; then Space is site.js's
            # shortcut rather than the button's own.
            page.locator(".review-front").click()
            expect(card).to_be_focused()
        page.keyboard.press("Space")

        expect(page.locator(".review-back")).to_be_visible()
        expect(rating_button(page, 3)).to_be_focused()
        expect(page.locator(".review-front")).to_have_text(front)
        if turn == 2:
            # Out of the card (Shift+Tab past Hard and Again, to the navigation's
            # last control) a digit rates nothing (WCAG 2.1.4); Tab leads back in.
            for _ in range(3):
                page.keyboard.press("Shift+Tab")
            assert card.evaluate("card => !card.contains(document.activeElement)")
            page.keyboard.press("1")
            for _ in range(3):
                page.keyboard.press("Tab")
            expect(rating_button(page, 3)).to_be_focused()
        page.keyboard.press(str(rating))

        expect(status).to_contain_text(f"“{front}” is next due")
        due, later = counts_after(due, later, status.inner_text())
        expect_due(page, due, later)
        # Focus went to the next card's "Show answer", ready for the next Space.
        expect(show_answer(page)).to_be_focused()

    assert page.evaluate("window.__notReloaded") is True
    assert navigations == []
    # One post a key press, with the rating pressed (and none for the stray "1").
    assert [re.search(r"rating=(\d)", data).group(1) for data in posted] == list(map(str, ratings))
    expect(page).to_have_url(re.compile(rf"{REVIEW_PATH}$"))
    assert (due, later) == (student_due(), student_later())
    expect_counts_elsewhere(page, due, later)


# -- without JavaScript -----------------------------------------------------------------

# How each rating is reached from the autofocused Good button, and the key that presses it.
KEYS = {
    3: ([], "Space"),
    4: (["Tab"], "Enter"),
    2: (["Shift+Tab"], "Space"),
    1: (["Shift+Tab", "Shift+Tab"], "Enter"),
}


def test_review_five_cards_from_the_keyboard_without_javascript(demo, new_context):
    page = new_context(java_script_enabled=False).new_page()
    log_in(page)
    study_first_section(page)
    due, later = follow_review_now(page), 0
    expect_due(page, due, later)
    status = page.locator(".messages")  # the site's messages, after the redirect

    # Again last: its card is back within a minute, and would then be due again.
    for rating in [3, 4, 2, 3, 1]:
        front = page.locator(".review-front").inner_text()
        expect(show_answer(page)).to_be_focused()  # autofocus: no script needed
        page.keyboard.press("Space")

        expect(page).to_have_url(re.compile(rf"{REVIEW_PATH}\?answer=\d+$"))
        expect(page.locator(".review-back")).to_be_visible()
        expect(page.locator(".review-front")).to_have_text(front)
        expect(rating_button(page, 3)).to_be_focused()
        moves, press = KEYS[rating]
        for move in moves:
            page.keyboard.press(move)
        expect(rating_button(page, rating)).to_be_focused()
        with page.expect_request(lambda request: request.method == "POST") as posted:
            page.keyboard.press(press)
        assert "hx-request" not in posted.value.headers
        assert f"rating={rating}" in posted.value.post_data

        expect(page).to_have_url(re.compile(rf"{REVIEW_PATH}$"))
        expect(status).to_contain_text(f"“{front}” is next due")
        due, later = counts_after(due, later, status.inner_text())
        expect_due(page, due, later)

    assert (due, later) == (student_due(), student_later())
    expect_counts_elsewhere(page, due, later)


# -- accessibility ----------------------------------------------------------------------


@pytest.fixture
def reviewing(demo):
    """The student has opened the lecture, read its first section and reviewed two
    cards (one for days ahead), so the queue, the counts and the forecast have shape."""
    student = get_user_model().objects.get(username="student")
    lecture = Lecture.objects.get(slug="russia-azerbaijan-relations")
    lecture_opened(user=student, lecture=lecture)
    progress_set(user=student, obj=lecture.sections.get(title=FIRST_SECTION), done=True)
    for rating in (4, 3):
        state = next_card(student, timezone.now())
        review_record(user=student, state=state, rating=rating, rep=state.reps)


def assert_no_serious_violations(page: Page, where: str) -> None:
    problems = serious_violations(page)
    assert not problems, f"{where}:\n" + "\n".join(f"  - {problem}" for problem in problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_review_pages_have_no_serious_accessibility_violations(
    reviewing, page: Page, scheme: str, screenshot_dir: Path
):
    page.emulate_media(color_scheme=scheme)
    suffix = "" if scheme == "light" else f"-{scheme}"
    log_in(page)

    page.goto(REVIEW_PATH)
    expect(show_answer(page)).to_be_focused()
    save_screenshot(page, screenshot_dir / f"review{suffix}.png")
    assert_no_serious_violations(page, "the card's front")

    page.keyboard.press("Space")
    expect(rating_button(page, 3)).to_be_focused()
    save_screenshot(page, screenshot_dir / f"review-answer{suffix}.png")
    assert_no_serious_violations(page, "the card's answer")

    page.goto("/progress/")
    expect(page.locator("figure.forecast svg rect.bar")).to_have_count(30)
    page.get_by_text("The forecast as a table").click()
    expect(page.locator(".forecast-table")).to_be_visible()
    save_screenshot(page, screenshot_dir / f"progress-forecast{suffix}.png")
    assert_no_serious_violations(page, "the progress page's forecast")


def test_nothing_to_review_has_no_serious_accessibility_violations(
    demo, page: Page, screenshot_dir: Path
):
    # student1 has read a section in the seed and reviewed its cards for two weeks;
    # whether one of them falls due later today (and so is due now: the queue takes
    # a review card any time on its day) depends on the hour the seed ran, so its
    # cards are put off until tomorrow.
    student = get_user_model().objects.get(username="student1")
    assert CardState.objects.filter(user=student).exists()
    CardState.objects.filter(user=student).update(
        due=day_end(timezone.now()) + timezone.timedelta(hours=1)
    )
    log_in(page, "student1")
    page.goto(REVIEW_PATH)
    expect(page.get_by_role("heading", level=2)).to_have_text("Nothing to review right now")
    expect_due(page, 0, 0)
    expect(show_answer(page)).to_have_count(0)
    save_screenshot(page, screenshot_dir / "review-empty.png")
    assert_no_serious_violations(page, "the empty review page")
