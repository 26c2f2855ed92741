"""Dynamic Registration from a one-time URL, against the test platform's endpoints."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from lti_tool.models import LtiDeployment, LtiRegistration

from lms.models import RegistrationInvite
from lms.registrations import invite_create
from tests.lms.platform import TestPlatform

TOOL = "https://purl.imsglobal.org/spec/lti-tool-configuration"


@pytest.fixture
def lms(db):
    platform = TestPlatform().start()
    platform.issuer = platform.url
    platform.routes[("GET", "/openid-configuration")] = lambda request: (
        200,
        {
            "issuer": platform.url,
            "authorization_endpoint": f"{platform.url}/auth",
            "token_endpoint": platform.token_url,
            "jwks_uri": platform.keyset_url,
            "registration_endpoint": f"{platform.url}/register",
            "https://purl.imsglobal.org/spec/lti-platform-configuration": {
                "product_family_code": "moodle"
            },
        },
    )
    platform.routes[("POST", "/register")] = lambda request: (
        200,
        {
            "client_id": "issued-client",
            "https://purl.imsglobal.org/spec/lti-tool-configuration": {"deployment_id": "7"},
        },
    )
    yield platform
    platform.stop()


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.com", "x")


def _open(client, lms, token):
    return client.get(
        reverse("lms:register", kwargs={"token": token}),
        {
            "openid_configuration": f"{lms.url}/openid-configuration",
            "registration_token": "reg-token",
        },
    )


def test_a_registration_url_registers_the_platform_once(client, lms, superuser):
    token = invite_create(user=superuser, note="Moodle")

    response = _open(client, lms, token)

    assert response.status_code == 200
    registration = LtiRegistration.objects.get()
    assert (registration.issuer, registration.client_id) == (lms.url, "issued-client")
    assert registration.keyset_url == lms.keyset_url
    deployment = LtiDeployment.objects.get()
    assert (deployment.deployment_id, deployment.is_active) == ("7", True)
    (sent,) = [r for r in lms.requests if r.path == "/register"]
    assert sent.headers["Authorization"] == "Bearer reg-token"
    assert sent.body["jwks_uri"] == "http://testserver/lti/jwks/"
    assert sent.body["initiate_login_uri"] == "http://testserver/lti/login/"
    assert "https://purl.imsglobal.org/spec/lti-ags/scope/score" in sent.body["scope"].split()
    messages = sent.body["https://purl.imsglobal.org/spec/lti-tool-configuration"]["messages"]
    assert {m["type"] for m in messages} == {"LtiResourceLinkRequest", "LtiDeepLinkingRequest"}
    assert RegistrationInvite.objects.get().registration == registration
    assert "frame-ancestors " + lms.url in response["Content-Security-Policy"]

    again = _open(client, lms, token)
    assert again.status_code == 410
    assert LtiRegistration.objects.count() == 1


def test_a_failed_exchange_leaves_the_url_usable(client, lms, superuser):
    token = invite_create(user=superuser)
    lms.routes[("POST", "/register")] = lambda request: (500, {"error": "down"})
    assert _open(client, lms, token).status_code == 400
    assert not LtiRegistration.objects.exists()
    assert RegistrationInvite.objects.get().used is None


def test_without_a_registration_url_nothing_registers(client, lms):
    assert _open(client, lms, "guessed").status_code == 410
    assert not LtiRegistration.objects.exists()


def test_the_superuser_makes_a_registration_url_in_the_admin(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:lms_registrationinvite_add"), {"note": "Canvas"}, follow=True
    )
    assert "/lti/register/" in response.content.decode()
    assert RegistrationInvite.objects.get().note == "Canvas"


def _config(lms, **changes):
    config = lms.routes[("GET", "/openid-configuration")](None)[1]
    return {**config, **changes}


def test_a_configuration_whose_url_only_starts_with_the_issuer_is_refused(client, lms, superuser):
    # http://127.0.0.1 is a prefix of http://127.0.0.1:<port>/openid-configuration,
    # as https://lms.school.edu is of https://lms.school.edu.evil.example/…: another origin.
    config = _config(lms, issuer="http://127.0.0.1")
    lms.routes[("GET", "/openid-configuration")] = lambda request: (200, config)
    response = _open(client, lms, invite_create(user=superuser))
    assert response.status_code == 400
    assert not LtiRegistration.objects.exists()
    assert not [r for r in lms.requests if r.path == "/register"]


def test_an_issuer_already_registered_is_not_registered_again(client, lms, superuser):
    LtiRegistration.objects.create(name="First", issuer=lms.url, client_id="first")
    response = _open(client, lms, invite_create(user=superuser))
    assert response.status_code == 409
    assert list(LtiRegistration.objects.values_list("client_id", flat=True)) == ["first"]
    assert not [r for r in lms.requests if r.path == "/register"]
    assert RegistrationInvite.objects.get().used is None


def _too_big(request):
    return 200, {"issuer": "x" * 300_000}


@pytest.mark.parametrize(
    "answer",
    [
        lambda request: (200, ["a", "list"]),
        lambda request: (200, "not json at all"),
        lambda request: (200, {"issuer": ["http://127.0.0.1"]}),
        lambda request: (200, {"issuer": None}),
        lambda request: (302, {"moved": True}),
        _too_big,
    ],
    ids=["list", "html", "issuer-list", "issuer-null", "redirect", "too-big"],
)
def test_a_malformed_configuration_is_refused_with_nothing_written(client, lms, superuser, answer):
    lms.routes[("GET", "/openid-configuration")] = answer
    response = _open(client, lms, invite_create(user=superuser))
    assert response.status_code == 400
    assert "could not be completed" in response.content.decode()
    assert not LtiRegistration.objects.exists()
    assert RegistrationInvite.objects.get().used is None


@pytest.mark.parametrize("answer", [["a", "list"], {"client_id": "c", TOOL: "7"}])
def test_a_malformed_registration_answer_is_refused_or_read_safely(client, lms, superuser, answer):
    lms.routes[("POST", "/register")] = lambda request: (200, answer)
    response = _open(client, lms, invite_create(user=superuser))
    if isinstance(answer, list):
        assert response.status_code == 400
        assert not LtiRegistration.objects.exists()
    else:  # a deployment id that is not in an object: registered, no deployment
        assert response.status_code == 200
        assert not LtiDeployment.objects.exists()


def test_a_registration_endpoint_that_is_not_https_is_not_sent_the_token(client, lms, superuser):
    config = _config(lms, registration_endpoint="http://platform.example.test/register")
    lms.routes[("GET", "/openid-configuration")] = lambda request: (200, config)
    assert _open(client, lms, invite_create(user=superuser)).status_code == 400
    assert not LtiRegistration.objects.exists()


def test_a_configuration_url_that_is_not_https_is_not_fetched(client, lms, superuser):
    response = client.get(
        reverse("lms:register", kwargs={"token": invite_create(user=superuser)}),
        {
            "openid_configuration": "http://platform.example.test/openid-configuration",
            "registration_token": "reg-token",
        },
    )
    assert response.status_code == 400
