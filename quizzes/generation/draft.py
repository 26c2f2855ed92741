"""A drafted question: what every rule returns and the planner assembles, before
quiz_generate writes it as a Question with its Choices."""

from __future__ import annotations

from dataclasses import dataclass, field

from lectures.models import Section

# Matching and ordering questions are worth 2 points (grading gives partial credit
# per pair or place), every other question 1.
BIG_POINTS = 2


@dataclass
class Draft:
    family: str
    kind: str
    prompt: str
    explanation: str
    section: Section | None
    choices: list[dict] = field(default_factory=list)
    points: int = 1
    source: str = ""
    # The sentence a gap question shows, without the words that lead its prompt
    # ("Which name fills the gap?"), which are in the course's language.
    shown: str = ""
    # What to ask instead if this question's answer shows elsewhere in the quiz.
    fallback: Draft | None = None
