"""The demo student takes, resumes, submits and reviews the sample quiz in the browser.

The demo quiz is the draft generated from the sample notes (two questions since round 12
of issue 17) and four questions an instructor adds to it here, so that every kind a
student meets is taken in the browser whatever the generator drafts.

With JavaScript on, htmx swaps one question at a time (answers saved as you go); with it
off, the same forms post and redirect. axe-core must find nothing serious on the way.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from quizzes import services
from quizzes.grading import correct_response
from quizzes.kinds.matching import option_label
from quizzes.models import Attempt, Question, Quiz
from tests.helpers import add_question

from .conftest import LECTURE_PATH, log_in, save_screenshot
from .test_accessibility import serious_violations

QUIZ_TITLE = "Russia–Azerbaijan Relations: check your understanding"
ATTEMPT_URL = r"/attempts/\d+/"


def demo_quiz() -> Quiz:
    return Quiz.objects.get(title=QUIZ_TITLE)


@pytest.fixture(autouse=True)
def instructor_questions(request: pytest.FixtureRequest) -> None:
    """Questions an instructor writes beside the generated draft: true or false, two
    single choices and an ordering, from the sample notes."""
    if "demo" not in request.fixturenames:
        return
    request.getfixturevalue("demo")
    quiz = demo_quiz()
    Kind = Question.Kind
    add_question(
        quiz,
        Kind.TRUE_FALSE,
        "True or false: Russia intervened militarily in the 2020 Nagorno-Karabakh war.",
        [{"text": "True"}, {"text": "False", "is_correct": True}],
    )
    add_question(
        quiz,
        Kind.SINGLE,
        "Whose support did Azerbaijan's victory in 2020 rely on most?",
        [{"text": "Turkey's", "is_correct": True}, {"text": "Russia's"}, {"text": "Iran's"}],
    )
    add_question(
        quiz,
        Kind.ORDERING,
        "Put these in order, earliest first.",
        [
            {"text": "Azerbaijan joins NATO's Partnership for Peace", "order_key": 1},
            {"text": "Azerbaijan joins the Non-Aligned Movement", "order_key": 2},
            {"text": "An Azerbaijani plane is shot down over Russia", "order_key": 3},
        ],
        points=2,
    )
    add_question(
        quiz,
        Kind.SINGLE,
        "What did Azerbaijan do after Azerbaijanis died in Russian detention in 2025?",
        [
            {"text": "It arrested Russians and raided Russian media", "is_correct": True},
            {"text": "It rejoined the Collective Security Treaty"},
            {"text": "It left the Non-Aligned Movement"},
        ],
    )


def total() -> int:
    """The demo quiz's number of questions (generated from the sample notes)."""
    return demo_quiz().questions.count()


def kind_of(number: int) -> str:
    return services.questions_for(demo_quiz())[number - 1].kind


# The kinds the test can answer wrongly on purpose.
WRONGABLE = (Question.Kind.SINGLE, Question.Kind.TRUE_FALSE, Question.Kind.SHORT_ANSWER)


def assert_accessible(page: Page, what: str) -> None:
    problems = serious_violations(page)
    assert not problems, f"{what}:\n" + "\n".join(f"  - {p}" for p in problems)


def question(page: Page, number: int) -> Locator:
    """The question's fieldset, named by its legend ("Question 2 …", not "Question 12 …")."""
    return page.get_by_role("group", name=re.compile(rf"^Question {number}\b"))


def answer(page: Page, number: int, *, right: bool = True, kept: bool = False) -> None:
    """Answer question `number` through its visible labels or, with `kept`, expect that answer.

    The page carries no hint of the right answer, so the test looks it up in the database.
    `right=False` picks a wrong option (single-choice kinds only).
    """
    q = services.questions_for(demo_quiz())[number - 1]
    group, by_pk = question(page, number), {c.pk: c for c in q.choices.all()}
    right_response = correct_response(q)
    if q.kind in (Question.Kind.SINGLE, Question.Kind.TRUE_FALSE):
        wrong = [c for c in by_pk.values() if not c.is_correct]
        pick = by_pk[right_response["choice"]] if right else wrong[0]
        radio = group.get_by_label(pick.text, exact=True)
        if kept:
            expect(radio).to_be_checked()
        else:
            radio.check()
        return
    if q.kind == Question.Kind.SHORT_ANSWER:
        box = group.get_by_role("textbox")
        text = right_response["text"] if right else "not the answer"
        if kept:
            expect(box).to_have_value(text)
        else:
            box.fill(text)
        return
    assert right, f"question {number} is {q.kind}: no wrong answer is scripted for it"
    if q.kind == Question.Kind.MATCHING:
        rows = [
            (by_pk[left].text, _matching_option(group, by_pk[pk].match_text))
            for left, pk in _pairs(right_response)
        ]
    elif q.kind == Question.Kind.ORDERING:
        rows = [(by_pk[pk].text, str(n)) for n, pk in enumerate(right_response["order"], 1)]
    else:
        raise AssertionError(f"question {number}: the demo quiz has no {q.kind} questions")
    for label, option in rows:
        select = group.get_by_label(label, exact=True)
        if kept:
            expect(select.locator("option:checked")).to_have_text(option)
        else:
            select.select_option(label=option)


def _matching_option(group: Locator, text: str) -> str:
    """The menu option naming an answer: its letter in the question's list of answers."""
    listed = group.locator(".match-answers li").filter(has_text=text)
    return option_label(listed.locator(".match-letter").inner_text(), text)


def _pairs(response: dict) -> list[tuple[int, int]]:
    return [(int(left), right) for left, right in response["pairs"].items()]


def button(page: Page, name: str) -> Locator:
    return page.get_by_role("button", name=name, exact=True)


def start_quiz(page: Page) -> None:
    page.goto(demo_quiz().get_absolute_url())
    button(page, "Start the quiz").click()
    expect(question(page, 1)).to_be_visible()


def test_take_resume_submit_and_review_with_javascript(student_page: Page, screenshot_dir: Path):
    page = student_page
    page.goto(LECTURE_PATH)
    quizzes = page.get_by_role("region", name="Check your understanding")
    quizzes.get_by_role("link", name=QUIZ_TITLE, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(QUIZ_TITLE)
    assert_accessible(page, "quiz page")

    button(page, "Start the quiz").click()
    expect(question(page, 1)).to_be_visible()
    expect(page.locator("#quiz-status")).to_have_text(f"Question 1 of {total()}.")
    save_screenshot(page, screenshot_dir / "quiz-question.png")
    assert_accessible(page, "question 1")

    page.evaluate("window.__notReloaded = true")
    answer(page, 1)
    with page.expect_request(lambda r: r.method == "POST") as posted:
        button(page, "Save and next →").click()
    assert posted.value.headers.get("hx-request") == "true"
    expect(page).to_have_url(re.compile(rf"{ATTEMPT_URL}\?q=2$"))  # HX-Push-Url
    expect(question(page, 2)).to_be_visible()
    nav = page.get_by_role("navigation", name="Questions")
    expect(nav).to_contain_text(f"1 of {total()} answered")
    expect(nav.get_by_role("button", name="1 (answered)")).to_be_visible()
    expect(nav.locator("[aria-current=step]")).to_have_text("2")
    expect(page.locator("#quiz-status")).to_have_text(f"Question 2 of {total()}.")
    # Focus follows the swap into the new question (its legend), not back to the top.
    expect(page.locator("#question-panel legend.js-focus")).to_be_focused()
    assert page.evaluate(
        "document.querySelector('#question-panel').contains(document.activeElement)"
    )
    assert page.evaluate("window.__notReloaded") is True
    assert_accessible(page, "question 2 after the swap")

    # Resume: the saved answer is still there after a reload and from the quiz page.
    button(page, "← Previous").click()
    expect(page).to_have_url(re.compile(rf"{ATTEMPT_URL}\?q=1$"))
    page.reload()
    answer(page, 1, kept=True)
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=QUIZ_TITLE).click()
    expect(page.get_by_role("cell", name="In progress")).to_be_visible()
    page.get_by_role("link", name="Resume your attempt").click()
    answer(page, 1, kept=True)
    # Questions 1 to 5 of the demo quiz, every kind among them, one answered wrongly.
    wrong = next(n for n in range(2, 6) if kind_of(n) in WRONGABLE)
    for number in range(2, 6):
        button(page, "Save and next →").click()
        answer(page, number, right=number != wrong)
    button(page, "Finish…").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Submit your attempt?")
    expect(page.get_by_role("main")).to_contain_text(f"answered 5 of {total()}")
    assert_accessible(page, "confirmation page")
    button(page, "Submit and see my result").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your result")
    attempt = Attempt.objects.get(user__username="student")
    verdict = "Passed ✓" if attempt.passed else "Not passed"
    expect(page.locator(".result-score")).to_have_text(
        re.compile(rf"^{attempt.percent}% · {re.escape(verdict)}")
    )
    verdicts = page.locator(".review-item .verdict")
    expect(verdicts.filter(has_text="✓ Correct")).to_have_count(4)
    expect(verdicts.filter(has_text="✗ Not correct")).to_have_count(total() - 4)
    expect(page.get_by_text("The right answer", exact=True)).to_have_count(total() - 4)
    reread = page.get_by_role("link", name=re.compile(r"^Re-read “"))
    expect(reread.first).to_have_attribute("href", re.compile(rf"^{LECTURE_PATH}#[\w-]+$"))
    save_screenshot(page, screenshot_dir / "quiz-review.png")
    assert_accessible(page, "review page")
    page.emulate_media(color_scheme="dark")
    assert_accessible(page, "review page, dark")


def test_question_list_saves_the_answer_before_jumping(student_page: Page):
    page = student_page
    start_quiz(page)
    nav = page.get_by_role("navigation", name="Questions")
    answer(page, 1)  # picked, not saved
    with page.expect_request(lambda r: r.method == "POST") as posted:
        nav.get_by_role("button", name="3", exact=True).click()
    # The button sits outside the form (form="question-form"): htmx still posts the
    # form, with the button's name and value.
    assert posted.value.headers.get("hx-request") == "true"
    assert "nav=goto-3" in (posted.value.post_data or "")
    expect(page).to_have_url(re.compile(rf"{ATTEMPT_URL}\?q=3$"))
    expect(question(page, 3)).to_be_visible()
    expect(nav.locator("[aria-current=step]")).to_have_text("3")
    expect(nav).to_contain_text(f"1 of {total()} answered")
    expect(page.locator("#question-panel legend.js-focus")).to_be_focused()

    nav.get_by_role("button", name="1 (answered)").click()
    expect(page).to_have_url(re.compile(rf"{ATTEMPT_URL}\?q=1$"))
    answer(page, 1, kept=True)
    page.reload()
    answer(page, 1, kept=True)


def test_immediate_feedback_is_shown_and_announced(student_page: Page, screenshot_dir: Path):
    Quiz.objects.filter(title=QUIZ_TITLE).update(feedback=Quiz.Feedback.IMMEDIATE)
    page = student_page
    start_quiz(page)
    status = page.locator("#quiz-status")
    expect(status).to_have_attribute("aria-live", "polite")
    # The first question that can be answered wrongly on purpose (the generated demo
    # quiz's order is the generator's), then the one after it.
    number = next(n for n in range(1, total()) if kind_of(n) in WRONGABLE)
    if number > 1:
        nav = page.get_by_role("navigation", name="Questions")
        nav.get_by_role("button", name=str(number), exact=True).click()
        expect(question(page, number)).to_be_visible()

    # Nothing chosen: no verdict, nothing locked, just a request to choose.
    button(page, "Check answer").click()
    notice = page.locator("#question-panel .quiz-notice")
    expect(notice).to_have_text("Choose an answer before checking it.")
    expect(notice).to_be_focused()
    expect(status).to_have_text("Choose an answer before checking it.")
    expect(question(page, number)).not_to_have_attribute("disabled", "")
    expect(page.locator("#question-panel .feedback")).to_have_count(0)

    answer(page, number, right=False)
    button(page, "Check answer").click()

    feedback = page.locator("#question-panel .feedback")
    expect(feedback).to_contain_text("✗ Not quite.")
    expect(feedback).to_contain_text("The answer:")
    expect(feedback).to_be_focused()
    expect(status).to_have_text("Not quite.")
    expect(question(page, number)).to_have_attribute("disabled", "")
    inputs = question(page, number).locator("input:not([type=hidden]), select")
    expect(inputs.first).to_be_disabled()
    expect(button(page, "Check answer")).to_have_count(0)
    save_screenshot(page, screenshot_dir / "quiz-feedback.png")
    assert_accessible(page, "wrong-answer feedback")
    page.emulate_media(color_scheme="dark")
    assert_accessible(page, "wrong-answer feedback, dark")

    button(page, "Next →").click()
    answer(page, number + 1)
    button(page, "Check answer").click()
    expect(feedback).to_contain_text("✓ Correct.")
    expect(status).to_have_text("Correct.")
    expect(question(page, number + 1)).to_have_attribute("disabled", "")


def test_take_and_submit_the_quiz_without_javascript(demo, new_context):
    page = new_context(java_script_enabled=False).new_page()
    log_in(page)
    start_quiz(page)

    answer(page, 1)
    with page.expect_request(lambda r: r.method == "POST") as posted:
        button(page, "Save and next →").click()
    assert "hx-request" not in posted.value.headers  # a plain form post, then a redirect
    expect(page).to_have_url(re.compile(rf"{ATTEMPT_URL}\?q=2$"))
    expect(question(page, 2)).to_be_visible()
    nav = page.get_by_role("navigation", name="Questions")
    expect(nav).to_contain_text(f"1 of {total()} answered")
    # The question list posts the form too: the answer picked on question 2 is kept.
    answer(page, 2)
    nav.get_by_role("button", name="3", exact=True).click()
    expect(page).to_have_url(re.compile(rf"{ATTEMPT_URL}\?q=3$"))
    expect(nav).to_contain_text(f"2 of {total()} answered")

    page.get_by_role("link", name="Show all questions on one page").click()
    expect(page).to_have_url(re.compile(rf"{ATTEMPT_URL}\?view=all$"))
    expect(page.get_by_role("group")).to_have_count(total())
    answer(page, 1, kept=True)
    answer(page, 2, kept=True)
    button(page, "Save and finish…").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Submit your attempt?")
    expect(page.get_by_role("main")).to_contain_text(f"answered 2 of {total()}")
    button(page, "Submit and see my result").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your result")
    percent = Attempt.objects.get(user__username="student").percent
    expect(page.locator(".result-score")).to_contain_text(f"{percent}%")
    expect(page.locator(".review-item .verdict").filter(has_text="✓ Correct")).to_have_count(2)


LONG_DEFINITIONS = {
    "Subduction": "the lithosphere of one tectonic plate sinking beneath another, "
    "down into the mantle, where it melts",
    "Mid-ocean ridge": "an underwater mountain range where two plates move apart and "
    "rising magma forms new oceanic crust",
    "Pangaea": "the supercontinent that joined nearly all of the Earth's land about "
    "three hundred million years ago",
}


def test_a_matching_questions_long_definitions_are_read_whole_on_a_phone(
    demo, new_context, screenshot_dir: Path
):
    quiz = Quiz.objects.create(
        lecture=demo_quiz().lecture, title="Plate words", published=True, pass_mark=50
    )
    add_question(
        quiz,
        Question.Kind.MATCHING,
        "Match each term with its definition.",
        [{"text": t, "match_text": d, "is_correct": True} for t, d in LONG_DEFINITIONS.items()],
    )
    for javascript in (True, False):
        context = new_context(
            viewport={"width": 390, "height": 844}, is_mobile=True, java_script_enabled=javascript
        )
        page = context.new_page()
        log_in(page)
        page.goto(quiz.get_absolute_url())
        button(page, "Start the quiz").click()
        group = question(page, 1)
        expect(group).to_be_visible()
        save_screenshot(page, screenshot_dir / "quiz-matching-phone.png")
        # Every definition is on the page whole, wrapped, none wider than its box.
        answers = group.get_by_role("list", name="Answers to choose from:")
        for definition in LONG_DEFINITIONS.values():
            expect(answers).to_contain_text(definition)
        clipped = answers.locator("li").evaluate_all(
            "items => items.filter(i => i.scrollWidth > i.clientWidth).length"
        )
        assert clipped == 0
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the question scrolls sideways by {overflow}px on a phone"
        # Each term's menu fits the screen and answers by letter.
        for term, definition in LONG_DEFINITIONS.items():
            select = group.get_by_label(term, exact=True)
            box = select.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, term
            select.select_option(label=_matching_option(group, definition))
        if javascript:  # axe runs in the page: it cannot without JavaScript
            assert_accessible(page, "a matching question on a phone")
        button(page, "Finish…").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Submit your attempt?")
        button(page, "Submit and see my result").click()
        expect(page.locator(".result-score")).to_contain_text("100%")
        Attempt.objects.filter(quiz=quiz).delete()
        context.close()
