"""The README's "LMS (LTI 1.3)" section names URLs, scopes and admin pages that exist,
and its by-hand registration, followed as written, gives a working launch."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import resolve, reverse
from lti_tool.models import Key, LtiRegistration

from lms.models import RegistrationInvite
from lms.views import SCOPES
from tests.helpers import ROOT
from tests.lms.platform import INSTRUCTOR, TestPlatform

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## LMS (LTI 1.3)") : README.index("## Configuration")]
# The section's words, as one line: a name may wrap.
WORDS = " ".join(SECTION.split())


def test_every_lti_url_it_names_resolves():
    paths = set(re.findall(r"https://courses\.example\.edu(/lti/[^`\s]*)", SECTION))
    assert {"/lti/login/", "/lti/launch/", "/lti/jwks/", "/lti/register/<token>/"} <= paths
    for path in paths:
        match = resolve(path.replace("<token>", "t0k3n"))
        assert match.namespace == "lms", path


def test_it_names_every_scope_the_tool_asks_for():
    for scope in SCOPES:
        assert f"`{scope}`" in SECTION


def test_the_admin_pages_it_names_exist():
    assert "*LTI tool → LTI registrations*" in WORDS
    assert str(LtiRegistration._meta.app_config.verbose_name) == "LTI tool"
    assert str(LtiRegistration._meta.verbose_name_plural) == "LTI registrations"
    assert "*LMS (LTI 1.3) → Registration invites → Add*" in WORDS
    assert RegistrationInvite._meta.app_config.verbose_name == "LMS (LTI 1.3)"
    assert str(RegistrationInvite._meta.verbose_name_plural).capitalize() == "Registration invites"


def test_the_registration_by_hand_as_written_gives_a_working_launch(client, db):
    call_command("rotate_lti_key")
    assert Key.objects.active().count() == 1
    root = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    platform = TestPlatform(issuer="https://moodle.example.edu", client_id="moodle-client")
    platform.start()
    try:
        client.force_login(root)
        saved = client.post(
            reverse("admin:lti_tool_ltiregistration_add"),
            {
                "name": "Moodle",
                "uuid": "2f0b6a0e-8d7c-4c38-9f0e-0e3c9c1f3a11",
                "issuer": platform.issuer,
                "client_id": platform.client_id,
                "auth_url": platform.auth_url,
                "token_url": platform.token_url,
                "keyset_url": platform.keyset_url,
                "is_active": "on",
                "deployments-TOTAL_FORMS": "1",
                "deployments-INITIAL_FORMS": "0",
                "deployments-0-deployment_id": platform.deployment_id,
                "deployments-0-is_active": "on",
                "framing-TOTAL_FORMS": "1",
                "framing-INITIAL_FORMS": "0",
                "framing-0-origins": "https://moodle.example.edu",
            },
        )
        assert saved.status_code == 302
        client.logout()

        handoff = platform.launch(client, sub="ina", roles=[INSTRUCTOR])
        landed = client.get(handoff["Location"])
        page = client.get(landed["Location"])
    finally:
        platform.stop()
    assert page.status_code == 200
    assert page.wsgi_request.user.platform_accounts.get().issuer == "https://moodle.example.edu"
    assert "frame-ancestors https://moodle.example.edu" in page["Content-Security-Policy"]
