"""Round 2 of issue 17's quiz drafts: the classes two teachers found on notes the
rules were never tuned on, on synthetic notes (items 5 and 7)."""

from __future__ import annotations

import re

import pytest

from quizzes.generation import quiz_generate
from quizzes.generation.rubric import check_quiz
from quizzes.generation.text import with_article
from quizzes.models import Question

pytestmark = pytest.mark.django_db

Kind = Question.Kind
SEEDS = range(6)
TF_LEAD = "True or false: "

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


def statements(quiz):
    for question in quiz.questions.filter(kind=Kind.TRUE_FALSE):
        key = question.choices.get(text="True").is_correct
        yield question.prompt.removeprefix(TF_LEAD), key, question.source


@pytest.fixture
def engines(make_lecture):
    return make_lecture(ENGINES, course="engines")


def test_a_bullet_without_a_subject_takes_the_heading_that_names_it(engines):
    seen = []
    for seed in SEEDS:
        quiz = quiz_generate(lecture=engines, rng_seed=seed)
        for statement, _, source in statements(quiz):
            if source.startswith(("Published", "Corresponded", "Described", "Married")):
                seen.append(statement)
                assert statement.startswith("Ada Byron "), statement
        for question in quiz.questions.all():
            shown = question.prompt.split("? ", 1)[-1].removeprefix(TF_LEAD)
            assert not re.match(r"(Published|Corresponded|Described|Married)\b", shown)
    assert seen


def test_false_years_are_plausible_and_dates_keep_the_notes_form(engines):
    for seed in SEEDS:
        quiz = quiz_generate(lecture=engines, rng_seed=seed)
        for statement, key, source in statements(quiz):
            new = {int(y) for y in re.findall(r"\d{4}", statement)}
            old = {int(y) for y in re.findall(r"\d{4}", source)}
            for year in new - old:
                assert not key
                assert any(3 <= abs(year - o) <= 25 for o in old), statement
                assert year <= 1991, statement
        for question in quiz.questions.all():
            shown = " ".join([question.prompt, *(c.text for c in question.choices.all())])
            # The notes write "2 August 1843", never "August 2, 1843".
            assert not re.search(r"[A-Z][a-z]+ \d{1,2}, \d{4}", shown), shown


def test_single_choice_questions_offer_four_near_choices(engines):
    for seed in SEEDS:
        quiz = quiz_generate(lecture=engines, rng_seed=seed)
        for question in quiz.questions.filter(kind=Kind.SINGLE):
            choices = list(question.choices.all())
            assert len(choices) == 4, question.prompt
            if question.rule == "when":
                years = [int(re.search(r"\d{4}", c.text).group()) for c in choices]
                (right,) = [c for c in choices if c.is_correct]
                key = int(re.search(r"\d{4}", right.text).group())
                assert all(abs(y - key) <= 25 for y in years), years
                assert not any(c.text.startswith(("C.", "c.")) for c in choices)


def test_the_quiz_asks_concepts_more_than_dates_and_passes_the_rubric(engines):
    for seed in SEEDS:
        quiz = quiz_generate(lecture=engines, rng_seed=seed)
        questions = list(quiz.questions.all())
        dates = [q for q in questions if q.rule in ("when", "first", "ordering")]
        assert len(dates) <= round(0.4 * len(questions))
        found = check_quiz(quiz)
        assert [f for f in found if "with enough for ten" not in f] == []


def test_a_lecture_with_six_terms_gets_ten_questions(engines):
    # Round 10: "Note G — the last of Ada Byron's notes" spells its term, so only
    # five terms can be asked and the quiz may fall one short.
    assert quiz_generate(lecture=engines).questions.count() >= 9
    # Round 4 swaps no counts: a draw whose only sound false statements went to
    # date questions may fall one short (its longest plan), never further.
    for seed in SEEDS:
        assert quiz_generate(lecture=engines, rng_seed=seed).questions.count() >= 9


def test_a_false_statement_swaps_a_date_never_a_count(engines):
    falses = [
        (statement, source)
        for seed in SEEDS
        for statement, key, source in statements(quiz_generate(lecture=engines, rng_seed=seed))
        if not key
    ]
    assert falses
    for statement, source in falses:
        # A year moved, or (round 8) the subject swapped for another bullet's.
        moved = re.findall(r"\d{4}", statement) != re.findall(r"\d{4}", source)
        assert moved or statement.split()[:2] != source.split()[:2], statement
        assert not re.search(r"\b(?:25,000|12,000)\b", source) or (
            re.search(r"\b(?:25,000|12,000)\b", statement)
        ), statement


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("A 1856 study", 2, "An 1856 study"),
        ("an 1956 study", 3, "a 1956 study"),
        ("in a 1756 study", 5, "in a 1756 study"),
        ("an 11-day siege", 3, "an 11-day siege"),
    ],
)
def test_a_or_an_agrees_with_the_number_swapped_in(text, start, expected):
    assert with_article(text, start) == expected
