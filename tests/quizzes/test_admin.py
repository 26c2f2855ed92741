"""Instructors manage their quizzes in the admin: keys, preview, results, regrade, drafts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.forms import CheckboxInput
from django.urls import reverse

from lectures.models import Enrolment
from quizzes import services
from quizzes.models import Attempt, Choice, Question, Quiz
from quizzes.results import quiz_results
from tests.helpers import PASSWORD, SIMPLE_NOTES, add_question

pytestmark = pytest.mark.django_db
Kind = Question.Kind


@pytest.fixture
def foreign_quiz(foreign_lecture):
    quiz = Quiz.objects.create(lecture=foreign_lecture, title="Secret volcano quiz")
    add_question(
        quiz, Kind.SINGLE, "Hidden prompt?", [{"text": "Lava", "is_correct": True}, {"text": "Ice"}]
    )
    return quiz


@pytest.fixture
def small_quiz(course):
    """Two one-point single-choice questions; passing needs both (pass mark 80%)."""
    quiz = Quiz.objects.create(lecture=course.lectures.get(), title="Two questions", pass_mark=80)
    add_question(
        quiz,
        Kind.SINGLE,
        "Which supercontinent broke up?",
        [{"text": "Pangaea", "is_correct": True}, {"text": "Gondwana"}, {"text": "Atlantis"}],
    )
    add_question(
        quiz,
        Kind.SINGLE,
        "How fast do continents drift?",
        [{"text": "Centimetres a year", "is_correct": True}, {"text": "Metres a day"}],
    )
    return quiz


def take(quiz, user, picks: dict[int, str]) -> Attempt:
    """Submit an attempt choosing, per question position, the choice with that text."""
    attempt = services.attempt_start(quiz=quiz, user=user)
    for position, text in picks.items():
        question = quiz.questions.get(position=position)
        choice = question.choices.get(text=text)
        services.answer_save(attempt=attempt, question=question, response={"choice": choice.pk})
    return services.attempt_submit(attempt=attempt).attempt


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def post_data(response) -> dict:
    """What the browser would post back from an admin change page, unchanged."""
    data = {}

    def add(form):
        for field in form:
            value = field.value()
            if isinstance(field.field.widget, CheckboxInput):
                if value:
                    data[field.html_name] = "on"
            elif value is not None:
                data[field.html_name] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for form in formset.forms:
            add(form)
    return data


def change_url(quiz) -> str:
    return reverse("admin:quizzes_quiz_change", args=[quiz.pk])


def question_url(question) -> str:
    return reverse("admin:quizzes_question_change", args=[question.pk])


# -- scoping ---------------------------------------------------------------------


def test_instructor_sees_only_own_quizzes(instructor_client, quiz, foreign_quiz):
    response = instructor_client.get(reverse("admin:quizzes_quiz_changelist"))
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [quiz]
    assert "Secret volcano quiz" not in response.content.decode()


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:quizzes_quiz_change",
        "admin:quizzes_quiz_preview",
        "admin:quizzes_quiz_regrade",
        "admin:quizzes_quiz_delete",
    ],
)
def test_other_instructors_quiz_is_out_of_reach(instructor_client, foreign_quiz, url_name):
    response = instructor_client.get(reverse(url_name, args=[foreign_quiz.pk]), follow=True)
    body = response.content.decode()
    assert "Secret volcano quiz" not in body and "Hidden prompt?" not in body
    # The admin's own views redirect to the index with a message; ours answer 404.
    if url_name in ("admin:quizzes_quiz_preview", "admin:quizzes_quiz_regrade"):
        assert response.status_code == 404


def test_other_instructors_question_is_out_of_reach(instructor_client, foreign_quiz):
    question = foreign_quiz.questions.get()
    response = instructor_client.get(question_url(question), follow=True)
    assert "Hidden prompt?" not in response.content.decode()


def test_regrade_post_on_foreign_quiz_is_404(instructor_client, foreign_quiz, student):
    take(foreign_quiz, student, {0: "Ice"})
    url = reverse("admin:quizzes_quiz_regrade", args=[foreign_quiz.pk])
    assert instructor_client.post(url).status_code == 404


def test_instructor_edits_questions_inline_on_own_quiz(instructor_client, quiz):
    response = instructor_client.get(change_url(quiz))
    assert response.status_code == 200
    (questions,) = response.context["inline_admin_formsets"]
    assert questions.has_change_permission and questions.has_add_permission
    # Sections offered are the quiz's lecture's, nothing from another course.
    section_field = questions.formset.forms[0].fields["section"]
    assert set(section_field.queryset) == set(quiz.lecture.sections.filter(archived=False))


def test_question_page_lists_only_own_quizzes(instructor_client, quiz, foreign_quiz):
    response = instructor_client.get(reverse("admin:quizzes_question_add"))
    assert list(response.context["adminform"].form.fields["quiz"].queryset) == [quiz]


def test_questions_are_hidden_from_the_admin_index(instructor_client, quiz):
    response = instructor_client.get(reverse("admin:index"))
    body = response.content.decode()
    assert reverse("admin:quizzes_quiz_changelist") in body
    assert reverse("admin:quizzes_question_changelist") not in body


# -- preview ---------------------------------------------------------------------


def test_preview_shows_the_quiz_without_answers(instructor_client, quiz):
    url = reverse("admin:quizzes_quiz_preview", args=[quiz.pk])
    response = instructor_client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    for question in quiz.questions.all():
        assert question.prompt in body
    assert "A plate sliding under another" in body and "Where new crust forms" in body
    assert body.count("disabled") >= quiz.questions.count()
    for marker in ("checked", "selected", "✓ correct", "Accepted answers", "Explanation"):
        assert marker not in body
    assert "Subduction: one plate slides under another." not in body
    assert "Show answers" in body


def test_preview_with_answers_marks_the_key(instructor_client, quiz):
    url = reverse("admin:quizzes_quiz_preview", args=[quiz.pk])
    body = instructor_client.get(url, {"answers": "1"}).content.decode()
    assert body.count("✓ correct") == 4  # single 1, multiple 2, true/false 1
    assert "Accepted answers:</strong> “Wegener”, “Alfred Wegener”" in body
    assert "Subduction ↔ plate under plate; Ridge ↔ new crust" in body
    assert "1. Pangaea forms → 2. Pangaea breaks up → 3. Wegener&#x27;s proposal" in body
    assert "Subduction: one plate slides under another." in body
    assert "Re-read:</strong> Drift" in body
    assert "Hide answers" in body


def test_change_page_links_to_preview_and_question_add(instructor_client, quiz):
    body = instructor_client.get(change_url(quiz)).content.decode()
    assert reverse("admin:quizzes_quiz_preview", args=[quiz.pk]) in body
    add = reverse("admin:quizzes_question_add")
    assert f"{add}?quiz={quiz.pk}&amp;position=6" in body
    page = instructor_client.get(add, {"quiz": quiz.pk, "position": 6})
    assert page.context["adminform"].form.initial == {"quiz": str(quiz.pk), "position": "6"}


# -- results ---------------------------------------------------------------------


def test_results_per_question_and_overall(
    instructor_client,
    small_quiz,
    course,
    student,
    other_student,
    make_user,
    django_assert_num_queries,
):
    third, fourth = make_user("third"), make_user("fourth")
    for user in (other_student, third, fourth):
        Enrolment.objects.create(course=course, user=user)
    take(small_quiz, student, {0: "Gondwana"})  # 0%, then
    take(small_quiz, student, {0: "Pangaea", 1: "Centimetres a year"})  # 100%: the best counts
    take(small_quiz, other_student, {0: "Gondwana", 1: "Centimetres a year"})  # 50%
    take(small_quiz, third, {})  # 0%, nothing answered
    services.attempt_start(quiz=small_quiz, user=fourth)  # open: not counted
    take(small_quiz, make_user("stranger"), {0: "Pangaea"})  # not enrolled: not counted

    # Questions, choices, per-question figures, the summary.
    with django_assert_num_queries(4):
        results = quiz_results(small_quiz, breakdown=False)
    summary = results.summary
    assert (summary.students, summary.tried, summary.passed, summary.pass_rate) == (4, 3, 1, 33)
    assert summary.average == 50
    # Graded, answered (blank answers are not answers), fully correct, its share.
    assert [(r.graded, r.answered, r.right, r.percent_right) for r in results.questions] == [
        (3, 2, 1, 33),
        (3, 2, 2, 67),
    ]

    page = instructor_client.get(change_url(small_quiz)).content.decode()
    text = " ".join(page.split())
    assert (
        "3 of 4 students submitted; average score 50%; pass rate 33% (1 passed at 80% or more)."
        in text
    )
    assert '<th scope="col">Answered (not left blank)</th>' in text
    assert "<td>Single choice</td> <td>2 of 3</td> <td>33% (1)</td>" in text
    assert "<td>Single choice</td> <td>2 of 3</td> <td>67% (2)</td>" in text
    site = reverse("lectures:report_quiz", args=[course.slug, small_quiz.pk])
    assert f'<a href="{site}">The full results on the site</a>' in text


def test_teaching_staffs_own_attempts_stay_out_of_results_but_are_regraded(
    instructor_client, small_quiz, course, student, instructor, make_user
):
    take(small_quiz, student, {0: "Pangaea", 1: "Centimetres a year"})  # 100%
    enrolled_instructor = make_user("assistant", is_staff=True)
    course.instructors.add(enrolled_instructor)
    # Trying out their own quiz: all wrong.
    for user in (instructor, enrolled_instructor, make_user("root", is_superuser=True)):
        take(small_quiz, user, {0: "Gondwana", 1: "Metres a day"})

    Enrolment.objects.create(course=course, user=enrolled_instructor)  # teaches it all the same
    results = quiz_results(small_quiz)
    summary = results.summary
    assert (summary.students, summary.tried, summary.average, summary.passed) == (1, 1, 100, 1)
    assert [(r.graded, r.answered, r.right) for r in results.questions] == [(1, 1, 1)] * 2
    page = instructor_client.get(change_url(small_quiz))
    text = " ".join(page.content.decode().split())
    assert "1 of 1 student submitted; average score 100%; pass rate 100%" in text
    # The regrade warning counts every attempt it would regrade, theirs included.
    assert page.context["submitted_attempts"] == 4

    # A regrade still corrects their scores, and says whose they are.
    Choice.objects.filter(question__quiz=small_quiz, text="Gondwana").update(is_correct=True)
    Choice.objects.filter(question__quiz=small_quiz, text="Pangaea").update(is_correct=False)
    response = instructor_client.post(reverse("admin:quizzes_quiz_regrade", args=[small_quiz.pk]))
    (message,) = messages_of(response)
    assert "assistant (instructor): 0% → 50%" in message
    assert "instructor (instructor): 0% → 50%" in message
    assert "root (instructor): 0% → 50%" in message
    assert "student: 100% → 50% (now failed)" in message
    assert Attempt.objects.get(user=instructor).percent == 50


def test_changelist_counts_questions_and_submitted_attempts(instructor_client, small_quiz, student):
    take(small_quiz, student, {0: "Pangaea"})
    response = instructor_client.get(reverse("admin:quizzes_quiz_changelist"))
    (row,) = response.context["cl"].result_list
    assert (row.n_questions, row.n_submitted) == (2, 1)


# -- answer-key warning and regrade ----------------------------------------------


def test_warning_box_only_on_a_quiz_with_submitted_attempts(
    instructor_client, small_quiz, quiz, student
):
    take(small_quiz, student, {0: "Pangaea"})
    with_attempts = instructor_client.get(change_url(small_quiz)).content.decode()
    assert 'id="answer-key-warning"' in with_attempts
    assert "1 submitted attempt of “Two questions”" in with_attempts
    # The box's button leads to the confirmation page; it does not regrade by itself.
    regrade = reverse("admin:quizzes_quiz_regrade", args=[small_quiz.pk])
    assert f'<a href="{regrade}" class="button">Regrade 1 submitted attempt…</a>' in with_attempts
    assert f'action="{regrade}"' not in with_attempts
    assert 'id="answer-key-warning"' not in instructor_client.get(change_url(quiz)).content.decode()

    question = small_quiz.questions.first()
    on_question = instructor_client.get(question_url(question)).content.decode()
    assert 'id="answer-key-warning"' in on_question
    other_question = quiz.questions.first()
    assert 'id="answer-key-warning"' not in (
        instructor_client.get(question_url(other_question)).content.decode()
    )


def test_changing_the_key_warns_and_regrade_reports_the_change(
    instructor_client, small_quiz, student, other_student
):
    take(small_quiz, student, {0: "Gondwana", 1: "Centimetres a year"})  # 50%, failed
    take(small_quiz, other_student, {0: "Pangaea", 1: "Centimetres a year"})  # 100%, passed

    # The instructor decides the first question's key was wrong: Gondwana, not Pangaea.
    question = small_quiz.questions.get(position=0)
    page = instructor_client.get(question_url(question))
    data = post_data(page)
    for i, choice in enumerate(question.choices.all()):
        assert data[f"choices-{i}-id"] == choice.pk
        data.pop(f"choices-{i}-is_correct", None)
        if choice.text == "Gondwana":
            data[f"choices-{i}-is_correct"] = "on"
    response = instructor_client.post(question_url(question), data, follow=True)
    assert response.redirect_chain[-1][0] == change_url(small_quiz)
    assert question.choices.get(is_correct=True).text == "Gondwana"
    assert any(
        "This quiz has 2 submitted attempts graded against the old answer key." in m
        and "Regrade submitted attempts" in m
        for m in messages_of(response)
    )
    # Nothing changes for students until the regrade.
    assert Attempt.objects.get(user=student).percent == 50

    regrade = reverse("admin:quizzes_quiz_regrade", args=[small_quiz.pk])
    response = instructor_client.post(regrade, follow=True)
    assert response.redirect_chain == [(change_url(small_quiz), 302)]
    assert messages_of(response) == [
        "“Two questions”: 2 submitted attempts regraded. 2 scores changed: "
        "other_student: 100% → 50% (now failed); student: 50% → 100% (now passed)."
    ]
    assert Attempt.objects.get(user=student).passed is True

    response = instructor_client.post(regrade)
    assert messages_of(response) == [
        "“Two questions”: 2 submitted attempts regraded. No scores changed."
    ]


def test_prompt_edit_does_not_warn(instructor_client, small_quiz, student):
    take(small_quiz, student, {0: "Pangaea"})
    question = small_quiz.questions.get(position=0)
    data = post_data(instructor_client.get(question_url(question)))
    data["prompt"] = "Which supercontinent broke up, about 200 million years ago?"
    response = instructor_client.post(question_url(question), data, follow=True)
    assert not any("old answer key" in m for m in messages_of(response))


def test_changing_points_inline_on_the_quiz_page_warns(instructor_client, small_quiz, student):
    take(small_quiz, student, {0: "Pangaea"})
    data = post_data(instructor_client.get(change_url(small_quiz)))
    data["questions-1-points"] = 3
    response = instructor_client.post(change_url(small_quiz), data, follow=True)
    assert small_quiz.questions.get(position=1).points == 3
    assert any(
        "1 submitted attempt graded against the old answer key" in m for m in messages_of(response)
    )


def test_regrade_action_asks_first_then_regrades(instructor_client, small_quiz, quiz, student):
    take(small_quiz, student, {0: "Pangaea"})  # 50%
    Choice.objects.filter(question__quiz=small_quiz, text="Metres a day").update(is_correct=True)
    Choice.objects.filter(question__quiz=small_quiz, text="Centimetres a year").update(
        is_correct=False
    )
    selected = {"action": "regrade", "_selected_action": [small_quiz.pk, quiz.pk]}
    changelist = reverse("admin:quizzes_quiz_changelist")
    # First a confirmation page, like the delete action's: nothing is regraded yet.
    response = instructor_client.post(changelist, selected)
    assert response.status_code == 200
    assert response.templates[0].name == "admin/quizzes/quiz/regrade_selected_confirmation.html"
    body = " ".join(response.content.decode().split())
    assert "“Plates quiz” (Plate Tectonics): 0 submitted attempts" in body
    assert "“Two questions” (Plate Tectonics): 1 submitted attempt" in body
    assert 'value="Yes, regrade 1 attempt"' in body
    assert not messages_of(response)

    response = instructor_client.post(changelist, {**selected, "post": "yes"})
    assert response.status_code == 302 and response.url == changelist
    # An unanswered question stays wrong whatever the key: nothing changes.
    assert messages_of(response) == [
        "“Plates quiz”: 0 submitted attempts regraded. No scores changed.",
        "“Two questions”: 1 submitted attempt regraded. No scores changed.",
    ]


def test_regrade_get_asks_for_confirmation(instructor_client, small_quiz, student):
    take(small_quiz, student, {0: "Pangaea"})
    url = reverse("admin:quizzes_quiz_regrade", args=[small_quiz.pk])
    response = instructor_client.get(url)
    assert response.status_code == 200
    assert "Yes, regrade 1 attempt" in response.content.decode()
    assert Attempt.objects.get().percent == 50
    assert instructor_client.put(url).status_code == 405


def test_regrade_requires_csrf(client, instructor, course, small_quiz):
    client.handler.enforce_csrf_checks = True
    client.login(username=instructor.username, password=PASSWORD)
    response = client.post(reverse("admin:quizzes_quiz_regrade", args=[small_quiz.pk]))
    assert response.status_code == 403


# -- answer-key validation -------------------------------------------------------


def test_single_choice_with_two_correct_choices_is_refused(instructor_client, small_quiz):
    question = small_quiz.questions.get(position=0)
    data = post_data(instructor_client.get(question_url(question)))
    data["choices-1-is_correct"] = "on"
    response = instructor_client.post(question_url(question), data)
    assert response.status_code == 200
    (choices,) = response.context["inline_admin_formsets"]
    assert choices.formset.non_form_errors() == [
        "A single-choice question needs exactly one correct choice; 2 are ticked. "
        "Use “Multiple choice” for several right answers."
    ]
    assert "needs exactly one correct choice" in response.content.decode()
    assert question.choices.filter(is_correct=True).count() == 1


@pytest.mark.parametrize(
    ("kind", "error"),
    [
        ("matching", "“Pangaea” has no match: fill in its match text."),
        ("ordering", "“Pangaea” has no order key: give it its place, 1 first."),
        ("multiple", None),
        ("short_answer", None),
    ],
)
def test_changing_the_kind_checks_the_choices(instructor_client, small_quiz, kind, error):
    question = small_quiz.questions.get(position=0)
    data = post_data(instructor_client.get(question_url(question)))
    data["kind"] = kind
    response = instructor_client.post(question_url(question), data)
    question.refresh_from_db()
    if error is None:
        assert response.status_code == 302 and question.kind == kind
    else:
        (choices,) = response.context["inline_admin_formsets"]
        assert error in choices.formset.non_form_errors()
        assert question.kind == Kind.SINGLE


def test_new_question_needs_its_key(instructor_client, small_quiz):
    data = {
        "quiz": small_quiz.pk,
        "kind": "short_answer",
        "prompt": "Name the supercontinent.",
        "points": 1,
        "position": 2,
        "choices-TOTAL_FORMS": 4,
        "choices-INITIAL_FORMS": 0,
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }
    url = reverse("admin:quizzes_question_add")
    response = instructor_client.post(url, data)
    assert response.status_code == 200
    assert "needs at least one accepted answer" in response.content.decode()
    data["choices-0-text"] = "Pangaea"
    response = instructor_client.post(url, data)
    assert response.status_code == 302 and response.url == change_url(small_quiz)
    assert small_quiz.questions.get(position=2).choices.get().text == "Pangaea"


def test_kind_change_inline_must_fit_the_saved_choices(instructor_client, small_quiz):
    data = post_data(instructor_client.get(change_url(small_quiz)))
    data["questions-0-kind"] = "matching"
    response = instructor_client.post(change_url(small_quiz), data)
    assert response.status_code == 200
    (questions,) = response.context["inline_admin_formsets"]
    assert "The saved choices do not fit this kind" in str(questions.formset.forms[0].errors)


def test_section_from_another_lecture_is_refused(instructor_client, small_quiz, make_lecture):
    other = make_lecture(SIMPLE_NOTES.replace("Plate Tectonics", "Rivers"), course="geo")
    question = small_quiz.questions.get(position=0)
    data = post_data(instructor_client.get(question_url(question)))
    data["section"] = other.sections.first().pk
    response = instructor_client.post(question_url(question), data)
    assert response.status_code == 200
    assert "section" in response.context["adminform"].form.errors


# -- publishing ------------------------------------------------------------------


def test_publish_refuses_a_quiz_whose_key_is_incomplete(instructor_client, small_quiz, quiz):
    quiz.published = False
    quiz.save()
    Choice.objects.filter(question__quiz=small_quiz, text="Pangaea").update(is_correct=False)
    response = instructor_client.post(
        reverse("admin:quizzes_quiz_changelist"),
        {"action": "publish", "_selected_action": [small_quiz.pk, quiz.pk]},
    )
    shown = messages_of(response)
    assert any("“Two questions” was not published" in m and "none is ticked" in m for m in shown)
    assert "Published 1 quiz." in shown
    assert list(Quiz.objects.filter(published=True)) == [quiz]


# -- drafting a quiz from a lecture's notes --------------------------------------


def test_generate_action_drafts_an_unpublished_quiz(instructor_client, course):
    lecture = course.lectures.get()
    response = instructor_client.post(
        reverse("admin:lectures_lecture_changelist"),
        {"action": "generate_quiz", "_selected_action": [lecture.pk]},
        follow=True,
    )
    quiz = Quiz.objects.get(lecture=lecture)
    assert quiz.generated and not quiz.published and quiz.questions.exists()
    (message,) = messages_of(response)
    assert f'href="{change_url(quiz)}"' in message
    assert "stays unpublished until you review and publish it" in message
    # Every drafted question has a complete key, so the draft can be published as it is.
    response = instructor_client.post(
        reverse("admin:quizzes_quiz_changelist"),
        {"action": "publish", "_selected_action": [quiz.pk]},
    )
    assert messages_of(response) == ["Published 1 quiz."]


def test_generate_action_reports_lectures_it_cannot_use(
    instructor_client, make_lecture, instructor
):
    empty = make_lecture("Title: Empty\nOverview\nNothing here yet.\n", course="geo")
    empty.course.instructors.add(instructor)
    response = instructor_client.post(
        reverse("admin:lectures_lecture_changelist"),
        {"action": "generate_quiz", "_selected_action": [empty.pk]},
        follow=True,
    )
    (message,) = messages_of(response)
    assert message.startswith("No quiz drafted for “Empty”: ")
    assert not Quiz.objects.filter(lecture=empty).exists()


def test_the_publish_action_publishes_as_the_teaching_page_does(
    instructor_client, small_quiz, quiz, django_capture_on_commit_callbacks
):
    """Through quizzes.publishing: a dated quiz's students are mailed it, once, and
    a quiz that cannot be graded stays a draft whatever the action is asked."""
    quiz.published = False
    quiz.due_at = datetime(2027, 3, 5, 9, 30, tzinfo=UTC)
    quiz.save()
    Question.objects.filter(quiz=small_quiz).delete()
    with django_capture_on_commit_callbacks(execute=True):
        response = instructor_client.post(
            reverse("admin:quizzes_quiz_changelist"),
            {"action": "publish", "_selected_action": [small_quiz.pk, quiz.pk]},
        )
    shown = messages_of(response)
    assert "Published 1 quiz." in shown
    assert any("“Two questions” has no questions yet" in m for m in shown)
    assert list(Quiz.objects.filter(published=True)) == [quiz]
    assert [message.to for message in mail.outbox] == [["student@example.com"]]
    assert mail.outbox[0].subject == f"New in Geo: {quiz.title}"
    assert "http://testserver/courses/geo/" in mail.outbox[0].body
