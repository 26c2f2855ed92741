"""Reading the lecture: what the notes give the rules to ask about.

`Source.load(lecture)` reads what the import stored, so the generator works on any
notes DESIGN.md's format accepts: the visible sections and the bullets of their
bodies, the glossary terms (each with the first section that names it), and the
timeline events of visible sections that students see (never a suggestion), each
with the years it covers and the bullet it came from, in content order rather than
by primary key so that equal notes give equal quizzes. `Source.seed()` hashes that
content for the quiz's draws.

`can_state` says which bullets state a fact on their own: what a name gap may
blank. Bullets with links, questions, lead-ins ending in ":", fragments
under 30 characters and whatever sentences.py finds no sentence (no subject of
their own, note-speak, guesses, targets, a thing or person they never name) are
left alone. `Source.names` are the names the notes use, which sentences.py reads
a sentence's pronouns by.

`Source.language` is the course's (Course.language). The sentences.py readings
are of English: for notes in another language a bullet and an event are said as
the notes write them, and only the rules that need no grammar ask about them
(planning.py).

`Source.central(bullet)` ranks a section's bullets by how central they are to it:
what the section's one covering question is asked about first.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass

from lectures.models import GlossaryTerm, Lecture, Section, TimelineEvent
from lectures.notes.prose import plain
from lectures.notes.prose.eras import KEY_YEAR, When

from .sentences import (
    NOTE_SPEAK_RE,
    PRONOUN_FIRST_RE,
    SPECULATIVE_RE,
    THING_PRONOUN_RE,
    dangling,
    framed,
    names_in,
    opens_on_verb,
    relative,
    telegraphic,
    unnamed_it,
    unnamed_thing,
    with_parent_subject,
    with_subject,
)
from .statements import statements
from .text import SHAPES, label_shape
from .vocabulary import everyday

MIN_STATEMENT = 30

_LINK_RE = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
_CLOSERS = "\"'”’»›)]}"


def _words(*phrases: str) -> re.Pattern[str]:
    """Any of the phrases as a whole word, ignoring case."""
    options = sorted({p for p in phrases if p}, key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, options))})(?!\w)", re.IGNORECASE)


@dataclass
class Term:
    obj: GlossaryTerm
    name: str
    mention: re.Pattern[str]  # the term or its alias
    section: Section | None = None
    # Everyday English (vocabulary.everyday): offered as a wrong definition, never
    # asked for its own.
    everyday: bool = False

    @property
    def forms(self) -> re.Pattern[str]:
        """ "Term (ALIAS)", the term or the alias, longest first."""
        return _words(self.name, self.obj.term, self.obj.alias)

    @property
    def bare(self) -> str:
        """The term without a bracket: "Creole" of "Creole (criollo)", "Mid-Ocean
        Ridge" of "Mid-Ocean Ridge (MOR)"."""
        return _BRACKET_RE.sub("", self.obj.term).strip()


_BRACKET_RE = re.compile(r"\s*\([^)]*\)")


@dataclass
class Event:
    label: str
    sort_key: int  # TimelineEvent.sort_key: every era on one line
    text: str  # the plain text of the part of its bullet the date belongs to
    section: Section
    first: int
    last: int
    shape: str
    # The plain text of the whole bullet: what "one bullet, one question" counts
    # and what a re-import checks (the event's text may be a part of it).
    bullet: str = ""
    # What a question shows: the text, given the heading as its subject when it
    # opens on a verb and the heading names one.
    said: str = ""
    # The date's value (lectures.notes.prose.eras.When): its era and precision.
    start: When | None = None
    end: When | None = None

    def __post_init__(self) -> None:
        self.said = self.said or with_subject(self.text, self.section.title)

    def overlaps(self, other: Event) -> bool:
        return self.first <= other.last and other.first <= self.last

    def years(self) -> set[int]:
        """Years another bullet's swap may borrow; centuries and decades are no year."""
        if self.shape == "range":
            return {self.first, self.last}
        if self.shape in ("century", "decade"):
            return set()
        return {self.first}


@dataclass
class Bullet:
    raw: str
    plain: str
    section: Section
    index: int = 0  # its place in the section, first bullet 0
    # What a question shows: the plain text, given the heading as its subject when
    # it opens on a verb and the heading names one (see `with_subject`), or, for a
    # nested item, the name its parent item opens on.
    said: str = ""
    # The plain text of the item it is nested under ("" at the top).
    parent: str = ""

    def __post_init__(self) -> None:
        if not self.said and self.parent:
            self.said = with_parent_subject(self.plain, self.parent) or ""
        self.said = self.said or with_subject(self.plain, self.section.title)


@dataclass
class Source:
    lecture: Lecture
    sections: list[Section]
    terms: list[Term]
    events: list[Event]
    bullets: dict[int, list[Bullet]]
    # The words the notes write with a capital mid-sentence (sentences.names_in).
    names: frozenset[str] = frozenset()
    # The course's language (Course.language): what the notes are written in.
    language: str = "en"

    @property
    def english(self) -> bool:
        """Whether the notes are in English, the one grammar sentences.py reads."""
        return self.language == "en"

    @classmethod
    def load(cls, lecture: Lecture) -> Source:
        language = lecture.course.language
        english = language == "en"
        sections = list(lecture.sections.visible().order_by("position", "pk"))
        by_pk = {section.pk: section for section in sections}
        bullets = {
            section.pk: [
                Bullet(
                    item.text,
                    plain(item.text),
                    section,
                    index,
                    # Said as written where with_subject's English does not apply.
                    said="" if english else plain(item.text),
                    parent=plain(item.parent),
                )
                for index, item in enumerate(statements(section.body))
            ]
            for section in sections
        }
        terms = []
        for term in sorted(lecture.terms.all(), key=lambda t: (t.term.casefold(), t.pk)):
            mention = _words(term.term, term.alias)
            home = next((s for s in sections if mention.search(plain(s.body))), None)
            name = f"{term.term} ({term.alias})" if term.alias else term.term
            terms.append(Term(term, name, mention, home, english and everyday(term.term)))
        events = []
        rows = _usable_events(lecture.events.filter(status=TimelineEvent.Status.SHOWN))
        for row in rows:
            section = by_pk.get(row.section_id)
            if section is None:
                continue  # archived sections (and stray events) are not taught any more
            # The shape is the date's precision, whatever its era ("221 BCE" is a
            # year, "the 130s BC" a decade, "66 million years ago" deep time).
            start, end = row.start, row.end
            shape = start.precision
            first, last = start.first_year, start.last_year
            if end is not None:
                # A span, however its label reads ("May 1940–June 1941").
                shape, last = "range", end.last_year
            elif label_shape(row.when_label) == "range":
                first, last = map(int, SHAPES[0][1].fullmatch(row.when_label).groups())
                shape = "range"
            text = plain(row.text)
            bullet = _home_bullet(text, bullets[section.pk])
            events.append(
                Event(
                    row.when_label,
                    row.sort_key,
                    text,
                    section,
                    first,
                    last,
                    shape,
                    bullet,
                    said="" if english else text,
                    start=start,
                    end=end,
                )
            )
        # An event that is a whole nested item reads as the item does, with the
        # subject its parent gives it ("bought it in 1899" under "Isabella Gardner").
        nested = {b.plain: b for group in bullets.values() for b in group if b.parent}
        for event in events:
            home = nested.get(event.bullet)
            if home is not None and event.text.rstrip(". ") == home.plain.rstrip(". "):
                event.said = home.said
        # Content order, not primary keys, so equal notes give equal quizzes.
        events.sort(key=lambda e: (e.sort_key, e.section.position, e.text, e.label))
        names = names_in(
            [b.plain for group in bullets.values() for b in group]
            + [t.obj.definition for t in terms]
        )
        return cls(lecture, sections, terms, events, bullets, names, language)

    @property
    def latest(self) -> int:
        """The notes' latest year: no wrong year comes after it."""
        return max((e.last for e in self.events), default=datetime.date.today().year)

    def life(self, text: str) -> tuple[int, int] | None:
        """The lifespan the notes give ("Charles Darwin (1809–1882)") to someone the
        text names, by full name or surname."""
        for bullets in self.bullets.values():
            for bullet in bullets:
                for match in _LIFESPAN_RE.finditer(bullet.plain):
                    name = match.group(1)
                    if name in text or name.split()[-1] in text.split():
                        return int(match.group(2)), int(match.group(3))
        return None

    def central(self, bullet: Bullet) -> int:
        """How central a bullet is to its section: 2 when it bolds a term or names a
        glossary term (what the section teaches), 1 for its first bullet (where
        teachers put the section's main point), 0 otherwise."""
        if "**" in bullet.raw or any(t.mention.search(bullet.plain) for t in self.terms):
            return 2
        return 1 if bullet.index == 0 else 0

    def seed(self) -> int:
        digest = hashlib.sha256(self.lecture.title.encode())
        parts = [f"{s.slug}\n{s.body}" for s in self.sections]
        parts += [f"{t.obj.term}\n{t.obj.alias}\n{t.obj.definition}" for t in self.terms]
        parts += [f"{e.label}\n{_seed_date(e.sort_key)}\n{e.text}" for e in self.events]
        for part in parts:
            digest.update(b"\0" + part.encode())
        return int.from_bytes(digest.digest()[:8], "big")


_LIFESPAN_RE = re.compile(r"((?:[A-Z][\w'’-]+ )*[A-Z][\w'’-]+) \((\d{3,4})\s*[–—-]\s*(\d{3,4})\)")


def _seed_date(sort_key: int) -> str:
    """The date an event was sorted by before dates of any era (issue 17), for
    years AD: the same notes still give the same quiz."""
    year, rest = divmod(sort_key, KEY_YEAR)
    if 1 <= year <= 9999:
        return datetime.date(year, rest // 100 or 1, rest % 100 or 1).isoformat()
    return str(sort_key)


def _usable_events(rows) -> list[TimelineEvent]:
    """The events questions may be built on, of those students are shown (the caller
    leaves suggestions out, so no rule asks about one or borrows its year): not a
    tally read as a year ("a fleet of 1400 ships")."""
    return [row for row in rows if not _COUNT_RE.search(_count_probe(row))]


# A bare number after a word that counts ("of", "holds") and before a plural noun
# is a tally, not a year: "a fleet of 1400 ships", "the archive holds 1350 letters".
_COUNT_RE = re.compile(
    r"(?<!\bin )(?<!\bon )(?<!\bby )(?<!\bsince )(?<!\buntil )(?<!\bfrom )(?<!\bduring )"
    r"(?<!\bafter )(?<!\bbefore )(?<!\byear )(?<!\bIn )(?<!\bOn )(?<!\bBy )(?<!\bSince )"
    r"<>\s+[a-z]+s\b"
)


def _count_probe(row: TimelineEvent) -> str:
    """The event's text with its label marked, when the label is a bare number."""
    label = row.when_label.strip()
    if not label.isdigit():
        return ""
    return re.sub(rf"(?<!\w){re.escape(label)}(?!\w)", "<>", plain(row.text), count=1)


def _home_bullet(text: str, bullets: list[Bullet]) -> str:
    """The bullet an event's text was taken from: the one of its section sharing the
    most words with it (the text is the bullet, or a part of it)."""
    words = set(re.findall(r"\w+", text.casefold()))
    best = max(
        bullets,
        key=lambda b: len(words & set(re.findall(r"\w+", b.plain.casefold()))),
        default=None,
    )
    return best.plain if best is not None else text


def can_state(bullet: Bullet, names: frozenset[str] = frozenset()) -> bool:
    """The bullet states a fact on its own, as a sentence (see the module docstring);
    `names` are the notes' names (Source.names), for its pronouns."""
    raw, plain = bullet.raw, bullet.said
    if _LINK_RE.search(raw) or "://" in raw or "mailto:" in raw.casefold():
        return False
    if len(plain) < MIN_STATEMENT or "?" in plain or plain[:1].islower():
        return False  # a lower-case opening: a note-speak fragment, not a sentence
    if plain[:1].isdigit():
        return False  # "1045 carbon steel is …": no sentence opens on a figure
    if bullet.parent and THING_PRONOUN_RE.search(plain):
        return False  # "bought it in 1899": what "it" is lies in the item above
    if SPECULATIVE_RE.search(plain) or framed(plain) or opens_on_verb(plain):
        return False  # a guess, a target or a sale: no fact to judge
    if NOTE_SPEAK_RE.search(plain) or telegraphic(plain):
        return False  # "NPH insulin marketed 1950": notes, not a sentence
    if PRONOUN_FIRST_RE.match(plain) or dangling(plain, names):
        return False  # "Its centre is…": the subject is in the bullet above
    if unnamed_thing(plain) or relative(plain) or unnamed_it(plain):
        return False  # "The dam was rebuilt", "Sweden followed", "showed it": which? whom?
    return not plain.rstrip(_CLOSERS).endswith(":")
