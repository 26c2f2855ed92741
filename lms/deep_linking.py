"""Deep linking (LTI Deep Linking 2.0): what an instructor may link from the LMS, and
the signed response that hands the chosen link back to the platform.

An LtiDeepLinkingResponse is a JWT signed with the tool's key (pylti1p3's DeepLink,
with the key in django-lti's registration), carrying one ltiResourceLink content
item: its URL is the tool's launch URL, and a custom parameter names the lecture or
quiz (LECTURE_PARAM, QUIZ_PARAM), which the platform sends back in every launch of
the link (lms.content_links reads it, and checks it against the launch's course). A
quiz's item asks the platform for a gradebook column (lineItem) with the quiz's
resourceId, so scores have somewhere to go from the first attempt.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db.models import Sum
from lti_tool.models import LtiRegistration
from pylti1p3.deep_link import DeepLink
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.lineitem import LineItem

from lectures.models import Course, Lecture
from quizzes.models import Quiz

from .models import ORIGIN

LECTURE_PARAM = "course_site_lecture"
QUIZ_PARAM = "course_site_quiz"


def quiz_resource_id(quiz: Quiz) -> str:
    """The quiz's line item resourceId: how the tool finds its gradebook column again."""
    return f"quiz-{quiz.pk}"


@dataclass(frozen=True)
class Linkable:
    """A lecture and its published quizzes, as the picker lists them."""

    lecture: Lecture
    quizzes: list[Quiz]


def linkable_content(course: Course) -> list[Linkable]:
    """The course's lectures (drafts included: an instructor may link one before
    publishing it) and their published quizzes, in the course's order. Two queries."""
    lectures = list(course.lectures.order_by("position", "pk").only("title", "published"))
    quizzes: dict[int, list[Quiz]] = {}
    for quiz in (
        Quiz.objects.published()
        .filter(lecture__course=course)
        .annotate(points=Sum("questions__points"))
        .only("title", "lecture_id")
        .order_by("title", "pk")
    ):
        quizzes.setdefault(quiz.lecture_id, []).append(quiz)
    return [Linkable(lecture, quizzes.get(lecture.pk, [])) for lecture in lectures]


def content_item(target: Lecture | Quiz, *, launch_url: str) -> DeepLinkResource:
    """The ltiResourceLink the platform stores for `target`."""
    item = DeepLinkResource().set_url(launch_url).set_title(target.title)
    if isinstance(target, Quiz):
        points = getattr(target, "points", None)
        if points is None:
            points = target.questions.aggregate(total=Sum("points"))["total"]
        item.set_custom_params({QUIZ_PARAM: str(target.pk)})
        item.set_lineitem(
            LineItem()
            .set_score_maximum(float(points or 1))
            .set_label(target.title)
            .set_resource_id(quiz_resource_id(target))
        )
    else:
        item.set_custom_params({LECTURE_PARAM: str(target.pk)})
    return item


def return_url_valid(url) -> bool:
    """Whether a deep_link_return_url may be posted to: the response page lets the
    form post to its origin (CSP form-action), so it must be an origin as ORIGIN
    takes them (HTTPS, or HTTP on this machine), with nothing that could end the
    directive or add a source."""
    if not isinstance(url, str) or any(char in url for char in " \t\r\n;,'\""):
        return False
    parts = urlsplit(url)
    return ORIGIN.fullmatch(f"{parts.scheme}://{parts.netloc}") is not None


@dataclass(frozen=True)
class DeepLinkRequest:
    """What a deep-linking launch asked for, kept (lms.deep_link_requests) until the
    instructor has chosen: who may answer it, for which course, and what the
    response must carry back to the platform."""

    user_id: int
    course_id: int
    registration_id: int
    deployment_id: str
    settings: dict  # the launch's deep_linking_settings claim, as sent

    @property
    def return_url(self) -> str:
        return self.settings["deep_link_return_url"]


@dataclass(frozen=True)
class DeepLinkReturn:
    """Where the browser posts the signed response, and the response itself."""

    url: str
    jwt: str

    @property
    def origin(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"


def deep_link_return(
    request: DeepLinkRequest, target: Lecture | Quiz, *, launch_url: str
) -> DeepLinkReturn:
    """The signed LtiDeepLinkingResponse to `request`, linking `target`.

    pylti1p3 builds and signs it with the registration's key (the tool's current
    key, published at /lti/jwks/): iss = our client id, aud = the platform, the
    launch's deployment id, a fresh nonce, ten minutes' life, and the request's
    `data` echoed as the spec requires. A request without `data` gets no `data`
    claim: pylti1p3 writes it as null, which the spec does not allow and a strict
    verifier refuses (jwcrypto 1.6.2 rejects any null claim)."""
    registration = LtiRegistration.objects.get(pk=request.registration_id).to_registration()
    deep_link = DeepLink(registration, request.deployment_id, request.settings)
    message = deep_link.get_message_jwt([content_item(target, launch_url=launch_url)])
    if message.get(DATA_CLAIM) is None:
        message.pop(DATA_CLAIM, None)
    return DeepLinkReturn(url=request.return_url, jwt=deep_link.encode_jwt(message))


DATA_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/data"
