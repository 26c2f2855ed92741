"""Exporting a lecture in the notes format; importing it gives back the same lecture."""

from __future__ import annotations

from lectures.models import Lecture
from lectures.notes import ParsedLecture, ParsedSection, ParsedTerm, format_notes


def lecture_to_parsed(lecture: Lecture) -> ParsedLecture:
    return ParsedLecture(
        title=lecture.title,
        overview=lecture.overview,
        sections=[
            ParsedSection(title=s.title, slug=s.slug, body=s.body, line=0)
            for s in lecture.sections.visible()
        ],
        terms=[
            ParsedTerm(term=t.term, alias=t.alias, definition=t.definition, line=0)
            for t in lecture.terms.all()
        ],
        action_items=[item.text for item in lecture.action_items.all()],
    )


def lecture_export(lecture: Lecture) -> str:
    """The lecture in the notes format, its special headings in the course's
    language; importing it gives back the same lecture."""
    return format_notes(lecture_to_parsed(lecture), lecture.course.language)
