"""Where a launch lands, and the hooks deep linking fills (lms.landing)."""

from __future__ import annotations

import pytest

from lms import landing
from lms.launches import LaunchResult
from tests.lms.platform import INSTRUCTOR, LEARNER


@pytest.fixture
def hooks(monkeypatch):
    monkeypatch.setattr(landing, "RESOURCE_LINK_TARGETS", [])
    monkeypatch.setattr(landing, "DEEP_LINKING_PAGES", [])
    return landing


def test_a_resource_link_with_a_target_lands_on_it(client, platform, hooks):
    hooks.RESOURCE_LINK_TARGETS.append(
        lambda link, **launch_and_course: (
            "/progress/" if link.id_on_platform == "quiz-link" else None
        )
    )
    client.get(platform.launch(client, sub="t", roles=[INSTRUCTOR])["Location"])
    client.logout()
    handoff = platform.launch(client, sub="s", roles=[LEARNER], resource_link_id="quiz-link")
    assert client.get(handoff["Location"])["Location"] == "/progress/"
    other = platform.launch(client, sub="s", roles=[LEARNER], resource_link_id="plain")
    assert client.get(other["Location"])["Location"].startswith("/courses/")


def test_a_deep_linking_launch_opens_the_page_deep_linking_gives(client, platform, hooks):
    seen: list[LaunchResult] = []

    def page(launch, result):
        seen.append(result)
        return "/picker/"

    hooks.DEEP_LINKING_PAGES.append(page)
    handoff = platform.launch(client, sub="t", deep_linking=True)
    assert client.get(handoff["Location"])["Location"] == "/picker/"
    (result,) = seen
    assert result.role == "instructor" and result.course is not None
    assert client.session["_lti_tool_launch_id"]


def test_without_deep_linking_a_deep_linking_launch_is_a_clear_400(client, platform, hooks):
    response = platform.launch(client, sub="t", deep_linking=True)
    assert response.status_code == 400
    assert "cannot add content" in response.content.decode()
