"""Rules for glossary terms: questions on what the terms mean.

- Matching (2 points) from 3 or more glossary terms (at most 6, about half of them,
  leaving out terms with an abbreviation first; one or two left out that have
  none join it instead, having too few definitions to be asked against): each
  Choice holds
  "Term (ALIAS)" as `text` and its definition as `match_text`. A term whose
  definition repeats its words or spells its initials is left out of it.
- Single choice (1 point) per glossary term outside the matching question: "Which
  best describes “Term”?", its definition against 3 other such terms'
  definitions (not asked with fewer: four choices or none), a rival term's first
  ("Suspending power" for "Dispensing power"), then those of the right one's kind
  (kinds.py), then the nearest in length; not asked when the
  right one alone echoes the term's words or is the only one of its kind. Never a
  definition the matching question shows (the two questions would answer each
  other by elimination), and never the same set of options twice. A term whose
  definition names it is not asked. A term with an abbreviation is asked the other
  way round, as a short answer (the term, its abbreviation or both accepted), with
  the single choice kept as the fallback the planner takes when another question
  names the term.

Prompts are marked for translation: quiz_generate drafts them in the course's
language. "Which section discusses “Term”?" is no longer asked: it tested where a word sits
in the notes, not what the notes teach. Nor is a term of everyday English
(vocabulary.everyday: "Coalition", "Induced demand") asked among four: a student
knows it without the lecture (quiz round 19); a phrase of such words is asked for
by name, a single word and the lecture's own subject not at all. Their definitions
are still wrong choices for others.
"""

from __future__ import annotations

import random
import re
from collections import Counter

from django.utils.translation import gettext

from ..models import Choice, Question
from .draft import BIG_POINTS, Draft
from .kinds import definition_kind as english_kind
from .kinds import odd_one_out, term_kind, unnamed_kind
from .soundness import MATCHING_MIN, echoes_term, glance_shape, shorthand, spells_out
from .source import Source, Term
from .text import clip, spelled_out, stems
from .vocabulary import DEFINITION_SHORTHAND

Kind = Question.Kind

MATCHING_MAX = 6


def _choice_limit() -> int:
    return Choice._meta.get_field("text").max_length


def _shown(term: Term, src: Source) -> str:
    """The definition as a choice prints it: English shorthand in words."""
    return spelled_out(term.obj.definition) if src.english else term.obj.definition


_UNPRINTABLE_RE = re.compile(DEFINITION_SHORTHAND)


def _unprintable(term: Term, src: Source) -> bool:
    """An English definition still in the notes' shorthand once spelled out ("served
    the k.", "G's first slogan", "metal tablet = pass"): no choice a
    teacher would print, right or wrong (quiz round 18: the strict teacher of
    held-out set 26 threw out six questions for one such distractor)."""
    if not src.english:
        return False
    return bool(_UNPRINTABLE_RE.search(_shown(term, src)))


def _distinct_definitions(terms: list[Term]) -> list[Term]:
    """Terms whose (clipped) definitions differ, so no two options read the same."""
    seen, out = set(), []
    for term in terms:
        key = clip(spelled_out(term.obj.definition), _choice_limit()).casefold()
        if key not in seen:
            seen.add(key)
            out.append(term)
    return out


# Words too common to give a pair away when the term and its definition share them.
_SMALL = {"the", "and", "for", "with", "from", "that", "this", "its", "of", "a", "an"}


def _pair_echoes(term: Term) -> bool:
    """The definition repeats a word of the term ("Leyden jar": "a glass jar that
    stores charge") or spells its initials ("Aet": "after extra time"): teachers
    reject such a matching pair, paired by the shared word alone."""
    name = term.bare
    definition = term.obj.definition.casefold()
    words = {w[:5] for w in re.findall(r"[^\W\d_]{3,}", name.casefold())} - _SMALL
    if words & {w[:5] for w in re.findall(r"[^\W\d_]{3,}", definition)}:
        return True
    # Spelled out whole: the definition's words (or those that carry meaning) open
    # on the letters of the term or its abbreviation, in order.
    spelled = re.findall(r"[^\W\d_]+", definition)
    initials = {"".join(w[0] for w in spelled)}
    initials.add("".join(w[0] for w in spelled if w not in _SMALL))
    labels = [name, term.obj.alias or "", *re.findall(r"\(([^)]*)\)", term.name)]
    if echoes_term(term.name, term.obj.definition):
        return True  # a stem, a short word, an abbreviation or initials (round 10)
    return any(re.sub(r"[^\w]", "", label).casefold() in initials for label in labels if label)


def matching(src: Source, rng: random.Random) -> list[Draft]:
    # A pair the term's own words give away is left out (asked alone, if at all,
    # where the single choice's echo check applies).
    terms = [
        t
        for t in _distinct_definitions(src.terms)
        if not _pair_echoes(t) and not _unprintable(t, src) and not t.everyday
    ]
    if len(terms) < MATCHING_MIN:
        return []
    # About half the terms, at least four: the others are asked one by one, and
    # no term is asked twice (each question would answer the other).
    size = min(MATCHING_MAX, max(MATCHING_MIN, len(terms) - len(terms) // 2))
    if len(terms) > size:
        # Terms with an abbreviation are left out first: asked for by name as short
        # answers, they need no other definitions to choose from. One or two terms
        # left out that would need them join the matching question instead.
        shuffled = rng.sample(terms, len(terms))
        shuffled.sort(key=lambda t: not t.obj.alias)
        left = shuffled[: len(terms) - size]
        needy = [t for t in left if not t.obj.alias]
        if len(left) < 3 and needy and len(terms) - len(left) + len(needy) <= MATCHING_MAX:
            left = [t for t in left if t.obj.alias]
        # Fewer than four left over that need other definitions could not be asked
        # one by one (a single choice offers three, none the matching question
        # shows): they join the matching question while it has room.
        needy = [t for t in left if not t.obj.alias]
        if len(needy) < 4 and len(terms) - len(left) + len(needy) <= MATCHING_MAX:
            left = [t for t in left if t.obj.alias]
        out = set(map(id, left))
        terms = [t for t in terms if id(t) not in out]
    limit = _choice_limit()
    choices = [
        {"text": clip(t.name, limit), "match_text": clip(_shown(t, src), limit)} for t in terms
    ]
    rng.shuffle(choices)
    return [
        Draft(
            "matching",
            Kind.MATCHING,
            gettext("Match each term to its definition."),
            "\n".join(f"{t.name}: {t.obj.definition}" for t in terms),
            None,
            [{**c, "is_correct": True} for c in choices],
            points=BIG_POINTS,
            source="\n".join(t.name for t in terms),
        )
    ]


def _unshared(right: str, others: list[str], offered: set[frozenset[str]]) -> list[str] | None:
    """Up to 3 of `others` (in order of preference) such that the options, with
    `right`, are not a set another question already offers: two questions with one
    option set answer each other by elimination."""
    size = 3
    while size <= len(others):
        for skip in range(len(others) - size + 1):
            # The nearest in length first; then one of them swapped for the next.
            picked = others[:size] if skip == 0 else others[: size - 1] + [others[size - 1 + skip]]
            if frozenset([right, *picked]) not in offered:
                return picked
        return None
    return None


def _stems(text: str) -> set[str]:
    return stems(text, _SMALL_WORDS)


_SMALL_WORDS = frozenset({"the", "and", "for", "with", "from", "that", "this", "its", "not"})


def _echoes(term: Term, right: str, others: list[str]) -> bool:
    """The right definition repeats a word of the term ("Mandate of Heaven": "a
    right granted by Heaven"; "Generational ban": "a ban on ...") or the symbol the
    term is written with ("Wavefunction (ψ)": "ψ gives ...", quiz round 16), and no
    other choice does: a giveaway."""
    words = _stems(term.bare)
    if words & _stems(right) and not any(words & _stems(o) for o in others):
        return True
    return any(
        symbol in right and not any(symbol in o for o in others)
        for symbol in re.findall(r"\(([^()\s]{1,4})\)", term.name)
    )


def _rival(term: Term, other: Term) -> bool:
    """Two terms a student must tell apart: sharing a word ("Dispensing power",
    "Suspending power") or the end of one ("Antisepsis", "Asepsis")."""
    names = [t.bare.casefold().split() for t in (term, other)]
    if not all(names):
        return False
    if _stems(" ".join(names[0])) & _stems(" ".join(names[1])):
        return True
    ends = [words[-1] for words in names]
    return min(map(len, ends)) >= 7 and ends[0][-6:] == ends[1][-6:]


def _bracketed_names(name: str) -> list[str]:
    """The two names of a term written "Name (other name)", each on its own."""
    found = re.fullmatch(r"\s*([^()]+?)\s*\(([^()]{1,40})\)\s*", name)
    return [found[1], found[2]] if found else []


def _unasked(term: Term, src: Source) -> bool:
    """A term not asked in any shape: a single word of everyday English
    ("Coalition", "Tribute"), whose synonyms would be marked wrong if it were asked
    for by name; or the lecture's own subject ("Universal Credit" in "Universal
    Credit: the policy and its rollout"), which its title gives (the teachers of
    held-out sets 28 to 30 threw out every such question). A phrase of everyday
    words ("Strict scrutiny", "Assessment period") is asked for by name instead
    (_recalled): the teachers of sets 29 and 30 published half of those shown."""
    if term.everyday and not term.obj.alias and len(term.bare.split()) == 1:
        return True
    return src.english and _names_the_lecture(term, src)


def _names_the_lecture(term: Term, src: Source) -> bool:
    """Every word of the term is a word of the lecture's title ("Bill of Rights" is
    no subject of "Constitutional Rights in the United States")."""
    words = _stems(term.bare)
    return bool(words) and words <= _stems(src.lecture.title)


def _restates(term: Term) -> bool:
    """The definition repeats half or more of the term's words: "S. aureus resistant
    to meticillin" for "Meticillin-resistant Staphylococcus aureus (MRSA)" (set 30:
    "just restates the name"), not "not formally aligned" for "Non-Aligned
    Movement"."""
    words = _stems(term.bare)
    return len(words) > 1 and 2 * len(words & _stems(term.obj.definition)) >= len(words)


def _asked_by_name(term: Term) -> bool:
    """A term with an abbreviation is asked for by name, from its definition."""
    return bool(term.obj.alias) and not term.mention.search(term.obj.definition)


# An abbreviation: all capitals ("NATO", "GDPs") or letters with dots ("U.S.").
_ABBREVIATION_RE = re.compile(r"[A-Z][A-Z0-9&-]*s?|(?:[A-Za-z]\.){2,}")


def _short_prompt(alias: str, definition: str) -> str:
    """ "Which term (or its abbreviation) means “…”?" as a question; a foreign name
    or other alias that is no abbreviation ("Reichstag") is not called one."""
    meaning = definition.rstrip().rstrip(".")
    if _ABBREVIATION_RE.fullmatch(alias.strip()):
        return gettext("Which term (or its abbreviation) means “%(meaning)s”?") % {
            "meaning": meaning
        }
    return gettext("Which term means “%(meaning)s”?") % {"meaning": meaning}


def _alone_in_shape(right: str, others: list[str]) -> bool:
    """The right definition is short and of another look than the others, which
    share one ("ritual propriety" among three long glosses)."""
    shapes = {glance_shape(text) for text in others}
    return len(shapes) == 1 and glance_shape(right) not in shapes


def _recalled(terms: list[Term], src: Source, unprintable: set[str]) -> set[str]:
    """Terms with no abbreviation asked the other way round too, as "Which term means
    …?": those whose definition is the only one of its kind among the terms left to
    ask (a span of years among three groups of people), those whose name says a
    kind no other definition is of ("Chandos clause"), and every phrase of everyday
    words ("Assessment period"). Four choices would give the right one away by its
    kind or its words (the strict teachers of held-out sets 25 to 27 threw
    out 82 % of such questions and published every recall question they were
    shown). Not a term its definition echoes ("Liming": "adding lime …"), which
    a student would recall from the definition's words alone, nor one in the
    notes' shorthand (`unprintable`, by name); and only as many as leave the other
    terms options enough to be asked one by one."""
    if not src.english:
        return set()
    kinds = {t.name: english_kind(_shown(t, src)) for t in terms}
    counted = Counter(kinds[t.name] for t in terms)
    out: list[str] = []
    for term in terms:
        kind, shown = kinds[term.name], _shown(term, src)
        if term.obj.alias or _unasked(term, src):
            continue
        alone = bool(kind) and counted[kind] == 1
        # A term whose name says a kind no other definition is of ("Chandos clause"
        # among definitions none of which is a document's) would be picked by it.
        named = term_kind(term.name)
        named_alone = bool(named) and not any(
            kinds[t.name] == named for t in terms if t is not term
        )
        if not (term.everyday or alone or named_alone):
            continue
        if (
            term.mention.search(term.obj.definition)
            or echoes_term(term.name, term.obj.definition)
            or _stems(term.bare) & _stems(shown)
            or shorthand(shown)
            or term.name in unprintable
        ):
            continue
        out.append(term.name)
    # Each recalled definition leaves the others' options: of five or more to choose
    # from, no fewer than five stay, or every question but one would offer the same
    # four (a glossary of five terms had asked one question for four).
    pool = [t for t in terms if not _asked_by_name(t) and t.name not in unprintable]
    if len(pool) > 4:
        # An everyday phrase has no other shape to be asked in: kept first.
        phrases = {t.name for t in terms if t.everyday}
        out.sort(key=lambda name: name not in phrases)
        out = out[: max(0, len(pool) - 5)]
    return set(out)


def term_singles(src: Source, rng: random.Random, matched: set[str]) -> list[Draft]:
    """A question per term outside `matched` (the matching question's terms), its
    options drawn from those terms' definitions only."""
    every = _distinct_definitions(src.terms)
    terms = [t for t in every if t.name not in matched]
    if len(every) < 2:
        return []
    offered: set[frozenset[str]] = set()
    limit = _choice_limit()
    drafts = []
    # Once per term, not once per pair: each spells its definition out.
    unprintable = {t.name for t in terms if _unprintable(t, src)}
    recalled = _recalled(terms, src, unprintable)
    for term in terms:
        if _unasked(term, src):
            continue  # known without the lecture
        if term.mention.search(term.obj.definition):
            continue  # the definition names its term: the right choice would show itself
        # Its spelling gives the right definition away ("Iridium": "Ir-rich"): not
        # asked as a choice (issue 17, round 10). A short answer still asks the
        # student to recall the term itself, so it stays.
        echoed = src.english and echoes_term(term.name, term.obj.definition)
        right = clip(_shown(term, src), limit)
        # Not a definition that names the term asked about (it would pull the eye),
        # and the nearest in length, so the right one does not stand out by its size.
        # Nor a definition a short answer shows as its prompt (a term with an
        # abbreviation): the student would rule it out by that question.
        candidates = [
            (clip(_shown(t, src), limit), _rival(term, t))
            for t in terms
            if t is not term
            and not term.mention.search(t.obj.definition)
            and not _asked_by_name(t)
            and t.name not in recalled
            and t.name not in unprintable
        ]
        rng.shuffle(candidates)
        # A rival term's first ("Suspending power" for "Dispensing power", "Asepsis"
        # for "Antisepsis": the options the strict teacher of held-out set 28 asked
        # for), then of the right one's kind (a club among clubs, not among paper
        # money and a dating method: issue 17, round 11), then the nearest in length.
        kind = english_kind(right) if src.english else ""
        # And one of the kind the term's own name says ("clause" of "Chandos
        # clause"), whose definition would otherwise be picked by the name alone.
        named = term_kind(term.name) if src.english else ""
        candidates.sort(
            key=lambda pair: (
                not pair[1],
                bool(named) and english_kind(pair[0]) != named,
                bool(kind) and english_kind(pair[0]) not in (kind, ""),
                abs(len(pair[0]) - len(right)),
            )
        )
        others = [text for text, _ in candidates]
        obj = term.obj
        # A term with an abbreviation is asked the other way round, as a short
        # answer (the term, its abbreviation or both accepted), unless another
        # question names it (see planning.py): its single choice is the fallback.
        # Not when the prompt would print the notes' shorthand ("12 wks; 4 = bleaching
        # likely"): strict teachers threw those out (round 13, sets 14 and 15).
        in_shorthand = term.name in unprintable
        # Not when the definition spells the abbreviation out ("cVDPV": "circulating
        # vaccine-derived poliovirus"): the answer is its initials.
        short = (
            _asked_by_name(term)
            and not shorthand(right)
            and not in_shorthand
            and not (
                src.english and (spells_out(term.name, term.obj.definition) or _restates(term))
            )
        )
        short = short or term.name in recalled
        # An everyday term's words would give the right one away among four: none.
        offerable = others and not in_shorthand and not term.everyday
        picked = _unshared(right, others, offered) if offerable else None
        single = None
        if picked is not None and len(right) > 1.6 * max(map(len, picked)) and len(right) > 40:
            picked = None  # the right one would stand out by its length
        if picked is not None and (echoed or _echoes(term, right, picked)):
            picked = None  # the right one would stand out by sharing the term's words
        if picked is not None and src.english and odd_one_out(right, picked):
            picked = None  # the right one would stand out as the only one of its kind
        if picked is not None and _alone_in_shape(right, picked):
            picked = None  # the right one would stand out by its look
        if picked is not None and src.english and unnamed_kind(term.name, picked):
            picked = None  # the term's name says which choice is of its kind
        if picked is not None:
            offered.add(frozenset([right, *picked]))
            single = Draft(
                "term",
                Kind.SINGLE,
                gettext("Which best describes “%(term)s”?") % {"term": term.name},
                f"{term.name}: {obj.definition}",
                term.section,
                [{"text": right, "is_correct": True}] + [{"text": text} for text in picked],
                source=term.name,
            )
        if short:
            accepted = [obj.term]
            if obj.alias:
                accepted += [obj.alias, f"{obj.term} ({obj.alias})"]
            else:
                # "Contract (allogagione)": either name alone is the term too.
                accepted += _bracketed_names(obj.term)
            single = Draft(
                "short",
                Kind.SHORT_ANSWER,
                _short_prompt(obj.alias, right),
                f"{term.name}: {obj.definition}",
                term.section,
                [{"text": text, "is_correct": True} for text in accepted],
                source=term.name,
                # A recalled term's four choices would give it away by kind.
                fallback=None if term.name in recalled else single,
            )
        if single is None:
            continue
        drafts.append(single)
    return drafts
