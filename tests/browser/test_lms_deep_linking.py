"""Deep linking in a real browser, under the site's strict CSP: an instructor's
deep-linking launch opens the picker; choosing a quiz sends the signed response
back to the platform by the page's own form, submitted by our static script (no
inline script, nothing the CSP refuses: the browser fixtures fail on any console
error)."""

from __future__ import annotations

import html
import json
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from jwcrypto import jwk, jwt
from lti_tool.models import Key, LtiContext, LtiDeployment
from playwright.sync_api import expect

from lectures.content.imports import lecture_import
from lms.models import CourseLink
from quizzes.models import Question, Quiz
from tests.browser.test_accessibility import serious_violations
from tests.helpers import SIMPLE_NOTES, add_question
from tests.lms.platform import CONTEXT_ID, INSTRUCTOR, TestPlatform


@pytest.fixture
def lms(live_server, transactional_db):
    """A platform on 127.0.0.1 whose authorisation endpoint answers the tool's OIDC
    login with a deep-linking launch, and whose return URL takes the response; the
    LMS course is already linked to geo101, which has a published quiz."""
    key = Key.objects.generate()
    platform = TestPlatform().start()
    platform.issuer = platform.url
    registration = platform.register()
    context = LtiContext.objects.create(
        deployment=LtiDeployment.objects.get(registration=registration), id_on_platform=CONTEXT_ID
    )
    lecture = lecture_import(course_slug="geo101", data=SIMPLE_NOTES).lecture
    CourseLink.objects.create(context=context, course=lecture.course)
    quiz = Quiz.objects.create(lecture=lecture, title="Plates quiz", published=True)
    add_question(
        quiz, Question.Kind.TRUE_FALSE, "Continents drift.", [{"text": "True", "is_correct": True}]
    )

    def authorize(request):
        query = {name: values[0] for name, values in request.query.items()}
        claims = platform.deep_linking_claims(nonce=query["nonce"], sub="ina", roles=[INSTRUCTOR])
        claims["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"][
            "deep_link_return_url"
        ] = f"{platform.url}/deep_links"
        return 200, (
            f'<!doctype html><title>Signing in</title><form method="post" '
            f'action="{html.escape(query["redirect_uri"])}">'
            f'<input type="hidden" name="id_token" value="{platform.id_token(claims)}">'
            f'<input type="hidden" name="state" value="{html.escape(query["state"])}">'
            "<button>Continue</button></form><script>document.forms[0].submit()</script>"
        )

    platform.routes[("GET", "/auth")] = authorize
    platform.routes[("POST", "/deep_links")] = lambda request: (
        200,
        "<!doctype html><title>LMS</title><h1>Link added</h1>",
    )
    platform.routes[("GET", "/favicon.ico")] = lambda request: (200, "")
    platform.login_url = f"{live_server.url}{reverse('lms:login')}?" + urlencode(
        {
            "iss": platform.issuer,
            "client_id": platform.client_id,
            "login_hint": "ina",
            "target_link_uri": f"{live_server.url}{reverse('lms:launch')}",
            "lti_deployment_id": platform.deployment_id,
        }
    )
    platform.tool_key, platform.quiz = key, quiz
    yield platform
    platform.stop()


def test_choosing_a_quiz_returns_a_signed_link_to_the_lms(lms, page):
    page.goto(lms.login_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a page of Geo101 to the LMS")
    assert serious_violations(page) == []
    page.get_by_label("Quiz: Plates quiz (Plate Tectonics)").check()
    page.get_by_role("button", name="Add the link").click()

    # Our script submits the response at once: the browser is on the LMS's page.
    expect(page.get_by_role("heading", level=1)).to_have_text("Link added")
    [returned] = [r for r in lms.requests if (r.method, r.path) == ("POST", "/deep_links")]
    public = jwk.JWK.from_json(json.dumps(lms.tool_key.as_jwk()))
    claims = json.loads(jwt.JWT(jwt=returned.body["JWT"], key=public, algs=["RS256"]).claims)
    [item] = claims["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"]
    assert item["custom"] == {"course_site_quiz": str(lms.quiz.pk)}


def test_without_javascript_the_button_returns_the_link(lms, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(lms.login_url)
    # The platform's own sign-in form needs its button pressed too, without script.
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Quiz: Plates quiz (Plate Tectonics)").check()
    page.get_by_role("button", name="Add the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Adding “Plates quiz” to the LMS")
    page.get_by_role("button", name="Return to the LMS").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Link added")
