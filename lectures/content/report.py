"""What an import did, in words an instructor can check."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import ngettext

from lectures.models import Lecture
from lectures.notes import ParsedLecture

from .outline import Outline, lecture_outline

# The kinds of things an import reports, as its entries name them.
_KINDS = ("section", "term", "action item")


def _amount(kind: str, n: int) -> str:
    """`n` things of one of _KINDS, in words: "1 section", "3 action items"."""
    words = {
        "section": ngettext("%(n)d section", "%(n)d sections", n),
        "term": ngettext("%(n)d term", "%(n)d terms", n),
        "action item": ngettext("%(n)d action item", "%(n)d action items", n),
    }
    return words[kind] % {"n": n}


@dataclass
class ImportReport:
    """What an import did, in words an instructor can check."""

    lecture: Lecture
    course_created: bool = False
    lecture_created: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # The timeline events the dated bullets gave, named "<when>: <text>": kept apart
    # from the content above, whose removals ask the instructor to confirm.
    events_created: list[str] = field(default_factory=list)
    events_changed: list[str] = field(default_factory=list)
    events_removed: list[str] = field(default_factory=list)
    # New events the extractor was unsure of: suggestions students do not see until
    # an instructor confirms them on the timeline, each with why.
    events_suggested: list[str] = field(default_factory=list)
    # Generated quiz questions whose notes this import changed under them.
    questions_flagged: list[str] = field(default_factory=list)
    # The username of the instructor the import was asked to add to the course.
    instructor: str = ""
    # The file as the import read it, for the outline.
    parsed: ParsedLecture | None = field(default=None, repr=False)

    @cached_property
    def outline(self) -> Outline | None:
        """How the import read the file (lectures.content.outline), built on first use:
        only the dry run and the confirm page show it."""
        if self.parsed is None:
            return None
        return lecture_outline(self.parsed, self.lecture.course.language)

    @property
    def draft(self) -> bool:
        """Whether the lecture is unpublished after the import: its students do not see it."""
        return not self.lecture.published

    def summary(
        self, draft_hint: str = "It is a draft, hidden from students: tick “Published” and save."
    ) -> str:
        """One sentence for the admin: what happened to the lecture, counted by kind,
        and `draft_hint` when the lecture is a draft (how to publish it from the page
        the sentence is shown on).

        "Created lecture “Rivers” (geo/rivers): 3 sections, 2 terms and 4 action
        items created; 1 section archived."
        """
        lecture = self.lecture
        where = f"“{lecture.title}” ({lecture.course.slug}/{lecture.slug})"
        if self.course_created:
            head = f"Created course “{lecture.course.title}” and lecture {where}"
        else:
            head = f"{'Created' if self.lecture_created else 'Updated'} lecture {where}"
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for action, items in (
            ("created", self.created),
            ("updated", self.updated),
            ("archived", self.archived),
            ("removed", self.removed),
        ):
            for item in items:
                # Entries read "<kind> “<name>”", and a restored section "… (restored)".
                kind = item.split(" “", 1)[0]
                counts["restored" if item.endswith(" (restored)") else action][kind] += 1
        phrases = []
        for action in ("created", "updated", "restored", "archived", "removed"):
            amounts = [
                _amount(kind, counts[action][kind]) for kind in _KINDS if counts[action][kind]
            ]
            if amounts:
                listed = ", ".join(amounts[:-1]) + " and " if len(amounts) > 1 else ""
                phrases.append(f"{listed}{amounts[-1]} {action}")
        if not phrases:
            sentence = f"{head}: no sections, terms or action items changed."
        else:
            sentence = f"{head}: {'; '.join(phrases)}."
        events = [
            f"{len(items)} {action}"
            for action, items in (
                ("created", self.events_created),
                ("changed", self.events_changed),
                ("removed", self.events_removed),
            )
            if items
        ]
        if events:
            sentence += f" Timeline events: {', '.join(events)}."
        if suggested := len(self.events_suggested):
            events = ngettext("%(n)d new event is", "%(n)d new events are", suggested)
            sentence += (
                f" {events % {'n': suggested}} only suggested: students see them once you "
                "confirm them on the lecture's timeline."
            )
        if flagged := len(self.questions_flagged):
            questions = ngettext("%(n)d quiz question", "%(n)d quiz questions", flagged)
            sentence += (
                f" {questions % {'n': flagged}} to review: the notes they were made from changed."
            )
        if self.draft:
            sentence += f" {draft_hint}"
        return sentence

    def lines(self) -> list[str]:
        lecture = self.lecture
        out = []
        if self.course_created:
            out.append(f"Created course “{lecture.course.title}” ({lecture.course.slug}).")
        if self.instructor:
            out.append(f"Instructor {self.instructor} teaches course “{lecture.course.title}”.")
        verb = "Created" if self.lecture_created else "Updated"
        out.append(f"{verb} lecture “{lecture.title}” ({lecture.course.slug}/{lecture.slug}).")
        if self.draft:
            out.append("The lecture is a draft: students see it once it is published.")
        for label, items in (
            ("created", self.created),
            ("updated", self.updated),
            ("archived", self.archived),
            ("removed", self.removed),
        ):
            out.append(f"  {label}: {len(items)}")
            out.extend(f"    - {item}" for item in items)
        for label, items in (
            ("timeline events created", self.events_created),
            ("timeline events changed", self.events_changed),
            ("timeline events removed", self.events_removed),
            (
                "timeline events suggested (confirm or dismiss them on the timeline)",
                self.events_suggested,
            ),
            ("quiz questions to review", self.questions_flagged),
        ):
            if items:
                out.append(f"  {label}: {len(items)}")
                out.extend(f"    - {item}" for item in items)
        return out
