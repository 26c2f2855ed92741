"""Grades back to the LMS (AGS): a submitted attempt queues a task, never posting in
the student's request; the task asks the platform's token endpoint for the AGS
scopes with a JWT signed by the tool, then posts the score the quiz keeps to the
line item with that bearer token; a regrade posts again; failures are retried with
backoff, then listed for the instructor, who can send them again."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from jwcrypto import jwk, jwt

from lectures.models import Enrolment
from lms import grades
from lms.advantage_models import GradePost, QuizLineItem
from quizzes import services
from quizzes.models import Quiz
from tests.lms.platform import AGS, INSTRUCTOR
from tests.lms.services import (
    AGS_LINEITEM,
    AGS_LINEITEM_READONLY,
    AGS_SCORE,
    CUSTOM,
    account,
    add_quiz,
    ags_claim,
    follow,
    instructor_course,
    student_launch,
)

pytestmark = pytest.mark.django_db
SCORE_TYPE = "application/vnd.ims.lis.v1.score+json"


@pytest.fixture
def linked(client, platform):
    """A course made by the instructor's launch, its quiz linked from the LMS with its
    own line item (/lineitems/7), the student launched into it; the client is the
    student's. The platform takes scores."""
    course = instructor_course(client, platform)
    quiz = add_quiz(course)
    client.logout()
    lineitem = f"{platform.url}/lineitems/7"
    claims = {
        CUSTOM: {"course_site_quiz": str(quiz.pk)},
        AGS: ags_claim(platform, lineitem=lineitem),
    }
    landed = student_launch(client, platform, **claims)
    assert landed["Location"] == quiz.get_absolute_url()
    platform.routes[("POST", "/lineitems/7/scores")] = lambda request: (200, {})
    return quiz


def take(quiz: Quiz, user, *, right: int):
    """An attempt answering the first `right` questions right (the rest wrong)."""
    attempt = services.attempt_start(quiz=quiz, user=user)
    for n, question in enumerate(quiz.questions.order_by("position")):
        correct = question.choices.get(is_correct=n < right) if n < right else None
        choice = correct or question.choices.get(is_correct=False)
        services.answer_save(attempt=attempt, question=question, response={"choice": choice.pk})
    return attempt


def scores(platform) -> list:
    return [r for r in platform.requests if r.path.endswith("/scores")]


def test_a_submitted_attempt_posts_its_score_in_the_background(
    client, platform, linked, task_queue, django_capture_on_commit_callbacks
):
    student = account("student-1")
    attempt = take(linked, student, right=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("quizzes:attempt_submit", args=[attempt.pk]))
    assert response.status_code == 302
    # Nothing went to the platform in the student's request: a task is queued.
    assert scores(platform) == [] and platform.tokens_issued == []
    assert task_queue.names() == ["grade_post_task"]
    assert GradePost.objects.get().status == GradePost.Status.PENDING

    task_queue.run()

    # The token request: the client-credentials grant with a JWT the tool signed,
    # asking for the AGS scopes the launch granted.
    [token] = platform.tokens_issued
    grant = token["request"]
    assert grant["grant_type"] == "client_credentials"
    assert grant["client_assertion_type"] == (
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    )
    assert set(grant["scope"].split()) == {AGS_LINEITEM, AGS_LINEITEM_READONLY, AGS_SCORE}
    keys = jwk.JWKSet.from_json(client.get(reverse("lms:jwks")).content)
    assertion = json.loads(jwt.JWT(jwt=grant["client_assertion"], key=keys, algs=["RS256"]).claims)
    assert assertion["iss"] == assertion["sub"] == platform.client_id
    assert assertion["aud"] == platform.token_url
    # The score, with the token, to the link's line item.
    [posted] = scores(platform)
    assert posted.method == "POST" and posted.path == "/lineitems/7/scores"
    assert posted.headers["Authorization"] == f"Bearer {token['access_token']}"
    assert posted.headers["Content-Type"] == SCORE_TYPE
    body = posted.body
    assert body["userId"] == "student-1"
    assert (body["scoreGiven"], body["scoreMaximum"]) == (1.0, 2.0)
    assert body["activityProgress"] == "Completed"
    assert body["gradingProgress"] == "FullyGraded"
    assert body["timestamp"]
    post = GradePost.objects.get()
    assert post.status == GradePost.Status.SENT and post.sent_at is not None


@pytest.mark.parametrize(("kept", "expected"), [("best", 2.0), ("last", 0.0)])
def test_the_score_sent_is_the_one_the_quiz_keeps(
    platform, linked, task_queue, django_capture_on_commit_callbacks, kept, expected
):
    linked.grade_kept = kept
    linked.save()
    student = account("student-1")
    with django_capture_on_commit_callbacks(execute=True):
        services.attempt_submit(attempt=take(linked, student, right=2))
        services.attempt_submit(attempt=take(linked, student, right=0))
    task_queue.run()
    # The second attempt's score replaced the first while it waited: one post, and
    # it carries the kept score whichever attempt queued it.
    assert [r.body["scoreGiven"] for r in scores(platform)] == [expected]


def test_a_regrade_posts_again(platform, linked, task_queue, django_capture_on_commit_callbacks):
    student = account("student-1")
    with django_capture_on_commit_callbacks(execute=True):
        services.attempt_submit(attempt=take(linked, student, right=1))
    task_queue.run()
    # The second question's key changes: "True" was right after all.
    question = linked.questions.order_by("position")[1]
    question.choices.update(is_correct=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.quiz_regrade(quiz=linked)
    task_queue.run()
    assert [r.body["scoreGiven"] for r in scores(platform)] == [1.0, 2.0]


def test_a_quiz_without_its_own_line_item_creates_one_once(
    client, platform, task_queue, django_capture_on_commit_callbacks
):
    course = instructor_course(client, platform)
    quiz = add_quiz(course)
    client.logout()
    student_launch(client, platform, **{CUSTOM: {"course_site_quiz": str(quiz.pk)}})
    assert QuizLineItem.objects.get(quiz=quiz).url == ""
    created = f"{platform.url}/lineitems/9"
    platform.routes[("GET", "/lineitems")] = lambda request: (200, [])
    platform.routes[("POST", "/lineitems")] = lambda request: (201, {"id": created, **request.body})
    platform.routes[("POST", "/lineitems/9/scores")] = lambda request: (200, {})
    student = account("student-1")
    with django_capture_on_commit_callbacks(execute=True):
        services.attempt_submit(attempt=take(quiz, student, right=2))
        services.attempt_submit(attempt=take(quiz, student, right=1))
    task_queue.run()
    [made] = [r for r in platform.requests if (r.method, r.path) == ("POST", "/lineitems")]
    assert made.body == {
        "scoreMaximum": 2.0,
        "label": "Plates quiz",
        "resourceId": f"quiz-{quiz.pk}",
    }
    assert QuizLineItem.objects.get(quiz=quiz).url == created
    assert [r.path for r in scores(platform)] == ["/lineitems/9/scores"]


def test_a_student_outside_the_lms_course_gets_no_post(
    platform, linked, student, task_queue, django_capture_on_commit_callbacks
):
    # A local account (no platform identity) taking the linked quiz.
    Enrolment.objects.create(course=linked.lecture.course, user=student)
    with django_capture_on_commit_callbacks(execute=True):
        services.attempt_submit(attempt=take(linked, student, right=2))
    assert task_queue.names() == [] and not GradePost.objects.exists()


# -- failures ------------------------------------------------------------------------


def test_a_platform_that_fails_is_tried_again_then_listed_for_the_instructor(
    client, platform, linked, task_queue, django_capture_on_commit_callbacks
):
    platform.routes[("POST", "/lineitems/7/scores")] = lambda request: (503, {"error": "busy"})
    with django_capture_on_commit_callbacks(execute=True):
        services.attempt_submit(attempt=take(linked, account("student-1"), right=1))
    # Each failure queues the next try later, waiting twice as long each time.
    waits = []
    backend = task_queue.backend
    while backend.results:
        result = backend.results[0]
        if result.task.run_after is not None:
            waits.append(result.task.run_after)
        backend.results.pop(0)
        with django_capture_on_commit_callbacks(execute=True):
            result.task.call(*result.args, **result.kwargs)
    assert len(scores(platform)) == grades.GRADE_TRIES
    gaps = [(b - a).total_seconds() for a, b in zip(waits, waits[1:], strict=False)]
    assert len(waits) == grades.GRADE_TRIES - 1
    assert all(later > earlier for earlier, later in zip(gaps, gaps[1:], strict=False))
    post = GradePost.objects.get()
    assert post.status == GradePost.Status.FAILED and post.tries == grades.GRADE_TRIES
    assert "503" in post.error

    # The instructor sees it, and sends it again once the platform is back.
    client.logout()
    follow(client, platform.launch(client, sub="teacher-1", roles=[INSTRUCTOR]))
    course = linked.lecture.course
    page = client.get(reverse("lms:grades", args=[course.slug]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Plates quiz" in body and "Ada Lovelace" in body and "503" in body
    platform.routes[("POST", "/lineitems/7/scores")] = lambda request: (200, {})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("lms:grades_retry", args=[course.slug]), {"post": post.pk})
    assert response.status_code == 302
    task_queue.run()
    post.refresh_from_db()
    assert post.status == GradePost.Status.SENT
    assert "Every grade has reached the LMS." in client.get(page.wsgi_request.path).content.decode()


def test_a_refusal_is_not_retried(platform, linked, task_queue, django_capture_on_commit_callbacks):
    platform.routes[("POST", "/lineitems/7/scores")] = lambda request: (400, {"error": "no"})
    with django_capture_on_commit_callbacks(execute=True):
        services.attempt_submit(attempt=take(linked, account("student-1"), right=1))
    task_queue.run()
    assert len(scores(platform)) == 1
    assert GradePost.objects.get().status == GradePost.Status.FAILED


def test_no_score_scope_fails_without_asking_the_platform(
    client, platform, task_queue, django_capture_on_commit_callbacks
):
    course = instructor_course(
        client, platform, **{AGS: ags_claim(platform, scopes=[AGS_LINEITEM])}
    )
    quiz = add_quiz(course)
    client.logout()
    student_launch(
        client,
        platform,
        **{
            CUSTOM: {"course_site_quiz": str(quiz.pk)},
            AGS: ags_claim(platform, scopes=[AGS_LINEITEM]),
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.attempt_submit(attempt=take(quiz, account("student-1"), right=1))
    task_queue.run()
    post = GradePost.objects.get()
    assert post.status == GradePost.Status.FAILED and "score scope" in post.error
    assert platform.tokens_issued == []


def test_another_courses_failed_grades_are_not_shown_or_sent(
    client, platform, linked, other_instructor, foreign_lecture, django_capture_on_commit_callbacks
):
    client.force_login(other_instructor)
    course = linked.lecture.course
    assert client.get(reverse("lms:grades", args=[course.slug])).status_code == 404
    assert client.post(reverse("lms:grades_retry", args=[course.slug])).status_code == 404


def test_the_failed_grades_page_keeps_its_query_budget(
    client, platform, linked, make_user, django_assert_num_queries
):
    line_item = QuizLineItem.objects.get(quiz=linked)
    client.logout()
    follow(client, platform.launch(client, sub="teacher-1", roles=[INSTRUCTOR]))
    url = reverse("lms:grades", args=[linked.lecture.course.slug])

    def fail(n: int) -> None:
        for i in range(n):
            user = make_user(f"s{GradePost.objects.count()}-{i}")
            GradePost.objects.create(
                line_item=line_item, user=user, status=GradePost.Status.FAILED, error="503"
            )

    fail(1)
    # The session and the user; the course; the failed posts with their students and
    # quizzes; the pending ones counted; the navigation's review count.
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200
    fail(20)
    with django_assert_num_queries(6):
        body = client.get(url).content.decode()
    assert body.count("Send again<span") == 21


@pytest.mark.django_db(transaction=True)
def test_with_the_database_queue_the_worker_posts_and_a_retry_waits(settings, platform, linked):
    """Production's queue: the post is a row the worker (`manage.py db_worker`) runs;
    a failed try is queued again to run a minute later, not at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    platform.routes[("POST", "/lineitems/7/scores")] = lambda request: (503, {"error": "busy"})
    services.attempt_submit(attempt=take(linked, account("student-1"), right=1))
    task = DBTaskResult.objects.get()
    assert task.task_path == "lms.grades.grade_post_task" and task.status == "READY"
    assert scores(platform) == []

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    assert len(scores(platform)) == 1
    retry = DBTaskResult.objects.get(status="READY")
    wait = (retry.run_after - timezone.now()).total_seconds()
    assert 50 < wait <= 60
    assert GradePost.objects.get().tries == 1


def test_a_quiz_no_lms_links_costs_a_submit_one_read(
    make_lecture, student, django_assert_num_queries
):
    quiz = add_quiz(make_lecture().course)
    # Only the quiz's line items are read; no transaction (SQLite's write lock) is taken.
    with django_assert_num_queries(1):
        assert grades.grades_queue(quiz_id=quiz.pk, user_id=student.pk) == []


def test_an_unexpected_error_fails_the_post_instead_of_leaving_it_pending(
    platform, linked, task_queue, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(post, attempt):
        raise AttributeError("'str' object has no attribute 'get'")

    monkeypatch.setattr(grades, "_send", broken)
    with django_capture_on_commit_callbacks(execute=True):
        services.attempt_submit(attempt=take(linked, account("student-1"), right=1))
    task_queue.run()
    post = GradePost.objects.get()
    assert post.status == GradePost.Status.FAILED
    assert "AttributeError" in post.error and "no attribute 'get'" in post.error
    assert any("Grade post" in r.getMessage() and r.exc_info for r in caplog.records)
