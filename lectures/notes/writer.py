"""Writing a lecture in the notes format; parse_notes() of the result gives it back."""

from __future__ import annotations

from .headings import written_headings
from .lines import TITLE_RE, classify_line
from .parsed import ParsedLecture
from .terms import TERM_SEPARATOR


def heading_line(title: str) -> str:
    # Write the plain title, as the sample does, unless reading it back would
    # give something else (a sentence, a bullet, a "Title:" line, or a leading
    # U+FEFF that parse_notes would drop as a BOM on the first line); then use "# ".
    if (
        not TITLE_RE.match(title)
        and not title.startswith("\ufeff")
        and classify_line(title) == ("heading", title)
    ):
        return title
    return f"# {title}"


def format_notes(lecture: ParsedLecture, language: str = "en") -> str:
    """Write a lecture in the notes format; parse_notes() of the result gives it back.

    The special headings are written in `language` (the course's: "Resumen",
    "Términos clave", "Tareas / Próximos pasos" in Spanish); parse_notes reads them
    in every language, so the export of any course reads back the same.

    Body and overview lines are written as stored: items with their markers
    ("- ", "1.") and nested ones indented, as body_items reads them. A line that
    reads as a title, or a lead-in with nothing after it, would read back as a
    heading; the import never stores one, and the models' validation
    (text_problem) refuses one typed in the admin.
    """
    overview_heading, glossary_heading, actions_heading = written_headings(language)
    blocks: list[list[str]] = []
    if lecture.title:
        blocks.append([f"Title: {lecture.title}"])
    if lecture.overview:
        blocks.append([overview_heading, *lecture.overview.split("\n")])
    for section in lecture.sections:
        body = section.body.split("\n") if section.body else []
        blocks.append([heading_line(section.title), *body])
    if lecture.terms:
        lines = [glossary_heading]
        for term in lecture.terms:
            name = f"{term.term} ({term.alias})" if term.alias else term.term
            lines.append(f"- {name}{TERM_SEPARATOR}{term.definition}")
        blocks.append(lines)
    if lecture.action_items:
        blocks.append([actions_heading, *(f"- {item}" for item in lecture.action_items)])
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"
