"""Rules for glossary terms: questions on what the terms mean and where the notes
discuss them.

- Matching (2 points) from 3 or more glossary terms (at most 6, about half of them):
  each Choice holds "Term (ALIAS)" as `text` and its definition as `match_text`.
- Single choice (1 point) per glossary term: "Which best describes “Term”?", its
  definition against up to 3 other terms' definitions (1 when there are 2 terms),
  the nearest in length first. A term whose definition names it is not asked. A
  term with an abbreviation is asked the other way round, as a short answer (the
  term, its abbreviation or both accepted), with the single choice kept as the
  fallback the planner takes when another question names the term.
- "Which section of the lecture discusses “Term”?" (1 point), for a term the notes
  discuss in one section only and no section title names, among up to 4 sections.
"""

from __future__ import annotations

import random
import re

from lectures.notes.prose import plain

from ..models import Choice, Question
from .draft import BIG_POINTS, Draft
from .source import Source, Term
from .text import clip

Kind = Question.Kind

MATCHING_MAX = 6


def _choice_limit() -> int:
    return Choice._meta.get_field("text").max_length


def _distinct_definitions(terms: list[Term]) -> list[Term]:
    """Terms whose (clipped) definitions differ, so no two options read the same."""
    seen, out = set(), []
    for term in terms:
        key = clip(term.obj.definition, _choice_limit()).casefold()
        if key not in seen:
            seen.add(key)
            out.append(term)
    return out


def matching(src: Source, rng: random.Random) -> list[Draft]:
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
        {"text": clip(t.name, limit), "match_text": clip(t.obj.definition, limit)} for t in terms
    ]
    rng.shuffle(choices)
    return [
        Draft(
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


def term_singles(src: Source, rng: random.Random) -> list[Draft]:
    terms = _distinct_definitions(src.terms)
    if len(terms) < 2:
        return []
    limit = _choice_limit()
    drafts = []
    for term in terms:
        if term.mention.search(term.obj.definition):
            continue  # the definition names its term: the right choice would show itself
        right = clip(term.obj.definition, limit)
        # Not a definition that names the term asked about (it would pull the eye),
        # and the nearest in length, so the right one does not stand out by its size.
        others = [
            clip(t.obj.definition, limit)
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
        single = Draft(
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
            # question names it (see planning.py).
            accepted = [obj.term, obj.alias, f"{obj.term} ({obj.alias})"]
            single = Draft(
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


def where(src: Source, rng: random.Random) -> list[Draft]:
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
            Draft(
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
