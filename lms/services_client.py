"""How the tool talks to a platform's services (NRPS, AGS): pylti1p3's
ServiceConnector, which asks the platform's token endpoint for an access token with
a JWT signed by our key (the OAuth 2 client-credentials grant of the LTI Security
Framework) and sends it as a bearer token, over a session that never waits long.

pylti1p3 passes no timeout to requests, so a platform that hangs would hang the
caller (a task worker, or an instructor's roster request) for ever; TIMEOUT bounds it.
"""

from __future__ import annotations

import requests
from lti_tool.models import LtiContext
from pylti1p3.service_connector import REQUESTS_USER_AGENT, ServiceConnector

# Seconds to connect, and to wait for each read.
TIMEOUT = (5, 20)

AGS_LINEITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
AGS_LINEITEM_READONLY = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly"
AGS_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
AGS_RESULT_READONLY = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly"
NRPS_MEMBERSHIPS = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"


class _BoundedSession(requests.Session):
    def request(self, method, url, **kwargs):
        kwargs.setdefault("timeout", TIMEOUT)
        return super().request(method, url, **kwargs)


def connector(context: LtiContext) -> ServiceConnector:
    """A connector for the services of `context`'s platform registration."""
    session = _BoundedSession()
    session.headers["User-Agent"] = REQUESTS_USER_AGENT
    registration = context.deployment.registration.to_registration()
    return ServiceConnector(registration, requests_session=session)


def ags_scopes(context: LtiContext) -> list[str]:
    """The AGS scopes the platform granted in the context's last launch (django-lti
    keeps them as flags on LtiContext); asked for, all of them, in the token request."""
    flags = (
        (context.can_manage_lineitems, AGS_LINEITEM),
        (context.can_query_lineitems, AGS_LINEITEM_READONLY),
        (context.can_publish_scores, AGS_SCORE),
        (context.can_access_results, AGS_RESULT_READONLY),
    )
    return [scope for granted, scope in flags if granted]
