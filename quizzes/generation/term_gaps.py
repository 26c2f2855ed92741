"""Rules for "Which term fills the gap?": a glossary term asked about where the
lecture uses it, not by its definition (issue 17, quiz round 17).

Strict teachers on notes no rule had seen (held-out sets 22 to 24) published one
"Which best describes …?" question in four: the right definition could be read
off the term's own words, or picked as the only option of its kind, or the term
was everyday English and the notes never used it. A sentence of the notes that
uses the term, with the term blanked, asks what the lecture taught with it ("On
19 April 1810 the ____ of Caracas deposed the captain-general."), and its choices
are other terms of the same glossary: the student needs the lecture's story, not
the dictionary.

A term is asked so from one statement (an item or a paragraph's sentence) that:
- states a fact as a sentence on its own (source.can_state), of a readable
  length, and is used by no other question;
- ends as a sentence does, with its full stop (a line without one is usually
  note-speak: "Senate filibuster broken 6/10/1964 after 60 working days");
- names the term once, as the glossary writes it (not its alias or a plural,
  which the other choices could not take), not after "a" or "an" (the article
  would fit one choice and not another), and as a noun, not an adjective before
  one ("____ converts": only "Gentile" fits);
- does not repeat a word of the term elsewhere ("the Highlanders' ____" would
  point to "Highland charge"), nor print another choice.

Its three other choices are terms written in the same number (a plural among
singulars stands out), all of the right one's kind (kinds.py: a council among
councils; the blind teachers of sets 25 and 26 threw out every gap whose right
choice was the only period or the only pottery among its choices), none named in
the sentence, and no option set twice. Few glossaries hold four terms of one kind
that the kinds lexicon knows, so few lectures get a gap. A choice reads as the notes write it
mid-sentence: "cabildo", not "Cabildo", where the notes write it in lower case.
Each section is asked at most GAPS_PER_SECTION, sections in the notes' order, so
the lecture's parts are covered before any is asked again; at most GAPS_MAX.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext, gettext_noop

from lectures.notes.prose.clauses import in_brackets, is_verb
from lectures.notes.prose.dates import word_set

from ..models import Question
from .draft import Draft
from .kinds import definition_kind
from .source import Bullet, Source, Term, can_state
from .text import full_stop, stems

Kind = Question.Kind

TERM_GAP_LEAD = gettext_noop("Which term fills the gap?")
GAP = "____"
WRONG_TERMS = 3
GAPS_MAX = 5
GAPS_PER_SECTION = 2
# A sentence long enough to tell the story the term belongs to, short enough to
# read in a quiz.
MIN_LENGTH, MAX_LENGTH = 40, 260

_SMALL = frozenset({"the", "and", "for", "with", "from", "that", "this", "its", "not", "act"})


def _stems(text: str) -> set[str]:
    return stems(text, _SMALL)


def _plural(term: str) -> bool:
    """Written as a plural ("Red Guards", "Llaneros"), not "Hajj" or "Congress"."""
    last = term.split()[-1] if term.split() else ""
    return last.endswith("s") and not last.endswith(("ss", "us", "is"))


def _as_written(term: Term, src: Source) -> str:
    """The term as a sentence of the notes shows it mid-sentence: "junta" where the
    notes write "the junta of Caracas", "Long March" where they write it so; as the
    glossary lists it (without a bracket) where the notes use it nowhere else."""
    name = term.bare
    for group in src.bullets.values():
        for bullet in group:
            for found in term.mention.finditer(bullet.said):
                if found.start() > 0 and found.group(0).casefold() == name.casefold():
                    return found.group(0)[:1] + name[1:]
    # Not used mid-sentence: a definition as of one of a kind ("a military
    # strongman …") makes it a common noun, one of a single thing ("the chief god
    # of the Nabataeans") a name.
    later = name.split()[1:]
    if (
        _INDEFINITE_RE.match(term.obj.definition)
        and name[1:2].islower()
        and all(word[:1].islower() for word in later)
    ):
        return name[:1].lower() + name[1:]
    return name


_INDEFINITE_RE = re.compile(r"(?:an?|any|one)\s", re.IGNORECASE)


# A word with a capital next to the term makes it part of a longer name ("Mansa
# Musa", "the Peninsular War"): blanking a part of a name asks for spelling.
_NAME_AFTER_RE = re.compile(r"^\s+[A-Z]")
_NAME_BEFORE_RE = re.compile(r"[A-Z][\w'’-]*\s+$")


def _slot(term: Term, bullet: Bullet) -> re.Match[str] | None:
    """Where the statement names the term, when it names it once, as the glossary
    writes it, and not after "a"/"an"."""
    found = list(term.mention.finditer(bullet.said))
    if len(found) != 1 or found[0].group(0).casefold() != term.bare.casefold():
        return None
    before = bullet.said[: found[0].start()]
    if before.split() and before.split()[-1].casefold() in ("a", "an"):
        return None
    if re.search(r"\d\s*$", before) or in_brackets(bullet.said, found[0].start()):
        return None  # a unit after a number ("8000 ____"), or a bracket's aside
    if ":" in before:
        return None  # a label's note ("Zhengzhou walled city (...), c. 1600 BC: ...")
    after = bullet.said[found[0].end() :]
    if _attributive(after):
        return None  # "____ converts": only an adjective fits, and one term is one
    if _NAME_AFTER_RE.match(after):
        return None
    if found[0].start() > 0 and _NAME_BEFORE_RE.search(before) and len(before.split()) > 1:
        return None
    return found[0]


# What may follow a noun that is its sentence's subject or object: a function word
# or a verb; anything else makes the term an adjective ("____ converts").
_AFTER_NOUN = word_set(
    """of in on at to for from with by and or but nor as than that which who whom whose
    where when while was were is are be been being had has have did does do could would
    should will shall may might must can not also only then later first still never now
    itself themselves its their his her after before during since until into over under
    against between through about across"""
)
_NEXT_WORD_RE = re.compile(r"^\s+([a-z][\w'’-]*)")


def _attributive(after: str) -> bool:
    """The term stands before a lower-case word that is no function word nor verb."""
    found = _NEXT_WORD_RE.match(after)
    return bool(found) and found.group(1) not in _AFTER_NOUN and not is_verb(found.group(1))


# A statement that ends as a sentence does: a teacher's line without its full stop
# is usually note-speak ("Senate filibuster broken 6/10/1964 after 60 working days").
_SENTENCE_END_RE = re.compile(r"[.!][\"”’)]?$")


def _gap(
    term: Term,
    bullet: Bullet,
    src: Source,
    written: dict[str, str],
    offered: set[frozenset[str]],
) -> Draft | None:
    """The gap on `term` in `bullet`, its other choices as `written` (_as_written of
    each term, by name), none an option set `offered` already."""
    if not _SENTENCE_END_RE.search(bullet.said.rstrip()):
        return None
    found = _slot(term, bullet)
    if found is None:
        return None
    said = bullet.said
    rest = said[: found.start()] + " " + said[found.end() :]
    if _stems(term.bare) & _stems(rest):
        return None  # the sentence repeats a word of the term: "Highlanders' ____"
    # Every choice of the right one's kind, and that kind known: the sentence's slot
    # takes one kind of thing ("At the end of ____, in about 1450 BC": a period), and
    # strict teachers of sets 25 and 26 threw out every gap whose right choice was
    # the only one of it.
    kind = definition_kind(term.obj.definition)
    if not kind:
        return None
    others = [
        t
        for t in src.terms
        if t is not term
        and definition_kind(t.obj.definition) == kind
        # Not a term asked for by name (one with an abbreviation, term_rules): this
        # question would print the answer of that one.
        and not t.obj.alias
        and _plural(t.bare) == _plural(term.bare)
        and not t.mention.search(said)
        and not _stems(t.bare) & _stems(rest)
        and t.bare.casefold() != term.bare.casefold()
    ]
    opening = found.start() == 0
    right = found.group(0)
    # In the glossary's order (already by name).
    shown_others = [written[t.name] for t in others]
    if opening:
        shown_others = [o[:1].upper() + o[1:] for o in shown_others]
    picked = next(
        (
            shown_others[i : i + WRONG_TERMS]
            for i in range(len(shown_others) - WRONG_TERMS + 1)
            if frozenset([right, *shown_others[i : i + WRONG_TERMS]]) not in offered
        ),
        None,
    )
    if picked is None:
        return None
    offered.add(frozenset([right, *picked]))
    shown = full_stop(said[: found.start()] + GAP + said[found.end() :])
    return Draft(
        "term_gap",
        Kind.SINGLE,
        f"{gettext(TERM_GAP_LEAD)} {shown}",
        f"{term.name}: {bullet.plain}",
        bullet.section,
        [{"text": right, "is_correct": True}] + [{"text": other} for other in picked],
        source=bullet.plain,
        shown=shown,
    )


def term_gaps(src: Source, used: set[str], taken: set[str]) -> list[Draft]:
    """Term gaps for the terms not in `taken` (names of terms another question
    asks), from statements not in `used`; English notes only (the caller's)."""
    if len(src.terms) <= WRONG_TERMS:
        return []
    per_section: dict[int, list[Draft]] = {}
    asked: set[str] = set()
    offered: set[frozenset[str]] = set()
    seen = set(used)
    written = {t.name: _as_written(t, src) for t in src.terms}
    for section in src.sections:
        drafts = per_section.setdefault(section.pk, [])
        for bullet in src.bullets[section.pk]:
            if len(drafts) >= GAPS_PER_SECTION:
                break
            if bullet.plain in seen or not MIN_LENGTH <= len(bullet.said) <= MAX_LENGTH:
                continue
            if not can_state(bullet, src.names):
                continue
            for term in src.terms:
                if term.name in taken or term.name in asked:
                    continue
                draft = _gap(term, bullet, src, written, offered)
                if draft is not None:
                    drafts.append(draft)
                    asked.add(term.name)
                    seen.add(bullet.plain)
                    break
    # Section by section, first of each section before any section's second.
    rounds = [
        d for i in range(GAPS_PER_SECTION) for ds in per_section.values() for d in ds[i : i + 1]
    ]
    return rounds[:GAPS_MAX]
