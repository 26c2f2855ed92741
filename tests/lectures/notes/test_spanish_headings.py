"""The notes format's special headings in Spanish (issue 20): matched like the English
ones, and without regard to accents; written back in the course's language."""

from __future__ import annotations

import pytest

from lectures.notes import format_notes, heading_problem, parse_notes, section_kind


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Resumen", "overview"),
        ("RESUMEN:", "overview"),
        ("Sinopsis", "overview"),
        ("Términos clave", "glossary"),
        ("Terminos clave", "glossary"),
        ("Términos clave y definiciones", "glossary"),
        ("Términos clave & definiciones", "glossary"),
        ("Glosario", "glossary"),
        ("Definiciones", "glossary"),
        ("Vocabulario", "glossary"),
        ("Tareas", "actions"),
        ("Próximos pasos", "actions"),
        ("Proximos pasos", "actions"),
        ("Tareas / Próximos pasos", "actions"),
        ("tareas y próximos pasos", "actions"),
        ("Deberes", "actions"),
        # Not special: a section of its own.
        ("Introducción", "section"),
        ("Conceptos de la clase", "section"),
        ("Resumen de la batalla", "section"),
    ],
)
def test_spanish_special_headings(heading, kind):
    assert section_kind(heading) == kind


def test_english_headings_are_unchanged():
    assert section_kind("Key Terms & Definitions") == "glossary"
    assert section_kind("Action Items / Next Steps") == "actions"
    assert section_kind("Overview") == "overview"
    assert section_kind("Historical Background") == "section"


NOTES = """Title: La guerra de 1808
Resumen
Esta clase repasa la guerra.
La guerra
- El pueblo de Madrid se levantó el 2 de mayo de 1808.
Terminos clave
- Guerrilla — forma de lucha irregular de pequeñas partidas.
- Afrancesados: españoles que apoyaron a José I.
Tareas / Proximos pasos
- Lee el capítulo sobre las Cortes de Cádiz.
"""


def test_a_spanish_file_fills_overview_glossary_and_action_items():
    lecture = parse_notes(NOTES)
    assert lecture.overview == "Esta clase repasa la guerra."
    assert [s.title for s in lecture.sections] == ["La guerra"]
    assert [(t.term, t.definition) for t in lecture.terms] == [
        ("Guerrilla", "forma de lucha irregular de pequeñas partidas."),
        ("Afrancesados", "españoles que apoyaron a José I."),
    ]
    assert lecture.action_items == ["Lee el capítulo sobre las Cortes de Cádiz."]


def test_a_lead_in_naming_a_spanish_heading_is_that_heading():
    lecture = parse_notes(
        "La guerra\n- Empezó en 1808.\nGlosario:\n- Junta — órgano de gobierno.\n"
    )
    assert [t.term for t in lecture.terms] == ["Junta"]


def test_export_writes_spanish_headings_and_reads_back_the_same():
    lecture = parse_notes(NOTES)
    written = format_notes(lecture, "es")
    assert "\nResumen\n" in f"\n{written}"
    assert "\nTérminos clave\n" in written
    assert "\nTareas / Próximos pasos\n" in written
    assert "Key Terms" not in written and "Overview" not in written
    again = parse_notes(written)
    assert (again.overview, again.action_items) == (lecture.overview, lecture.action_items)
    assert [(s.title, s.body) for s in again.sections] == [
        (s.title, s.body) for s in lecture.sections
    ]
    assert [(t.term, t.definition) for t in again.terms] == [
        (t.term, t.definition) for t in lecture.terms
    ]
    assert format_notes(again, "es") == written
    # English by default, and for a language with no headings of its own.
    assert "\nOverview\n" in format_notes(lecture)
    assert format_notes(lecture, "xx") == format_notes(lecture)


def test_a_section_cannot_be_named_like_a_spanish_special_heading():
    # It would read back as the glossary, whatever the course's language.
    assert heading_problem("Glosario")
    assert not heading_problem("La guerra")
