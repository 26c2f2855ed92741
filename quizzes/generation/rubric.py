"""The automatic checks of corpus/RUBRIC.md: what code can tell about a generated
quiz that a teacher would otherwise have to fix before publishing it.

`check_quiz(quiz)` returns one sentence per failure ("Q3: …"), empty when the quiz
passes. The checks are deliberately literal (they look at the stored prompts and
choices, as a student sees them), so they hold the generator to account rather
than repeat its reasoning; the rubric and the rules never import each other
(pyproject.toml's contracts). The checks:

- structure: a single-choice or true/false question has exactly one right choice,
  an ordering one a full order, a matching one distinct pairs; no repeated choices;
- no fact asked twice: a term defined in a matching question is not also asked
  for its definition on its own, and no two questions quote the same statement;
- no giveaways: a choice whose initials spell an abbreviation in the prompt (or
  the reverse), a right choice that contains the term asked about, a count in
  the prompt that only one choice has, a right choice far longer than the rest;
- true or false: never a speculative statement ("may", "might", "could",
  "perhaps") nor one without a subject; true and false statements not told apart
  by whether they are quoted word for word from the notes.
"""

from __future__ import annotations

import re
from collections import Counter

from ..models import Question, Quiz

Kind = Question.Kind

SPECULATIVE = re.compile(
    # "May" the month (May 1994) is not "may" the guess.
    r"\b(?:[Mm]ight|[Cc]ould|[Pp]erhaps|[Pp]ossibly|[Pp]robably|[Ll]ikely)\b"
    r"|\bmay\b|\bMay\b(?= [a-z])"
)
# A statement opening with a verb has lost its subject to the section title.
VERB_OPENINGS = re.compile(
    r"^(takes|took|was|were|is|are|has|had|became|becomes|includes|included|contains|"
    r"remains|remained|lasts|lasted|runs|ran|flows|flowed|covers|covered|begins|began|"
    r"ends|ended|uses|used|makes|made|gives|gave|shows|showed|lies|lay)\b"
    r"|^[A-Z][a-z]+s (?:on|upon|across|into|onto)\b",
    re.IGNORECASE,
)
COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
QUOTED = re.compile(r"“([^”]+)”")
# A question asking for a term's definition.
DEFINITION = re.compile(r"^Which best describes “([^”]+)”")
TF_LEAD = "True or false: "


def _initials(text: str) -> str:
    """ "North Atlantic Treaty Organization" -> "NATO" (capitalised words only)."""
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    return "".join(word[0] for word in words if word[0].isupper())


def _abbreviations(text: str) -> set[str]:
    return set(re.findall(r"\b[A-Z][A-Z0-9]{1,9}s?\b", text))


def _items(text: str) -> int:
    """How many things a choice names: "A, B and C" is three."""
    return len([part for part in re.split(r",\s*|\s+and\s+|\s*;\s*", text) if part.strip()])


def _giveaways(number: int, question: Question, choices: list) -> list[str]:
    out = []
    right = [c for c in choices if c.is_correct]
    wrong = [c for c in choices if not c.is_correct]
    prompt = question.prompt
    if question.kind not in (Kind.SINGLE, Kind.MULTIPLE) or not right or not wrong:
        return out
    abbreviations = _abbreviations(prompt)
    for choice in choices:
        spelled = _initials(choice.text)
        if len(spelled) >= 2 and spelled in abbreviations:
            out.append(f"Q{number}: the initials of “{choice.text}” spell {spelled} in the prompt")
        for abbreviation in _abbreviations(choice.text):
            if any(_initials(q) == abbreviation for q in QUOTED.findall(prompt)):
                out.append(f"Q{number}: “{abbreviation}” in a choice spells the term asked about")
    for term in QUOTED.findall(prompt):
        for choice in right:
            if len(term) > 3 and term.casefold() in choice.text.casefold():
                out.append(f"Q{number}: the right choice contains the term asked about “{term}”")
    for word, count in COUNT_WORDS.items():
        if re.search(rf"\b{word}\b", prompt, re.IGNORECASE):
            having = [c for c in choices if _items(c.text) == count]
            if len(having) == 1 and having[0].is_correct:
                out.append(f"Q{number}: only the right choice names {word} things, as asked")
    longest_wrong = max(len(c.text) for c in wrong)
    for choice in right:
        if len(wrong) >= 2 and len(choice.text) > 1.6 * longest_wrong and len(choice.text) > 40:
            out.append(f"Q{number}: the right choice is much longer than every other")
    return out


def _structure(number: int, question: Question, choices: list) -> list[str]:
    out = []
    right = sum(c.is_correct for c in choices)
    if question.kind in (Kind.SINGLE, Kind.TRUE_FALSE) and right != 1:
        out.append(f"Q{number}: {right} right choices where one is expected")
    if question.kind == Kind.MULTIPLE and right == 0:
        out.append(f"Q{number}: no right choice")
    if question.kind == Kind.ORDERING:
        keys = sorted(c.order_key or 0 for c in choices)
        if keys != list(range(1, len(choices) + 1)):
            out.append(f"Q{number}: the order is not a full ranking 1…{len(choices)}")
    if question.kind == Kind.MATCHING:
        pairs = [c.match_text for c in choices]
        if any(not pair for pair in pairs) or len(set(pairs)) != len(pairs):
            out.append(f"Q{number}: matching pairs missing or repeated")
    texts = Counter(c.text.casefold() for c in choices)
    if any(n > 1 for n in texts.values()):
        out.append(f"Q{number}: the same choice twice")
    if not question.prompt.strip():
        out.append(f"Q{number}: an empty prompt")
    return out


def _statement(number: int, question: Question) -> list[str]:
    out = []
    text = question.prompt.removeprefix(TF_LEAD)
    if SPECULATIVE.search(text):
        out.append(f"Q{number}: a speculative statement asked as fact: “{text[:80]}”")
    if VERB_OPENINGS.match(text):
        out.append(f"Q{number}: a statement without its subject: “{text[:80]}”")
    return out


def check_quiz(quiz: Quiz, notes_text: str | None = None) -> list[str]:
    """The rubric's automatic failures of `quiz` (see the module docstring).
    `notes_text` is the lecture's notes, for the verbatim check; by default its
    sections' bodies."""
    questions = list(quiz.questions.order_by("position", "pk").prefetch_related("choices"))
    if notes_text is None:
        bodies = quiz.lecture.sections.values_list("body", flat=True)
        notes_text = "\n".join(bodies)
    notes_plain = " ".join(notes_text.split()).casefold()
    out: list[str] = []
    matched_terms: set[str] = set()
    single_terms: dict[str, int] = {}
    statements: dict[str, int] = {}
    verbatim = {True: [], False: []}
    for number, question in enumerate(questions, start=1):
        choices = list(question.choices.all())
        out += _structure(number, question, choices)
        out += _giveaways(number, question, choices)
        if question.kind == Kind.MATCHING:
            matched_terms |= {c.text.casefold() for c in choices}
        for term in DEFINITION.findall(question.prompt):
            single_terms.setdefault(term.casefold(), number)
        if question.kind == Kind.SHORT_ANSWER:
            for choice in choices:
                single_terms.setdefault(choice.text.casefold(), number)
        if question.kind == Kind.TRUE_FALSE:
            out += _statement(number, question)
            text = question.prompt.removeprefix(TF_LEAD)
            key = " ".join(text.split()).casefold()
            if key in statements:
                out.append(f"Q{number}: the same statement as Q{statements[key]}")
            statements[key] = number
            is_true = any(c.is_correct and c.text == "True" for c in choices)
            verbatim[is_true].append(key.rstrip(".") in notes_plain)
    for number, question in enumerate(questions, start=1):
        if question.kind != Kind.SHORT_ANSWER:
            continue
        accepted = [c.text for c in question.choices.all()]
        for other_number, other in enumerate(questions, start=1):
            texts = [other.prompt] + [c.text for c in other.choices.all()]
            if other_number != number and any(
                re.search(rf"(?<!\w){re.escape(a)}(?!\w)", t, re.IGNORECASE)
                for a in accepted
                for t in texts
            ):
                out.append(f"Q{number}: its answer is named in Q{other_number}")
                break
    for term in sorted(matched_terms & set(single_terms)):
        out.append(
            f"Q{single_terms[term]}: “{term}” is asked on its own and in the matching question"
        )
    # A pattern a student can learn: every true statement quoted, every false one not.
    enough = len(verbatim[True]) >= 2 and len(verbatim[False]) >= 2
    if enough and all(verbatim[True]) and not any(verbatim[False]):
        out.append("quiz: true statements are quoted from the notes, false ones are not")
    return out
