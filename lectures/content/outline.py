"""How an import read a notes file, for the instructor to check before trusting it:
each section with its counts and timeline events, the glossary, the action items,
and a warning naming each line that could have been read another way.

lecture_outline() builds the tree from a parsed file; outline_lines() writes it as
plain text (`import_lecture --dry-run`); the admin's confirm page renders the same
tree. Events come from each item exactly as the import's timeline reads them
(lectures.content.timeline.events_sync): one the extractor is unsure of is listed
as suggested, and warned about, since students do not see it until confirmed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy, ngettext

from lectures.notes import BodyItem, ParsedLecture, ParsedSection, ParsedWarning, body_items
from lectures.notes.prose import ParsedEvent
from lectures.notes.reading import sections_read
from lectures.notes.stored import fmt, translated_reason


@dataclass(frozen=True)
class OutlineEvent:
    label: str
    text: str
    line: int
    suggested: bool = False
    # Why the extractor was unsure of a suggested event, in its words; "" if it did not say.
    doubt: str = ""


@dataclass
class OutlineSection:
    title: str
    line: int
    items: int = 0
    paragraphs: int = 0
    events: list[OutlineEvent] = field(default_factory=list)

    @property
    def counts(self) -> str:
        return section_counts(self)


@dataclass(frozen=True)
class OutlineTerm:
    term: str
    alias: str
    line: int

    @property
    def name(self) -> str:
        return f"{self.term} ({self.alias})" if self.alias else self.term


@dataclass(frozen=True)
class OutlineItem:
    text: str
    line: int


@dataclass
class Outline:
    title: str
    overview_items: int
    overview_paragraphs: int
    sections: list[OutlineSection]
    terms: list[OutlineTerm]
    action_items: list[OutlineItem]
    warnings: list[ParsedWarning]

    @property
    def events(self) -> list[OutlineEvent]:
        return [event for section in self.sections for event in section.events]

    @property
    def shown(self) -> int:
        return sum(not event.suggested for event in self.events)

    @property
    def suggested(self) -> int:
        return sum(event.suggested for event in self.events)


def _section(
    section: ParsedSection, items: list[tuple[BodyItem, list[ParsedEvent]]]
) -> OutlineSection:
    """How one section reads: its items and, for each, the events it dates."""
    read = OutlineSection(section.title, section.line)
    # A parsed body holds one item a line, so each has its file line; a section
    # built in code has none, and its events are placed at its heading.
    lines = section.body_lines if len(section.body_lines) == len(items) else None
    for index, (item, found) in enumerate(items):
        if item.kind == "item":
            read.items += 1
        else:
            read.paragraphs += 1
        line = lines[index] if lines else section.line
        for event in found:
            read.events.append(
                OutlineEvent(event.when_label, event.text, line, not event.sure, event.doubt)
            )
    return read


_lazy_reason = lazy(translated_reason, str)


def _event_warning(event: OutlineEvent) -> ParsedWarning:
    # Lazy, as the parser's warnings are: shown in the reader's language.
    if event.doubt:
        message = fmt(
            gettext_lazy(
                "the date “%(date)s” is not shown on the timeline because its reading is "
                "unsure (%(doubt)s); it waits as a suggestion for an instructor to confirm"
            ),
            date=event.label,
            doubt=_lazy_reason(event.doubt),
        )
    else:
        message = fmt(
            gettext_lazy(
                "the date “%(date)s” is not shown on the timeline because its reading is "
                "unsure; it waits as a suggestion for an instructor to confirm"
            ),
            date=event.label,
        )
    return ParsedWarning(event.line, message)


def lecture_outline(parsed: ParsedLecture, language: str = "en") -> Outline:
    """How `parsed` reads, its dates in `language` (the course's): the tree the dry
    run prints and the confirm page shows."""
    # Every item read as the import's timeline reads it (lectures.notes.reading).
    by_section: dict[int, list[tuple[BodyItem, list[ParsedEvent]]]] = defaultdict(list)
    for section, item, events in sections_read(parsed.sections, language, parsed.overview):
        by_section[id(section)].append((item, events))
    sections = [_section(section, by_section[id(section)]) for section in parsed.sections]
    warnings = list(parsed.warnings)
    warnings.extend(
        _event_warning(event) for section in sections for event in section.events if event.suggested
    )
    warnings.sort(key=lambda warning: warning.line)
    overview = body_items(parsed.overview)
    lines = parsed.action_item_lines
    return Outline(
        title=parsed.title,
        overview_items=sum(item.kind == "item" for item in overview),
        overview_paragraphs=sum(item.kind != "item" for item in overview),
        sections=sections,
        terms=[OutlineTerm(term.term, term.alias, term.line) for term in parsed.terms],
        action_items=[
            OutlineItem(text, lines[index] if index < len(lines) else 0)
            for index, text in enumerate(parsed.action_items)
        ],
        warnings=warnings,
    )


def _count(singular: str, plural: str, n: int) -> str:
    return ngettext(singular, plural, n) % {"n": n}


def section_counts(section: OutlineSection) -> str:
    """ "4 items, 1 paragraph, 2 events" """
    items, paragraphs, events = section.items, section.paragraphs, len(section.events)
    return ", ".join(
        [
            ngettext("%(n)d item", "%(n)d items", items) % {"n": items},
            ngettext("%(n)d paragraph", "%(n)d paragraphs", paragraphs) % {"n": paragraphs},
            ngettext("%(n)d event", "%(n)d events", events) % {"n": events},
        ]
    )


def _at(line: int) -> str:
    return f" (line {line})" if line else ""


def outline_lines(outline: Outline) -> list[str]:
    """The outline as plain text, one line a list entry, warnings last: what
    `import_lecture --dry-run` prints for an administrator, in English."""
    out = ["How the file was read:"]
    if outline.overview_items or outline.overview_paragraphs:
        overview = ", ".join(
            [
                _count("%(n)d item", "%(n)d items", outline.overview_items),
                _count("%(n)d paragraph", "%(n)d paragraphs", outline.overview_paragraphs),
            ]
        )
        out.append(f"  Overview: {overview}")
    for section in outline.sections:
        out.append(f"  Section “{section.title}”{_at(section.line)}: {section_counts(section)}")
        for event in section.events:
            shown = "suggested" if event.suggested else "shown"
            out.append(f"    - {event.label}: {event.text} ({shown}, line {event.line})")
    out.append(f"  Glossary: {_count('%(n)d term', '%(n)d terms', len(outline.terms))}")
    out.extend(f"    - {term.name}{_at(term.line)}" for term in outline.terms)
    items = _count("%(n)d action item", "%(n)d action items", len(outline.action_items))
    out.append(f"  Action items: {items}")
    out.extend(f"    - {item.text}{_at(item.line)}" for item in outline.action_items)
    out.append(
        "  Timeline: "
        + _count("%(n)d event shown", "%(n)d events shown", outline.shown)
        + ", "
        + _count("%(n)d suggested", "%(n)d suggested", outline.suggested)
    )
    if outline.warnings:
        out.append(_count("%(n)d warning:", "%(n)d warnings:", len(outline.warnings)))
        out.extend(f"  Warning: {warning}" for warning in outline.warnings)
    else:
        out.append("No warnings: every line read one way only.")
    return out
