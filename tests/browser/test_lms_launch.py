"""An LTI launch in a real browser: the LMS shows the tool in a cross-site frame.

The test platform (tests/lms/platform.py) serves, on 127.0.0.1, a course page that
frames the tool (served on localhost: another site) and the authorisation endpoint
that answers the tool's OIDC login with the platform's auto-submitted form. In the
frame the browser keeps none of the tool's cookies (SameSite=Lax over plain HTTP),
so the tool offers its own window, where the launch goes through and lands on the
course page, logged in.
"""

from __future__ import annotations

import html
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from lti_tool.models import Key
from playwright.sync_api import expect

from tests.lms.platform import INSTRUCTOR, TestPlatform


@pytest.fixture
def lms(live_server, transactional_db):
    Key.objects.generate()
    platform = TestPlatform().start()
    platform.issuer = platform.url
    platform.register()
    tool = live_server.url
    login = f"{tool}{reverse('lms:login')}?" + urlencode(
        {
            "iss": platform.issuer,
            "client_id": platform.client_id,
            "login_hint": "ina",
            "target_link_uri": f"{tool}{reverse('lms:launch')}",
            "lti_deployment_id": platform.deployment_id,
        }
    )
    platform.routes[("GET", "/course")] = lambda request: (
        200,
        f"<!doctype html><title>LMS course</title><h1>LMS course</h1>"
        f'<iframe title="Course site" src="{html.escape(login)}" width="900"></iframe>',
    )

    def authorize(request):
        query = {name: values[0] for name, values in request.query.items()}
        claims = platform.claims(nonce=query["nonce"], sub="ina", roles=[INSTRUCTOR])
        token = platform.id_token(claims)
        action = html.escape(query["redirect_uri"])
        return 200, (
            f'<!doctype html><title>Signing in</title><form method="post" action="{action}">'
            f'<input type="hidden" name="id_token" value="{token}">'
            f'<input type="hidden" name="state" value="{html.escape(query["state"])}">'
            "<button>Continue</button></form><script>document.forms[0].submit()</script>"
        )

    platform.routes[("GET", "/auth")] = authorize
    platform.routes[("GET", "/favicon.ico")] = lambda request: (200, "")
    yield platform
    platform.stop()


def test_a_launch_from_a_cross_site_frame_lands_logged_in_in_its_own_window(lms, page):
    page.goto(f"{lms.url}/course")
    frame = page.frame_locator("iframe")
    opener = frame.get_by_role("link", name="Open the course site in a new window")
    expect(opener).to_be_visible()

    with page.context.expect_page() as opened:
        opener.click()
    window = opened.value
    window.wait_for_load_state()

    expect(window.get_by_role("heading", level=1)).to_have_text("Geography 101")
    expect(window.get_by_role("button", name="Log out")).to_be_attached()
    assert window.url.endswith(reverse("lectures:course_detail", kwargs={"course": "geo101"}))
