"""What several test modules share: constants, builders and readers of the site's
data. Fixtures live in the conftest files; everything else shared lives here."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import reverse

from lectures.models import Lecture
from lectures.notes import ParsedLecture
from quizzes.models import Choice, Question

ROOT = Path(__file__).resolve().parent.parent
# The sample lecture shipped in content/ (the demo is built from it).
SAMPLE = ROOT / "content" / "russia-azerbaijan-relations.txt"

PASSWORD = "correct-horse-battery"

SIMPLE_NOTES = """Title: Plate Tectonics
Overview
How continents move, and why it matters.
Drift
- Continents drift a few centimetres a year.
- Pangaea broke up in the Jurassic, in 1912 Wegener proposed drift.
Evidence
- Matching fossils on distant coasts.
Key Terms
- Subduction — one plate sliding under another.
- Mid-Ocean Ridge (MOR) — where new crust forms.
Next Steps
- Read chapter 3.
- Sketch a plate boundary.
"""

# -- notes and lectures ------------------------------------------------------------------


def notes_with(n_sections: int) -> str:
    sections = "".join(
        f"Part {i}\n- Point about Term{i % 7} and 19{i % 90 + 10}.\n" for i in range(n_sections)
    )
    terms = "".join(f"- Term{i} — meaning {i}.\n" for i in range(7))
    items = "".join(f"- Task {i}.\n" for i in range(n_sections // 2))
    return f"Title: Big\nOverview\nText.\n{sections}Key Terms\n{terms}Next Steps\n{items}"


def without_lines(lecture: ParsedLecture) -> tuple:
    """The parsed structure without line numbers, which an export moves."""
    return (
        lecture.title,
        lecture.overview,
        [(s.title, s.slug, s.body) for s in lecture.sections],
        [(t.term, t.alias, t.definition) for t in lecture.terms],
        lecture.action_items,
    )


def snapshot(lecture: Lecture) -> dict:
    """Everything an import writes, keyed so two lectures can be compared field for field."""
    lecture.refresh_from_db()
    return {
        "lecture": (lecture.title, lecture.slug, lecture.overview),
        "sections": list(
            lecture.sections.values_list("slug", "title", "body", "position", "archived")
        ),
        "terms": sorted(lecture.terms.values_list("term", "alias", "definition")),
        "items": list(lecture.action_items.values_list("text", "position")),
        "events": sorted(
            lecture.events.values_list(
                "section__slug", "when_label", "sort_key", "end_year", "text", "status"
            )
        ),
    }


# -- the admin's lecture page --------------------------------------------------------------


def change_form_data(response) -> dict[str, str]:
    """The POST data of an admin change form exactly as the GET response rendered it."""
    data = {}

    def add(form) -> None:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = str(management[name].value())
        for form in formset.forms:
            add(form)
    return data


def post_lecture_change(client, lecture, edit) -> None:
    url = reverse("admin:lectures_lecture_change", args=[lecture.pk])
    data = change_form_data(client.get(url))
    edit(data)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]


def row(data: dict[str, str], inline: str, obj) -> str:
    """The prefix ("events-0") of the row of `obj` in the inline prefixed `inline`."""
    (key,) = [
        key
        for key, value in data.items()
        if re.fullmatch(rf"{inline}-\d+-id", key) and value == str(obj.pk)
    ]
    return key.removesuffix("-id")


# -- quizzes ----------------------------------------------------------------------------------

Kind = Question.Kind


def add_question(quiz, kind, prompt, choices, **fields):
    question = Question.objects.create(
        quiz=quiz, kind=kind, prompt=prompt, position=quiz.questions.count(), **fields
    )
    for choice in choices:
        Choice.objects.create(question=question, **choice)
    return question
