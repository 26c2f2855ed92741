"""An instructor's week on the site, never opening the admin (issue 18): import a
lecture's notes (checking how the file reads), publish it, draft a quiz, give it
opening, due and closing dates on its "Dates…" page (nobody is mailed about a draft)
and publish it (the confirmation says when it is due and that the students will be
mailed; each of them then is, once), make a reading from an action item and assign
it with a due date (mailed to that student); the student finds both on the dashboard
(the quiz under "Quizzes due" with its dates), ticks the item (the reading is done)
and takes the quiz, getting one question wrong; the instructor then reads the quiz's
results (answers per question, picks per choice) and opens that student's attempt,
read-only, where the wrong pick shows. And "View as a student".

Mail is sent as it would be on the site (the tests run queued tasks at once, in the
live server's thread, into Django's locmem outbox): the walk ends with exactly the
mails it caused, each to whom it should go, once.

With JavaScript on and off. On every page visited: no page-level sideways scroll at
1280 or at 390 px, and nothing serious from axe at the walk's width (the JavaScript
walk is on a laptop, the other on a phone). Without JavaScript axe cannot run in the
page (its checks wait on the page's event loop, which then never runs them), so it
audits a copy of the page as the browser has it, served again at the same address in
a tab of its own, without the site's scripts.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import dateformat, formats, timezone
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from lectures.models import Lecture, Reading, ReadingAssignment, ReadingProgress
from quizzes import services
from quizzes.models import Attempt, Question, Quiz

from .conftest import log_in, save_screenshot
from .test_accessibility import AxeWithoutJavaScript, serious_violations

# Six agreements in the glossary: the draft asks them one by one (single choices and
# a short answer), the kinds the student's answers are scripted for.
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
- Contract of the Century — the 1994 oil agreement between Azerbaijan and foreign companies.
- Caspian Convention — the 2018 treaty on the legal status of the sea.
- Production sharing agreement (PSA) — a deal giving a foreign firm a share of the oil it pumps.
- Host government agreement — the treaty terms a state grants to a pipeline's builders.
- Tehran Declaration — the 2007 statement by the coastal states against foreign bases.
- Ashgabat Accord — the 1998 pact on fishing quotas in the northern basin.
Next Steps
- Read chapter 4.
- Map the pipeline routes.
"""
COURSE = "Demo: Regional Politics"
NEW_LECTURE = "Caspian Energy"
ITEM = "Read chapter 4."
# The demo course's students (seed_demo --students 2), each mailed what is given to all.
STUDENTS = ["student1@example.com", "student2@example.com", "student@example.com"]
WIDTHS = {"desktop": 1280, "phone": 390}
HEIGHT = 900
# The kinds the student answers from the database's key; one single choice is
# answered wrongly on purpose.
ANSWERABLE = {Question.Kind.SINGLE, Question.Kind.TRUE_FALSE, Question.Kind.SHORT_ANSWER}


def sideways_scroll(page: Page) -> int:
    """How far the page itself scrolls sideways (a table in its own scroll box does not
    count): 0 when it fits."""
    return page.evaluate("(e => e.scrollWidth - e.clientWidth)(document.scrollingElement)")


class PageChecks:
    """Checks each page a walk visits at every width in WIDTHS, collecting what fails
    so that one run names every page with a problem."""

    def __init__(
        self, browser: Browser, *, javascript: bool, shots: Path, axe_every_width: bool = False
    ) -> None:
        self.javascript = javascript
        self.axe_every_width = axe_every_width
        self.shots = shots
        self.found: list[str] = []
        self._axe_without_javascript = AxeWithoutJavaScript(browser)

    def __call__(self, page: Page) -> None:
        """Sideways scroll at each width; axe and a screenshot at the walk's width (the
        JavaScript walk is on a laptop, the other on a phone, so axe sees both), or at
        each width with `axe_every_width`."""
        name = page.locator("main h1").inner_text()
        walked = page.viewport_size
        for width in WIDTHS.values():
            page.set_viewport_size({"width": width, "height": HEIGHT})
            if (overflow := sideways_scroll(page)) > 0:
                self.found.append(f"{name} at {width}px: scrolls sideways by {overflow}px")
            if self.axe_every_width and width != walked["width"]:
                self._axe(page, name, width)
        page.set_viewport_size(walked)
        slug = re.sub(r"\W+", "-", name.lower()).strip("-")[:40]
        save_screenshot(page, self.shots / f"teach-{slug}-{walked['width']}.png")
        self._axe(page, name, walked["width"])

    def _axe(self, page: Page, name: str, width: int) -> None:
        if self.javascript:
            problems = serious_violations(page)
        else:
            problems = self._axe_without_javascript(page)
        self.found += [f"{name} at {width}px: {problem}" for problem in problems]

    def close(self) -> None:
        self._axe_without_javascript.close()

    def assert_clean(self) -> None:
        assert not self.found, "\n".join(self.found)


@pytest.fixture
def checks(browser: Browser, request: pytest.FixtureRequest, screenshot_dir: Path):
    javascript = getattr(request, "param", True)
    made = PageChecks(browser, javascript=javascript, shots=screenshot_dir)
    yield made
    made.close()


def never_the_admin(context: BrowserContext, opened: list[str]) -> BrowserContext:
    """Record every request the context makes to the admin (there must be none)."""

    def seen(request) -> None:
        if urlsplit(request.url).path.startswith("/admin/"):
            opened.append(f"{request.method} {request.url}")

    context.on("request", seen)
    return context


def lecture_row(page: Page, title: str) -> Locator:
    return page.locator("article.teach-lecture").filter(
        has=page.get_by_role("heading", name=title, exact=True)
    )


def days_on(days: int, hour: int) -> datetime:
    """`days` from today (negative: ago) at `hour`:00 in the site's time zone, as an
    instructor types a date."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


def typed(moment: datetime) -> str:
    """A moment as a datetime-local field takes it."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def shown(moment: datetime) -> str:
    """A moment as the site's pages write it."""
    return dateformat.format(timezone.localtime(moment), "j M Y, H:i")


def prompt_start(question: Question) -> str:
    """The first words of a question's prompt, before any Markdown or gap it may hold:
    what every page shows of it (the results' table cuts a prompt at 16 words)."""
    plain = re.split(r"[*_`\[]", question.prompt, maxsplit=1)[0]
    return " ".join(plain.split()[:8])


def answer_shown_question(page: Page, number: int, questions: list[Question], wrong: Question):
    """Answer question `number` (whichever the attempt's order put there) from the key,
    except `wrong`, answered with its first wrong choice."""
    group = page.get_by_role("group", name=re.compile(rf"^Question {number}\b"))
    expect(group).to_be_visible()
    legend = group.locator("legend").inner_text()
    question = next(q for q in questions if prompt_start(q) in legend)
    choices = list(question.choices.all())
    if question.kind == Question.Kind.SHORT_ANSWER:
        group.get_by_role("textbox").fill(choices[0].text)
    else:
        pick = (
            picked_wrong(question)
            if question == wrong
            else next(c for c in choices if c.is_correct)
        )
        group.get_by_label(pick.text, exact=True).check()


def picked_wrong(question: Question):
    """The wrong choice the student picks: the first, in the key's order."""
    return next(c for c in question.choices.all() if not c.is_correct)


@pytest.mark.parametrize(
    ("checks", "width"),
    [(True, WIDTHS["desktop"]), (False, WIDTHS["phone"])],
    ids=["js", "no-js"],
    indirect=["checks"],
)
def test_an_instructors_week_without_the_admin(demo, new_context, checks: PageChecks, width: int):
    """Walked once with JavaScript (on a laptop) and once without (on a phone); each
    page is checked at both widths either way."""
    javascript = checks.javascript
    viewport = {"width": width, "height": HEIGHT}
    admin: list[str] = []
    teacher = never_the_admin(
        new_context(java_script_enabled=javascript, viewport=viewport), admin
    ).new_page()
    log_in(teacher, "instructor")
    teacher.get_by_role("link", name=re.compile(r"^Teach\b")).first.click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text(f"Teach {COURSE}")
    checks(teacher)

    # Import: the outline first, nothing written until confirmed.
    teacher.get_by_role("link", name="Import notes for a new lecture").click()
    checks(teacher)
    teacher.get_by_label("Notes file").set_input_files(
        {"name": "caspian.txt", "mimeType": "text/plain", "buffer": NOTES.encode()}
    )
    teacher.get_by_role("button", name="Check the file").click()
    expect(teacher.locator("#import-outline")).to_contain_text("Contract of the Century")
    expect(teacher.locator("#import-what")).to_contain_text("This makes a new lecture")
    assert not Lecture.objects.filter(title=NEW_LECTURE).exists()
    checks(teacher)
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
    checks(teacher)
    teacher.get_by_role("button", name="Yes, publish it").click()
    expect(teacher.locator(".messages")).to_contain_text(f"Published “{NEW_LECTURE}”")
    lecture.refresh_from_db()
    assert lecture.published

    # Draft a quiz: its state shows on the page.
    row = lecture_row(teacher, NEW_LECTURE)
    row.get_by_role("button", name=re.compile(r"^Generate a draft quiz")).click()
    expect(teacher.locator(".messages")).to_contain_text("Drafted")
    quiz = Quiz.objects.get(lecture=lecture)
    questions = services.questions_for(quiz)
    assert {q.kind for q in questions} <= ANSWERABLE, "the student's answers are scripted"
    singles = [q for q in questions if q.kind == Question.Kind.SINGLE]
    assert singles, "the walk needs a single-choice question to pick a wrong answer in"
    wrong = singles[0]
    expect(lecture_row(teacher, NEW_LECTURE)).to_contain_text(f"draft, {len(questions)} questions")
    expect(lecture_row(teacher, NEW_LECTURE)).to_contain_text("no due date")
    checks(teacher)

    # Its dates, before it is published: open since yesterday, due in six days,
    # closing two days after that. A draft mails nobody.
    opens, quiz_due, closes = days_on(-1, 9), days_on(6, 17), days_on(8, 17)
    lecture_row(teacher, NEW_LECTURE).get_by_role(
        "link", name=f"Dates… of {quiz.title}", exact=True
    ).click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text(f"Dates of “{quiz.title}”")
    checks(teacher)
    teacher.get_by_label("Opens", exact=True).fill(typed(opens))
    teacher.get_by_label("Due", exact=True).fill(typed(quiz_due))
    teacher.get_by_label("Closes", exact=True).fill(typed(closes))
    teacher.get_by_role("button", name="Save the dates").click()
    expect(teacher.locator(".messages")).to_have_text(
        f"Saved the dates of “{quiz.title}”: due {shown(quiz_due)}."
    )
    expect(lecture_row(teacher, NEW_LECTURE)).to_contain_text(f"due {shown(quiz_due)}")
    quiz.refresh_from_db()
    assert (quiz.opens_at, quiz.due_at, quiz.closes_at) == (opens, quiz_due, closes)
    assert not quiz.published
    assert not mail.outbox, "a draft quiz was mailed"

    # Published, told when it is due and that the students will be mailed; each of
    # them is, once, with its due date and a link to it.
    lecture_row(teacher, NEW_LECTURE).get_by_role(
        "link", name=f"Publish… {quiz.title}", exact=True
    ).click()
    expect(teacher.locator("#publish-who")).to_contain_text(f"will see “{quiz.title}”")
    expect(teacher.locator("#publish-dates")).to_have_text(
        f"It is due {shown(quiz_due)}: once it is published, the students are mailed "
        "that it is theirs to do."
    )
    checks(teacher)
    teacher.get_by_role("button", name="Yes, publish it").click()
    expect(teacher.locator(".messages")).to_contain_text(f"Published “{quiz.title}”")
    quiz.refresh_from_db()
    assert quiz.published
    quiz_mail = f"New in {COURSE}: {quiz.title}"
    assert sorted((m.to, m.subject) for m in mail.outbox) == [
        ([address], quiz_mail) for address in STUDENTS
    ]
    # As the mail writes it in English: the weekday, the site's date and time format
    # ("12 Dec 2026, 17:00") and the time zone.
    local_due = timezone.localtime(quiz_due)
    mailed_due = " ".join(
        [
            dateformat.format(local_due, "l"),
            formats.date_format(local_due, "DATETIME_FORMAT"),
            dateformat.format(local_due, "T"),
        ]
    )
    for message in mail.outbox:
        assert f"Due: {mailed_due}" in message.body
        assert quiz.get_absolute_url() in message.body

    # A reading made from the action item, assigned to the student with a due date.
    lecture_row(teacher, NEW_LECTURE).get_by_role(
        "link", name=re.compile(r"^Make readings…")
    ).click()
    checks(teacher)
    expect(teacher.get_by_label(ITEM, exact=True)).to_be_checked()
    teacher.get_by_label("Map the pipeline routes.", exact=True).uncheck()
    teacher.get_by_role("button", name="Make the readings and assign them").click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text("Assign readings")
    reading = Reading.objects.get(action_item__text=ITEM)
    expect(teacher.get_by_label(ITEM, exact=True)).to_be_checked()
    checks(teacher)
    teacher.get_by_label(re.compile(r"\(student\)$")).check()
    due = days_on(5, 17)
    shown_due = shown(due)
    teacher.get_by_label("Due", exact=True).fill(typed(due))
    teacher.get_by_role("button", name="Assign").click()
    expect(teacher.locator(".messages")).to_contain_text("1 new assignment")
    assignment = ReadingAssignment.objects.get(reading=reading, student__username="student")
    assert assignment.due_at == due
    listed = teacher.locator("#assignments").get_by_role("row").filter(has_text=ITEM)
    expect(listed).to_contain_text(shown_due)
    expect(listed).to_contain_text("0 of 1")
    checks(teacher)

    # The student finds the reading and its due date, ticks the item on the lecture
    # (the reading is done), and takes the quiz, one question wrong.
    student = get_user_model().objects.get(username="student")
    page = never_the_admin(
        new_context(java_script_enabled=javascript, viewport=viewport), admin
    ).new_page()
    log_in(page)
    expect(page.locator(f"#reading-{reading.pk}")).to_contain_text(f"due {shown_due}")
    quiz_due_row = page.locator("#quizzes-due li").filter(
        has=page.get_by_role("link", name=quiz.title, exact=True)
    )
    expect(quiz_due_row).to_contain_text(f"due {shown(quiz_due)}")
    expect(quiz_due_row).to_contain_text(f"closes {shown(closes)}")
    # Chromium puts a space before the visually hidden part of the name.
    take = re.compile(rf"^Take the quiz\W+{re.escape(quiz.title)}$")
    expect(quiz_due_row.get_by_role("link", name=take)).to_be_visible()
    checks(page)
    page.locator(f"#reading-{reading.pk}").get_by_role("link", name=reading.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_LECTURE)
    page.get_by_role("button", name=ITEM, exact=True).click()
    expect(page.get_by_role("button", name=ITEM, exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    assert ReadingProgress.objects.filter(reading=reading, user=student).exists()
    checks(page)
    page.get_by_role("region", name="Check your understanding").get_by_role(
        "link", name=quiz.title, exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(quiz.title)
    checks(page)
    page.get_by_role("button", name="Start the quiz", exact=True).click()
    for number in range(1, len(questions) + 1):
        answer_shown_question(page, number, questions, wrong)
        if number == 1:
            checks(page)
        if number < len(questions):
            page.get_by_role("button", name="Save and next →", exact=True).click()
    page.get_by_role("button", name="Finish…", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Submit your attempt?")
    checks(page)
    page.get_by_role("button", name="Submit and see my result", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your result")
    attempt = Attempt.objects.get(quiz=quiz, user=student)
    assert attempt.submitted_at is not None and 0 < attempt.percent < 100
    verdicts = page.locator(".review-item .verdict")
    expect(verdicts.filter(has_text="✗ Not correct")).to_have_count(1)
    checks(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    expect(page.locator(f"#reading-{reading.pk}")).to_contain_text("✓ Done")
    expect(quiz_due_row).to_contain_text(f"✓ Submitted · best {attempt.percent}%")

    # The instructor reads the results: who answered each question, who picked what.
    teacher.goto(f"/courses/{lecture.course.slug}/teach/")
    lecture_row(teacher, NEW_LECTURE).get_by_role(
        "link", name=f"Results of {quiz.title}", exact=True
    ).click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text(f"Results: {quiz.title}")
    expect(teacher).to_have_url(re.compile(rf"/courses/demo/report/quizzes/{quiz.pk}/$"))
    submitted = teacher.locator(".facts div").filter(has_text="Students who submitted")
    expect(submitted.locator("dd")).to_have_text("1 of 3")
    table = teacher.get_by_role("table", name=re.compile("^Each question over the 1 counted"))
    for question in questions:
        stats = table.get_by_role("row").filter(has_text=prompt_start(question))
        expect(stats.get_by_role("cell").nth(0)).to_have_text("1 of 1")
        right = "0% (0)" if question == wrong else "100% (1)"
        expect(stats.get_by_role("cell").nth(1)).to_have_text(right)
    picks = teacher.locator("article.question-result").filter(has_text=prompt_start(wrong))
    for choice in wrong.choices.all():
        picked = "1 (100%)" if choice == picked_wrong(wrong) else "0 (0%)"
        # The choice's text opens its row's header (a full stop may end it).
        header = re.compile(rf"^{re.escape(choice.text)}(?!\w)")
        choice_row = picks.get_by_role("row").filter(
            has=teacher.get_by_role("rowheader", name=header)
        )
        expect(choice_row.get_by_role("cell")).to_have_text(picked)
    checks(teacher)

    # ... and opens the student's attempt: read-only, the wrong pick beside the key.
    name = student.get_full_name() or student.get_username()
    students = teacher.locator("#quiz-students")
    students.get_by_role("row").filter(
        has=teacher.get_by_role("rowheader", name=name, exact=True)
    ).get_by_role("link", name=f"{attempt.percent}%").first.click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text(
        f"{name}’s attempt at {quiz.title}"
    )
    expect(teacher).to_have_url(
        re.compile(rf"/courses/demo/report/quizzes/{quiz.pk}/attempts/{attempt.pk}/$")
    )
    item = teacher.locator(".review-item").filter(has_text=prompt_start(wrong))
    expect(item.locator(".verdict")).to_contain_text("✗ Not correct")
    given = item.locator(".review-answer").filter(has_text="Their answer")
    expect(given).to_contain_text(picked_wrong(wrong).text)
    key = item.locator(".review-answer").filter(has_text="The right answer")
    expect(key).to_contain_text(next(c.text for c in wrong.choices.all() if c.is_correct))
    expect(teacher.locator(".review-item .verdict").filter(has_text="✓ Correct")).to_have_count(
        len(questions) - 1
    )
    # Read-only: nothing on the page can change the attempt.
    expect(teacher.get_by_role("main").locator("form, input, select, textarea")).to_have_count(0)
    checks(teacher)

    # Exactly the mail the walk caused: the quiz to each student once (not again
    # when the student took it), and the reading to the one student it was given.
    assert sorted((m.to, m.subject) for m in mail.outbox) == sorted(
        [([address], quiz_mail) for address in STUDENTS]
        + [(["student@example.com"], f"New in {COURSE}: {reading.title}")]
    )

    assert not admin, f"the walk opened the admin: {admin}"
    checks.assert_clean()


def test_view_as_a_student_and_the_reading_form(demo, new_context, checks: PageChecks):
    checks.axe_every_width = True
    teacher = new_context(viewport={"width": WIDTHS["desktop"], "height": HEIGHT}).new_page()
    log_in(teacher, "instructor")
    lecture = Lecture.objects.get(course__slug="demo")

    # The instructor's own header on the lecture, and the way to the student's view.
    teacher.goto(lecture.get_absolute_url())
    expect(teacher.get_by_role("navigation", name="Teaching")).to_be_visible()
    expect(teacher.get_by_text("Your progress")).to_have_count(0)
    checks(teacher)
    teacher.get_by_role("navigation", name="Teaching").get_by_role(
        "link", name="View as a student"
    ).click()
    expect(teacher.locator("#student-view-banner")).to_contain_text("Viewing as a student.")
    expect(teacher.get_by_role("button", name=re.compile("^Mark as read")).first).to_be_disabled()
    checks(teacher)
    teacher.get_by_role("navigation", name="Lecture").get_by_role("link", name="Glossary").click()
    expect(teacher.locator("#student-view-banner")).to_be_visible()
    checks(teacher)

    # The reading form's section menu follows the lecture.
    teacher.goto("/courses/demo/teach/readings/new/")
    section = teacher.get_by_label("Section")
    expect(section.locator("optgroup")).to_have_count(1)
    teacher.get_by_label("Lecture").select_option(label=lecture.title)
    expect(section.locator("optgroup")).to_have_count(0)
    expect(section.locator("option")).to_have_count(
        lecture.sections.filter(archived=False).count() + 1
    )
    checks(teacher)
    checks.assert_clean()


@pytest.mark.parametrize("checks", [True, False], ids=["js", "no-js"], indirect=True)
def test_the_checks_see_a_sideways_scroll_and_a_missing_label(live_server, new_context, checks):
    """The walk's checks can fail, with JavaScript and without: a field with no label,
    and a box wider than a phone."""
    viewport = {"width": WIDTHS["phone"], "height": HEIGHT}
    page = new_context(java_script_enabled=checks.javascript, viewport=viewport).new_page()
    page.goto("/accounts/login/")
    # Through the DOM rather than markup with a style attribute, which the CSP refuses.
    page.evaluate(
        """() => {
            const wide = document.createElement("div");
            wide.style.width = "600px";
            wide.textContent = "wider than a phone";
            document.querySelector("main").append(wide, document.createElement("input"));
        }"""
    )
    checks(page)
    assert [line.split(":")[0] for line in checks.found] == ["Log in at 390px"] * 2
    assert "scrolls sideways by" in checks.found[0]
    assert "label (critical)" in checks.found[1]
