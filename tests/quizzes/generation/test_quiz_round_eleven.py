"""Round 11 of issue 17's quiz drafts: a "Which best describes …?" question offers
definitions of the right one's kind, and is not asked when the right one would be
the only one of its kind (teachers picked "paper money backed by church land" out
of three political clubs by its form); the rubric names it.
"""

from __future__ import annotations

import pytest

from quizzes.generation import quiz_generate
from quizzes.generation.kinds import definition_kind, odd_one_out
from quizzes.generation.rubric import check_quiz
from quizzes.generation.soundness import fragment

from .test_rubric_checks import NOTES, build

pytestmark = pytest.mark.django_db

SEEDS = range(4)

PARIS = """Title: Paris in Revolution, 1789–1794
Overview
The clubs and the money of revolutionary Paris.

The Clubs
- The Jacobin Club met in the rue Saint-Honoré from October 1789.
- The Cordeliers Club took its name from the monastery where it met in 1790.
- The Feuillants broke away from the Jacobins in July 1791 over the king's flight.
- The Girondins led the Assembly into war with Austria in April 1792.

Money
- The Assembly issued the first assignats in December 1789.
- The assignat lost most of its value by 1795 as more were printed.
- Bread riots broke out in Paris in February 1793 as prices rose.
- The Maximum fixed the price of grain and bread in September 1793.

Key Terms
- Jacobins — a political club of deputies and their allies that met in Paris
- Cordeliers — a radical club of Paris artisans and journalists
- Feuillants — a moderate club of deputies that split from the Jacobins
- Girondins — a group of deputies around Brissot who wanted war
- Assignat — paper money backed by the confiscated lands of the Church
"""


@pytest.fixture
def paris(make_lecture):
    return make_lecture(PARIS, course="paris")


@pytest.mark.parametrize(
    "definition, kind",
    [
        ("a political club of deputies and their allies", "group"),
        ("paper money backed by the confiscated lands of the Church", "money"),
        ("Dating timber from its pattern of annual rings", "method"),
        ("Talbot's paper-negative process", "method"),
        ("a group of three similar elements whose middle member …", "substance"),
        ("the national regulator, e.g. the ICO", "group"),
        ("a bell-shaped pot placed in graves", "object"),
        ("loose group of deputies around Brissot", "group"),
        ("the constant allele frequencies expected in a large population", ""),
    ],
)
def test_a_definition_is_read_for_its_kind(definition, kind):
    assert definition_kind(definition) == kind


def test_only_the_one_of_its_kind_stands_out():
    clubs = [
        "a radical club of Paris artisans",
        "a moderate club of deputies",
        "a group of deputies around Brissot",
    ]
    assert odd_one_out("paper money backed by the lands of the Church", clubs)
    assert not odd_one_out("a political club that met in Paris", clubs)
    # A head nobody knows is never a mismatch.
    assert not odd_one_out("the constant allele frequencies of a population", clubs)


@pytest.mark.parametrize("seed", SEEDS)
def test_no_question_offers_the_money_among_the_clubs(paris, seed):
    quiz = quiz_generate(lecture=paris, rng_seed=seed)
    for question in quiz.questions.filter(prompt__startswith="Which best describes"):
        choices = [c.text for c in question.choices.all()]
        right = next(c.text for c in question.choices.all() if c.is_correct)
        assert not odd_one_out(right, [c for c in choices if c != right]), choices
        assert "Assignat" not in question.prompt
    assert not [f for f in check_quiz(quiz, PARIS) if "only one of its kind" in f]


@pytest.mark.parametrize(
    "sentence",
    [
        "Rebuilt with a tiled roof and reopened in 1614.",
        "After the Liverpool and Manchester Railway opened.",
        "– The Curtain, a few hundred yards away.",
        "John came home in October 1214 he.",
        "Indus seals and carnelian beads found at Ur, c. 2500–2000 BC.",
        "The Global Fund set up January 2002.",
    ],
)
def test_a_note_line_is_no_sentence(sentence):
    assert fragment(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Founded in 1850, the club grew quickly.",
        "After 1945 Britain withdrew from India.",
        "The bridge opened in 1894.",
        "Carter found the tomb in 1922.",
        "When the war ended in 1918, the empire collapsed.",
        "United States troops landed in 1942.",
        "The treaty signed in 1648 ended the war.",
    ],
)
def test_a_sentence_stays_one(sentence):
    assert not fragment(sentence)


@pytest.fixture
def lecture(make_lecture):
    return make_lecture(NOTES, course="lit11r")


def test_the_rubric_names_the_odd_one_out(lecture):
    quiz = build(
        lecture,
        [
            (
                "single",
                "Which best describes “Assignat”?",
                [
                    "*paper money backed by the lands of the Church",
                    "a radical club of Paris artisans",
                    "a moderate club of deputies",
                    "a political club that met in Paris",
                ],
            ),
            (
                "single",
                "Which best describes “Jacobins”?",
                [
                    "*a political club that met in Paris",
                    "a radical club of Paris artisans",
                    "a moderate club of deputies",
                    "a group of deputies around Brissot",
                ],
            ),
        ],
    )
    failures = [f for f in check_quiz(quiz) if "only one of its kind" in f]
    assert failures == ["Q1: the right definition is the only one of its kind"]
