"""Round 5 of issue 17's quiz drafts: matching pairs whose definition repeats the
term's words or spells its initials, and a price read as a year, in the generator
and the rubric. Round 12 removed the tests of wrong decades, date gaps, true/false
balance and a definition's year given away to a statement or a gap: those shapes
are drafted no more."""

from __future__ import annotations

import random

import pytest

from quizzes.generation import term_rules
from quizzes.generation.rubric import check_quiz
from quizzes.generation.source import Source
from quizzes.models import Question

from .test_rubric_checks import NOTES, build

pytestmark = pytest.mark.django_db

Kind = Question.Kind

ELECTRICITY = """Title: Early Electricity
Experiments
- Pieter van Musschenbroek built a charge-storing vessel in Leiden in 1745.
- Benjamin Franklin flew his kite in a thunderstorm in 1752.
- Alessandro Volta stacked zinc and copper discs into a pile in 1800.
- Michael Faraday showed electromagnetic induction in 1831.
Key Terms
- Leyden jar — a glass jar that stores charge.
- Aet — after extra time.
- Electrophorus — a device that makes charge by induction, again and again.
- Galvanometer — an instrument that detects a current by a needle's swing.
- Insulator — a material that resists the passage of current.
- Voltaic pile — a stack of discs that gave steady current.
"""


@pytest.fixture
def lecture(make_lecture):
    return make_lecture(NOTES, course="lit")


def test_a_term_its_definition_echoes_is_left_out_of_matching(make_lecture):
    # The matching rule itself: a lecture this short of sentences may be asked its
    # terms one by one instead (planning.SHORT_BY), with no matching question.
    src = Source.load(make_lecture(ELECTRICITY, course="elec"))
    matched = set()
    for seed in range(8):
        for draft in term_rules.matching(src, random.Random(seed)):
            matched |= {c["text"] for c in draft.choices}
    assert matched  # the other terms still make a matching question
    assert not matched & {"Leyden jar", "Aet"}


def test_the_rubric_fails_a_matching_pair_that_echoes_its_term(lecture):
    quiz = build(
        lecture,
        [
            (
                Kind.MATCHING,
                "Match each term to its definition.",
                [
                    ("Leyden jar", "a glass jar that stores charge"),
                    ("Aet", "after extra time"),
                    ("Serial", "a novel published in parts"),
                    ("Illustrator", "the artist who drew a novel's plates"),
                ],
            )
        ],
    )
    failures = [f for f in check_quiz(quiz, NOTES) if "echoes the term" in f]
    assert len(failures) == 2, failures
    assert any("Leyden jar" in f for f in failures)
    assert any("Aet" in f for f in failures)


def test_the_rubric_passes_matching_pairs_that_do_not_echo(lecture):
    quiz = build(
        lecture,
        [
            (
                Kind.MATCHING,
                "Match each term to its definition.",
                [
                    ("Serial", "a novel published in parts"),
                    ("Illustrator", "the artist who drew a novel's plates"),
                    ("BBC", "the British public broadcaster"),
                ],
            )
        ],
    )
    assert not [f for f in check_quiz(quiz, NOTES) if "echoes the term" in f]


def test_a_price_is_not_read_as_a_year_by_the_rubric(lecture):
    quiz = build(
        lecture,
        [
            (
                Kind.SINGLE,
                "Which date fills the gap? Gold traded above $2000 an ounce in ____.",
                ["*August 2011", "August 2008", "August 2014", "August 1996"],
            )
        ],
    )
    assert not [f for f in check_quiz(quiz, NOTES) if "own dates rule out" in f]
