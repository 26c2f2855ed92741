"""The password pages are well-formed HTML (issue 18): each welcome email links to
the set-password page, which once showed a raw template comment that broke the
page's structure.

Every page a visitor meets on the way to a password (login, asking for a reset
link, "check your email", the set-password page reached from a real link, "your
new password is set", changing it when logged in, and a spent link) is parsed by
html5lib, the WHATWG HTML parsing algorithm, in strict mode: any parse error fails
the test with its line. A parser knows the syntax, not the vocabulary, so htmx's
`hx-*` attributes are no error to it, as the issue allows. What a parser cannot see
is checked beside it: no template syntax leaked into the page, unique ids, and every
label, description and name reference pointing at an element that exists.
"""

from __future__ import annotations

import re

import html5lib
import pytest
from django.core import mail

from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-new-long-passphrase"
TEMPLATE_SYNTAX = re.compile(r"\{[{%#]|[}%#]\}")
REFERENCES = ("aria-describedby", "aria-labelledby", "aria-controls")


def html_problems(markup: str) -> list[str]:
    """What is wrong with `markup` as an HTML document, in words; [] when nothing."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        document = parser.parse(markup)
    except html5lib.html5parser.ParseError:
        lines = markup.splitlines()
        return [
            f"line {line}, column {col}: {code} {data or ''}: {lines[line - 1].strip()[:120]!r}"
            for (line, col), code, data in parser.errors
        ]
    problems = []
    elements = list(document.iter())
    ids = [element.get("id") for element in elements if element.get("id") is not None]
    problems += [
        f"id {each!r} is used twice" for each in sorted({i for i in ids if ids.count(i) > 1})
    ]
    known = set(ids)
    for element in elements:
        target = element.get("for")
        if element.tag == "label" and target is not None and target not in known:
            problems.append(f"a label is for {target!r}, which is not on the page")
        for attribute in REFERENCES:
            for target in (element.get(attribute) or "").split():
                if target not in known:
                    problems.append(f"{attribute} names {target!r}, which is not on the page")
        for name, value in element.attrib.items():
            if TEMPLATE_SYNTAX.search(value):
                problems.append(f"template syntax in {element.tag}[{name}]: {value[:80]!r}")
    text = " ".join(document.itertext())
    problems += [
        f"template syntax in the text: {found!r}" for found in TEMPLATE_SYNTAX.findall(text)
    ]
    if document.get("lang") in (None, ""):
        problems.append("<html> has no lang")
    if len(document.findall(".//main")) != 1:
        problems.append("not exactly one <main>")
    if len(document.findall(".//h1")) != 1:
        problems.append("not exactly one <h1>")
    return problems


def test_the_checker_finds_what_broke_the_set_password_page():
    """The checker itself: the comment the set-password page once showed as text, a
    stray end tag, a duplicate id and a label for nothing are each found."""
    page = (
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>'
        "<h1>Choose a new password</h1>{}</main></body></html>"
    )
    assert html_problems(page.format('<label for="a">A</label><input id="a">')) == []
    assert html_problems("{# A labelled form #}" + page.format(""))  # text before the doctype
    assert html_problems(page.format("<p>{# A labelled form #}</p>")) == [
        "template syntax in the text: '{#'",
        "template syntax in the text: '#}'",
    ]
    assert html_problems(page.format("</div>"))
    assert html_problems(page.format('<p id="x"></p><p id="x"></p>')) == ["id 'x' is used twice"]
    assert html_problems(page.format('<label for="nope">A</label>')) == [
        "a label is for 'nope', which is not on the page"
    ]


def assert_well_formed(response, name: str) -> None:
    assert response.status_code == 200, name
    assert response["Content-Type"].startswith("text/html"), name
    assert html_problems(response.content.decode()) == [], name


def test_every_password_page_is_well_formed_html(
    client, student, django_capture_on_commit_callbacks
):
    assert_well_formed(client.get("/accounts/login/"), "login")
    # A failed login shows the form again, with its error.
    failed = client.post("/accounts/login/", {"username": "student", "password": "wrong"})
    assert_well_formed(failed, "login, refused")
    assert_well_formed(client.get("/accounts/password_reset/"), "password reset")
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post("/accounts/password_reset/", {"email": student.email}, follow=True)
    assert_well_formed(asked, "reset done")

    # The set-password page, reached from the link in the mail as a student would.
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    assert_well_formed(form_page, "set password")
    set_url = form_page.redirect_chain[-1][0]
    mismatch = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": "other"})
    assert_well_formed(mismatch, "set password, refused")
    done = client.post(
        set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert "Your new password is set." in done.content.decode()
    assert_well_formed(done, "reset complete")
    # The link is spent: the page says so, still well-formed.
    assert_well_formed(client.get(link, follow=True), "set password, spent link")

    assert client.login(username=student.username, password=NEW_PASSWORD)
    assert_well_formed(client.get("/accounts/password_change/"), "password change")
    changed = client.post(
        "/accounts/password_change/",
        {
            "old_password": NEW_PASSWORD,
            "new_password1": PASSWORD + "-2",
            "new_password2": PASSWORD + "-2",
        },
        follow=True,
    )
    assert changed.redirect_chain[-1][0] == "/accounts/password_change/done/"
    assert_well_formed(changed, "password change done")
