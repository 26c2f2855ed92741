"""The tool's keys: made and rotated by a command, published in the JWKS."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from lti_tool.models import Key


def _kids(client) -> list[str]:
    return sorted(key["kid"] for key in client.get(reverse("lms:jwks")).json()["keys"])


@pytest.mark.django_db
def test_rotation_keeps_the_previous_key_published_until_the_next(client):
    call_command("rotate_lti_key")
    first = Key.objects.get()
    assert _kids(client) == [str(first)]

    call_command("rotate_lti_key")
    second = Key.objects.latest()
    assert _kids(client) == sorted([str(first), str(second)])

    call_command("rotate_lti_key")
    third = Key.objects.latest()
    assert _kids(client) == sorted([str(second), str(third)])


@pytest.mark.django_db
def test_the_jwks_publishes_public_keys_only(client):
    call_command("rotate_lti_key")
    (key,) = client.get(reverse("lms:jwks")).json()["keys"]
    assert key["kty"] == "RSA" and key["alg"] == "RS256" and key["use"] == "sig"
    assert "d" not in key and "p" not in key


def test_a_launch_before_any_tool_key_is_a_clear_503(client, platform):
    Key.objects.all().delete()
    response = client.get(
        reverse("lms:login"),
        {"iss": platform.issuer, "client_id": platform.client_id, "login_hint": "u"},
    )
    assert response.status_code == 503
    assert "rotate_lti_key" in response.content.decode()
