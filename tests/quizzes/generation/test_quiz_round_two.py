"""Round 2 of issue 17's quiz drafts: the classes two teachers found on notes the
rules were never tuned on, on synthetic notes (items 5 and 7). Round 12 removed the
tests of true/false statements, date gaps and the ten-question floor: those are
drafted no more."""

from __future__ import annotations

import re

import pytest

from quizzes.generation import quiz_generate
from quizzes.generation.rubric import check_quiz
from quizzes.models import Question

pytestmark = pytest.mark.django_db

Kind = Question.Kind
SEEDS = range(6)

ENGINES = """Title: Engines
Ada Byron
- Published her notes on the Analytical Engine on 2 August 1843 in Taylor's journal.
- Corresponded with Charles Babbage about the engine from 5 June 1833 onwards.
- Described a method for computing Bernoulli numbers on 12 March 1843 in Note G.
- Married William King on 8 July 1835 at Fordhook in Ealing.
The Difference Engine
- The finished engine would have needed about 25,000 parts in all.
- The British government funded the first engine on 1 April 1823 after a report.
- Joseph Clement built about 12,000 parts for the engine before work stopped on 20 March 1833.
- The Science Museum completed a working engine to the original plans on 29 November 1991.
- Per Georg Scheutz sold a printing engine to the Dudley Observatory on 4 May 1857.
- Scheutz's engine printed tables for the General Register Office on 17 October 1859.
Key Terms
- Analytical Engine — a general-purpose mechanical computer designed by Charles Babbage.
- Difference engine — a machine that tabulates polynomials by the method of differences.
- Punched card — a stiff card whose holes encode instructions or data.
- Mill — the part of the Analytical Engine that performs arithmetic.
- Store — the part of the Analytical Engine that holds numbers.
- Note G — the last of Ada Byron's notes, with the Bernoulli program.
"""


@pytest.fixture
def engines(make_lecture):
    return make_lecture(ENGINES, course="engines")


def ordering_items(question):
    """(item, bullet) of an ordering question: its source lists the bullets in the
    order its keys give the items."""
    items = sorted(question.choices.all(), key=lambda c: c.order_key)
    return zip((c.text for c in items), question.source.split("\n"), strict=True)


def test_a_bullet_without_a_subject_takes_the_heading_that_names_it(engines):
    seen = []
    for seed in SEEDS:
        quiz = quiz_generate(lecture=engines, rng_seed=seed)
        for question in quiz.questions.filter(kind=Kind.ORDERING):
            for item, bullet in ordering_items(question):
                if bullet.startswith(("Published", "Corresponded", "Described", "Married")):
                    seen.append(item)
                    assert item.startswith("Ada Byron "), item
        for question in quiz.questions.all():
            shown = [question.prompt.split("? ", 1)[-1], *(c.text for c in question.choices.all())]
            for text in shown:
                assert not re.match(r"(Published|Corresponded|Described|Married)\b", text), text
    assert seen


def test_single_choice_questions_offer_four_choices(engines):
    for seed in SEEDS:
        quiz = quiz_generate(lecture=engines, rng_seed=seed)
        for question in quiz.questions.filter(kind=Kind.SINGLE):
            assert question.choices.count() == 4, question.prompt


def test_the_quiz_asks_dates_at_most_a_third_and_passes_the_rubric(engines):
    for seed in SEEDS:
        quiz = quiz_generate(lecture=engines, rng_seed=seed)
        questions = list(quiz.questions.all())
        dates = [q for q in questions if q.rule in ("first", "ordering")]
        # At most about a third, though two are always allowed (planning.DATES_ALWAYS).
        assert len(dates) <= max(2, round(len(questions) / 3))
        assert check_quiz(quiz) == []
