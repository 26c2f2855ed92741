"""Dynamic Registration from a one-time URL, against the test platform's endpoints."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from lti_tool.models import LtiDeployment, LtiRegistration

from lms.models import RegistrationInvite
from lms.registrations import invite_create
from tests.lms.platform import TestPlatform


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
