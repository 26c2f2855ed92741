"""Every launch the tool must refuse: a clear 4xx page, and nothing written."""

from __future__ import annotations

import json
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from jwcrypto import jws
from lti_tool.models import LtiContext, LtiDeployment, LtiUser

from lectures.models import Course, Enrolment
from lms import tool
from lms.models import PlatformAccount
from tests.lms.platform import INSTRUCTOR, LEARNER, MENTOR


def _nothing_written(users_before: int = 0):
    assert get_user_model().objects.count() == users_before
    assert not PlatformAccount.objects.exists()
    assert not LtiUser.objects.exists()
    assert not LtiContext.objects.exists()
    assert not Course.objects.exists()
    assert not Enrolment.objects.exists()
    assert LtiDeployment.objects.count() == 1  # the one registered, no other made


def _refused(response, status: int, words: str):
    assert response.status_code == status
    assert words in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session


def test_a_replayed_launch_is_refused_the_second_time(client, platform):
    login = platform.login(client)
    token = platform.id_token(platform.claims(nonce=login.nonce, roles=[INSTRUCTOR]))
    assert platform.post_launch(client, token, login.state).status_code == 302
    before = {model: model.objects.count() for model in (PlatformAccount, Course, LtiUser)}

    replay = platform.post_launch(client, token, login.state)

    assert replay.status_code == 403
    assert "already been used" in replay.content.decode()
    assert {model: model.objects.count() for model in before} == before


def test_a_nonce_the_tool_never_issued_is_refused(client, platform):
    login = platform.login(client)
    token = platform.id_token(platform.claims(nonce="made-up"))
    _refused(platform.post_launch(client, token, login.state), 403, "already been used")
    _nothing_written()


def test_a_wrong_audience_is_refused(client, platform):
    _refused(platform.launch(client, aud="another-tool"), 403, "audience")
    _nothing_written()


def test_an_unknown_deployment_is_refused_and_not_created(client, platform):
    response = platform.launch(
        client, **{"https://purl.imsglobal.org/spec/lti/claim/deployment_id": "deployment-unknown"}
    )
    _refused(response, 403, "deployment")
    _nothing_written()


def test_an_inactive_deployment_is_refused(client, platform):
    LtiDeployment.objects.update(is_active=False)
    _refused(platform.launch(client), 403, "deployment")
    _nothing_written()


def test_an_expired_token_is_refused(client, platform):
    now = int(time.time())
    _refused(platform.launch(client, iat=now - 600, exp=now - 300), 403, "expired")
    _nothing_written()


def test_alg_none_is_refused(client, platform):
    login = platform.login(client)
    token = platform.unsigned_token(platform.claims(nonce=login.nonce))
    _refused(platform.post_launch(client, token, login.state), 403, "signed")
    _nothing_written()


def test_a_key_outside_the_platforms_key_set_is_refused(client, platform):
    # The stranger's key claims the platform's kid: only the signature gives it away.
    stranger = platform.new_key()
    login = platform.login(client)
    token = platform.id_token(
        platform.claims(nonce=login.nonce), key=stranger, headers={"kid": platform.kid}
    )
    _refused(platform.post_launch(client, token, login.state), 403, "signature")
    _nothing_written()


def test_a_key_id_outside_the_key_set_is_refused(client, platform):
    _refused(platform.launch(client, key=platform.new_key()), 403, "key the platform publishes")
    _nothing_written()


def test_a_mismatched_state_is_refused(client, platform):
    login = platform.login(client)
    token = platform.id_token(platform.claims(nonce=login.nonce))
    _refused(platform.post_launch(client, token, "state-of-someone-else"), 403, "state")
    _nothing_written()


def test_a_launch_without_the_login_cookie_is_refused(client, platform):
    login = platform.login(client)
    token = platform.id_token(platform.claims(nonce=login.nonce))
    client.cookies.clear()
    _refused(platform.post_launch(client, token, login.state), 403, "state")
    _nothing_written()


@pytest.mark.parametrize("roles", [[MENTOR], []])
def test_a_role_without_access_is_refused(client, platform, roles):
    _refused(platform.launch(client, roles=roles), 403, "role")
    _nothing_written()


def test_a_student_before_any_instructor_is_refused(client, platform):
    _refused(platform.launch(client, roles=[LEARNER]), 403, "not set up")
    _nothing_written()


def test_a_deep_linking_launch_by_a_student_is_refused(client, platform):
    _refused(platform.launch(client, deep_linking=True, roles=[LEARNER]), 403, "instructors")
    _nothing_written()


def test_an_unregistered_platform_cannot_start_a_login(client, platform):
    response = client.get("/lti/login/", {"iss": "https://elsewhere.test", "login_hint": "x"})
    _refused(response, 400, "not registered")


def test_a_launch_by_get_is_not_allowed(client, platform):
    assert client.get("/lti/launch/").status_code == 405


def test_a_disabled_account_cannot_launch_in(client, platform):
    client.get(platform.launch(client, sub="t", roles=[INSTRUCTOR])["Location"])
    client.logout()
    get_user_model().objects.update(is_active=False)
    _refused(platform.launch(client, sub="t", roles=[INSTRUCTOR]), 403, "disabled")


def test_a_platform_whose_key_set_does_not_answer_is_refused_in_seconds(
    client, platform, monkeypatch
):
    monkeypatch.setattr(tool, "PLATFORM_TIMEOUT", 0.5)
    hang = threading.Event()
    platform.routes[("GET", "/jwks")] = lambda request: (hang.wait(5), (200, platform.jwks()))[1]
    started = time.monotonic()
    response = platform.launch(client)
    hang.set()
    assert time.monotonic() - started < 4
    _refused(response, 403, "could not be verified")
    _nothing_written()


def _signed(platform, payload: bytes) -> str:
    """A token signed by the platform's own key whose payload is any bytes."""
    signed = jws.JWS(payload)
    header = {"alg": "RS256", "kid": platform.kid, "typ": "JWT"}
    signed.add_signature(platform.key, protected=json.dumps(header))
    return signed.serialize(compact=True)


@pytest.mark.parametrize("payload", [b"[1, 2, 3]", b'"a string"', b"17", b"null"])
def test_a_token_whose_payload_is_not_an_object_is_refused(client, platform, payload):
    login = platform.login(client)
    _refused(
        platform.post_launch(client, _signed(platform, payload), login.state),
        400,
        "could not be verified",
    )
    _nothing_written()


AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
CONTEXT_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/context"
CUSTOM_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/custom"
PLATFORM_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/tool_platform"


@pytest.mark.parametrize(
    ("claims", "words"),
    [
        ({AGS_CLAIM: "https://lms.example.test/lineitems"}, "endpoint claim is malformed"),
        ({AGS_CLAIM: {"scope": "all", "lineitems": "x"}}, "grade scopes are malformed"),
        ({AGS_CLAIM: {"scope": [], "lineitems": ["x"]}}, "endpoint claim is malformed"),
        ({CONTEXT_CLAIM: "course-101"}, "context claim is malformed"),
        ({CONTEXT_CLAIM: {"id": 101}}, "context claim is malformed"),
        ({CUSTOM_CLAIM: ["quiz", "1"]}, "custom claim is malformed"),
        ({PLATFORM_CLAIM: "moodle"}, "tool_platform claim is malformed"),
        ({NRPS_CLAIM: "https://lms.example.test/nrps"}, "namesroleservice claim is malformed"),
        ({NRPS_CLAIM: {"service_versions": ["2.0"]}}, "without saying where"),
    ],
    ids=[
        "ags-str",
        "ags-scope-str",
        "ags-lineitems-list",
        "context-str",
        "context-id-int",
        "custom-list",
        "platform-str",
        "nrps-str",
        "nrps-no-url",
    ],
)
def test_a_signed_launch_with_a_malformed_claim_is_refused(client, platform, claims, words):
    _refused(platform.launch(client, roles=[INSTRUCTOR], **claims), 400, words)
    _nothing_written()
