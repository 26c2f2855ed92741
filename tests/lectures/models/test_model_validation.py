"""The models refuse what the notes format cannot carry, so export then import is a fixed point."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.forms import modelform_factory

from lectures.content.exports import lecture_export
from lectures.content.imports import lecture_import
from lectures.models import ActionItem, GlossaryTerm, Lecture, Section
from tests.helpers import SAMPLE, SIMPLE_NOTES, snapshot

pytestmark = pytest.mark.django_db

LINE_BREAK = "Write this on one line: a line break would split it when the notes are exported."


def error_on(obj) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as excinfo:
        obj.full_clean()
    return excinfo.value.message_dict


@pytest.mark.parametrize("notes", [SIMPLE_NOTES, SAMPLE.read_text(encoding="utf-8")])
def test_an_imported_lecture_is_valid_and_unchanged_by_full_clean(make_lecture, notes):
    lecture = make_lecture(notes, title="Imported")
    before = snapshot(lecture)
    objects = [
        lecture,
        *lecture.sections.all(),
        *lecture.terms.all(),
        *lecture.action_items.all(),
    ]
    for obj in objects:
        obj.full_clean()
        obj.save()
    assert snapshot(lecture) == before


# --------------------------------------------------------------------------- glossary terms


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"term": "Two\nlines"}, "term", LINE_BREAK),
        ({"term": "Plate\rbound"}, "term", LINE_BREAK),
        (
            {"term": "Ratio: part"},
            "term",
            "“Ratio: part” contains “: ”, which the notes format reads as the end of the "
            "term: rephrase the term.",
        ),
        ({"term": "Crust — upper"}, "term", None),
        ({"term": "Crust - upper"}, "term", None),
        ({"term": "Crust:"}, "term", None),
        (
            {"term": "Treaty (CSTO)"},
            "term",
            "“Treaty (CSTO)” ends in “(CSTO)”, which would be read back as its alias: "
            "put “CSTO” in the alias field instead.",
        ),
        ({"term": "Bell\x07"}, "term", None),
        (
            {"alias": "see below"},
            "alias",
            "“see below” would not be read back as an alias: use an abbreviation of one "
            "word, such as “CSTO”, “mRNA”, “bpm” or “U.N.”.",
        ),
        ({"alias": "1921"}, "alias", None),
        ({"alias": "A—B"}, "alias", None),
        ({"alias": "AB\nCD"}, "alias", LINE_BREAK),
        ({"definition": "One.\nTwo."}, "definition", LINE_BREAK),
        ({"definition": "   "}, "definition", "This field cannot be blank."),
    ],
)
def test_glossary_term_refuses_what_would_not_read_back(make_lecture, fields, field, message):
    term = GlossaryTerm(lecture=make_lecture(), term="Isostasy", alias="", definition="Balance.")
    for name, value in fields.items():
        setattr(term, name, value)

    errors = error_on(term)

    assert list(errors) == [field]
    if message is not None:
        assert errors[field] == [message]


def test_dashed_names_and_lower_case_or_dotted_aliases_are_fine(make_lecture):
    # Issue 17: an unspaced en dash stays in the term; "bpm" and "U.N." are aliases.
    lecture = make_lecture()
    for term, alias in (("Hardy–Weinberg principle", ""), ("Beats per minute", "bpm")):
        GlossaryTerm(lecture=lecture, term=term, alias=alias, definition="D.").full_clean()
    GlossaryTerm(lecture=lecture, term="United Nations", alias="U.N.", definition="D.").full_clean()


def test_term_ending_in_an_abbreviation_is_fine_with_an_alias(make_lecture):
    term = GlossaryTerm(
        lecture=make_lecture(), term="Treaty (CSTO)", alias="TC", definition="A treaty."
    )
    term.full_clean()


def test_glossary_term_is_stripped_as_an_import_would(make_lecture):
    term = GlossaryTerm(
        lecture=make_lecture(), term=" Isostasy ", alias=" ISO ", definition=" Balance. "
    )
    term.full_clean()
    assert (term.term, term.alias, term.definition) == ("Isostasy", "ISO", "Balance.")


# --------------------------------------------------------------------------- sections


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": "Two\nlines"}, "title", LINE_BREAK),
        ({"title": "#"}, "title", "The title needs some text besides “#” and “:”."),
        ({"title": "## :"}, "title", "The title needs some text besides “#” and “:”."),
        (
            {"title": "Homework"},
            "title",
            "“Homework” is a reserved heading in the notes format (it holds action items); "
            "choose another title.",
        ),
        (
            {"title": "Key Terms & Definitions"},
            "title",
            "“Key Terms & Definitions” is a reserved heading in the notes format "
            "(it holds the glossary); choose another title.",
        ),
        ({"title": "summary:"}, "title", None),
        (
            {"title": "Drift:"},
            "title",
            "“Drift:” would be read back as “Drift” when the notes are exported; "
            "write “Drift” instead.",
        ),
        (
            {"body": "- A bullet.\n\nNo full stop\nA sentence."},
            "body",
            "Line 3 of the text would be read as a heading when the notes are exported: "
            "end it with . ! ? … or start it with “- ” for a bullet.",
        ),
        (
            {"body": "- A bullet.\r\n# Not a heading."},
            "body",
            "Line 2 of the text starts with “#”, so it would be read as a heading when the "
            "notes are exported: start it with “- ” for a bullet.",
        ),
        (
            {"body": "Fine.\nA nul \x00 here."},
            "body",
            "Line 2 of the text contains a control character (U+0000) at column 7: remove it.",
        ),
    ],
)
def test_section_refuses_what_would_not_read_back(make_lecture, fields, field, message):
    section = Section(lecture=make_lecture(), title="Mantle", slug="mantle", body="- Hot.")
    for name, value in fields.items():
        setattr(section, name, value)

    errors = error_on(section)

    assert list(errors) == [field]
    if message is not None:
        assert errors[field] == [message]


@pytest.mark.parametrize("title", ["C#", "The war ended.", "- Dash", "Title: Not the title", "-"])
def test_section_titles_the_export_marks_with_a_hash_are_fine(make_lecture, title):
    Section(lecture=make_lecture(), title=title, slug="s", body="").full_clean()


def test_section_body_is_stored_as_an_import_would(make_lecture):
    section = Section(
        lecture=make_lecture(),
        title="Mantle",
        slug="mantle",
        body="  - Hot.\r\n\r\n* Convects slowly.\r\n   It moves plates!  \r\n-\r\n• Very deep",
    )
    section.full_clean()
    assert section.body == "- Hot.\n- Convects slowly.\nIt moves plates!\n- Very deep"


# --------------------------------------------------------------------------- lectures, action items


def test_action_item_must_be_one_line(make_lecture):
    item = ActionItem(lecture=make_lecture(), text="Read.\nWrite.", position=5)
    assert error_on(item) == {"text": [LINE_BREAK]}


def test_lecture_overview_and_title_refuse_what_would_not_read_back(make_lecture):
    lecture = make_lecture()
    lecture.overview = "How continents move.\nWhy it matters"
    lecture.title = "Plate\nTectonics"

    errors = error_on(lecture)

    assert errors == {
        "overview": [
            "Line 2 of the text would be read as a heading when the notes are exported: "
            "end it with . ! ? … or start it with “- ” for a bullet."
        ],
        "title": [LINE_BREAK],
    }


def test_errors_land_on_the_admin_form_field(make_lecture):
    lecture = make_lecture()
    SectionForm = modelform_factory(Section, fields=["title", "slug", "body", "position"])
    form = SectionForm(
        data={"title": "Homework", "slug": "homework", "body": "Read it", "position": 3},
        instance=Section(lecture=lecture),
    )
    assert not form.is_valid()
    assert set(form.errors) == {"title", "body"}


def test_a_form_without_the_text_fields_still_saves(make_lecture):
    # The changelist's list_editable form has only position and published; an
    # error on a field it lacks would be a crash, so those fields are not checked.
    lecture = make_lecture()
    Lecture.objects.filter(pk=lecture.pk).update(overview="Written before validation")
    lecture.refresh_from_db()
    LectureForm = modelform_factory(Lecture, fields=["position", "published"])
    form = LectureForm(data={"position": 4, "published": "on"}, instance=lecture)
    assert form.is_valid(), form.errors
    form.save()


# --------------------------------------------------------------------------- the fixed point


def save_form(model, instance, data: dict) -> None:
    """Save `data` the way the admin does: through a ModelForm of the model."""
    form = modelform_factory(model, fields=list(data))(data=data, instance=instance)
    assert form.is_valid(), form.errors
    form.save()


def test_admin_edits_survive_export_and_import_into_a_new_course(make_lecture):
    lecture = make_lecture()
    drift = lecture.sections.get(slug="drift")
    # The admin fills the slug from the title, as an import of the new title would.
    save_form(
        Section,
        drift,
        {
            "title": "Continental Drift",
            "slug": "continental-drift",
            # A textarea sends CRLF; blank lines, indents and "* " are the instructor's.
            "body": (
                "  - Continents drift a few centimetres a year.\r\n"
                "\r\n"
                "In 1912 Wegener proposed drift, and few believed him.\r\n"
                "* The evidence arrived in the 1960s!\r\n"
                "Why did it take so long?"
            ),
            "position": 0,
            "archived": False,
        },
    )
    save_form(
        GlossaryTerm,
        GlossaryTerm(lecture=lecture),
        {"term": "Isostasy", "alias": "ISO", "definition": "the crust floating on the mantle."},
    )
    save_form(
        GlossaryTerm,
        lecture.terms.get(term="Subduction"),
        {"term": "Subduction zone", "alias": "", "definition": "Where a plate sinks."},
    )
    save_form(
        ActionItem,
        ActionItem(lecture=lecture),
        {"text": "Label the plates on the map", "position": 2},
    )
    save_form(
        Lecture,
        lecture,
        {
            "title": "Plate Tectonics",
            "slug": "plate-tectonics",
            "overview": "How continents move.\r\n\r\n- Why it matters.\r\nWhat comes next?",
        },
    )

    exported = lecture_export(lecture)
    # Importing the export back changes nothing but the derived timeline...
    report = lecture_import(course_slug="geo", data=exported)
    assert (report.created, report.updated, report.archived, report.removed) == ([], [], [], [])
    # ...and importing it into a new course gives the same lecture.
    copy = lecture_import(course_slug="copy", data=exported).lecture

    assert snapshot(copy) == snapshot(lecture)
    assert lecture_export(copy) == exported
