"""A quiz's results (quizzes.results): whose attempts count and which one, each
question's figures, its breakdown by choice, item or typed answer, and the
discrimination index."""

from __future__ import annotations

import pytest

from lectures.models import Enrolment
from quizzes import results, services
from quizzes.models import Attempt, Question, Quiz
from tests.helpers import add_question

pytestmark = pytest.mark.django_db
Kind = Question.Kind


def response_for(question: Question, value) -> dict:
    """A stored response from readable values: a choice's text (single, true or
    false), a list of texts (multiple; ordering, first to last), typed text (short
    answer), {item text: match text} (matching); None for no answer."""
    if value is None:
        return {}
    by_text = {c.text: c for c in question.choices.all()}
    if question.kind in (Kind.SINGLE, Kind.TRUE_FALSE):
        return {"choice": by_text[value].pk}
    if question.kind == Kind.MULTIPLE:
        return {"choices": sorted(by_text[t].pk for t in value)}
    if question.kind == Kind.ORDERING:
        return {"order": [by_text[t].pk for t in value]}
    if question.kind == Kind.MATCHING:
        by_match = {c.match_text: c for c in question.choices.all()}
        return {"pairs": {str(by_text[k].pk): by_match[v].pk for k, v in value.items()}}
    return {"text": value}


def submit(quiz: Quiz, user, answers: dict[int, object]) -> Attempt:
    """Take and submit an attempt: `answers` maps a question's position to a value
    response_for reads."""
    attempt = services.attempt_start(quiz=quiz, user=user)
    for position, value in answers.items():
        question = quiz.questions.get(position=position)
        services.answer_save(
            attempt=attempt, question=question, response=response_for(question, value)
        )
    return services.attempt_submit(attempt=attempt).attempt


@pytest.fixture
def enrol(course, make_user):
    def make(username: str, **fields):
        user = make_user(username, **fields)
        Enrolment.objects.create(course=course, user=user)
        return user

    return make


RIGHT = {
    0: "A plate sliding under another",
    1: ["Matching fossils", "Matching rock layers"],
    2: "True",
    3: "Wegener",
    4: {"Subduction": "plate under plate", "Ridge": "new crust", "Pangaea": "old supercontinent"},
    5: ["Pangaea forms", "Pangaea breaks up", "Wegener's proposal"],
}


# -- whose attempts, and which ------------------------------------------------------


def test_each_students_best_attempt_counts_and_nobody_elses(
    quiz, course, student, instructor, enrol, make_user
):
    submit(quiz, student, {0: "A volcano"})  # 0 of 8 points
    best = submit(quiz, student, RIGHT)  # 100%
    submit(quiz, student, {2: "True"})  # later, worse: the best still counts
    services.attempt_start(quiz=quiz, user=student)  # open: never counts
    ada = enrol("ada")
    ada_first = submit(quiz, ada, {2: "True"})
    submit(quiz, ada, {2: "True"})  # the same score later: the first of equals counts
    # Teachers enrolled in their own course, and a former student, stay out.
    Enrolment.objects.create(course=course, user=instructor)
    course.instructors.add(instructor)
    submit(quiz, instructor, RIGHT)
    root = enrol("root", is_superuser=True)
    submit(quiz, root, RIGHT)
    gone = enrol("gone")
    submit(quiz, gone, RIGHT)
    Enrolment.objects.filter(user=gone).delete()

    counted = set(results.counted_attempts(quiz).values_list("pk", flat=True))
    assert counted == {best.pk, ada_first.pk}
    summary = results.summary(quiz)
    assert summary == results.Summary(students=2, tried=2, passed=1, average=56.0)
    assert summary.pass_rate == 50
    rows = {s.username: s for s in results.students(quiz, sort="best", descending=True)}
    assert list(rows) == ["student", "ada"]
    assert (rows["student"].best, rows["student"].best_attempt, rows["student"].tries) == (
        100,
        best.pk,
        3,
    )
    assert rows["student"].in_progress and rows["student"].latest_percent == 12
    assert rows["ada"].best_attempt == ada_first.pk


def test_best_percents_for_the_csv_follow_the_same_rule(quiz, course, student, instructor, enrol):
    submit(quiz, student, RIGHT)
    submit(quiz, student, {2: "True"})
    Enrolment.objects.create(course=course, user=instructor)
    course.instructors.add(instructor)
    submit(quiz, instructor, RIGHT)
    idle = enrol("idle")
    ids = [student.pk, instructor.pk, idle.pk]
    assert results.best_percents(course, ids) == {(student.pk, quiz.pk): 100}
    by_lecture = results.best_percents(course, ids, by="lecture")
    assert by_lecture == {(student.pk, quiz.lecture_id): 100}


# -- per question --------------------------------------------------------------------


def test_figures_and_breakdown_of_every_kind(quiz, student, enrol):
    submit(quiz, student, RIGHT)
    submit(
        quiz,
        enrol("ada"),
        {
            0: "Where new crust forms",
            1: ["Matching fossils", "Tides"],
            2: "False",
            3: "  wegener ",
            4: {"Subduction": "new crust", "Ridge": "plate under plate"},
            5: ["Pangaea breaks up", "Pangaea forms", "Wegener's proposal"],
        },
    )
    submit(
        quiz,
        enrol("bea"),
        {
            0: "Where new crust forms",
            1: ["Matching fossils"],
            3: "Hess",
            4: {"Subduction": "new crust", "Ridge": "old supercontinent"},
        },
    )
    submit(quiz, enrol("cy"), {})  # nothing answered: graded, not answered

    got = results.quiz_results(quiz)
    single, multiple, true_false, short, matching, ordering = got.questions
    assert got.summary.tried == 4
    assert [(q.graded, q.answered, q.right) for q in got.questions] == [
        (4, 3, 1),
        (4, 3, 1),
        (4, 2, 1),
        (4, 3, 2),  # "  wegener " is Wegener
        (4, 3, 1),
        (4, 2, 1),
    ]
    assert single.percent_right == 25 and single.mean_points == 0.25
    # Multiple: (right picks − wrong) / right choices; ada 0, bea 0.5, student 1.
    assert multiple.mean_points == pytest.approx(1.5 / 4)

    def picks(stat):
        return [(c.choice.text, c.correct, c.picked, c.percent) for c in stat.choices]

    assert picks(single) == [
        ("A plate sliding under another", True, 1, 25),
        ("Where new crust forms", False, 2, 50),
        ("A volcano", False, 0, 0),
    ]
    assert picks(multiple) == [
        ("Matching fossils", True, 3, 75),
        ("Matching rock layers", True, 1, 25),
        ("Tides", False, 1, 25),
    ]
    assert picks(true_false) == [("True", True, 1, 25), ("False", False, 1, 25)]

    def items(stat):
        return [(i.item.text, i.right, i.wrong, i.wrong_count) for i in stat.items]

    # Per item: given its own match, and the commonest other match given.
    assert items(matching) == [
        ("Subduction", 1, "new crust", 2),
        ("Ridge", 1, "plate under plate", 1),  # of equals, the first listed
        ("Pangaea", 1, "", 0),  # never given another
    ]
    assert items(ordering) == [
        ("Pangaea forms", 1, "place 2", 1),
        ("Pangaea breaks up", 1, "place 1", 1),
        ("Wegener's proposal", 2, "", 0),
    ]
    # Typed answers, grouped ignoring case and outer spaces, commonest first.
    assert [(t.text.strip().lower(), t.count, t.correct) for t in short.typed] == [
        ("wegener", 2, True),
        ("hess", 1, False),
    ]
    assert short.typed_others == 0
    assert (single.choices, single.items, single.typed) != ([], [], [])
    assert matching.choices == [] and short.choices == [] and short.items == []


def test_only_the_commonest_typed_answers_are_listed(quiz, enrol):
    for i, text in enumerate(["Hess", "hess", "Hess", "Wegener", "Holmes", "Dietz", "Du Toit"]):
        submit(quiz, enrol(f"s{i}"), {3: text})
    short = results.quiz_results(quiz).questions[3]
    assert [(t.text.lower(), t.count) for t in short.typed][:2] == [("hess", 3), ("dietz", 1)]
    assert len(short.typed) == results.TOP_TYPED
    assert short.typed_others == 7 - 3 - 4


def test_no_attempts_yet(quiz):
    got = results.quiz_results(quiz)
    assert got.summary == results.Summary(students=1, tried=0, passed=0, average=None)
    first = got.questions[0]
    assert (first.graded, first.percent_right, first.mean_points, first.index) == (
        0,
        None,
        None,
        None,
    )
    assert [c.picked for c in first.choices] == [0, 0, 0]
    assert first.index_missing == "not shown under 20 attempts (0 so far)"


# -- discrimination ----------------------------------------------------------------------


@pytest.fixture
def five_questions(course):
    """Five one-point single-choice questions, each right answer "yes"."""
    quiz = Quiz.objects.create(lecture=course.lectures.get(), title="Five", published=True)
    for n in range(5):
        add_question(
            quiz,
            Kind.SINGLE,
            f"Question {n + 1}",
            [{"text": "yes", "is_correct": True}, {"text": "no"}],
        )
    return quiz


def class_of(quiz, enrol, n: int) -> None:
    """`n` students: the stronger half answers 1, 3, 4 and 5 right and 2 wrong (4 of
    5); the weaker half answers 2 and 3 right only (2 of 5)."""
    for i in range(n):
        strong = i % 2 == 0
        answers = ["yes", "no", "yes", "yes", "yes"] if strong else ["no", "yes", "yes", "no", "no"]
        submit(quiz, enrol(f"s{i}"), dict(enumerate(answers)))


def test_discrimination_index_flags_a_question_strong_students_miss(five_questions, enrol):
    class_of(five_questions, enrol, results.MIN_FOR_INDEX)
    q1, q2, q3, q4, _ = results.quiz_results(five_questions, breakdown=False).questions
    # Right exactly when the rest of the quiz went well: a perfect correlation.
    assert (q1.index, q1.index_band, q1.strong_students_miss) == (100, "very good", False)
    # Right exactly when the rest went badly.
    assert (q2.index, q2.index_band, q2.strong_students_miss) == (-100, "negative", True)
    # Everyone right: nothing to correlate.
    assert q3.index is None
    assert q3.index_missing == "none, as every student scored the same on it"


def test_no_index_below_the_minimum_of_attempts(five_questions, enrol):
    class_of(five_questions, enrol, results.MIN_FOR_INDEX - 1)
    q1 = results.quiz_results(five_questions, breakdown=False).questions[0]
    assert q1.index is None and not q1.strong_students_miss
    assert q1.index_missing == f"not shown under 20 attempts ({results.MIN_FOR_INDEX - 1} so far)"


def test_one_question_quiz_has_no_rest_to_compare(course, enrol):
    quiz = Quiz.objects.create(lecture=course.lectures.get(), title="One", published=True)
    add_question(quiz, Kind.SINGLE, "Only", [{"text": "yes", "is_correct": True}, {"text": "no"}])
    for i in range(results.MIN_FOR_INDEX):
        submit(quiz, enrol(f"s{i}"), {0: "yes" if i % 2 else "no"})
    (only,) = results.quiz_results(quiz).questions
    assert only.index is None
    assert only.index_missing == "none, as the rest of the quiz scored the same for every student"


# -- bounded work ----------------------------------------------------------------------------


@pytest.mark.parametrize("n_students", [1, 6])
def test_queries_do_not_grow_with_students(quiz, enrol, django_assert_num_queries, n_students):
    for i in range(n_students):
        submit(quiz, enrol(f"s{i}"), RIGHT if i % 2 else {0: "A volcano", 3: "Hess"})
    # questions, choices, per-question figures, tallies, typed answers, summary
    with django_assert_num_queries(6):
        got = results.quiz_results(quiz)
    assert got.summary.tried == n_students


# -- one attempt ------------------------------------------------------------------------------


def test_attempt_answers_with_grades_and_the_key(quiz, student, django_assert_num_queries):
    attempt = submit(quiz, student, {0: "A volcano", 1: ["Matching fossils"], 3: "wegener"})
    with django_assert_num_queries(3):
        rows = results.attempt_answers(attempt)
    assert [(r.number, r.verdict, r.graded, str(r.points)) for r in rows] == [
        (1, "wrong", True, "0.00"),
        (2, "partial", True, "0.50"),
        (3, "wrong", True, "0.00"),
        (4, "correct", True, "1.00"),
        (5, "wrong", True, "0.00"),
        (6, "wrong", True, "0.00"),
    ]
    assert rows[0].given == ["A volcano"] and rows[0].right == ["A plate sliding under another"]
    assert rows[2].given == []  # left blank

    open_attempt = services.attempt_start(quiz=quiz, user=student)
    services.answer_save(
        attempt=open_attempt,
        question=quiz.questions.get(position=0),
        response=response_for(quiz.questions.get(position=0), "A volcano"),
    )
    first = results.attempt_answers(open_attempt)[0]
    assert first.given == ["A volcano"] and not first.graded and first.verdict == "wrong"
