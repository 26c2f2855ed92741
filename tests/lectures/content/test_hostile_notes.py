"""Work bounded by the notes, found by probing as an attacker would: statements that
grow with a lecture stay within what a database takes, and a glossary cannot make
a page grow with the square of the notes."""

from __future__ import annotations

import pytest
from django.db import connection

from coursesite import batches
from lectures.content.imports import lecture_import
from lectures.content.rendering import TermRef, render_body
from lectures.models import Card, GlossaryTerm, Lecture
from lectures.notes import NotesError

pytestmark = pytest.mark.django_db


def notes(terms: int, definition: str = "d") -> str:
    glossary = "\n".join(f"- T{i} — {definition}{i}" for i in range(terms))
    return f"Title: Many terms\n# One\n- A bullet about T1.\n# Key Terms\n{glossary}\n"


class Parameters:
    """The most parameters any one statement sent."""

    def __init__(self) -> None:
        self.most = 0

    def __call__(self, execute, sql, params, many, context):
        if params is not None and not many:
            self.most = max(self.most, len(params))
        return execute(sql, params, many, context)


def test_a_lecture_with_more_rows_than_a_statement_takes_can_be_changed_and_emptied(monkeypatch):
    # A small batch stands in for the database's limit (65,535 parameters on
    # PostgreSQL): 400 terms and their cards must never go into one statement.
    monkeypatch.setattr(batches, "BATCH_SIZE", 10)
    lecture_import(course_slug="geo", data=notes(400))
    lecture = Lecture.objects.get()
    assert Card.objects.filter(lecture=lecture, retired=False).count() == 400

    for data in (notes(400, definition="changed "), notes(0)):
        seen = Parameters()
        with connection.execute_wrapper(seen):
            lecture_import(course_slug="geo", data=data)
        assert 0 < seen.most < 200

    assert not GlossaryTerm.objects.exists()
    assert not Card.objects.filter(lecture=lecture, retired=False).exists()


def test_a_definition_over_the_limit_is_refused_naming_its_line():
    data = "Title: T\n# One\n- A bullet.\n# Key Terms\n- Short — fine\n- Long — " + "x" * 1001

    with pytest.raises(NotesError) as excinfo:
        lecture_import(course_slug="geo", data=data)

    assert excinfo.value.line == 6
    assert "longer than 1000 characters" in excinfo.value.message
    assert not Lecture.objects.exists()


def test_each_mention_of_a_term_carries_a_bounded_excerpt_of_its_definition():
    term = TermRef(term="Rift", alias="", anchor="term-rift", definition="word " * 200)
    body = "- " + "Rift and " * 1000

    page = render_body(body, [term], "/glossary/")

    assert page.count('class="term-link"') == 1000
    # Linear in the body, whatever the definition's length: about 200 bytes a mention.
    assert len(page) < 250 * 1000
    assert 'title="Rift: word word' in page
    assert "…" in page
