"""The /lti/ endpoints: OIDC login initiation, the launch, the handoff out of the
LMS frame, the JWKS, linking a context to a course, and Dynamic Registration.

The platform posts to login and launch from its own pages, so they are exempt from
CSRF; what protects them is OIDC's state (a cookie set at login), the nonce, and
the id_token's signature (lms.tool).
"""

from __future__ import annotations

import json
from urllib.parse import urlencode, urlsplit

import jwt
import requests
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from lti_dynamic_registration.types import LmsLtiRegistration, LmsLtiToolConfiguration, LtiMessage
from lti_dynamic_registration.views import DynamicRegistrationBaseView
from lti_tool.constants import SESSION_KEY
from lti_tool.models import Key, LtiContext, LtiRegistration
from lti_tool.views import jwks as library_jwks
from pylti1p3.contrib.django import DjangoOIDCLogin
from pylti1p3.exception import LtiException, OIDCException

from . import landing, registrations
from .auth import BACKEND
from .forms import CourseLinkForm
from .handoff import Handoff, handoff_create, handoff_peek, handoff_take
from .launches import INSTRUCTOR, context_link, launch_apply, role_of
from .middleware import FRAME_ORIGINS_KEY, allow_framing
from .models import ORIGIN, frame_origins
from .tool import (
    NO_KEY,
    LaunchRefused,
    PlatformSession,
    ToolConfig,
    launch_storage,
    validated_launch,
)

# The session's context awaiting an instructor's choice of course (lms:link_course).
LINK_CONTEXT_KEY = "lms_link_context"
PROBE_COOKIE = "lms-cookie-probe"
PROBE_PARAM = "lms_probe"


def _refused(request: HttpRequest, message: str, status: int, origins=()) -> HttpResponse:
    response = render(request, "lms/refused.html", {"message": message}, status=status)
    allow_framing(response, origins)
    return response


def _framed(request: HttpRequest) -> bool:
    return request.headers.get("Sec-Fetch-Dest") == "iframe"


def _registration_for_login(params) -> LtiRegistration | None:
    candidates = LtiRegistration.objects.active().filter(issuer=params.get("iss", ""))
    if params.get("client_id"):
        candidates = candidates.filter(client_id=params["client_id"])
    found = list(candidates[:2])
    return found[0] if len(found) == 1 else None


def _claimed_origins(request: HttpRequest) -> list[str]:
    """The frame origins of the registered platform a refused launch names (unverified:
    it only lets that platform show the refusal in its frame; nothing else is read)."""
    try:
        claims = jwt.decode(request.POST.get("id_token", ""), options={"verify_signature": False})
    except jwt.InvalidTokenError:
        return []
    aud = claims.get("aud")
    client_id = aud[0] if isinstance(aud, list) and aud else aud
    if not isinstance(claims.get("iss"), str) or not isinstance(client_id, str):
        return []
    registration = _registration_for_login({"iss": claims["iss"], "client_id": client_id})
    return frame_origins(registration) if registration else []


@csrf_exempt
@require_http_methods(["GET", "POST"])
def oidc_login(request: HttpRequest) -> HttpResponse:
    """Third-party-initiated login: the platform sends the user here first; we send
    them back to its authorisation endpoint with a state (cookie) and a nonce.

    In a frame, a first round trip checks that the browser keeps our cookies there:
    if it does not, the launch's state cookie would be lost, so the page offers to
    open the tool in a new window instead (no script needed, nothing inline).
    """
    params = request.POST if request.method == "POST" else request.GET
    registration = _registration_for_login(params)
    if registration is None:
        return _refused(
            request, gettext("This platform is not registered with the course site."), 400
        )
    origins = frame_origins(registration)
    if _framed(request):
        if not params.get(PROBE_PARAM):
            query = urlencode({**params.dict(), PROBE_PARAM: "1"})
            response = redirect(f"{reverse('lms:login')}?{query}")
            response.set_cookie(
                PROBE_COOKIE,
                "1",
                max_age=60,
                secure=request.is_secure(),
                httponly=True,
                samesite="None" if request.is_secure() else "Lax",
            )
            allow_framing(response, origins)
            return response
        if PROBE_COOKIE not in request.COOKIES:
            query = urlencode({k: v for k, v in params.items() if k != PROBE_PARAM})
            response = render(
                request,
                "lms/open_in_window.html",
                {"url": f"{reverse('lms:login')}?{query}"},
            )
            allow_framing(response, origins)
            return response
    try:
        oidc = DjangoOIDCLogin(request, ToolConfig(), launch_data_storage=launch_storage())
        response = oidc.redirect(request.build_absolute_uri(reverse("lms:launch")))
    except (LtiException, OIDCException):
        return _refused(
            request, gettext("This sign-in request from the platform is incomplete."), 400
        )
    except Key.DoesNotExist:
        return _refused(request, str(NO_KEY), NO_KEY.status)
    allow_framing(response, origins)
    return response


@csrf_exempt
@require_POST
def launch(request: HttpRequest) -> HttpResponse:
    """The launch: verified (lms.tool), applied (lms.launches), logged in, and on to
    the handoff that lands on the page the launch is for."""
    try:
        lti_launch = validated_launch(request)
        if not (lti_launch.is_resource_launch or lti_launch.is_deep_link_launch):
            raise LaunchRefused(
                gettext("The course site does not handle this kind of launch."), status=400
            )
        if lti_launch.is_deep_link_launch:
            if role_of(lti_launch.roles_claim) != INSTRUCTOR:
                raise LaunchRefused(
                    gettext("Only a course's instructors add the course site's content.")
                )
            if not landing.DEEP_LINKING_PAGES:
                raise LaunchRefused(
                    gettext("The course site cannot add content to the LMS yet."), status=400
                )
    except LaunchRefused as exc:
        return _refused(request, str(exc), exc.status, _claimed_origins(request))
    origins = frame_origins(lti_launch.registration)
    try:
        # The landing is resolved in the transaction that writes the launch: a
        # refused one (a link to a page outside the launch's course) writes nothing.
        with transaction.atomic():
            result = launch_apply(launch=lti_launch)
            url = _landing(lti_launch, result)
    except LaunchRefused as exc:
        return _refused(request, str(exc), exc.status, origins)
    login(request, result.user, backend=BACKEND)
    request.session[SESSION_KEY] = lti_launch.get_launch_id()
    request.session[FRAME_ORIGINS_KEY] = origins
    if result.needs_course:
        request.session[LINK_CONTEXT_KEY] = result.context.pk
    token = handoff_create(
        handoff=Handoff(
            user_id=result.user.pk,
            url=url,
            launch_id=lti_launch.get_launch_id(),
            frame_origins=tuple(origins),
        )
    )
    response = redirect("lms:continue", token=token)
    allow_framing(response, origins)
    return response


def _landing(lti_launch, result) -> str:
    """The page `lti_launch` (applied as `result`) goes on to; raises LaunchRefused."""
    if result.needs_course:
        return reverse("lms:link_course")
    if lti_launch.is_deep_link_launch:
        pages = (page(lti_launch, result) for page in landing.DEEP_LINKING_PAGES)
        return next(filter(None, pages), None) or landing.landing_url(
            course=result.course, resource_link=None
        )
    return landing.landing_url(
        course=result.course, resource_link=result.resource_link, launch=lti_launch
    )


@require_GET
def handoff(request: HttpRequest, token: str) -> HttpResponse:
    """Where a launch goes on (lms.handoff): straight to its page when the session came
    back; in a frame without it, a link to open the site in a new window; opened at
    the top level, the link logs the account in there."""
    pending = handoff_peek(token)
    if pending is None:
        return _refused(
            request,
            gettext(
                "This link has expired or has been used. Open the tool from your course again."
            ),
            410,
        )
    if request.user.is_authenticated and request.user.pk == pending.user_id:
        handoff_take(token)
        response = redirect(pending.url)
    elif _framed(request):
        response = render(request, "lms/open_in_window.html", {"url": request.path})
    else:
        taken = handoff_take(token)
        user = get_user_model().objects.filter(pk=pending.user_id, is_active=True).first()
        if taken is None or user is None:
            return _refused(
                request,
                gettext(
                    "This link has expired or has been used. Open the tool from your course again."
                ),
                410,
            )
        login(request, user, backend=BACKEND)
        request.session[SESSION_KEY] = taken.launch_id
        request.session[FRAME_ORIGINS_KEY] = list(taken.frame_origins)
        response = redirect(taken.url)
    allow_framing(response, pending.frame_origins)
    return response


@require_GET
def jwks(request: HttpRequest) -> HttpResponse:
    """Our public keys (django-lti's view): every active key, the previous one included
    until the next rotation (lms.keys)."""
    return library_jwks(request)


@login_required
@require_http_methods(["GET", "POST"])
def link_course(request: HttpRequest) -> HttpResponse:
    """An instructor's first launch in an LMS course, while they teach courses here:
    link it to one of theirs, or make a new course for it."""
    context_pk = request.session.get(LINK_CONTEXT_KEY)
    context = LtiContext.objects.filter(pk=context_pk).first() if context_pk else None
    if context is None:
        raise Http404("No LMS course is waiting for a course here.")
    form = CourseLinkForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        course = context_link(
            context=context, user=request.user, course=form.cleaned_data["course"]
        )
        del request.session[LINK_CONTEXT_KEY]
        return redirect(landing.course_url(course))
    return render(request, "lms/link_course.html", {"form": form, "context": context})


TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration"
# What the tool asks of a platform: grades back (AGS) and the class roster (NRPS).
SCOPES = [
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
    "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
    "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
]
CLAIMS = ["iss", "sub", "name", "given_name", "family_name", "email"]


class _Message(LtiMessage):
    # The add-on's LtiMessage.to_dict iterates a dict's keys as pairs (0.1.2).
    def to_dict(self) -> dict:
        return {key: value for key, value in vars(self).items() if value}


class DynamicRegistration(DynamicRegistrationBaseView):
    """/lti/register/<token>/: the one-time URL a platform's administrator pastes into
    the LMS (lms.registrations)."""

    tool_friendly_name = "Course site"

    def get_openid_config(self) -> dict:
        # The add-on's, with a timeout, and a stricter check: the configuration must
        # be served from its issuer's own origin (scheme, host and port), not from any
        # URL that merely starts with the issuer's text
        # (https://lms.school.edu.evil.example/ starts with https://lms.school.edu).
        url = self.request.GET.get("openid_configuration", "")
        registration_token = self.request.GET.get("registration_token", "")
        if not url or not registration_token:
            raise ValueError("openid_configuration and registration_token are required")
        _check_platform_url(url)
        config = _platform_json(
            PlatformSession().get(
                url,
                headers={"Authorization": f"Bearer {registration_token}"},
                allow_redirects=False,
                stream=True,
            )
        )
        if not isinstance(config, dict):
            raise ValueError("the OpenID configuration is not a JSON object")
        for key in CONFIG_URLS:
            if not isinstance(config.get(key), str):
                raise ValueError(f"the OpenID configuration has no {key}")
        if _origin_parts(url) != _origin_parts(config["issuer"]):
            raise ValueError("the OpenID configuration is not its issuer's")
        _check_platform_url(config["registration_endpoint"])
        return config

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        if registrations.invite_usable(token) is None:
            return _refused(
                request, gettext("This registration URL has expired or has been used."), 410
            )
        try:
            openid_config = self.get_openid_config()
            origins = [_origin(request.GET["openid_configuration"])]
        except (ValueError, KeyError, TypeError, requests.RequestException):
            return _refused(
                request, gettext("The platform's registration request could not be completed."), 400
            )
        if registrations.issuer_registered(openid_config["issuer"]):
            # Before registering with the platform: a second registration of an
            # issuer would be a second key set for its users (PlatformAccount).
            return _refused(request, gettext("This platform is already registered."), 409, origins)
        try:
            answer = self._register_with_platform(openid_config)
            if not isinstance(answer, dict):
                raise ValueError("the platform's answer is not a JSON object")
        except (ValueError, KeyError, TypeError, requests.RequestException):
            return _refused(
                request, gettext("The platform's registration request could not be completed."), 400
            )
        client_id = str(answer.get("client_id") or "")
        tool_config = answer.get(TOOL_CONFIGURATION)
        tool_config = tool_config if isinstance(tool_config, dict) else {}
        deployment_id = str(tool_config.get("deployment_id") or "")
        platform_config = openid_config.get(
            "https://purl.imsglobal.org/spec/lti-platform-configuration"
        )
        platform_config = platform_config if isinstance(platform_config, dict) else {}
        name = str(platform_config.get("product_family_code") or "") or openid_config["issuer"]
        try:
            registration = registrations.platform_record(
                token=token,
                openid_config=openid_config,
                client_id=client_id,
                deployment_id=deployment_id,
                name=name,
            )
        except (IntegrityError, registrations.IssuerTaken):
            return _refused(request, gettext("This platform is already registered."), 409, origins)
        if registration is None:
            return _refused(request, gettext("This registration URL has been used."), 410, origins)
        response = render(request, "lms/registered.html", {"registration": registration})
        allow_framing(response, origins)
        return response

    def _register_with_platform(self, openid_config: dict) -> dict:
        launch_url = self.request.build_absolute_uri(reverse("lms:launch"))
        tool = LmsLtiRegistration(
            client_name=self.tool_friendly_name,
            jwks_uri=self.request.build_absolute_uri(reverse("lms:jwks")),
            initiate_login_uri=self.request.build_absolute_uri(reverse("lms:login")),
            target_link_uri=launch_url,
            scopes=SCOPES,
            lti_tool_configuration=LmsLtiToolConfiguration(
                domain=self.request.get_host(),
                target_link_uri=launch_url,
                claims=CLAIMS,
                messages=[
                    _Message(type="LtiResourceLinkRequest", label=self.tool_friendly_name),
                    _Message(
                        type="LtiDeepLinkingRequest",
                        label=self.tool_friendly_name,
                        placements=["ContentArea"],
                    ),
                ],
            ),
        )
        return _platform_json(
            PlatformSession().post(
                openid_config["registration_endpoint"],
                json=tool.to_dict(),
                headers={"Authorization": f"Bearer {self.request.GET['registration_token']}"},
                allow_redirects=False,
                stream=True,
            )
        )


# What an OpenID configuration must name, as strings (lms.registrations records them).
CONFIG_URLS = (
    "issuer",
    "authorization_endpoint",
    "token_endpoint",
    "jwks_uri",
    "registration_endpoint",
)
# A platform's configuration or registration answer is a few kilobytes: more is not one.
MAX_PLATFORM_REPLY = 256 * 1024


def _platform_json(response) -> object:
    """A platform's JSON reply, refused (ValueError) when it redirects (the request
    carries the registration token, which must reach no other host) or is too big."""
    with response:
        if response.is_redirect or response.status_code >= 300:
            raise ValueError(f"the platform answered {response.status_code}")
        body = response.raw.read(MAX_PLATFORM_REPLY + 1, decode_content=True)
    if len(body) > MAX_PLATFORM_REPLY:
        raise ValueError("the platform's reply is too big")
    return json.loads(body)


def _origin_parts(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port (the scheme's default when absent) of `url`."""
    parts = urlsplit(url)
    port = parts.port or {"https": 443, "http": 80}.get(parts.scheme.lower())
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


def _check_platform_url(url: str) -> None:
    """HTTPS (or HTTP on this machine, as ORIGIN allows for development and tests)."""
    if not ORIGIN.fullmatch(_origin(url)):
        raise ValueError("the platform's URLs must be HTTPS")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


register = require_GET(DynamicRegistration.as_view())
