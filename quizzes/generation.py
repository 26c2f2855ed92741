"""Draft a quiz from a lecture's notes, for the instructor to review and publish.

`quiz_generate` reads what the import stored (glossary terms, timeline events and
the bullets of visible sections), so it works on any notes DESIGN.md's format
accepts. Every question it writes has a key that quizzes.grading grades as is:

- Matching (2 points) from 3 or more glossary terms (at most 6): each Choice holds
  "Term (ALIAS)" as `text` and its definition as `match_text`.
- Single choice (1 point) per glossary term: "Which best describes “Term”?", its
  definition against up to 3 other terms' definitions (1 when there are 2 terms).
- Ordering (2 points) from 3 to 5 timeline events whose years do not overlap (so
  the order is beyond dispute), each from a different bullet, bullets with a single
  date preferred. An item is its bullet with the event's date dropped (a leading
  "June 2025: ") or blanked ("____"); other dates in the same bullet stay, which is
  why single-date bullets come first. It leaves every section a bullet to state,
  even when that leaves too few events for the question.
- "When did this happen?" single choice (1 point), at most 4, each from a bullet
  no other question uses: the event's label against 2 or 3 other events' labels
  whose years do not overlap it, same-shaped labels first (years with years,
  months with months). The prompt drops or blanks the date as above ("Which date
  fills the gap?" when blanked).
- True or false (1 point), one per visible section so every section is covered,
  alternating true and false where the notes allow. True: a bullet verbatim, minus
  Markdown markers. False only through a swap that must falsify it: a year for
  another event's year at least 3 years from every date in the bullet, or a
  glossary term for another term that the bullet does not mention and that neither
  names the other ("Treaty" / "Collective Security Treaty"). Bullets with links,
  questions, lead-ins ending in ":" and fragments under 30 characters are left
  alone. More statements top a short quiz up to 10, never letting true ones
  outnumber false ones by more than one.
- No two questions come from one bullet: a statement quoting the bullet a date or
  ordering question blanks would give its answer away. A section whose bullets all
  went to date questions gets its statement from one of them, the date question
  being dropped, unless it is the only date question: then it covers the section.
- A date after "since", "before", "by" and the like bounds a claim on one side
  only ("since 2000" stays true as "since 2011"), so it is never swapped and never
  asked as a "when did" gap.
- At most 15 questions. Matching, ordering and the per-section questions are kept
  first, term and date questions fill the rest in turn; kinds are then interleaved
  so the first questions show every kind. With more than 13 sections the last go
  uncovered.
- Points: matching and ordering 2 (grading gives partial credit per pair or
  place), everything else 1.

Choices are created in a shuffled order. The shuffling and every other pick come
from a random.Random seeded with a hash of the lecture's content: the same notes
give the same quiz, and `rng_seed` gives another draft.
"""

from __future__ import annotations

import hashlib
import itertools
import random
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from lectures.models import GlossaryTerm, Lecture, Section, TimelineEvent

# How an event reads without its date is shared with the review cards.
from lectures.notes.prose import GAP, date_spans, is_uncertain, plain, without_date

from .models import Choice, Question, Quiz

Kind = Question.Kind

MAX_QUESTIONS = 15
FILL_TO = 10
MATCHING_MAX = 6
ORDERING_MAX = 5
WHEN_MAX = 4
BIG_POINTS = 2
MIN_STATEMENT = 30
ITEM_LIMIT = 120
YEAR_GAP = 3
NOTHING_TO_ASK = (
    "this lecture has no glossary terms, timeline events or bullets to make questions from"
)

_LINK_RE = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
_FOUR_DIGITS_RE = re.compile(r"\d{4}")
_CLOSERS = "\"'”’»›)]}"
_SHAPES = [
    ("range", re.compile(r"(\d{4})\s*[-–—]\s*(\d{4})")),
    ("century", re.compile(r"\d{1,2}(?:st|nd|rd|th) century", re.IGNORECASE)),
    ("decade", re.compile(r"\d{4}['’]?s")),
    ("day", re.compile(r"\d{1,2} [A-Za-z]+\.? \d{4}")),
    ("month", re.compile(r"[A-Za-z]+\.? \d{4}")),
    ("year", re.compile(r"\d{4}")),
]
# Labels naming one year, whose year can be swapped without garbling the date.
_ONE_YEAR_SHAPES = frozenset({"day", "month", "year"})
# A date after one of these words bounds the claim on one side only: "crewed since
# 2000" stays true as "since 2011", so such dates are never swapped.
_ONE_WAY_LEAD_RE = re.compile(
    r"(?:\b(?:before|after|by|since|from|following|prior\s+to|earlier\s+than|later\s+than|"
    r"as\s+early\s+as|as\s+late\s+as|no\s+later\s+than|around|about|circa|c\.|"
    r"approximately|roughly|nearly|almost|over|under|within|until|till|through|"
    r"between(?:\s+\S+\s+and)?)"
    r"\s+(?:the\s+)?|\b(?:pre|post)-)$",
    re.IGNORECASE,
)


class GenerationError(ValueError):
    """The lecture gives nothing to make questions from (or the title is unusable)."""


# --------------------------------------------------------------------------- text helpers


def _clip(text: str, limit: int) -> str:
    """Shorten at a word boundary, ending in "…", to at most `limit` characters."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:—–-") + "…"


def _choice_limit() -> int:
    return Choice._meta.get_field("text").max_length


def _words(*phrases: str) -> re.Pattern[str]:
    """Any of the phrases as a whole word, ignoring case."""
    options = sorted({p for p in phrases if p}, key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, options))})(?!\w)", re.IGNORECASE)


def _shape(label: str) -> str:
    return next((name for name, regex in _SHAPES if regex.fullmatch(label)), "other")


def _one_way(text: str, label: str) -> bool:
    """The date bounds the claim on one side only ("since 2000", "before 1991")."""
    return any(
        found == label and _ONE_WAY_LEAD_RE.search(text[:start])
        for start, _, found in date_spans(text)
    )


def _dated(text: str, label: str) -> str:
    """The text with its date in front, once: "1991: … until 1991." or "June 2025: …"."""
    without = without_date(text, label)
    return text if without != text and GAP not in without else f"{label}: {text}"


# --------------------------------------------------------------------------- what the notes give


@dataclass
class _Term:
    obj: GlossaryTerm
    name: str
    mention: re.Pattern[str]  # the term or its alias
    section: Section | None = None

    @property
    def forms(self) -> re.Pattern[str]:
        """ "Term (ALIAS)", the term or the alias, longest first."""
        return _words(self.name, self.obj.term, self.obj.alias)


@dataclass
class _Event:
    label: str
    sort_key: object
    text: str  # the plain text of the part of its bullet the date belongs to
    section: Section
    first: int
    last: int
    shape: str
    # The plain text of the whole bullet: what "one bullet, one question" counts
    # and what a re-import checks (the event's text may be a part of it).
    bullet: str = ""

    def overlaps(self, other: _Event) -> bool:
        return self.first <= other.last and other.first <= self.last

    def years(self) -> set[int]:
        """Years another bullet's swap may borrow; centuries and decades are no year."""
        if self.shape == "range":
            return {self.first, self.last}
        if self.shape in ("century", "decade"):
            return set()
        return {self.first}


@dataclass
class _Bullet:
    raw: str
    plain: str
    section: Section


@dataclass
class _Source:
    lecture: Lecture
    sections: list[Section]
    terms: list[_Term]
    events: list[_Event]
    bullets: dict[int, list[_Bullet]]

    @classmethod
    def load(cls, lecture: Lecture) -> _Source:
        sections = list(lecture.sections.visible().order_by("position", "pk"))
        by_pk = {section.pk: section for section in sections}
        bullets = {
            section.pk: [
                _Bullet(line[2:], plain(line[2:]), section)
                for line in section.body.splitlines()
                if line.startswith("- ") and line[2:].strip()
            ]
            for section in sections
        }
        terms = []
        for term in sorted(lecture.terms.all(), key=lambda t: (t.term.casefold(), t.pk)):
            mention = _words(term.term, term.alias)
            home = next((s for s in sections if mention.search(plain(s.body))), None)
            name = f"{term.term} ({term.alias})" if term.alias else term.term
            terms.append(_Term(term, name, mention, home))
        events = []
        rows: list[TimelineEvent] = list(lecture.events.all())
        for row in rows:
            section = by_pk.get(row.section_id)
            if section is None:
                continue  # archived sections (and stray events) are not taught any more
            shape = _shape(row.when_label)
            first = last = row.sort_key.year
            if row.end_key is not None:
                # A span, however its label reads ("May 1940–June 1941").
                shape, last = "range", row.end_key.year
            elif shape == "range":
                first, last = map(int, _SHAPES[0][1].fullmatch(row.when_label).groups())
            elif shape == "century":
                last = first + 99
            elif shape == "decade":
                last = first + 9
            text = plain(row.text)
            bullet = _home_bullet(text, bullets[section.pk])
            events.append(
                _Event(row.when_label, row.sort_key, text, section, first, last, shape, bullet)
            )
        # Content order, not primary keys, so equal notes give equal quizzes.
        events.sort(key=lambda e: (e.sort_key, e.section.position, e.text, e.label))
        return cls(lecture, sections, terms, events, bullets)

    def seed(self) -> int:
        digest = hashlib.sha256(self.lecture.title.encode())
        parts = [f"{s.slug}\n{s.body}" for s in self.sections]
        parts += [f"{t.obj.term}\n{t.obj.alias}\n{t.obj.definition}" for t in self.terms]
        parts += [f"{e.label}\n{e.sort_key}\n{e.text}" for e in self.events]
        for part in parts:
            digest.update(b"\0" + part.encode())
        return int.from_bytes(digest.digest()[:8], "big")


def _home_bullet(text: str, bullets: list[_Bullet]) -> str:
    """The bullet an event's text was taken from: the one of its section sharing the
    most words with it (the text is the bullet, or a part of it)."""
    words = set(re.findall(r"\w+", text.casefold()))
    best = max(
        bullets,
        key=lambda b: len(words & set(re.findall(r"\w+", b.plain.casefold()))),
        default=None,
    )
    return best.plain if best is not None else text


# --------------------------------------------------------------------------- drafts


@dataclass
class _Draft:
    family: str
    kind: str
    prompt: str
    explanation: str
    section: Section | None
    choices: list[dict] = field(default_factory=list)
    points: int = 1
    source: str = ""
    true: bool | None = None
    # What to ask instead if this question's answer shows elsewhere in the quiz.
    fallback: _Draft | None = None


def _distinct_definitions(terms: list[_Term]) -> list[_Term]:
    """Terms whose (clipped) definitions differ, so no two options read the same."""
    seen, out = set(), []
    for term in terms:
        key = _clip(term.obj.definition, _choice_limit()).casefold()
        if key not in seen:
            seen.add(key)
            out.append(term)
    return out


def _matching(src: _Source, rng: random.Random) -> list[_Draft]:
    terms = _distinct_definitions(src.terms)
    if len(terms) < 3:
        return []
    # About half the terms, at least three: the others are asked one by one, and
    # no term is asked twice (each question would answer the other).
    size = min(MATCHING_MAX, max(3, len(terms) - len(terms) // 2))
    if len(terms) > size:
        picked = set(map(id, rng.sample(terms, size)))
        terms = [t for t in terms if id(t) in picked]
    limit = _choice_limit()
    choices = [
        {"text": _clip(t.name, limit), "match_text": _clip(t.obj.definition, limit)} for t in terms
    ]
    rng.shuffle(choices)
    return [
        _Draft(
            "matching",
            Kind.MATCHING,
            "Match each term to its definition.",
            "\n".join(f"{t.name}: {t.obj.definition}" for t in terms),
            None,
            [{**c, "is_correct": True} for c in choices],
            points=BIG_POINTS,
            source="\n".join(t.name for t in terms),
        )
    ]


def _term_singles(src: _Source, rng: random.Random) -> list[_Draft]:
    terms = _distinct_definitions(src.terms)
    if len(terms) < 2:
        return []
    limit = _choice_limit()
    drafts = []
    for term in terms:
        if term.mention.search(term.obj.definition):
            continue  # the definition names its term: the right choice would show itself
        right = _clip(term.obj.definition, limit)
        # Not a definition that names the term asked about (it would pull the eye),
        # and the nearest in length, so the right one does not stand out by its size.
        others = [
            _clip(t.obj.definition, limit)
            for t in terms
            if t is not term and not term.mention.search(t.obj.definition)
        ]
        if not others:
            continue
        rng.shuffle(others)
        others.sort(key=lambda text: abs(len(text) - len(right)))
        options = [{"text": right, "is_correct": True}]
        options += [{"text": text} for text in others[:3]]
        rng.shuffle(options)
        single = _Draft(
            "term",
            Kind.SINGLE,
            f"Which best describes “{term.name}”?",
            f"{term.name}: {term.obj.definition}",
            term.section,
            options,
            source=term.name,
        )
        obj = term.obj
        if obj.alias and not term.mention.search(right):
            # A term with an abbreviation is asked the other way round, as a short
            # answer (the term, its abbreviation or both accepted), unless another
            # question names it (see _plan).
            accepted = [obj.term, obj.alias, f"{obj.term} ({obj.alias})"]
            single = _Draft(
                "short",
                Kind.SHORT_ANSWER,
                f"Which term (or its abbreviation) means: {right}",
                f"{term.name}: {obj.definition}",
                term.section,
                [{"text": text, "is_correct": True} for text in accepted],
                source=term.name,
                fallback=single,
            )
        drafts.append(single)
    return drafts


def _where(src: _Source, rng: random.Random) -> list[_Draft]:
    """ "Which section discusses “X”?" for terms the notes discuss in one section
    only (several would make more than one answer right), among four sections."""
    if len(src.sections) < 3:
        return []
    drafts = []
    for term in src.terms:
        # Plurals and possessives too: "Dredgers keep the channel" discusses dredgers.
        names = [n for n in (term.obj.term, term.obj.alias) if n]
        loose = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?:e?s|['’]s)?(?!\w)",
            re.IGNORECASE,
        )
        homes = [s for s in src.sections if loose.search(plain(s.body))]
        # A title that names the term would be the answer at a glance.
        if len(homes) != 1 or any(loose.search(s.title) for s in src.sections):
            continue
        (home,) = homes
        others = [s.title for s in src.sections if s.pk != home.pk]
        options = [{"text": home.title, "is_correct": True}]
        options += [{"text": title} for title in rng.sample(others, min(3, len(others)))]
        rng.shuffle(options)
        drafts.append(
            _Draft(
                "section",
                Kind.SINGLE,
                f"Which section of the lecture discusses “{term.name}”?",
                f"“{term.name}” comes up in “{home.title}”.",
                home,
                options,
                source=term.name,
            )
        )
    rng.shuffle(drafts)
    return drafts


def _bullet_counts(src: _Source) -> Counter[str]:
    return Counter(event.bullet for event in src.events)


def _ordering(src: _Source, rng: random.Random) -> list[_Draft]:
    per_bullet = _bullet_counts(src)
    candidates = list(src.events)
    rng.shuffle(candidates)
    candidates.sort(key=lambda e: per_bullet[e.bullet] > 1)
    statable = _statable(src)
    chosen: list[tuple[_Event, str]] = []

    def fits(event: _Event, item: str) -> bool:
        return not any(
            event.bullet == other.bullet or event.overlaps(other) or item == other_item
            for other, other_item in chosen
        )

    for event in candidates:
        if len(chosen) == ORDERING_MAX:
            break
        if is_uncertain(event.text, event.label):
            continue  # "c. 1503": no certain place in an order
        item = _clip(without_date(event.text, event.label), ITEM_LIMIT)
        if len(item.replace(GAP, "").strip()) < 10 or not fits(event, item):
            continue
        # No bullet serves two questions, so taking a section's last statable bullet
        # would leave the section without its true-or-false statement.
        left = statable[event.section.pk] - {other.bullet for other, _ in chosen}
        if left != {event.bullet}:
            chosen.append((event, item))
    if len(chosen) < 3:
        return []
    chosen.sort(key=lambda pair: pair[0].sort_key)
    choices = [
        {"text": item, "order_key": place, "is_correct": True}
        for place, (_, item) in enumerate(chosen, start=1)
    ]
    shuffled = choices[:]
    rng.shuffle(shuffled)
    if shuffled == choices:
        # Stored in order, the admin's list would read as the answer.
        shuffled = shuffled[1:] + shuffled[:1]
    explanation = "\n".join(
        f"{place}. {_dated(event.text, event.label)}" for place, (event, _) in enumerate(chosen, 1)
    )
    return [
        _Draft(
            "ordering",
            Kind.ORDERING,
            "Put these events in chronological order, earliest first.",
            explanation,
            None,
            shuffled,
            points=BIG_POINTS,
            source="\n".join(event.bullet for event, _ in chosen),
        )
    ]


def _when_did(src: _Source, rng: random.Random, used: set[str]) -> list[_Draft]:
    """Date questions on bullets outside `used`, which the ordering question shows."""
    labels: dict[str, _Event] = {}
    for event in src.events:
        labels.setdefault(event.label, event)
    candidates = list(src.events)
    rng.shuffle(candidates)
    candidates = [e for e in candidates if e.bullet not in used]
    drafts: list[_Draft] = []
    asked: set[str] = set()
    for event in candidates:
        if len(drafts) == WHEN_MAX:
            break
        # Two questions on one bullet would each show the other's answer; and a gap
        # after "since" or "before" would fit later (or earlier) dates as well.
        if event.bullet in asked or _one_way(event.text, event.label):
            continue
        text = without_date(event.text, event.label)
        if len(text.replace(GAP, "").strip()) < 10:
            continue
        # A label whose years overlap the answer's ("2020" for "2019–2023") could be
        # argued right, so only clearly different dates are offered.
        pool = [e for e in labels.values() if e.label != event.label and not e.overlaps(event)]
        same = [e.label for e in pool if e.shape == event.shape]
        other = [e.label for e in pool if e.shape != event.shape]
        rng.shuffle(same)
        rng.shuffle(other)
        distractors = (same + other)[:3]
        if len(distractors) < 2:
            continue
        options = [{"text": event.label, "is_correct": True}]
        options += [{"text": label} for label in distractors]
        rng.shuffle(options)
        lead = "Which date fills the gap?" if GAP in text else "When did this happen?"
        asked.add(event.bullet)
        drafts.append(
            _Draft(
                "when",
                Kind.SINGLE,
                f"{lead} {text}",
                _dated(event.text, event.label),
                event.section,
                options,
                source=event.bullet,
            )
        )
    return drafts


# --------------------------------------------------------------------------- true or false


# A bullet that guesses ("may", "might", "could", "perhaps") states no fact to
# judge true or false; "May" the month is not a guess.
_SPECULATIVE_RE = re.compile(
    r"\b(?:[Mm]ight|[Cc]ould|[Pp]erhaps|[Pp]ossibly|[Pp]robably|[Rr]umou?red)\b"
    r"|\bmay\b|\bMay\b(?= [a-z])"
)
# A bullet opening with a verb takes its subject from the section's title ("Takes
# place in spring."): on its own, a statement without a subject.
_VERB_FIRST_RE = re.compile(
    r"^(?:takes|took|was|were|is|are|has|had|have|became|becomes|includes|included|"
    r"contains|remains|remained|lasts|lasted|runs|ran|flows|flowed|covers|covered|"
    r"begins|began|ends|ended|uses|used|makes|made|gives|gave|shows|showed|lies|lay|"
    r"can|could|will|would|should|must|may|might)\b"
    # Any other verb in the third person: "Depends on pumps", "Stretches across".
    r"|^[A-Z][a-z]+s (?:on|upon|across|into|onto)\b",
    re.IGNORECASE,
)


def _can_state(bullet: _Bullet) -> bool:
    raw, plain = bullet.raw, bullet.plain
    if _LINK_RE.search(raw) or "://" in raw or "mailto:" in raw.casefold():
        return False
    if len(plain) < MIN_STATEMENT or "?" in plain:
        return False
    if _SPECULATIVE_RE.search(plain) or _VERB_FIRST_RE.match(plain):
        return False
    return not plain.rstrip(_CLOSERS).endswith(":")


def _statable(src: _Source) -> dict[int, set[str]]:
    """Per section, the plain text of the bullets a true-or-false statement may quote."""
    return {
        pk: {bullet.plain for bullet in bullets if _can_state(bullet)}
        for pk, bullets in src.bullets.items()
    }


def _swap_year(plain: str, src: _Source, rng: random.Random) -> str | None:
    spans = date_spans(plain)
    swappable = [
        (start, end, label)
        for start, end, label in spans
        if _shape(label) in _ONE_YEAR_SHAPES and not _ONE_WAY_LEAD_RE.search(plain[:start])
    ]
    if not swappable:
        return None
    near: set[int] = set()
    for _, _, label in spans:
        near.update(map(int, _FOUR_DIGITS_RE.findall(label)))
        if _shape(label) == "century":
            start = (int(re.match(r"\d+", label).group()) - 1) * 100
            near.update(range(start, start + 100))
        elif _shape(label) == "decade":
            start = int(label[:4])
            near.update(range(start, start + 10))
    # Far from every date in the bullet, so the swapped statement cannot be true
    # by landing on (or next to) another date it names.
    years = sorted(
        {
            year
            for event in src.events
            if event.bullet != plain
            for year in event.years()
            if all(abs(year - other) >= YEAR_GAP for other in near)
        }
    )
    if not years:
        return None
    start, end, _ = rng.choice(swappable)
    year = rng.choice(years)
    date = _FOUR_DIGITS_RE.sub(str(year), plain[start:end], count=1)
    return plain[:start] + date + plain[end:]


def _term_hits(plain: str, terms: list[_Term]) -> list[tuple[int, int, _Term]]:
    """Where terms are named, minus names inside a longer one ("Treaty" in "X Treaty")."""
    hits = [(m.start(), m.end(), t) for t in terms for m in t.forms.finditer(plain)]
    return [
        (start, end, term)
        for start, end, term in hits
        if not any(s <= start and end <= e and e - s > end - start for s, e, _ in hits)
    ]


def _falsify(plain: str, src: _Source, rng: random.Random) -> str | None:
    # A year swapped for another year of the lecture: the same type of thing, so the
    # sentence stays grammatical and plausible. Glossary terms are never swapped:
    # one term for another of a different kind ("strained by the BRICS conflict")
    # reads as absurd, and a student rules it out without knowing the fact.
    return _swap_year(plain, src, rng)


_NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
# "seven distributaries" -> "7 distributaries"; not "one" (a pronoun as often).
_NUMBER_WORD_RE = re.compile(
    rf"(?<![\w-])(?:{'|'.join(_NUMBER_WORDS)})(?= [a-z])(?! (?:to|or|and|in) )"
)
# "the Rosetta and Damietta branches" -> "the Damietta and Rosetta branches".
_NAME_PAIR_RE = re.compile(r"(?<!^)\b([A-Z][a-z][\w'’-]*) and ([A-Z][a-z][\w'’-]*)\b")
_DAY_MONTH_YEAR_RE = re.compile(r"\b(\d{1,2}) ([A-Z][a-z]+) (\d{4})\b")
_MONTH_DAY_YEAR_RE = re.compile(r"\b([A-Z][a-z]+) (\d{1,2}), (\d{4})\b")


def _restate(text: str, src: _Source) -> str:
    """The same claim in other words, for true and false statements alike, so that
    neither reads as the notes word for word: a term by its abbreviation (or the
    reverse), a leading date moved to the end ("In 1968, the seafloor was mapped."
    -> "The seafloor was mapped in 1968."), or a day written the other way round
    ("12 March 1945" <-> "March 12, 1945"). Unchanged when none fits."""
    for start, end, term in _term_hits(text, src.terms):
        alias, full = term.obj.alias, term.obj.term
        found = text[start:end].casefold()
        if not alias:
            continue
        if found == alias.casefold():
            return text[:start] + full + text[end:]
        if found in (full.casefold(), term.name.casefold()):
            return text[:start] + alias + text[end:]
    spans = date_spans(text)
    if spans and text[:3] in ("In ", "On ") and spans[0][0] == 3:
        when = text[3 : spans[0][1]]
        rest = text[spans[0][1] :].lstrip(", ")
        stop = rest[-1] if rest[-1:] in ".!" else ""
        rest = rest.rstrip(".!")
        if len(rest.split()) >= 3 and not date_spans(rest):
            return f"{rest[:1].upper()}{rest[1:]} {text[:2].lower()} {when}{stop or '.'}"
    if match := _DAY_MONTH_YEAR_RE.search(text):
        day, month, year = match.groups()
        return text[: match.start()] + f"{month} {day}, {year}" + text[match.end() :]
    if match := _MONTH_DAY_YEAR_RE.search(text):
        month, day, year = match.groups()
        return text[: match.start()] + f"{day} {month} {year}" + text[match.end() :]
    if match := _NUMBER_WORD_RE.search(text):
        word = match.group()
        digits = str(_NUMBER_WORDS.index(word.casefold()) + 2)
        return text[: match.start()] + digits + text[match.end() :]
    if match := _NAME_PAIR_RE.search(text):
        first, second = match.groups()
        return text[: match.start()] + f"{second} and {first}" + text[match.end() :]
    return text


def _statement(bullet: _Bullet, false_text: str | None, src: _Source) -> _Draft:
    is_true = false_text is None
    shown = _restate(bullet.plain if is_true else false_text, src)
    return _Draft(
        "tf",
        Kind.TRUE_FALSE,
        f"True or false: {shown}",
        f"{'True' if is_true else 'False'}. The notes say: “{bullet.plain}”",
        bullet.section,
        [{"text": "True", "is_correct": is_true}, {"text": "False", "is_correct": not is_true}],
        source=bullet.plain,
        true=is_true,
    )


def _true_false(
    src: _Source, rng: random.Random, used: set[str], whens: list[_Draft]
) -> tuple[list[_Draft], list[_Draft], list[_Draft]]:
    """(one question per section that has a usable bullet, further statements, the
    date questions left over).

    A statement never quotes a bullet that another question uses (`used` by the
    ordering question, or a date question's): it would answer that question. A
    section whose statable bullets are all taken gets its statement from one of its
    date questions' bullets, that date question being dropped; unless it is the
    only date question, which then stands as the section's question itself.
    """
    whens = list(whens)
    taken = used | {d.source for d in whens}
    # A quiz needs a false statement as much as a true one: if every bullet whose
    # year could be swapped is taken by a date question, one gives its bullet back.
    probe = random.Random(0)  # checks only: the quiz's own draws stay as they were
    statable = [b for group in src.bullets.values() for b in group if _can_state(b)]
    if not any(_swap_year(b.plain, src, probe) for b in statable if b.plain not in taken):
        for draft in whens:
            if any(b.plain == draft.source and _swap_year(b.plain, src, probe) for b in statable):
                whens.remove(draft)
                taken.discard(draft.source)
                break
    cover: list[_Draft] = []
    leftovers: list[list[_Bullet]] = []
    tally = Counter()
    for section in src.sections:
        bullets, seen = [], set()
        for bullet in src.bullets[section.pk]:
            if _can_state(bullet) and bullet.plain not in seen | used:
                seen.add(bullet.plain)
                bullets.append(bullet)
        free = [b for b in bullets if b.plain not in taken]
        if not free:
            own = [d for d in whens if d.section == section]
            if not own:
                continue
            statable = [d for d in own if d.source in seen]
            if not statable or len(whens) + sum(d.family == "when" for d in cover) == 1:
                whens.remove(own[0])
                cover.append(own[0])
                continue
            whens.remove(statable[0])
            free = [b for b in bullets if b.plain == statable[0].source]
        rng.shuffle(free)
        draft = None
        if tally[False] <= tally[True]:
            for bullet in free:
                if (false_text := _falsify(bullet.plain, src, rng)) is not None:
                    draft = _statement(bullet, false_text, src)
                    break
        if draft is None:
            # A true statement that can be put in other words, so it reads no more
            # like the notes than a false one does.
            pick = next((b for b in free if _restate(b.plain, src) != b.plain), free[0])
            draft = _statement(pick, None, src)
        tally[draft.true] += 1
        cover.append(draft)
        leftovers.append([b for b in free if b.plain != draft.source])

    false_pool, true_pool = [], []
    for row in itertools.zip_longest(*leftovers):
        for bullet in filter(None, row):
            false_text = _falsify(bullet.plain, src, rng)
            (true_pool if false_text is None else false_pool).append(
                _statement(bullet, false_text, src)
            )
    # True statements put in other words first (see above).
    true_pool.sort(key=lambda d: d.prompt.removeprefix("True or false: ") == d.source)
    extra = []
    while True:
        if false_pool and tally[False] <= tally[True]:
            draft = false_pool.pop(0)
        elif true_pool and tally[True] <= tally[False]:
            draft = true_pool.pop(0)
        elif false_pool:
            draft = false_pool.pop(0)
        else:
            break
        tally[draft.true] += 1
        extra.append(draft)
    return cover, extra, whens


# --------------------------------------------------------------------------- assembly


def _interleave(groups: list[list[_Draft]]) -> list[_Draft]:
    return [d for row in itertools.zip_longest(*groups) for d in row if d is not None]


def _plan(src: _Source, rng: random.Random) -> list[_Draft]:
    matching = _matching(src, rng)
    # A term in the matching question is not asked again on its own: each would
    # answer the other.
    matched = {name for d in matching for name in d.source.split("\n")}
    terms = [d for d in _term_singles(src, rng) if d.source not in matched]
    ordering = _ordering(src, rng)
    used = {line for d in ordering for line in d.source.split("\n")}
    cover, extra, whens = _true_false(src, rng, used, _when_did(src, rng, used))

    # Coverage of every section and one of each big kind come first; with more
    # sections than room, the last sections go without.
    cover = cover[: max(0, MAX_QUESTIONS - len(matching) - len(ordering))]
    room = MAX_QUESTIONS - len(matching) - len(ordering) - len(cover)
    # "Which section discusses X?" names X: never for a term asked for by name.
    asked_for = {d.source for d in terms if d.family == "short"}
    wheres = [d for d in _where(src, rng) if d.source not in asked_for]
    # Which came first, from bullets no other question uses.
    taken = used | {line for d in cover + whens for line in d.source.split("\n")}
    firsts = _first(src, rng, taken)
    spoken_for = {line for d in firsts for line in d.source.split("\n")}
    extra = [d for d in extra if d.source not in spoken_for]
    filler = _interleave([terms, whens, wheres, firsts])[:room]
    terms = [d for d in filler if d.family in ("term", "short")]
    wheres = [d for d in filler if d.family == "section"]
    firsts = [d for d in filler if d.family == "first"]
    whens = [d for d in cover + filler if d.family == "when"]
    statements = [d for d in cover if d.family == "tf"]
    total = len(matching) + len(ordering) + len(cover) + len(filler)
    statements += extra[: max(0, FILL_TO - total)]
    drafts = _interleave([terms, statements, matching, whens, wheres, firsts, ordering])
    return [_without_leaks(d, drafts, src) for d in drafts]


def _undated(text: str, label: str) -> str | None:
    """The text without its date and the preposition that leads it ("The seafloor
    was mapped in 1968." -> "The seafloor was mapped."), or None when the date
    cannot be left out so simply."""
    pattern = re.compile(
        rf"(?:^|\s+)(?:(?:in|on|during|from)\s+)?{re.escape(label)}(?!\w)", re.IGNORECASE
    )
    found = list(pattern.finditer(text))
    if len(found) != 1:
        return None
    match = found[0]
    if match.start() > 0 and not re.match(r"\s+(?:in|on|during|from)\s", match.group(), re.I):
        return None  # "the 1968 treaty": the date is part of a name
    out = (text[: match.start()] + " " + text[match.end() :]).strip()
    out = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"^[,;:]\s*", "", out)).strip()
    out = re.sub(r"\s{2,}", " ", out).replace(",.", ".")
    words = [w.casefold().strip(".,;:") for w in out.split()]
    if words[0] in _PRONOUNS or words[-1] in _PRONOUNS or re.search(r",\s+(?:which|who)\b", out):
        return None  # "It was announced", "published them", "Sweden, which left gold"
    if re.search(r",\s+(?:\w+\s+)?\w+$", out.rstrip(".")):
        return None  # "The contract, signed": the clause was the date's
    if date_spans(out) or len(out.split()) < 3:
        return None
    last = re.sub(r"[^\w]", "", out.split()[-1]).casefold()
    if last in _DANGLING or _VERB_FIRST_RE.match(out) or _SPECULATIVE_RE.search(out):
        return None  # "came into force only", a missing subject, a guess
    return out[:1].upper() + out[1:]


_PRONOUNS = frozenset({"it", "its", "they", "them", "he", "she", "this", "these", "those"})
# Words a sentence cannot end on once its date is gone.
_DANGLING = frozenset(
    {"only", "until", "till", "since", "not", "just", "already", "by", "around", "about"}
)


def _first(src: _Source, rng: random.Random, taken: set[str]) -> list[_Draft]:
    """ "Which of these happened first?" among three events years apart, each from a
    bullet no other question uses, whose date can be left out without a gap."""
    pool = []
    for event in src.events:
        if event.bullet in taken or event.shape not in _ONE_YEAR_SHAPES:
            continue
        if is_uncertain(event.text, event.label):
            continue  # an approximate date cannot be compared
        text = _undated(event.text, event.label)
        if text and len(text) >= 15:
            pool.append((event, _clip(text, ITEM_LIMIT)))
    rng.shuffle(pool)
    chosen: list[tuple[_Event, str]] = []
    for event, text in pool:
        if all(
            event.bullet != other.bullet
            and abs(event.first - other.first) >= YEAR_GAP
            and text != other_text
            # Of a length with the others: the key must not stand out by its size.
            and 2 * len(text) <= 3 * len(other_text)
            and 2 * len(other_text) <= 3 * len(text)
            for other, other_text in chosen
        ):
            chosen.append((event, text))
        if len(chosen) == 3:
            break
    if len(chosen) < 3:
        return []
    chosen.sort(key=lambda pair: pair[0].sort_key)
    earliest = chosen[0][0]
    options = [{"text": text, "is_correct": event is earliest} for event, text in chosen]
    rng.shuffle(options)
    return [
        _Draft(
            "first",
            Kind.SINGLE,
            "Which of these happened first?",
            "\n".join(_dated(event.text, event.label) for event, _ in chosen),
            earliest.section,
            options,
            source="\n".join(event.bullet for event, _ in chosen),
        )
    ]


def _without_leaks(draft: _Draft, drafts: list[_Draft], src: _Source) -> _Draft:
    """A short answer whose term another question names (an ordering item, a
    statement) would be answered there: it is asked as a definition instead."""
    if draft.fallback is None:
        return draft
    term = next(t for t in src.terms if t.name == draft.source)
    for other in drafts:
        if other is draft:
            continue
        texts = [other.prompt] + [c.get("text", "") for c in other.choices]
        if any(term.mention.search(text) for text in texts):
            return draft.fallback
    return draft


def _default_title(lecture: Lecture) -> str:
    suffix = ": practice quiz"
    limit = Quiz._meta.get_field("title").max_length - len(suffix)
    return _clip(lecture.title, limit) + suffix


@transaction.atomic
def quiz_generate(*, lecture: Lecture, title: str = "", rng_seed: int | None = None) -> Quiz:
    """Draft an unpublished quiz from the lecture's glossary, timeline and bullets.

    The quiz is marked `generated`, gives feedback on submit, needs 70% to pass and
    shuffles choices; the instructor reviews and publishes it in the admin. The same
    lecture content gives the same quiz unless `rng_seed` is given. Raises
    GenerationError, writing nothing, when the notes offer nothing to ask.
    """
    title = " ".join(title.split()) or _default_title(lecture)
    if len(title) > Quiz._meta.get_field("title").max_length:
        raise GenerationError("the quiz title is longer than 200 characters")
    src = _Source.load(lecture)
    drafts = _plan(src, random.Random(src.seed() if rng_seed is None else rng_seed))
    if not drafts:
        raise GenerationError(NOTHING_TO_ASK)
    quiz = Quiz.objects.create(
        lecture=lecture,
        title=title,
        published=False,
        generated=True,
        feedback=Quiz.Feedback.ON_SUBMIT,
        pass_mark=70,
        shuffle=True,
    )
    choices = []
    for position, draft in enumerate(drafts):
        question = Question.objects.create(
            quiz=quiz,
            kind=draft.kind,
            prompt=draft.prompt,
            explanation=draft.explanation,
            section=draft.section,
            points=draft.points,
            position=position,
            rule=draft.family,
            source=draft.source,
        )
        choices += [Choice(question=question, **fields) for fields in draft.choices]
    Choice.objects.bulk_create(choices)
    return quiz


# What each rule does, for the admin: an instructor sees why a question exists.
RULES = {
    "term": "a glossary term's definition, against the other terms' definitions",
    "matching": "glossary terms matched to their definitions",
    "tf": "a bullet stated as it is (true) or with one thing swapped (false)",
    "when": "the date of a dated bullet, against other dates of the lecture",
    "ordering": "dated bullets put in order",
    "section": "the one section whose text names a glossary term, against other sections",
    "short": "a glossary term with an abbreviation, asked for from its definition",
    "first": "three dated bullets years apart: which came first",
}
# Rules whose source is the text of bullets (one per line): a changed bullet makes
# the question stale.
_BULLET_RULES = frozenset({"tf", "when", "ordering", "first"})


def questions_to_review(lecture: Lecture) -> list[str]:
    """Flag the generated questions of the lecture's quizzes whose notes changed
    under them (needs_review): their section was archived, or a bullet they were
    made from changed or went. Returns a line per newly flagged question, for the
    import's summary; questions already flagged keep their reason."""
    visible = set(lecture.sections.filter(archived=False).values_list("pk", flat=True))
    bullets = set()
    for body in lecture.sections.filter(archived=False).values_list("body", flat=True):
        bullets |= {plain(line[2:]) for line in body.splitlines() if line.startswith("- ")}
    flagged, lines = [], []
    questions = Question.objects.filter(quiz__lecture=lecture, needs_review="").select_related(
        "quiz", "section"
    )
    for question in questions.order_by("quiz__title", "quiz", "position", "pk"):
        reason = ""
        if question.section is not None and question.section_id not in visible:
            reason = f"its section “{question.section.title}” was archived"
        elif question.rule in _BULLET_RULES and question.source:
            gone = [line for line in question.source.split("\n") if line not in bullets]
            if gone:
                reason = f"the bullet it was made from changed or went: “{_clip(gone[0], 120)}”"
        if reason:
            question.needs_review = reason[:300]
            flagged.append(question)
            lines.append(f"“{question.quiz.title}”, question {question.position + 1}: {reason}")
    Question.objects.bulk_update(flagged, ["needs_review"])
    return lines


def quiz_summary(quiz: Quiz) -> str:
    """ "12 questions — 4 single choice, 4 true or false, 1 matching, 1 ordering"."""
    counts = Counter(quiz.questions.values_list("kind", flat=True))
    total = sum(counts.values())
    parts = [f"{counts[kind]} {label.lower()}" for kind, label in Kind.choices if counts[kind]]
    return f"{total} question{'' if total == 1 else 's'} — {', '.join(parts)}"
