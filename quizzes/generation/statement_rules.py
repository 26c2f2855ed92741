"""Rules for true or false: statements from the bullets of visible sections.

One statement (1 point) per visible section so every section is covered, from
its central bullets first (Source.central), alternating true and false where the
notes allow. True: a bullet, minus Markdown markers. False only through a swap that
must falsify it: a date of any era moved as wrong_dates moves it ("221 BCE" to
"218 BCE", "the 1770s" to "the 1790s", "about 66 million years ago" to "about 132
million years ago"), at least 3 years from every date in the bullet, inside the
section's period (the span of its events and of the dates its notes print: no
absurd year) and on the same side of every other date (and every year) the
sentence prints ("(1801–1870) … in 1956" contradicts itself), a calendar year at
least FALSE_GAP from the true one ("75 CE" for "78 CE" splits hairs). Never a
count, a measurement or an amount: "one unit is 74 billion" for 37 billion reads
as trivia or absurd. An approximate date other than deep time is not swapped; a
date after "since", "before", "by", "until" and the like bounds the claim on one
side only and is never swapped, nor is either end of a range ("the 1960s–1980s",
"360 to 260 million years ago": a changed end is a quibble or runs backwards), nor
a year in a sentence that ranks ("the first …"), the year of a figure ("fell from
about 60,000 in 1971"), a baseline ("below 2005 levels") or a date the sentence
corrects ("in 127 CE, not in 78 CE").
A false statement may instead swap its bullet's subject for another bullet's subject
of the same kind ("Priestley named oxygen" for "Lavoisier named oxygen",
`_swap_name`), only where the swap must falsify it; the bullet's own text draws
which of the two it gets, and one statement of a quiz is made so where the notes
allow, so that "the year differs" is not the only falsehood and an undated central
bullet can be false. A moved year also stays inside the period the lecture's or
section's title fixes. Glossary terms are never swapped. A bullet whose brackets
print the year it states answers itself and is never stated. Either kind is put in
other words where a rewording fits (a term for its abbreviation, a leading date
moved to the end), and bullets that can be are preferred for both, so that neither
reads more like the notes than the other; names are never reordered. More statements
top a short quiz up; the planner keeps true and false in balance and at most half
the quiz.

A statement never quotes a bullet another question uses: it would give that
question's answer away. A section whose bullets all went to date questions gets its
statement from one of them, the date question being dropped, unless it is the only
date question: then it covers the section.
"""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter

from django.utils.translation import gettext, gettext_noop, pgettext

from lectures.notes.prose import date_spans, plain
from lectures.notes.prose.eras import When

from ..models import Question
from .draft import Draft
from .people import people, stand_ins
from .sentences import BASELINE_RE, statistic, year_in_name
from .source import Bullet, Source, Term, can_state
from .text import NEAR, ONE_WAY_LEAD_RE, YEAR_GAP, full_stop, with_article
from .wrong_dates import Dated, dated, titled, wrong_dates

Kind = Question.Kind

_FOUR_DIGITS_RE = re.compile(r"\d{4}")
# A false year at least this far from the true one (teachers call a move of three
# years a hair-split); a date question's distractors keep text.YEAR_GAP.
FALSE_GAP = YEAR_GAP + 2


# A year swapped into a sentence that ranks its subject ("the first artificial
# satellite") may make the ranking impossible: such bullets are never falsified.
_RANKING_RE = re.compile(
    r"\b(?:first|last|earliest|latest|final|oldest|youngest|newest)\b", re.IGNORECASE
)
# A date in brackets: "(1801–1870)", "(2019-2023)", "(b. 1812)".
_BRACKET_RE = re.compile(r"\(([^()]*\d{4}[^()]*)\)")


def self_confirming(plain: str) -> bool:
    """A year outside the brackets is printed inside them too ("The airlift
    (1948–1949) began in 1948", "Arkon (c. 340–281 BC) fell at Tyre in 281 BC"):
    the sentence answers itself, and a false year in its place is contradicted by
    the brackets. Years of every era, as the import reads them."""
    inside = {y for group in _BRACKET_RE.findall(plain) for y in _FOUR_DIGITS_RE.findall(group)}
    outside = set(_FOUR_DIGITS_RE.findall(_BRACKET_RE.sub("", plain)))
    if inside & outside:
        return True
    spans = dated(plain)
    bracketed = [d for d in spans if plain[: d.start].count("(") > plain[: d.start].count(")")]
    ends = {y for d in bracketed for y in (d.first, d.last)}
    return any(d.first in ends or d.last in ends for d in spans if d not in bracketed)


def _padded(years: list[int]) -> tuple[int, int] | None:
    """The years' span widened by half its spread, at least ten years."""
    if not years:
        return None
    low, high = min(years), max(years)
    pad = max(10, (high - low) // 2)
    return low - pad, high + pad


# A four-digit number in a section's text, as a reader takes it for a year.
_PRINTED_YEAR_RE = re.compile(r"(?<!\d)(1\d{3}|20\d{2})(?!\d)")


def _window(section_pk: int, src: Source) -> tuple[int, int] | None:
    """The years a false statement of the section may move to: the span of its
    events and the span of every date its notes print (the two differ when the
    section dates more than its events, or an event's text came from elsewhere),
    each widened by half its spread (at least ten years), so no swapped year is
    absurd for the period the section teaches."""
    section = next(s for s in src.sections if s.pk == section_pk)
    body = plain(section.body)
    spans = [
        _padded([y for e in src.events if e.section.pk == section_pk for y in (e.first, e.last)]),
        _padded([y for d in dated(body) for y in (d.first, d.last)]),
        _padded([int(y) for y in _PRINTED_YEAR_RE.findall(body)]),
    ]
    spans = [span for span in spans if span is not None]
    if not spans:
        return None
    low, high = max(s[0] for s in spans), min(s[1] for s in spans)
    return (low, high) if low <= high else None


# What a false statement may move: the day, month or year of one event, of any era,
# or deep time (a fossil's age moved by a factor); never a span, and an approximate
# date only in deep time, where it is always so. Never a decade or a century: it
# dates an activity, a body of work or a state ("studies of the 1990s", "in the
# 1860s painters …"), which went on after it, so the statement with another decade
# ("studies of the 2010s") is as true, and its key wrong.
_SWAPPABLE = MOVABLE = frozenset({"day", "month", "year", "deep"})
# Another date offered beside the one moved: "the winter of 190/189 BC", "1066 or
# 1067". Moved, it reads "190/195 BC", false on its face.
_ALTERNATIVE_BEFORE_RE = re.compile(r"\d\s*(?:/|\bor\b)\s*$")
_ALTERNATIVE_AFTER_RE = re.compile(r"^\s*(?:/|or\b)\s*\d")


def _swappable(plain: str, date: Dated) -> bool:
    when = date.when
    if date.end_when is not None or when.precision not in _SWAPPABLE:
        return False
    if when.approximate and when.precision != "deep":
        return False
    if _ALTERNATIVE_BEFORE_RE.search(plain[: date.start]) or _ALTERNATIVE_AFTER_RE.match(
        plain[date.end :]
    ):
        return False  # "190/189 BC": one of two readings
    if year_in_name(plain, date.start):
        return False  # "the Locomotive Act 1865": a name, not a date to move
    if _RANGE_END_BEFORE_RE.search(plain[: date.start]) or _RANGE_END_AFTER_RE.match(
        plain[date.end :]
    ):
        return False  # one end of a range: "the 1960s–1980s" changed is a quibble
    if re.search(r"\bbetween\s+(?:about\s+|c\.\s*)?$", plain[: date.start]) and re.match(
        r"\s+and\s", plain[date.end :]
    ):
        return False  # "between 1961 and 1989": the first end of a range
    if statistic(plain, date.start) or _CORRECTED_RE.search(plain) or BASELINE_RE.search(plain):
        return False  # the year of a figure or a baseline, or a date argued over
    return not ONE_WAY_LEAD_RE.search(plain[: date.start])


# A date joined to another by a dash, "to" or "between … and": the two ends of a
# range the import read as two dates ("the 1960s–1980s", "1914-18", "roughly 360 to
# 260 million years ago", moved to "360 to 390": a range that runs backwards).
_RANGE_END_BEFORE_RE = re.compile(
    r"\d\S*\s*(?:[–—-]|\bto\b)\s*(?:the\s+|about\s+|around\s+|c\.\s*)?$"
    r"|\bbetween\s+(?:about\s+|c\.\s*)?\d[\d,.]*(?:\s+\w+)?\s+and\s+(?:about\s+)?$"
)
_RANGE_END_AFTER_RE = re.compile(r"^\s*(?:[–—-]|to\b)\s*(?:the\s+|about\s+|around\s+|c\.\s*)?\d")
# "came to the throne in 127 CE, not in 78 CE as older books say": the sentence
# corrects a date, so a moved one is argued over rather than plainly false.
_CORRECTED_RE = re.compile(r",?\s+not\s+(?:in\s+|on\s+)?(?:the\s+)?\d")


def _swap_year(
    plain: str, src: Source, rng: random.Random, section_pk: int, avoid: set[int]
) -> str | None:
    if _RANKING_RE.search(plain) or self_confirming(plain):
        return None
    spans = dated(plain)
    swappable = [date for date in spans if _swappable(plain, date)]
    window = _window(section_pk, src)
    if not swappable or window is None:
        return None
    rng.shuffle(swappable)
    for date in swappable:
        others = [(d.first, d.last) for d in spans if d is not date]
        # And every year it prints as a reader takes it ("In the early 1600s …
        # formed in 1608": not 1592, whatever span the import reads "1600s" as).
        others += [(year, year) for year in _printed_years(plain, [date])]
        # Near the date it replaces (wrong_dates), inside the section's period, and
        # written as the notes write the date: only its number changes.
        found = wrong_dates(
            plain[date.start : date.end],
            date.when,
            others=others,
            latest=src.latest,
            life=src.life(plain),
            avoid=avoid,
            window=window,
        )
        # A false year a student would weigh: a decade moved three steps ("the
        # 1930s" for "the 1960s") is as far as the rubric's NEAR allows and no
        # further, deep time excepted (it moves by a factor).
        found = [
            pair
            for pair in found
            if pair[1].precision == "deep" or abs(pair[1].first_year - date.first) <= NEAR
        ]
        # Nor outside the period a title fixes ("The Summer of 1816": not 1827),
        # when the date moved lies inside it.
        section = next(s for s in src.sections if s.pk == section_pk)
        for title in (src.lecture.title, section.title):
            fixed = titled(title)
            if fixed is not None and fixed[0] <= date.first <= fixed[1]:
                found = [p for p in found if fixed[0] <= p[1].first_year <= fixed[1]]
        found.sort(key=lambda pair: pair[1].sort_key)
        # Nor a hair's breadth off: "75 CE" for "78 CE" tests a digit, not the fact.
        # (Drawn again only when the first draw is too near, so that quizzes whose
        # draw was far enough stay as they were.)
        far = [pair for pair in found if not _hair_split(date, pair[1])]
        if far:
            text, when = rng.choice(found)
            if _hair_split(date, when):
                text, _ = rng.choice(far)
            return with_article(plain[: date.start] + text + plain[date.end :], date.start)
    return None


def _printed_years(plain: str, spans: list[Dated]) -> list[int]:
    """The four-digit years the sentence prints outside the dates `spans`."""
    return [
        int(found.group(1))
        for found in _PRINTED_YEAR_RE.finditer(plain)
        if not any(d.start <= found.start() < d.end for d in spans)
    ]


def _hair_split(date: Dated, new: When) -> bool:
    """A calendar year moved less than FALSE_GAP."""
    near = abs(new.first_year - date.first) < FALSE_GAP
    return date.when.precision in ("day", "month", "year") and near


def _term_hits(plain: str, terms: list[Term]) -> list[tuple[int, int, Term]]:
    """Where terms are named, minus names inside a longer one ("Treaty" in "X Treaty")."""
    hits = [(m.start(), m.end(), t) for t in terms for m in t.forms.finditer(plain)]
    return [
        (start, end, term)
        for start, end, term in hits
        if not any(s <= start and end <= e and e - s > end - start for s, e, _ in hits)
    ]


def _falsify(
    bullet: Bullet, src: Source, rng: random.Random, avoid: set[int] = frozenset()
) -> str | None:
    # A year swapped for a plausible one, nothing else: a count, a measurement or
    # an amount swapped ("one unit is 74 billion", "850 laws") reads to teachers as
    # trivia or absurd, and is never argued over as a date is. Glossary terms are
    # never swapped either: one term for another of a different kind reads as
    # absurd, and a student rules it out without knowing the fact.
    #
    # A year is not the only thing a false statement may change: were it so, "the
    # year differs" would be the only falsehood students meet, and an undated
    # central bullet could never be false. A bullet's subject may be swapped for
    # another bullet's subject of the same kind (_swap_name). Which of the two a
    # bullet gets is drawn from its own text, so the quiz's own draws stay as
    # they were.
    # Nor is the subject the only name: a person the bullet names in full anywhere
    # may be swapped for another the lecture names (people.stand_ins, round 9).
    by_year = _swap_year(bullet.said, src, rng, bullet.section.pk, avoid)
    if by_year is not None and random.Random(f"name:{bullet.plain}").random() < 0.5:
        return by_year
    return _swap_name(bullet, src) or _swap_person(bullet, src) or by_year


def _swap_person(bullet: Bullet, src: Source) -> str | None:
    """The bullet with the one person it names in full swapped for another the
    lecture names, the first whose swap must falsify it (people.stand_ins)."""
    found = stand_ins(bullet, src, people(src), gap=False)
    if not found or not found[1]:
        return None
    name, others = found
    return bullet.said.replace(name, others[0], 1)


# The name a sentence opens on, and whether it is possessive: "Lavoisier named …",
# "Cato the Elder said …", "Seattle's council voted …"; capitalised words (with
# particles between them), then a word in lower case.
_SUBJECT_RE = re.compile(
    r"^([A-Z][^\W\d_]*(?:-[^\W\d_]+)*"
    r"(?:\s+(?:(?:de|da|di|del|von|van|der|of|the|la|le)\s+)*[A-Z][^\W\d_]*(?:-[^\W\d_]+)*)*)"
    # Then a word, not an abbreviation: "Plessy v. Ferguson" is one name.
    r"(['’]s)?\s+(?=[a-z]{2,}\b(?![.'’-]))"
)
# Openings that name nobody, and compound subjects a swap would half change.
_NOT_SUBJECT = frozenset(
    {"the", "a", "an", "in", "on", "at", "by", "for", "from", "with", "after", "before",
     "during", "under", "over", "since", "until", "when", "while", "as", "to", "of",
     "this", "that", "these", "those", "its", "his", "her", "their", "there", "some",
     "many", "most", "each", "every", "all", "both", "one", "it", "he", "she", "they",
     "we", "if", "although", "though", "once", "then", "later", "between", "around",
     "about", "following", "despite", "today", "bc", "bce", "ad", "ce", "whether",
     "what", "why", "how", "because", "where", "who", "which", "whatever"}
)  # fmt: skip
_COMPOUND_RE = re.compile(r"^\s*(?:and|or|with|nor|&)\b|^,")
_MONTH_RE = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)$"
)


def _subject(text: str, names: frozenset[str]) -> tuple[str, bool] | None:
    """(the name `text` opens on, whether it is possessive), or None when it opens
    on no name: a single word counts only if the notes write it with a capital
    mid-sentence (a name, not "Cholera" opening a sentence)."""
    found = _SUBJECT_RE.match(text)
    if found is None:
        return None
    name = found.group(1)
    words = name.split()
    if words[0].casefold() in _NOT_SUBJECT or any(_MONTH_RE.match(w) for w in words):
        return None
    if len(words) == 1 and name.casefold() not in names:
        return None
    if _COMPOUND_RE.match(text[found.end() - 1 :].lstrip()) or re.match(r"[,&]", text[len(name) :]):
        return None
    return name, bool(found.group(2))


# A word of four letters or more, by its first five letters (a rough stem).
_STEM_RE = re.compile(r"[^\W\d_]{4,}")


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _STEM_RE.findall(text.casefold())}


def _mentions(text: str, name: str) -> bool:
    """The text names `name`, whole or by its last word ("Lavoisier" for "Antoine
    Lavoisier")."""
    words = {w.casefold() for w in re.findall(r"[\w-]+", text)}
    return any(part.casefold() in words for part in {name, name.split()[-1]}) or (
        name.casefold() in text.casefold()
    )


def _next_word(text: str, name: str) -> str:
    """The word after the name a text opens on, past a possessive "'s"."""
    rest = re.sub(r"^['’]s\b", "", text[len(name) :]).split()
    return rest[0].casefold() if rest else ""


def _swap_name(bullet: Bullet, src: Source) -> str | None:
    """The bullet with its subject swapped for another bullet's subject of the same
    kind (both possessive or neither, one word or several, as named in the
    lecture): "Priestley named oxygen" for "Lavoisier named oxygen". Only where the
    swap must falsify it: the sibling is named nowhere in the bullet, no bullet
    naming the sibling says most of what this one says of its subject (they did it
    too), the subject is not named again nor meant by a pronoun later in the
    sentence, and neither name is a glossary term (a term for another of a
    different kind reads as absurd). Siblings from the bullet's own section first;
    among equals, the first in the notes."""
    text = bullet.said
    # A subject the heading or a parent item lent the bullet is not the notes' own
    # claim to swap.
    if text != bullet.plain or self_confirming(bullet.plain) or _RANKING_RE.search(text):
        return None
    own = _subject(text, src.names)
    if own is None:
        return None
    name, possessive = own
    rest = text[len(name) :]
    if _mentions(rest, name) or re.search(r"\b(?:he|she|him|his|her|hers)\b", rest, re.I):
        return None
    said = _stems(rest) - _stems(name)
    if len(said) < 2 or any(t.mention.search(name) for t in src.terms):
        return None
    candidates = []
    seen = {name.casefold()}
    for group in src.bullets.values():
        for other in group:
            found = _subject(other.said, src.names)
            if found is None or found[0].casefold() in seen:
                continue
            sibling, owned = found
            if owned != possessive or (len(sibling.split()) > 1) != (len(name.split()) > 1):
                continue
            # Of the same kind: the word after the name is the same ("Priestley
            # named …", "Lavoisier named …"; "Halden's merchants", "Corvin's
            # merchants"), so a queen is never swapped for a novel, nor "Soviet
            # troops" for "Germany troops".
            if _next_word(other.said, sibling) != _next_word(text, name):
                continue
            if _mentions(bullet.plain, sibling) or any(
                t.mention.search(sibling) for t in src.terms
            ):
                continue
            seen.add(sibling.casefold())
            candidates.append((other.section.pk != bullet.section.pk, sibling))
    for _, sibling in sorted(candidates, key=lambda c: c[0]):
        # Nothing the notes say of the sibling says what this bullet says.
        echoes = [
            b.plain
            for g in src.bullets.values()
            for b in g
            if b is not bullet and _mentions(b.plain, sibling)
        ]
        if any(2 * len(said & _stems(e)) >= len(said) for e in echoes):
            continue
        return sibling + text[len(name) :]
    return None


# An aside in brackets without a date ("(allogagione)", "(CSTO)"): dropped from true
# and false statements alike.
_ASIDE_RE = re.compile(r"\s*\([^()\d]*\)")


def _restate(text: str, src: Source) -> str:
    """The same claim in other words, for true and false statements alike, so that
    neither reads as the notes word for word: asides in brackets without a date
    dropped, then a term by its abbreviation (never spelt out) or a leading date moved
    to the end ("In 1968, the seafloor was mapped." -> "The seafloor was mapped in
    1968."); never a number word in digits ("after 2 exiles" reads as a slip).
    Dates keep the notes' form, and names are
    never reordered ("Hugo de Vries, Carl Correns and Erich von Tschermak" stays as
    it is). Unchanged when none fits."""
    text = _ASIDE_RE.sub("", text)
    for start, end, term in _term_hits(text, src.terms):
        alias, full = term.obj.alias, term.obj.term
        found = text[start:end].casefold()
        if (
            not alias
            or re.match(r"[/\d-]| \d", text[end : end + 2])
            or text[start - 1 : start] == "/"
        ):
            continue  # "HTTP/1.0", "RFC 8446" are names of their own, not the term
        # An abbreviation is never spelt out ("how DNS works" is no "how Domain Name
        # System works"), nor put after "the" ("the IUPAC").
        if found in (full.casefold(), term.name.casefold()) and not re.search(
            r"\b[Tt]he $", text[:start]
        ):
            return with_article(text[:start] + alias + text[end:], start)
    spans = date_spans(text)
    if spans and text[:3] in ("In ", "On ") and spans[0][0] == 3:
        when = text[3 : spans[0][1]]
        rest = text[spans[0][1] :].lstrip(", ")
        stop = rest[-1] if rest[-1:] in ".!" else ""
        rest = rest.rstrip(".!")
        if len(rest.split()) >= 3 and not date_spans(rest):
            return f"{rest[:1].upper()}{rest[1:]} {text[:2].lower()} {when}{stop or '.'}"
    return text


def _statement(bullet: Bullet, false_text: str | None, src: Source) -> Draft:
    is_true = false_text is None
    shown = full_stop(_restate(bullet.said if is_true else false_text, src))
    true, false = pgettext("answer", "True"), pgettext("answer", "False")
    return Draft(
        "tf",
        Kind.TRUE_FALSE,
        gettext("True or false: %(statement)s") % {"statement": shown},
        gettext("%(answer)s. The notes say: “%(bullet)s”")
        % {"answer": true if is_true else false, "bullet": bullet.plain},
        bullet.section,
        [{"text": true, "is_correct": is_true}, {"text": false, "is_correct": not is_true}],
        source=bullet.plain,
        true=is_true,
        shown=shown,
    )


def _can_state(bullet: Bullet, src: Source) -> bool:
    """A bullet a statement may quote: it states a fact on its own and does not
    answer itself from its own brackets."""
    return can_state(bullet, src.names) and not self_confirming(bullet.plain)


def true_false(
    src: Source, rng: random.Random, used: set[str], whens: list[Draft]
) -> tuple[list[Draft], list[Draft], list[Draft]]:
    """(one question per section that has a usable bullet, further statements, the
    date questions left over).

    A statement never quotes a bullet that another question uses (`used` by the
    ordering question, or a date question's): it would answer that question. A
    section whose statable bullets are all taken gets its statement from one of its
    date questions' bullets, that date question being dropped; unless it is the
    only date question, which then stands as the section's question itself.
    """
    whens = list(whens)
    # A false year is never the answer of a date question: the two would contradict.
    avoid = {
        date.first
        for d in whens
        for c in d.choices
        if c.get("is_correct")
        for date in dated(c["text"])
    }
    taken = used | {d.source for d in whens}
    # A quiz needs a false statement as much as a true one: if every bullet whose
    # year could be swapped is taken by a date question, one gives its bullet back.
    probe = random.Random(0)  # checks only: the quiz's own draws stay as they were
    statable = [b for group in src.bullets.values() for b in group if _can_state(b, src)]
    if not any(_falsify(b, src, probe) for b in statable if b.plain not in taken):
        for draft in whens:
            if any(b.plain == draft.source and _falsify(b, src, probe) for b in statable):
                whens.remove(draft)
                taken.discard(draft.source)
                break
    cover: list[Draft] = []
    leftovers: list[list[Bullet]] = []
    tally = Counter()
    for section in src.sections:
        bullets, seen = [], set()
        for bullet in src.bullets[section.pk]:
            if _can_state(bullet, src) and bullet.plain not in seen | used:
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
        # The section's central bullets first (what it teaches: a bolded or glossary
        # term, its opening bullet); among them, those that can be put in other
        # words, true and false alike, so that neither reads more like the notes.
        free.sort(key=lambda b: (-src.central(b), _restate(b.said, src) == b.said))
        draft = None
        if tally[False] <= tally[True]:
            top = src.central(free[0])
            for bullet in free:
                if src.central(bullet) < top - 1:
                    break
                if (false_text := _falsify(bullet, src, rng, avoid)) is not None:
                    draft = _statement(bullet, false_text, src)
                    break
        if draft is None:
            draft = _statement(free[0], None, src)
        tally[draft.true] += 1
        cover.append(draft)
        leftovers.append([b for b in free if b.plain != draft.source])

    false_pool, true_pool = [], []
    falsifiable = 0
    for row in itertools.zip_longest(*leftovers):
        for bullet in filter(None, row):
            false_text = _falsify(bullet, src, rng, avoid)
            if false_text is not None:
                # Every other bullet that could be made false is stated true: were
                # only the bullets with no year to swap true, "no year" would mean
                # "true".
                falsifiable += 1
                if falsifiable % 2 == 0:
                    false_text = None
            (true_pool if false_text is None else false_pool).append(
                _statement(bullet, false_text, src)
            )
    # Statements put in other words first, true and false alike (see above).
    for pool in (true_pool, false_pool):
        pool.sort(key=lambda d: _restate(d.source, src) == d.source)
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
    # At least one false statement other than a year moved, where the notes allow:
    # were every one a year moved, "the year differs" would be the only falsehood
    # students meet. The first further statement whose bullet's subject can be
    # swapped is made so (the planner asks such a statement first).
    if all(d.true or _dates_differ(d) for d in cover + extra):
        by_plain = {b.plain: b for group in src.bullets.values() for b in group}
        done = False
        for drafts in (extra, cover):
            for index, draft in enumerate(drafts):
                bullet = by_plain.get(draft.source) if draft.family == "tf" else None
                swapped = (
                    _swap_name(bullet, src) or _swap_person(bullet, src)
                    if bullet is not None
                    else None
                )
                if swapped is not None and not done:
                    drafts[index] = _statement(bullet, swapped, src)
                    done = True
    return cover, extra, whens


def _dates_differ(statement: Draft) -> bool:
    """The false statement's dates differ from its bullet's."""
    return [d.first for d in dated(statement.shown)] != [d.first for d in dated(statement.source)]


WHICH_PROMPT = gettext_noop("Which of these statements is true?")
_ALTERNATIVE_DATES_RE = re.compile(r"\d\s*(?:/|\bor\b)\s*\d")


def which_true(statements: list[Draft]) -> Draft | None:
    """ "Which of these statements is true?" (1 point) from one true statement and
    three false ones, each from its own bullet and made the same way (a year or a
    count swapped, asides dropped): what the lecture's bullets teach, asked without
    asking for a date. None unless the statements offer one true and three false of
    lengths close enough that none stands out."""
    # A statement printing an alternative date ("in 1965 or 1967") is a key with
    # two answers: asked only as true or false, where the notes settle it.
    statements = [d for d in statements if not _ALTERNATIVE_DATES_RE.search(d.shown)]
    trues = [d for d in statements if d.true]
    falses = [d for d in statements if d.true is False]
    for right in trues:
        shown = right.shown
        near = [
            d
            for d in falses
            if 2 * len(d.prompt) <= 3 * len(right.prompt)
            and 2 * len(right.prompt) <= 3 * len(d.prompt)
        ]
        if len(near) < 3:
            continue
        picked = near[:3]
        choices = [{"text": shown, "is_correct": True}] + [{"text": d.shown} for d in picked]
        notes = "\n".join(f"“{d.source}”" for d in [right, *picked])
        return Draft(
            "which",
            Kind.SINGLE,
            gettext(WHICH_PROMPT),
            gettext("The notes say:\n%(notes)s") % {"notes": notes},
            right.section,
            choices,
            source="\n".join(d.source for d in [right, *picked]),
        )
    return None
