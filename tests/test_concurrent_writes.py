"""Fifty students at once, over HTTP: progress toggles, quiz answers and submits
give no error and lose no row, on SQLite (WAL, IMMEDIATE transactions, a busy
timeout) and on PostgreSQL, and the report's summary rows match a recount."""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import resolve, reverse

from lectures.models import (
    ActionItemProgress,
    CardState,
    CourseSummary,
    Enrolment,
    LectureSummary,
    LectureVisit,
    ReviewLog,
    SectionProgress,
)
from quizzes.forms import token
from quizzes.models import Answer, Attempt, Quiz
from tests.helpers import Kind, add_question

# Fifty threads queue on SQLite's busy timeout; another test process sharing the CPU
# could stretch the queue past it, so `make test` runs this module on its own.
pytestmark = pytest.mark.serial

STUDENTS = 50
HTMX = {"HTTP_HX_REQUEST": "true"}


# How long a writer waits its turn here. settings.py's 20 s is a request's worth;
# fifty writers queued at once on a slow, shared CI machine once waited past it
# (one ci-local run: "database is locked" with the rest of the suite 60 % slower).
# The test is about what is kept, not how fast: the queue's length is the machine's.
QUEUE_TIMEOUT = 90


@pytest.fixture
def patient_writers(database_on_disk):
    """On SQLite, writers wait up to QUEUE_TIMEOUT for the lock (see above)."""
    if connection.vendor != "sqlite":
        yield
        return
    options = connection.settings_dict.setdefault("OPTIONS", {})
    before = options.get("timeout")
    options["timeout"] = QUEUE_TIMEOUT
    connection.close()
    try:
        yield
    finally:
        connection.close()
        if before is None:
            options.pop("timeout")
        else:
            options["timeout"] = before


@pytest.fixture
def classroom(patient_writers, course, student, make_user):
    """The shared course's lecture (two sections, two action items), a published
    four-question quiz, and STUDENTS enrolled students (the shared one included)."""
    lecture = course.lectures.get()
    quiz = Quiz.objects.create(lecture=lecture, title="Plates", published=True, pass_mark=50)
    add_question(
        quiz,
        Kind.SINGLE,
        "What is subduction?",
        [{"text": "A plate sliding under another", "is_correct": True}, {"text": "A volcano"}],
    )
    add_question(
        quiz,
        Kind.MULTIPLE,
        "Which are evidence for drift?",
        [
            {"text": "Matching fossils", "is_correct": True},
            {"text": "Matching rock layers", "is_correct": True},
            {"text": "Tides"},
        ],
    )
    add_question(
        quiz,
        Kind.TRUE_FALSE,
        "Continents drift a few centimetres a year.",
        [{"text": "True", "is_correct": True}, {"text": "False"}],
    )
    add_question(
        quiz, Kind.SHORT_ANSWER, "Who proposed drift?", [{"text": "Wegener", "is_correct": True}]
    )
    students = [student]
    for n in range(1, STUDENTS):
        user = make_user(f"student{n:02}")
        Enrolment.objects.create(course=course, user=user)
        students.append(user)
    return lecture, quiz, students


@dataclass
class Plan:
    """What one student asks for, and so what the database must hold afterwards."""

    index: int
    sections_read: dict[int, bool]
    items_done: dict[int, bool]
    # Per question: answered rightly, wrongly, or (None) left blank.
    right: list[bool | None]
    failures: list[str] = field(default_factory=list)


def plan_for(index: int, sections, items) -> Plan:
    right: list[bool | None] = [(index + n) % 3 != 0 for n in range(4)]
    if index % 5 == 0:
        right[3] = None  # the short answer left blank
    # Final states follow the index's bits: every combination occurs among fifty students.
    return Plan(
        index=index,
        sections_read={s.pk: bool(index >> n & 1) for n, s in enumerate(sections)},
        items_done={i.pk: bool(index >> (n + 2) & 1) for n, i in enumerate(items)},
        right=right,
    )


def choice_pk(question, text: str) -> int:
    return next(c.pk for c in question.choices.all() if c.text == text)


def expected_response(question, right: bool | None) -> dict:
    """The response grading stores for a right, wrong or blank answer."""
    if right is None:
        return {}
    if question.kind == Kind.SINGLE:
        text = "A plate sliding under another" if right else "A volcano"
        return {"choice": choice_pk(question, text)}
    if question.kind == Kind.MULTIPLE:
        wrong = ["Matching fossils", "Tides"]  # one right and one wrong: no points
        texts = ["Matching fossils", "Matching rock layers"] if right else wrong
        return {"choices": sorted(choice_pk(question, t) for t in texts)}
    if question.kind == Kind.TRUE_FALSE:
        return {"choice": choice_pk(question, "True" if right else "False")}
    return {"text": "Wegener" if right else "Hutton"}


def form_data(attempt: Attempt, question, response: dict) -> dict:
    """The POST fields the answer form sends for `response`."""
    name = f"q{question.pk}"
    if "choice" in response:
        return {name: token(attempt, response["choice"])}
    if "choices" in response:
        return {name: [token(attempt, pk) for pk in response["choices"]]}
    return {name: response.get("text", "")}


def study(user, plan: Plan, lecture, quiz, questions) -> None:
    """One student's session: the requests a browser would make, in order."""
    client = Client()
    args = [lecture.course.slug, lecture.slug]

    def request(method: str, url: str, data=None, htmx: bool = False, ok=(200, 302)):
        try:
            response = getattr(client, method)(url, data or {}, **(HTMX if htmx else {}))
        except Exception as exc:  # a 500: the test client re-raises the view's exception
            plan.failures.append(f"{method.upper()} {url}: {exc!r}")
            raise
        if response.status_code not in ok:
            plan.failures.append(f"{method.upper()} {url}: {response.status_code}")
            raise AssertionError(plan.failures[-1])
        return response

    try:
        client.force_login(user)
        request("get", lecture.get_absolute_url())
        toggles = [
            ("lectures:section_mark_read", plan.sections_read),
            ("lectures:item_mark_done", plan.items_done),
        ]
        for name, wanted in toggles:
            for pk, done in wanted.items():
                url = reverse(name, args=[*args, pk])
                request("post", url, {"done": "1"})
                request("post", url, {"done": "1"}, htmx=True)  # a double click agrees
                request("post", url, {"done": "0"}, htmx=True)
                request("post", url, {"done": "1" if done else "0"}, htmx=plan.index % 2 == 1)

        start = request("post", reverse("quizzes:quiz_start", args=[*args, quiz.pk]))
        # Tokens are per attempt; a browser reads them off the page, this reads the seed.
        attempt = Attempt.objects.get(pk=resolve(start.url).kwargs["pk"])
        finals = [expected_response(q, r) for q, r in zip(questions, plan.right, strict=True)]
        answer = reverse("quizzes:attempt_answer", args=[attempt.pk, 1])
        # A first answer, changed: the second one must be what is stored.
        wrong_first = expected_response(questions[0], not plan.right[0])
        request("post", answer, form_data(attempt, questions[0], wrong_first), htmx=True)
        request("post", answer, {**form_data(attempt, questions[0], finals[0]), "nav": "next"})
        for number in (2, 3):
            question, response = questions[number - 1], finals[number - 1]
            url = reverse("quizzes:attempt_answer", args=[attempt.pk, number])
            data = {**form_data(attempt, question, response), "nav": "next"}
            request("post", url, data, htmx=plan.index % 2 == 1)
        if plan.index % 2 == 0:
            # The one-page form: every answer again, the blank one blank.
            data = {"nav": "save"}
            for question, response in zip(questions, finals, strict=True):
                data.update(form_data(attempt, question, response))
            request("post", reverse("quizzes:attempt_answer_all", args=[attempt.pk]), data)
        else:
            url = reverse("quizzes:attempt_answer", args=[attempt.pk, 4])
            data = {**form_data(attempt, questions[3], finals[3]), "nav": "submit"}
            request("post", url, data, htmx=True, ok=(204,))
        submit = reverse("quizzes:attempt_submit", args=[attempt.pk])
        request("get", submit)
        request("post", submit)
        request("get", attempt.get_absolute_url())
    except Exception as exc:
        if not plan.failures:
            plan.failures.append(repr(exc))
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_fifty_students_at_once_lose_nothing(classroom):
    lecture, quiz, students = classroom
    sections = list(lecture.sections.order_by("position"))
    items = list(lecture.action_items.order_by("position"))
    questions = list(quiz.questions.order_by("position").prefetch_related("choices"))
    plans = [plan_for(n, sections, items) for n in range(STUDENTS)]
    at_once(
        [
            lambda user=user, plan=plan: study(user, plan, lecture, quiz, questions)
            for user, plan in zip(students, plans, strict=True)
        ]
    )
    failures = [f"student {p.index}: {failure}" for p in plans for failure in p.failures]
    assert failures == []

    by_user = dict(zip((u.pk for u in students), plans, strict=True))
    assert set(SectionProgress.objects.values_list("user_id", "section_id")) == {
        (user, pk) for user, p in by_user.items() for pk, read in p.sections_read.items() if read
    }
    assert set(ActionItemProgress.objects.values_list("user_id", "item_id")) == {
        (user, pk) for user, p in by_user.items() for pk, done in p.items_done.items() if done
    }
    attempts = {a.user_id: a for a in Attempt.objects.all()}
    assert len(attempts) == Attempt.objects.count() == STUDENTS
    answers = {
        (a.attempt.user_id, a.question_id): a for a in Answer.objects.select_related("attempt")
    }
    assert len(answers) == Answer.objects.count() == STUDENTS * len(questions)
    for user, plan in by_user.items():
        attempt = attempts[user]
        assert attempt.submitted_at is not None and not attempt.late
        for question, right in zip(questions, plan.right, strict=True):
            stored = answers[user, question.pk]
            assert stored.response == expected_response(question, right), (plan.index, question)
            assert stored.is_correct is bool(right), (plan.index, question)
        score = sum(1 for right in plan.right if right)
        assert (attempt.score, attempt.percent) == (Decimal(score), 100 * score // 4)
        assert attempt.passed is (score >= 2)

    # The report's rows, as the live writes left them, against what was asked for...
    rows = {row.user_id: row for row in LectureSummary.objects.filter(lecture=lecture)}
    totals = {row.user_id: row for row in CourseSummary.objects.filter(course=lecture.course)}
    for user, plan in by_user.items():
        figures = (
            sum(plan.sections_read.values()),
            sum(plan.items_done.values()),
            attempts[user].percent,
        )
        row = rows[user]
        assert (row.sections_read, row.items_done, row.best_percent) == figures, plan.index
        assert (totals[user].sections_read, totals[user].items_done) == figures[:2], plan.index
    # ...and against a recount from the progress tables (CommandError if any differs).
    call_command("rebuild_summaries", "--check", stdout=io.StringIO())


TABS = 8


def at_once(calls) -> list:
    """Run each call on its own thread, released together; returns their results
    (or the exceptions they raised), once every thread has finished."""
    barrier = threading.Barrier(len(calls), timeout=60)
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # a 500 is re-raised by the test client
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return results


@pytest.mark.django_db(transaction=True)
def test_a_lecture_opened_and_a_card_rated_in_many_tabs_at_once_count_once(
    patient_writers, course, student
):
    lecture = course.lectures.get()

    def tab():
        client = Client()
        client.force_login(student)
        return client

    tabs = [tab() for _ in range(TABS)]
    # The first visit, in every tab at once: each card becomes due once.
    opened = at_once([lambda c=c: c.get(lecture.get_absolute_url()).status_code for c in tabs])
    assert opened == [200] * TABS
    assert LectureVisit.objects.filter(user=student).count() == 1
    states = CardState.objects.filter(user=student)
    assert states.count() == 2 and states.values("card").distinct().count() == 2

    # The same rating of the same card, from every tab at once: one review.
    state = states.first()
    data = {"card": state.card_id, "rep": 0, "rating": "3"}
    rated = at_once(
        [lambda c=c: c.post(reverse("lectures:review"), data, **HTMX).status_code for c in tabs]
    )
    assert rated == [200] * TABS
    state.refresh_from_db()
    assert state.reps == 1
    assert ReviewLog.objects.filter(user=student, card_id=state.card_id).count() == 1
