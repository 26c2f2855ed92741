"""Reading the lecture: what the notes give the rules to ask about.

`Source.load(lecture)` reads what the import stored, so the generator works on any
notes DESIGN.md's format accepts: the visible sections and the bullets of their
bodies, the glossary terms (each with the first section that names it), and the
timeline events of visible sections that students see (never a suggestion), each
with the years it covers and the bullet it came from, in content order rather than
by primary key so that equal notes give equal quizzes. `Source.seed()` hashes that
content for the quiz's draws.

`can_state` and `statable_bullets` say which bullets state a fact on their own:
what a true-or-false statement may quote, and what the ordering question must leave
each section. Bullets with links, questions, guesses ("may", "might"), no subject
of their own, lead-ins ending in ":" and fragments under 30 characters are left
alone. `reads_as_sentence` says the same of a piece of a bullet (an event's text):
what an ordering item or a gap may be built on.

`Source.central(bullet)` ranks a section's bullets by how central they are to it:
what the section's one covering question is asked about first.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass

from lectures.models import GlossaryTerm, Lecture, Section, TimelineEvent
from lectures.notes import body_items
from lectures.notes.prose import plain
from lectures.notes.prose.eras import KEY_YEAR, When

from .text import SHAPES, label_shape

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

    @property
    def forms(self) -> re.Pattern[str]:
        """ "Term (ALIAS)", the term or the alias, longest first."""
        return _words(self.name, self.obj.term, self.obj.alias)


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

    @classmethod
    def load(cls, lecture: Lecture) -> Source:
        sections = list(lecture.sections.visible().order_by("position", "pk"))
        by_pk = {section.pk: section for section in sections}
        bullets = {
            section.pk: [
                Bullet(item.text, plain(item.text), section, index, parent=plain(item.parent or ""))
                for index, item in enumerate(
                    item for item in body_items(section.body) if item.kind == "item"
                )
            ]
            for section in sections
        }
        terms = []
        for term in sorted(lecture.terms.all(), key=lambda t: (t.term.casefold(), t.pk)):
            mention = _words(term.term, term.alias)
            home = next((s for s in sections if mention.search(plain(s.body))), None)
            name = f"{term.term} ({term.alias})" if term.alias else term.term
            terms.append(Term(term, name, mention, home))
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
        return cls(lecture, sections, terms, events, bullets)

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


# A bullet that guesses ("may", "might", "could", "perhaps") states no fact to
# judge true or false; "May" the month is not a guess.
SPECULATIVE_RE = re.compile(
    r"\b(?:[Mm]ight|[Cc]ould|[Pp]erhaps|[Pp]ossibly|[Pp]robably|[Rr]umou?red)\b"
    r"|\bmay\b|\bMay\b(?= [a-z])"
)
# A bullet opening with a verb takes its subject from the section's title ("Takes
# place in spring."): on its own, a statement without a subject.
VERB_FIRST_RE = re.compile(
    r"^(?:takes|took|was|were|is|are|has|had|have|became|becomes|includes|included|"
    r"contains|remains|remained|lasts|lasted|runs|ran|flows|flowed|covers|covered|"
    r"begins|began|ends|ended|uses|used|makes|made|gives|gave|shows|showed|lies|lay|"
    r"can|could|will|would|should|must|may|might)\b"
    # Any other verb in the third person: "Depends on pumps", "Stretches across".
    r"|^[A-Z][a-z]+s (?:on|upon|across|into|onto)\b"
    # An adverb, then the verb: "Now holds 118 elements".
    r"|^(?:now|today|still|also|later|then|soon|once)\s+(?:[a-z]+s|[a-z]+ed|was|were|has|had)\b",
    re.IGNORECASE,
)

# A bullet opening on a pronoun takes its subject from the bullet above.
_PRONOUN_FIRST_RE = re.compile(r"^(?:it|he|she|they|this|these|those|its|his|her|their)\b", re.I)
# A verb in the past tense opening a bullet ("Moved the first motion…", "Introduced
# in 1846"): its subject is the heading or the bullet above. Not a name that ends
# in "-ed" ("United States"), nor "Speed", "Need".
_PAST_FIRST_RE = re.compile(
    r"^(?!(?:United|Armed|Hundred|Alfred|Mildred|Winifred|Manfred|Siegfried|Sacred)\b)"
    r"[A-Z][a-z]+(?<!e)ed\b"
    r"|^(?i:keeps|extends|opens|holds|marks|sets|brings|leads|moves|goes|went|came|comes|"
    r"led|set|won|lost|left|wrote|sold|built|fought|saw|sent|met|died|lived|born)\b"
    r"|^[A-Z][a-z]+s (?:for|with|from|at|by|through|over|up|out|down|off|the|a|an|his|her|"
    r"its|their)\b"
)
# A personal pronoun: who it means must be named before it.
_PERSONAL_RE = re.compile(r"\b(?:he|she|him|his|her|they|them|their)\b", re.IGNORECASE)
# Note-speak: symbols for words, lists run together with semicolons, abbreviations.
NOTE_SPEAK_RE = re.compile(
    r"→|⇒|->|<-|=|≈|\s&\s|\bw/"
    # "Leicester, Mar 1877: …": a place, a clipped month and a colon for a sentence.
    r"|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? \d|^[^:]{0,40}\d{4}: "
    r"|\b(?:approx|esp|incl|govt|dept|yrs?|cf|vs|poss)\.(?!\w)"
    # Lists run together with ";" and sums with "+" are notes, not sentences.
    r"|;|\s\+\s"
)
# A pronoun for a thing or things, whose noun may be in the item above.
_UNNAMED_RE = re.compile(r"\b(?:it|they|them)\b", re.IGNORECASE)
# Headings that name no subject a verb could have ("Background", "Key Events").
_GENERIC_HEADING_RE = re.compile(
    r"\b(?:background|overview|summary|introduction|history|timeline|events?|causes?|"
    r"effects?|consequences|legacy|impact|aftermath|origins?|context|key|notes?|dates?|"
    r"early|late|later|years?|life|career|works?|today|outcomes?|implications|"
    r"developments?|period|age|era|rise|fall|end|beginnings?|and|or|in|on|to|for)\b",
    re.IGNORECASE,
)
_PARTICLES = frozenset({"de", "da", "di", "del", "von", "van", "der", "of", "the", "la", "le"})


# A word that reads as a verb: a past tense, a third person, or a common irregular.
_VERB_RE = re.compile(
    r"\b[a-z]{2,}(?:ed|es)\b|\b[a-z]{3,}[^s\W]s\b|\b(?:is|was|were|are|has|had|have|"
    r"began|became|built|came|fell|fled|flew|fought|gave|grew|held|hung|kept|led|left|lost|"
    r"made|met|ran|rose|sank|sent|set|shot|sold|spent|split|stood|struck|swore|took|told|"
    r"threw|won|wrote|drew|drove|broke|bought|brought|caught|chose|did|found|froze|knew|"
    r"laid|lay|paid|put|read|said|saw|sat|sought|spoke|taught|thought|tore|went|woke)\b"
)


def opens_on_verb(text: str) -> bool:
    """The text opens on a verb: its subject is elsewhere."""
    return bool(VERB_FIRST_RE.match(text) or _PAST_FIRST_RE.match(text))


def _names_subject(heading: str) -> bool:
    """A heading that names who or what its bullets are about: a short name in
    capitals ("Ada Byron", "The Erie Canal"), not a topic ("Early Life")."""
    words = heading.split()
    if not 1 <= len(words) <= 5 or re.search(r"[\d:?!.,;()]", heading):
        return False
    if _GENERIC_HEADING_RE.search(heading):
        return False
    return all(w[:1].isupper() or w in _PARTICLES for w in words)


def with_subject(text: str, heading: str) -> str:
    """The text given the heading as its subject when it opens on a verb and the
    heading names one ("Ada Byron" + "Published her notes in 1843." -> "Ada Byron
    published her notes in 1843."); otherwise the text as it is."""
    if not opens_on_verb(text) or not _names_subject(heading):
        return text
    return f"{heading} {text[:1].lower()}{text[1:]}"


# A name a parent item opens on, then its verb: "Isabella Stewart Gardner founded …".
_PARENT_NAME_RE = re.compile(
    r"^((?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*|de|da|di|von|van|der|of))*)\s+(\w+)"
)
# "He" or "she" stands for the name; "it" and "they" for a thing the item leaves out.
_SUBJECT_PRONOUN_RE = re.compile(r"^(?:he|she)\b\s*", re.IGNORECASE)


def with_parent_subject(text: str, parent: str) -> str | None:
    """A nested item opening on a verb or a subject pronoun, given the name its
    parent item opens on as its subject ("Isabella Gardner opened a museum" +
    "bought the Titian in 1896" -> "Isabella Gardner bought the Titian in 1896");
    None when either does not fit (the item is then not asked as a sentence)."""
    found = _PARENT_NAME_RE.match(parent)
    if found is None or not _VERB_RE.fullmatch(found.group(2)):
        return None
    name = found.group(1)
    if name.split()[0] in ("The", "A", "An", "In", "On", "This", "These") or len(name.split()) > 5:
        return None
    if _SUBJECT_PRONOUN_RE.match(text):
        rest = _SUBJECT_PRONOUN_RE.sub("", text, count=1)
        return f"{name} {rest}" if _VERB_RE.match(rest) else None
    if _PRONOUN_FIRST_RE.match(text):
        return None
    if opens_on_verb(text) or _VERB_RE.match(text):
        return f"{name} {text[:1].lower()}{text[1:]}"
    return None


def dangling(text: str) -> bool:
    """A personal pronoun with no name before it that it could mean."""
    found = _PERSONAL_RE.search(text)
    if not found:
        return False
    before = text[: found.start()].split()
    if before and before[0][:1].isupper() and before[0] not in ("The", "A", "An", "In", "On"):
        return False  # opens on a name: "Mozart wrote his…"
    return not any(word[:1].isupper() for word in before[1:])


def can_state(bullet: Bullet) -> bool:
    raw, plain = bullet.raw, bullet.said
    if _LINK_RE.search(raw) or "://" in raw or "mailto:" in raw.casefold():
        return False
    if len(plain) < MIN_STATEMENT or "?" in plain or plain[:1].islower():
        return False  # a lower-case opening: a note-speak fragment, not a sentence
    if bullet.parent and _UNNAMED_RE.search(plain):
        return False  # "bought it in 1899": what "it" is lies in the item above
    if SPECULATIVE_RE.search(plain) or opens_on_verb(plain) or NOTE_SPEAK_RE.search(plain):
        return False
    if _PRONOUN_FIRST_RE.match(plain) or dangling(plain):
        return False  # "Its centre is…": the subject is in the bullet above
    return not plain.rstrip(_CLOSERS).endswith(":")


# "The Two Plus Four Treaty, signed in Moscow on 12 September 1990": a name and a
# participle clause, no verb of its own.
_PARTICIPLE_ONLY_RE = re.compile(
    r"^[^,;]+,\s+(?:\w+ed|\w+en|begun|built|held|made|run|set|shot|sent|won|written)\b[^,;]*$"
)


def reads_as_sentence(text: str, bullet: str = "") -> bool:
    """A piece of a bullet reads as a statement with its own subject: not opening on a
    verb or a pronoun, not a name with a participle clause only, and (when `bullet`
    is given) one stretch of it, not words spliced from both sides of a cut."""
    text = text.strip()
    if not text or opens_on_verb(text) or _PRONOUN_FIRST_RE.match(text) or text[0].islower():
        return False
    if dangling(text) or NOTE_SPEAK_RE.search(text):
        return False
    if not _VERB_RE.search(text):
        return False  # "Azerbaijan's victory in 2020": a noun phrase, no claim
    if _PARTICIPLE_ONLY_RE.match(text.rstrip(".!")):
        return False
    if bullet:
        return one_stretch(text, bullet)
    return True


def one_stretch(text: str, bullet: str) -> bool:
    """The text is a stretch of the bullet, or its subject joined to a later clause
    that has a verb of its own ("Skylab fell in 1979"), not to a gerund ("Azerbaijan
    began building ties leaving the treaty in 1999")."""
    words = text.rstrip(".!;, ").casefold().split()
    whole = bullet.casefold()
    if " ".join(words) in whole:
        return True
    for cut in range(1, len(words)):
        head, rest = " ".join(words[:cut]), " ".join(words[cut:])
        if head in whole and rest in whole:
            return not words[cut].endswith("ing")
    return False


def statable_bullets(src: Source) -> dict[int, set[str]]:
    """Per section, the plain text of the bullets a true-or-false statement may quote."""
    return {
        pk: {bullet.plain for bullet in bullets if can_state(bullet)}
        for pk, bullets in src.bullets.items()
    }
