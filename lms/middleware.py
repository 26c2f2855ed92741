"""What a launch session carries on its later requests.

- `request.lti_launch`: django-lti's LtiLaunch of the session's last launch
  (restored from the cache only when a view asks), or its AbsentLtiLaunch;
- frame-ancestors: in a launch session, the pages a launch lands on and a student
  reads or takes a quiz on (FRAMABLE) may be framed by the origins of the platform
  it came from (lms.models.frame_origins), and by nobody else; every other page
  (teaching, the admin, accounts, reports) keeps the site's 'none' and
  X-Frame-Options DENY even in a launch session, so a platform's page cannot
  overlay it (clickjacking).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from lti_tool.constants import SESSION_KEY
from lti_tool.models import AbsentLtiLaunch
from lti_tool.utils import get_launch_from_request
from pylti1p3.exception import LtiException

FRAME_ORIGINS_KEY = "lms_frame_origins"

# The URL names a launch session's platform may frame: where launches land (the
# handoff, the course choice, the course, the dashboard), a lecture and what a
# student does on it, a quiz and its attempt, and the deep-linking picker.
FRAMABLE = frozenset(
    {
        "lms:continue",
        "lms:link_course",
        "lms:deep_link",
        "lectures:dashboard",
        "lectures:course_detail",
        "lectures:lecture_detail",
        "lectures:glossary",
        "lectures:timeline",
        "lectures:section_mark_read",
        "lectures:item_mark_done",
        "lectures:reading_mark_done",
        "quizzes:quiz_detail",
        "quizzes:quiz_start",
        "quizzes:attempt_detail",
        "quizzes:attempt_answer",
        "quizzes:attempt_answer_all",
        "quizzes:attempt_submit",
    }
)


def allow_framing(response, origins) -> None:
    """Let `origins` (a platform's) frame `response`; no origins: nobody."""
    if origins:
        response._csp_replace = {"frame-ancestors": list(origins)}
        response.xframe_options_exempt = True


def _restored(request, launch_id):
    if not launch_id:
        return AbsentLtiLaunch()
    try:
        return get_launch_from_request(request, launch_id)
    except LtiException:
        return AbsentLtiLaunch()


def launch_session(get_response):
    def middleware(request):
        launch_id = None
        # Without a session cookie there is no session to read (nor a query to spend).
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            launch_id = request.session.get(SESSION_KEY)
        request.lti_launch = SimpleLazyObject(lambda: _restored(request, launch_id))
        response = get_response(request)
        match = request.resolver_match
        if (
            launch_id
            and match is not None
            and match.view_name in FRAMABLE
            and not hasattr(response, "_csp_replace")
        ):
            allow_framing(response, request.session.get(FRAME_ORIGINS_KEY))
        return response

    return middleware
