"""What an import did, in words an instructor can check."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext, ngettext, npgettext, pgettext

from lectures.models import Lecture
from lectures.notes import ParsedLecture

from .outline import Outline, lecture_outline

# The kinds of things an import reports, as its entries name them.
_KINDS = ("section", "term", "action item")


class Entry(str):
    """One thing an import did, as its report lists it: "<kind> “<name>”", and for an
    updated section " (updated)" or " (restored)". That English text is what the
    summary counts and what a pending upload stores as approved; a page shows
    `str(entry)`, in the reader's language."""

    kind: str
    name: str
    note: str

    def __new__(cls, kind: str, name: str, note: str = "") -> Entry:
        entry = super().__new__(cls, f"{kind} “{name}”" + (f" ({note})" if note else ""))
        entry.kind, entry.name, entry.note = kind, name, note
        return entry

    def __str__(self) -> str:
        names = {"name": self.name}
        if self.kind == "section":
            label = pgettext("import report", "section “%(name)s”") % names
        elif self.kind == "term":
            label = pgettext("import report", "term “%(name)s”") % names
        else:
            label = pgettext("import report", "action item “%(name)s”") % names
        if self.note == "restored":
            return pgettext("import report", "%(entry)s (restored)") % {"entry": label}
        if self.note == "updated":
            return pgettext("import report", "%(entry)s (updated)") % {"entry": label}
        return label


def _listed(amounts: list[str]) -> str:
    """ "1 section", "1 section and 2 terms", "1 section, 2 terms and 3 action items" """
    if len(amounts) == 1:
        return amounts[0]
    return gettext("%(list)s and %(last)s") % {"list": ", ".join(amounts[:-1]), "last": amounts[-1]}


def _done(action: str, things: str, n: int) -> str:
    """What happened to `things` (`n` of them in all): "3 sections and 1 term created"."""
    words = {
        "created": ngettext("%(things)s created", "%(things)s created", n),
        "updated": ngettext("%(things)s updated", "%(things)s updated", n),
        "restored": ngettext("%(things)s restored", "%(things)s restored", n),
        "archived": ngettext("%(things)s archived", "%(things)s archived", n),
        "removed": ngettext("%(things)s removed", "%(things)s removed", n),
    }
    return words[action] % {"things": things}


def _events_done(action: str, n: int) -> str:
    """Timeline events counted by what happened to them: "2 created"."""
    words = {
        "created": npgettext("timeline events", "%(n)d created", "%(n)d created", n),
        "changed": npgettext("timeline events", "%(n)d changed", "%(n)d changed", n),
        "removed": npgettext("timeline events", "%(n)d removed", "%(n)d removed", n),
    }
    return words[action] % {"n": n}


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

    def summary(self, draft_hint: str | None = None) -> str:
        """One sentence for the admin: what happened to the lecture, counted by kind,
        and `draft_hint` when the lecture is a draft (how to publish it from the page
        the sentence is shown on; by default, the admin's).

        "Created lecture “Rivers” (geo/rivers): 3 sections, 2 terms and 4 action
        items created; 1 section archived."
        """
        lecture = self.lecture
        names = {
            "course": lecture.course.title,
            "lecture": lecture.title,
            "where": f"{lecture.course.slug}/{lecture.slug}",
        }
        if self.course_created:
            head = gettext("Created course “%(course)s” and lecture “%(lecture)s” (%(where)s)")
        elif self.lecture_created:
            head = gettext("Created lecture “%(lecture)s” (%(where)s)")
        else:
            head = gettext("Updated lecture “%(lecture)s” (%(where)s)")
        head %= names
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
                phrases.append(_done(action, _listed(amounts), sum(counts[action].values())))
        if not phrases:
            sentence = gettext("%(head)s: no sections, terms or action items changed.") % {
                "head": head
            }
        else:
            sentence = gettext("%(head)s: %(phrases)s.") % {
                "head": head,
                "phrases": "; ".join(phrases),
            }
        events = [
            _events_done(action, len(items))
            for action, items in (
                ("created", self.events_created),
                ("changed", self.events_changed),
                ("removed", self.events_removed),
            )
            if items
        ]
        if events:
            sentence += " " + gettext("Timeline events: %(counts)s.") % {
                "counts": ", ".join(events)
            }
        if suggested := len(self.events_suggested):
            sentence += " " + ngettext(
                "%(n)d new event is only suggested: students see it once you confirm it on "
                "the lecture's timeline.",
                "%(n)d new events are only suggested: students see them once you confirm them "
                "on the lecture's timeline.",
                suggested,
            ) % {"n": suggested}
        if flagged := len(self.questions_flagged):
            sentence += " " + ngettext(
                "%(n)d quiz question to review: the notes it was made from changed.",
                "%(n)d quiz questions to review: the notes they were made from changed.",
                flagged,
            ) % {"n": flagged}
        if self.draft:
            if draft_hint is None:
                draft_hint = gettext(
                    "It is a draft, hidden from students: tick “Published” and save."
                )
            sentence += f" {draft_hint}"
        return sentence

    def lines(self) -> list[str]:
        """The report as `import_lecture` prints it for an administrator, in English."""
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
