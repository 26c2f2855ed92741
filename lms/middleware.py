"""What a launch session carries on its later requests.

- `request.lti_launch`: django-lti's LtiLaunch of the session's last launch
  (restored from the cache only when a view asks), or its AbsentLtiLaunch;
- frame-ancestors: the pages of a launch session may be framed by the origins of
  the platform it came from (lms.models.frame_origins), and by nobody else; every
  other response keeps the site's 'none' and X-Frame-Options DENY. The admin stays
  unframable even in a launch session.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from lti_tool.constants import SESSION_KEY
from lti_tool.models import AbsentLtiLaunch
from lti_tool.utils import get_launch_from_request
from pylti1p3.exception import LtiException

FRAME_ORIGINS_KEY = "lms_frame_origins"


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
        if (
            launch_id
            and not request.path.startswith(reverse("admin:index"))
            and not hasattr(response, "_csp_replace")
        ):
            allow_framing(response, request.session.get(FRAME_ORIGINS_KEY))
        return response

    return middleware
