"""Platforms are registered in the admin by a superuser, and by nobody else."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from lti_tool.models import LtiDeployment, LtiRegistration

PAGES = [
    "admin:lti_tool_ltiregistration_changelist",
    "admin:lti_tool_ltiregistration_add",
    "admin:lms_platformaccount_changelist",
    "admin:lms_courselink_changelist",
]


@pytest.mark.parametrize("page", PAGES)
def test_an_instructor_made_staff_cannot_reach_platforms(client, course, instructor, page):
    # Even granted every permission on the models: the rule is the superuser.
    instructor.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["lti_tool", "lms"])
    )
    client.force_login(instructor)
    assert client.get(reverse(page)).status_code == 403


@pytest.mark.parametrize("page", PAGES)
def test_the_superuser_registers_platforms(client, db, page):
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    client.force_login(admin)
    assert client.get(reverse(page)).status_code == 200


def test_the_superuser_adds_a_registration_with_its_deployment(client, db):
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    client.force_login(admin)
    response = client.post(
        reverse("admin:lti_tool_ltiregistration_add"),
        {
            "name": "Moodle",
            "uuid": "2f0b6a0e-8d7c-4c38-9f0e-0e3c9c1f3a11",
            "issuer": "https://moodle.example.edu",
            "client_id": "abc123",
            "audience": "",
            "auth_url": "https://moodle.example.edu/mod/lti/auth.php",
            "token_url": "https://moodle.example.edu/mod/lti/token.php",
            "keyset_url": "https://moodle.example.edu/mod/lti/certs.php",
            "is_active": "on",
            "public_key": "",
            "private_key": "",
            "deployments-TOTAL_FORMS": "1",
            "deployments-INITIAL_FORMS": "0",
            "deployments-0-deployment_id": "1",
            "deployments-0-is_active": "on",
            "framing-TOTAL_FORMS": "1",
            "framing-INITIAL_FORMS": "0",
            "framing-0-origins": "https://moodle.example.edu",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    registration = LtiRegistration.objects.get()
    assert LtiDeployment.objects.get().registration == registration
    assert registration.framing.origin_list() == ["https://moodle.example.edu"]
