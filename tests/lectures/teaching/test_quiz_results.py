"""One quiz's results for its course's instructors: the quiz overall, each question
with how many gave each answer, every student's counted and latest attempt, a
student's attempt read-only, and the report's CSV taking its scores from the same
results."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from lectures.models import Enrolment
from quizzes import results, services
from quizzes.models import Attempt, Question, Quiz
from tests.helpers import add_question
from tests.quizzes.test_results import submit

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
Kind = Question.Kind


@pytest.fixture
def enrol(course, make_user):
    def make(username: str, **fields):
        user = make_user(username, **fields)
        Enrolment.objects.create(course=course, user=user)
        return user

    return make


@pytest.fixture
def quiz(course):
    """A single-choice, a short-answer and a matching question."""
    quiz = Quiz.objects.create(
        lecture=course.lectures.get(), title="Plates quiz", published=True, pass_mark=60
    )
    add_question(
        quiz,
        Kind.SINGLE,
        "What is *subduction*?",
        [
            {"text": "A plate sliding under another", "is_correct": True},
            {"text": "Where new crust forms"},
            {"text": "A volcano"},
        ],
    )
    add_question(
        quiz, Kind.SHORT_ANSWER, "Who proposed drift?", [{"text": "Wegener", "is_correct": True}]
    )
    add_question(
        quiz,
        Kind.MATCHING,
        "Match the terms.",
        [
            {"text": "Subduction", "match_text": "plate under plate", "is_correct": True},
            {"text": "Ridge", "match_text": "new crust", "is_correct": True},
        ],
    )
    return quiz


RIGHT = {
    0: "A plate sliding under another",
    1: "Wegener",
    2: {"Subduction": "plate under plate", "Ridge": "new crust"},
}
WRONG = {0: "Where new crust forms", 1: "Hess", 2: {"Subduction": "new crust"}}


def quiz_url(course, quiz, **params) -> str:
    url = reverse("lectures:report_quiz", args=[course.slug, quiz.pk])
    return f"{url}?{urlencode(params)}" if params else url


def attempt_url(course, quiz, attempt) -> str:
    return reverse("lectures:report_attempt", args=[course.slug, quiz.pk, attempt.pk])


def text_of(response) -> str:
    return " ".join(response.content.decode().split())


# -- the students ----------------------------------------------------------------------


def test_students_with_their_counted_and_latest_attempts(
    instructor_client, course, quiz, student, instructor, enrol
):
    other = enrol("other")
    enrol("idle")
    for percent, day in [(90, 1), (40, 2)]:
        Attempt.objects.create(
            quiz=quiz,
            user=student,
            percent=percent,
            passed=percent >= 60,
            started_at=NOW + timedelta(days=day),
            submitted_at=NOW + timedelta(days=day),
        )
    Attempt.objects.create(quiz=quiz, user=other, percent=55, passed=False, submitted_at=NOW)
    Attempt.objects.create(quiz=quiz, user=other)  # open, not counted
    # An instructor enrolled in their own course is not one of its students here.
    Enrolment.objects.create(course=course, user=instructor)
    Attempt.objects.create(quiz=quiz, user=instructor, percent=100, passed=True, submitted_at=NOW)

    response = instructor_client.get(quiz_url(course, quiz, sort="best", dir="desc"))
    assert response.status_code == 200
    rows = [(s.username, s.best, s.latest_percent, s.tries) for s in response.context["page"]]
    assert rows == [("student", 90, 40, 2), ("other", 55, 55, 1), ("idle", None, None, 0)]
    assert response.context["summary"] == results.Summary(
        students=3, tried=2, passed=1, average=72.5
    )
    body = text_of(response)
    assert "one in progress" in body and "not tried" in body
    best, latest = Attempt.objects.filter(user=student).order_by("-percent")
    # Each score opens its attempt.
    assert (
        f'<a href="{attempt_url(course, quiz, best)}">90%</a>'
        ' <span class="state-done">passed ✓</span>' in body
    )
    assert f'<a href="{attempt_url(course, quiz, latest)}">40%</a> on <time' in body
    assert "<dt>Students who submitted</dt><dd>2 of 3</dd>" in body
    assert "<dt>Passed</dt><dd>1 (50%)</dd>" in body
    ascending = instructor_client.get(quiz_url(course, quiz, sort="best"))
    assert [s.username for s in ascending.context["page"]] == ["idle", "other", "student"]
    latest_first = instructor_client.get(quiz_url(course, quiz, sort="latest", dir="desc"))
    assert [s.username for s in latest_first.context["page"]] == ["student", "other", "idle"]


def test_students_fragment_for_htmx(instructor_client, course, quiz, student):
    response = instructor_client.get(quiz_url(course, quiz, sort="tries"), **HTMX)
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="quiz-students" aria-live="polite"')
    assert "Question by question" not in body
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_students_are_paged(instructor_client, course, quiz, enrol, settings):
    for i in range(50):  # and the fixture's student: 51
        enrol(f"s{i:02}")
    first = instructor_client.get(quiz_url(course, quiz, sort="username"))
    assert len(first.context["page"].object_list) == 50
    body = first.content.decode()
    next_page = quiz_url(course, quiz, sort="username", dir="asc", page=2).replace("&", "&amp;")
    assert f'href="{next_page}"' in body
    second = instructor_client.get(quiz_url(course, quiz, sort="username", page=2))
    assert [s.username for s in second.context["page"]] == ["student"]


# -- the questions ---------------------------------------------------------------------------


def test_each_question_with_how_many_gave_each_answer(
    instructor_client, course, quiz, student, enrol
):
    submit(quiz, student, RIGHT)
    submit(quiz, enrol("ada"), WRONG)
    submit(quiz, enrol("bea"), {0: "Where new crust forms", 1: " wegener"})
    body = text_of(instructor_client.get(quiz_url(course, quiz)))
    # The overview: answered, fully right, mean points, and no index for three students.
    assert (
        '<th scope="row"><a href="#question-1">Question 1</a>: What is <em>subduction</em>?</th>'
        ' <td class="figure">3 of 3</td> <td class="figure">33% (1)</td>'
        ' <td class="figure">0.33 of 1</td>'
        ' <td><span class="muted">not shown under 20 attempts (3 so far)</span></td>'
    ) in body
    # Single choice: each choice's count, the right one said in words.
    assert (
        '<th scope="row">A plate sliding under another'
        ' <span class="state-done">✓ right answer</span></th>'
        ' <td class="tally"><span class="figure">1 (33%)</span>'
    ) in body
    assert (
        '<th scope="row">Where new crust forms</th>'
        ' <td class="tally"><span class="figure">2 (67%)</span>' in body
    )
    assert (
        '<th scope="row">A volcano</th> <td class="tally"><span class="figure">0 (0%)</span>'
        in body
    )
    # Short answer: the commonest typed answers, case aside, and whether each is accepted.
    assert '<td class="figure">2</td> <td><span class="state-done">✓ Yes</span></td>' in body
    assert '<th scope="row">Hess</th> <td class="figure">1</td> <td>✗ No</td>' in body
    # Matching: per item, given its own match, and the commonest wrong one.
    assert (
        '<th scope="row">Subduction <span class="muted">(→ plate under plate)</span></th>'
        ' <td class="tally"><span class="figure">1 (33%)</span>'
    ) in body
    assert '<td>new crust <span class="figure">(1)</span></td>' in body


def test_a_question_strong_students_miss_is_flagged(instructor_client, course, enrol):
    quiz = Quiz.objects.create(lecture=course.lectures.get(), title="Five", published=True)
    for n in range(5):
        add_question(
            quiz, Kind.SINGLE, f"Q{n + 1}", [{"text": "yes", "is_correct": True}, {"text": "no"}]
        )
    for i in range(results.MIN_FOR_INDEX):
        strong = i % 2 == 0
        answers = ["yes", "no", "yes", "yes", "yes"] if strong else ["no", "yes", "yes", "no", "no"]
        submit(quiz, enrol(f"s{i}"), dict(enumerate(answers)))
    body = text_of(instructor_client.get(quiz_url(course, quiz)))
    assert '<td><span class="figure">100</span> (very good)</td>' in body
    assert (
        '<td><span class="figure">-100</span> (negative)'
        ' <strong class="flag-text">⚠ stronger students miss it</strong></td>'
    ) in body
    assert body.count("⚠ Stronger students miss this more often than weaker ones.") == 1
    assert "none, as every student scored the same on it" in body


@pytest.mark.parametrize(("n_students", "n_extra_questions"), [(1, 0), (12, 4)])
def test_page_queries_do_not_grow_with_students_or_questions(
    instructor_client,
    course,
    quiz,
    enrol,
    django_assert_max_num_queries,
    n_students,
    n_extra_questions,
):
    for n in range(n_extra_questions):
        add_question(
            quiz, Kind.MULTIPLE, f"Extra {n}", [{"text": "a", "is_correct": True}, {"text": "b"}]
        )
        add_question(quiz, Kind.SHORT_ANSWER, f"Typed {n}", [{"text": "a", "is_correct": True}])
    for i in range(n_students):
        submit(quiz, enrol(f"s{i:02}"), RIGHT if i % 2 else WRONG)
    # session, user, the quiz with its course (access), the students' count and page,
    # the summary, the questions, their choices, the per-question figures, the
    # tallies, the typed answers, the navigation's review count
    with django_assert_max_num_queries(12):
        response = instructor_client.get(quiz_url(course, quiz, sort="best", dir="desc"))
    assert len(response.context["questions"]) == 3 + 2 * n_extra_questions


# -- access ---------------------------------------------------------------------------------


def test_results_are_the_courses_instructors_only(
    client, instructor_client, course, quiz, student, other_instructor, foreign_lecture
):
    foreign = Quiz.objects.create(lecture=foreign_lecture, title="Theirs", published=True)
    # Another course's quiz, under this course's address or its own.
    assert instructor_client.get(quiz_url(course, foreign)).status_code == 404
    assert instructor_client.get(quiz_url(foreign_lecture.course, foreign)).status_code == 404
    for user in (student, other_instructor):
        client.force_login(user)
        assert client.get(quiz_url(course, quiz)).status_code == 404


# -- one attempt -----------------------------------------------------------------------------


def test_an_attempt_read_only_with_each_answer_and_its_grade(
    instructor_client, course, quiz, student, django_assert_max_num_queries
):
    first = submit(quiz, student, WRONG)
    best = submit(quiz, student, {0: "A plate sliding under another", 2: {"Ridge": "new crust"}})
    # session, user, the quiz with its course (access), the attempt with its student,
    # their attempts, the questions, their choices, the answers, the review count
    with django_assert_max_num_queries(9):
        response = instructor_client.get(attempt_url(course, quiz, first))
    assert response.status_code == 200
    body = text_of(response)
    assert "<h1>student’s attempt at Plates quiz</h1>" in body
    assert "0% · Not passed ✗" in body
    assert '<p class="verdict is-wrong">✗ Not correct · 0 of 1 point</p>' in body
    assert "<li>Where new crust forms</li>" in body  # their answer
    assert "<li>A plate sliding under another</li>" in body  # the key's
    assert "<li>Hess</li>" in body and "<li>Wegener</li>" in body
    assert "<li>Subduction → new crust</li><li>Ridge → (no match)</li>" in body
    # Their attempts, the counted one said, this one marked.
    assert f'<a href="{attempt_url(course, quiz, first)}" aria-current="page">' in body
    assert f'<a href="{attempt_url(course, quiz, best)}">' in body
    assert body.count("<strong>counted</strong>") == 1
    assert [a.counted for a in response.context["attempts"]] == [True, False]

    right = text_of(instructor_client.get(attempt_url(course, quiz, best)))
    assert '<p class="verdict is-correct">✓ Correct · 1 of 1 point</p>' in right
    assert '<p class="verdict is-partial">◐ Partly correct · 0.50 of 1 point</p>' in right


def test_an_open_attempt_is_shown_as_it_stands_and_left_open(
    instructor_client, course, quiz, student, time_machine
):
    time_machine.move_to(NOW, tick=False)
    quiz.time_limit = timedelta(minutes=10)
    quiz.save()
    attempt = services.attempt_start(quiz=quiz, user=student)
    question = quiz.questions.get(position=1)
    services.answer_save(attempt=attempt, question=question, response={"text": "Wegener"})
    time_machine.move_to(NOW + timedelta(hours=1), tick=False)  # its time is up
    body = text_of(instructor_client.get(attempt_url(course, quiz, attempt)))
    assert "In progress, not graded yet" in body and "<li>Wegener</li>" in body
    assert "verdict" not in body
    attempt.refresh_from_db()
    assert attempt.is_open  # read-only: the instructor's look grades nothing


def test_attempts_outside_the_results_are_404(
    client, instructor_client, course, quiz, student, instructor, other_instructor, foreign_lecture
):
    attempt = submit(quiz, student, RIGHT)
    assert instructor_client.get(attempt_url(course, quiz, attempt)).status_code == 200
    # Under another quiz of the course.
    other_quiz = Quiz.objects.create(lecture=quiz.lecture, title="Another")
    assert instructor_client.get(attempt_url(course, other_quiz, attempt)).status_code == 404
    # A quiz of another course, under this course's address.
    foreign = Quiz.objects.create(lecture=foreign_lecture, title="Theirs", published=True)
    foreign_attempt = Attempt.objects.create(quiz=foreign, user=student)
    assert instructor_client.get(attempt_url(course, foreign, foreign_attempt)).status_code == 404
    # The instructor's own try, and a former student's attempt.
    own = submit(quiz, instructor, RIGHT)
    assert instructor_client.get(attempt_url(course, quiz, own)).status_code == 404
    Enrolment.objects.filter(user=student).delete()
    assert instructor_client.get(attempt_url(course, quiz, attempt)).status_code == 404
    missing = reverse("lectures:report_attempt", args=[course.slug, quiz.pk, 999999])
    assert instructor_client.get(missing).status_code == 404
    Enrolment.objects.create(course=course, user=student)
    for user in (student, other_instructor):
        client.force_login(user)
        assert client.get(attempt_url(course, quiz, attempt)).status_code == 404


# -- the CSV ---------------------------------------------------------------------------------


def test_csv_quiz_scores_are_the_results(instructor_client, course, quiz, student, instructor):
    submit(quiz, student, RIGHT)
    submit(quiz, student, WRONG)  # later and worse: the best counts
    Enrolment.objects.create(course=course, user=instructor)  # enrolled, but teaches it
    submit(quiz, instructor, RIGHT)
    response = instructor_client.get(reverse("lectures:report_csv", args=[course.slug]))
    body = b"".join(response.streaming_content).decode("utf-8")
    header, *rows = csv.reader(io.StringIO(body[1:]))
    column = header.index(f"{quiz.title}: best %")
    assert {row[1]: row[column] for row in rows} == {"student": "100", "instructor": ""}
