"""What the deep-linking, roster and grades tests share: a course made by an
instructor's launch from the test platform (tests/lms/platform.py), its content,
and launches that carry the services' claims (custom parameters, NRPS, AGS)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from lectures.content.imports import lecture_import
from lectures.models import Course
from quizzes.models import Question, Quiz
from tests.helpers import SIMPLE_NOTES, add_question
from tests.lms.platform import AGS, INSTRUCTOR, LEARNER, NRPS

CUSTOM = "https://purl.imsglobal.org/spec/lti/claim/custom"
AGS_LINEITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
AGS_LINEITEM_READONLY = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly"
AGS_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"


def follow(client, response):
    """Follow a launch's redirect to its handoff (lms:continue); returns the handoff's
    answer: a redirect to the page the launch lands on."""
    assert response.status_code == 302, response.content.decode()[:500]
    return client.get(response["Location"])


def ags_claim(platform, *, lineitem: str | None = None, scopes=None) -> dict:
    claim = {
        "scope": scopes if scopes is not None else [AGS_LINEITEM, AGS_LINEITEM_READONLY, AGS_SCORE],
        "lineitems": f"{platform.url}/lineitems",
    }
    if lineitem:
        claim["lineitem"] = lineitem
    return claim


def nrps_claim(platform) -> dict:
    return {"context_memberships_url": f"{platform.url}/nrps", "service_versions": ["2.0"]}


def instructor_course(client, platform, **claims) -> Course:
    """The instructor's first launch makes the course (slug geo101); it gets the
    sample lecture and a published quiz of one true/false question (1 point)."""
    claims.setdefault(NRPS, nrps_claim(platform))
    claims.setdefault(AGS, ags_claim(platform))
    follow(client, platform.launch(client, sub="teacher-1", roles=[INSTRUCTOR], **claims))
    course = Course.objects.get(lms_links__isnull=False)
    lecture_import(course_slug=course.slug, data=SIMPLE_NOTES)
    return course


def add_quiz(course: Course, title: str = "Plates quiz", **fields) -> Quiz:
    lecture = course.lectures.first()
    fields = {"published": True, "pass_mark": 50, **fields}
    quiz = Quiz.objects.create(lecture=lecture, title=title, **fields)
    add_question(
        quiz,
        Question.Kind.TRUE_FALSE,
        "Continents drift.",
        [{"text": "True", "is_correct": True}, {"text": "False"}],
    )
    add_question(
        quiz,
        Question.Kind.TRUE_FALSE,
        "Pangaea is a volcano.",
        [{"text": "True"}, {"text": "False", "is_correct": True}],
    )
    return quiz


def student_launch(client, platform, sub: str = "student-1", **claims):
    """A student's launch (following the handoff); returns the landing response."""
    claims.setdefault("name", "Stu Dent")
    return follow(client, platform.launch(client, sub=sub, roles=[LEARNER], **claims))


def account(sub: str):
    return get_user_model().objects.get(platform_accounts__subject=sub)
