"""pylti1p3's side of a launch, as django-lti sets it up, with what it leaves open
closed: a launch is refused, before anything is written, when

- its state is not the one this browser's OIDC login set (a cookie) — pylti1p3;
- its id_token is not signed by a key of the platform's key set, or is signed with
  `alg: none`, or has expired — pylti1p3 through PyJWT, which only accepts the key
  set's algorithm;
- its audience is not a client id registered for its issuer — pylti1p3;
- its deployment is unknown or inactive — here: django-lti's tool configuration
  would create any deployment a platform names (inactive) and write the launch's
  user and context before refusing it;
- its nonce was already used — here: pylti1p3 checks that the OIDC login issued the
  nonce but keeps it, so the same launch could be posted again. The nonce is
  consumed by deleting it from the cache: of two posts of one launch, only the one
  whose delete removed the key goes on (Redis DEL and the database cache's DELETE
  both say whether they removed it).

Launch data lives in Django's cache (pylti1p3's DjangoCacheDataStorage): the default
cache is Redis or the database, shared by every process, so the OIDC login and the
launch may reach different workers.
"""

from __future__ import annotations

import requests
from django.core.cache import caches
from django.utils.translation import gettext, gettext_lazy
from lti_tool.models import Key, LtiDeployment, LtiLaunch
from lti_tool.utils import DjangoToolConfig
from pylti1p3.contrib.django import DjangoCacheDataStorage, DjangoMessageLaunch
from pylti1p3.deployment import Deployment
from pylti1p3.exception import LtiException

NONCE_CLAIM = "nonce"
# The OIDC login's state cookie and nonce live this long: a launch must come back
# from the platform within it.
LOGIN_SECONDS = 5 * 60


class LaunchRefused(Exception):
    """A launch this tool will not accept; `str()` is a sentence for the user, in
    their language (a lazy message, as NO_KEY's, is translated when shown)."""

    def __init__(self, message: str, *, status: int = 403) -> None:
        super().__init__(message)
        self.status = status


class ToolConfig(DjangoToolConfig):
    """django-lti's configuration, finding only deployments a superuser (or Dynamic
    Registration) made active: an unknown deployment is refused, not created."""

    def _active_deployment(self, **lookups) -> Deployment | None:
        try:
            self.deployment = LtiDeployment.objects.select_related("registration").get(
                registration__is_active=True, is_active=True, **lookups
            )
        except LtiDeployment.DoesNotExist:
            return None
        return Deployment().set_deployment_id(self.deployment.deployment_id)

    def find_deployment(self, iss, deployment_id):
        lookups = {"registration__issuer": iss, "deployment_id": deployment_id}
        if self.registration_uuid is not None:
            lookups["registration__uuid"] = self.registration_uuid
        return self._active_deployment(**lookups)

    def find_deployment_by_params(self, iss, deployment_id, client_id, *args, **kwargs):
        lookups = {
            "registration__issuer": iss,
            "registration__client_id": client_id,
            "deployment_id": deployment_id,
        }
        if self.registration_uuid is not None:
            lookups["registration__uuid"] = self.registration_uuid
        return self._active_deployment(**lookups)


# django-lti hands pylti1p3 the newest active key with every registration it finds.
NO_KEY = LaunchRefused(
    gettext_lazy(
        "The course site has no signing key yet: its administrator must run "
        "`manage.py rotate_lti_key`."
    ),
    status=503,
)


# pylti1p3 fetches the platform's key set on every launch, without a timeout: a
# platform that stops answering must cost a worker seconds, not its whole timeout.
PLATFORM_TIMEOUT = 10


class PlatformSession(requests.Session):
    """requests, with a timeout on every call to a platform."""

    def request(self, *args, **kwargs):
        kwargs.setdefault("timeout", PLATFORM_TIMEOUT)
        return super().request(*args, **kwargs)


def launch_storage() -> DjangoCacheDataStorage:
    return DjangoCacheDataStorage(cache_name="default")


# pylti1p3's messages, as the sentence a person sees; the rest read "could not be
# verified".
_REASONS = {
    "State not found": gettext_lazy(
        "This launch did not start from this browser's sign-in "
        "(its state does not match). Open the tool from your course again."
    ),
    "Missing state param": gettext_lazy(
        "This launch did not start from this browser's sign-in "
        "(it has no state). Open the tool from your course again."
    ),
    "Invalid Nonce": gettext_lazy(
        "This launch has already been used, or it took too long. "
        "Open the tool from your course again."
    ),
    "Registration not found.": gettext_lazy(
        "This launch's issuer and audience (client id) match no "
        "platform registered with the course site."
    ),
    "Client id not registered for this issuer": gettext_lazy(
        "This launch was not meant for the course site (its audience is not a registered client)."
    ),
    "Unable to find deployment": gettext_lazy(
        "This deployment of the tool is not registered or "
        "not active on the course site. Ask the site's administrator to activate it."
    ),
    "Unable to find public key": gettext_lazy(
        "This launch was not signed with a key the platform publishes."
    ),
}


def _reason(exc: LtiException) -> str:
    message = str(exc)
    if message in _REASONS:
        return str(_REASONS[message])
    if message.startswith("Can't decode id_token"):
        if "expired" in message.lower():
            return gettext("This launch has expired. Open the tool from your course again.")
        return gettext("This launch's signature could not be verified.")
    if message.startswith("Missing") and "cookie" in message:
        return str(_REASONS["State not found"])
    return gettext("This launch could not be verified.")


def nonce_key(message_launch: DjangoMessageLaunch, nonce: str) -> str:
    """The cache key under which the OIDC login stored `nonce` (pylti1p3's naming:
    session service key, then the storage's session prefix on HTTPS)."""
    session = message_launch.get_session_service()
    return session.data_storage._prepare_key(session._get_key("nonce", nonce))


def validated_launch(request) -> LtiLaunch:
    """The launch posted in `request`, verified and its nonce consumed; raises
    LaunchRefused. Writes nothing to the database."""
    try:
        message_launch = DjangoMessageLaunch(
            request,
            ToolConfig(),
            launch_data_storage=launch_storage(),
            requests_session=PlatformSession(),
        )
        message_launch.validate()
        nonce = message_launch.get_launch_data()[NONCE_CLAIM]
    except LtiException as exc:
        raise LaunchRefused(_reason(exc)) from exc
    except Key.DoesNotExist:
        raise NO_KEY from None
    except (ValueError, TypeError, AttributeError, KeyError):
        # A token pylti1p3 trips over (a payload that is a JSON list, a claim of the
        # wrong type) before or while checking it: refused like any unverifiable one.
        raise LaunchRefused(gettext("This launch could not be verified."), status=400) from None
    _check_claims(message_launch.get_launch_data())
    if not caches["default"].delete(nonce_key(message_launch, str(nonce))):
        raise LaunchRefused(str(_REASONS["Invalid Nonce"]))
    return LtiLaunch(message_launch)


# The claims django-lti's sync and our views read as objects (dict `.get`), with the
# keys inside them read as text: a signed launch may still send any JSON there.
CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
_OBJECT_CLAIMS = {
    CLAIM + "context": ("id",),
    CLAIM + "resource_link": ("id",),
    CLAIM + "tool_platform": ("guid",),
    CLAIM + "custom": (),
    CLAIM + "launch_presentation": (),
    "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": ("lineitems", "lineitem"),
    "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": ("context_memberships_url",),
    "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": (),
}
NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"


def _check_claims(data: dict) -> None:
    """Refuses (400) a verified launch whose claims are not the shapes the LTI specs
    give them, before django-lti's sync reads them (it would fail with a 500)."""
    for name, text_keys in _OBJECT_CLAIMS.items():
        if name not in data:
            continue
        claim = data[name]
        if not isinstance(claim, dict) or any(
            claim.get(key) is not None and not isinstance(claim[key], str) for key in text_keys
        ):
            raise LaunchRefused(
                gettext("This launch's %(claim)s claim is malformed; the LMS sent it wrongly.")
                % {"claim": name.rsplit("/", 1)[-1]},
                status=400,
            )
    scope = (data.get("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint") or {}).get(
        "scope", []
    )
    roles = data.get(CLAIM + "roles", [])
    if not _texts(scope) or not _texts(roles):
        raise LaunchRefused(
            gettext(
                "This launch's roles or grade scopes are malformed; the LMS sent them wrongly."
            ),
            status=400,
        )
    if NRPS_CLAIM in data and not data[NRPS_CLAIM].get("context_memberships_url"):
        raise LaunchRefused(
            gettext(
                "This launch offers the course's member list (NRPS) without saying where "
                "to fetch it; the LMS sent it wrongly."
            ),
            status=400,
        )


def _texts(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
