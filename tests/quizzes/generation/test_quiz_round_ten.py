"""Round 10 of issue 17's quiz drafts: what makes a question unpublishable
whatever the teacher, each on notes made up for the test.

- a glossary question whose right definition spells its term (a short word whole,
  a stem, an abbreviation of one of its words, its initials) is not asked;
- a statement or gap sentence that is no sentence (a head before a spaced dash, a
  name and a relative clause, a participle with a bare date, cut off inside a
  bracket, an "it" nothing names) is never shown;
- a year question whose prompt prints the year is not asked;
- the rubric names each of them.
"""

from __future__ import annotations

import pytest

from quizzes.generation import quiz_generate
from quizzes.generation.rubric import check_quiz
from quizzes.generation.soundness import echoes_term, fragment, year_shown
from quizzes.models import Question

from .test_rubric_checks import NOTES, build

pytestmark = pytest.mark.django_db

Kind = Question.Kind
SEEDS = range(4)

MANOR = """Title: The Manor of Ashby, 1300–1400
Overview
How one English manor farmed, traded and recovered in the fourteenth century.

Fields
- Wool exports 1320–40 — wool, cloth, or both.
- The villagers of Ashby cleared the west wood for new fields in 1318.
- Hugh Barrow, who became reeve of Ashby in August 1341.
- The great frost of 1322 killed most of the winter wheat in the low fields.
- Rector Hale found it at Ashby in 1374.

Trade
- Market Charter 1388/4 was granted to Ashby on 2 May 1388.
- The Ashby canal opened in 1361 (about 11.5 km long).
- Merchants from Lynn bought Ashby wool at the summer fair in 1334.
- The lord's fulling mill doubled the price of Ashby cloth after 1350.
- Ashby's weavers formed a guild in 1356 to fix the price of cloth.

Recovery
- The plague reached Ashby in 1349 and killed a third of the tenants.
- The lord leased the demesne to his tenants in 1370 because labour had grown dear.
- Tenants refused labour services in 1381 and burned the manor rolls.
- Joan Carter rebuilt the Ashby tithe barn in 1392 with stone from the old priory.

Key Terms
- Ore Guild — merchants who sold ore in the market
- Cuprous dye — Cu-based blue pigment for cloth
- T/HY — tonnes per hectare-year, the measure of a field's yield
- Tithe barn — store for the church's tenth of the harvest
- Fallow — land left unsown for a season
- Reeve — officer who ran the manor's farming
- Assart — woodland cleared for new fields
- Heriot — death duty paid to the lord
"""

GIVEAWAYS = ("Ore Guild", "Cuprous dye", "T/HY")


@pytest.fixture
def manor(make_lecture):
    return make_lecture(MANOR, course="manor")


def _shown(question: Question) -> list[str]:
    texts = [question.prompt, *(c.text for c in question.choices.all())]
    texts += [c.match_text for c in question.choices.all() if c.match_text]
    return texts


# ------------------------------------------------------------- the predicates


@pytest.mark.parametrize(
    "term, definition",
    [
        ("Ore Guild", "merchants who sold ore in the market"),
        ("Cuprous dye", "Cu-based blue pigment for cloth"),
        ("T/HY", "tonnes per hectare-year, the measure of a field's yield"),
        ("Palatine guard", "soldiers who kept the palace"),
    ],
)
def test_a_definition_spelling_its_term_echoes_it(term, definition):
    assert echoes_term(term, definition)


@pytest.mark.parametrize(
    "term, definition",
    [
        ("Heriot", "death duty paid to the lord"),
        ("Reeve", "officer who ran the manor's farming"),
        ("Assart", "woodland cleared for new fields"),
    ],
)
def test_a_definition_in_other_words_does_not(term, definition):
    assert not echoes_term(term, definition)


@pytest.mark.parametrize(
    "sentence",
    [
        "Wool exports 1320–40 — wool, cloth, or both.",
        "Hugh Barrow, who became reeve of Ashby in August 1341.",
        "The abbot's new survey, published March 1344.",
        "The Ashby canal opened in 1361 (about 11.",
        "Rector Hale found it at Ashby in 1374.",
        "Stone bridge at Ashby, 1352: first carts crossed on 4 June 1352.",
    ],
)
def test_note_speak_is_no_sentence(sentence):
    assert fragment(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The great frost of 1322 killed most of the winter wheat in the low fields.",
        "Ashby, where the lords were buried, burned on 6 May 1377.",
        "The abbot's survey, published in March 1344, was lost in the fire.",
        "Joan Carter rebuilt the tithe barn in 1392 — with stone from the old priory.",
    ],
)
def test_sentences_are_kept(sentence):
    assert not fragment(sentence)


def test_a_year_printed_in_a_document_number_is_shown():
    assert year_shown("Market Charter 1388/4 was granted to Ashby on 2 May .", "1388")
    assert not year_shown("The great frost of  killed the winter wheat.", "1322")


# ------------------------------------------------------------- the generator


@pytest.mark.parametrize("seed", SEEDS)
def test_no_glossary_question_spells_its_answer(manor, seed):
    quiz = quiz_generate(lecture=manor, rng_seed=seed)
    for question in quiz.questions.all():
        for term in GIVEAWAYS:
            assert not any(term in text for text in _shown(question)), question.prompt


@pytest.mark.parametrize("seed", SEEDS)
def test_no_note_speak_is_shown(manor, seed):
    quiz = quiz_generate(lecture=manor, rng_seed=seed)
    for question in quiz.questions.all():
        prompt = question.prompt
        assert "—" not in prompt, prompt
        assert "Rector Hale found it" not in prompt, prompt
        assert ", who became" not in prompt, prompt
        if "____" in prompt:
            assert "1388/4" not in prompt, prompt


@pytest.mark.parametrize("seed", SEEDS)
def test_the_quiz_stays_sound_and_passes_the_rubric(manor, seed):
    quiz = quiz_generate(lecture=manor, rng_seed=seed)
    questions = list(quiz.questions.all())
    assert len(questions) >= 6
    failures = check_quiz(quiz, MANOR)
    assert not [f for f in failures if "no sentence" in f or "repeats the term" in f], failures


# ------------------------------------------------------------- the rubric


@pytest.fixture
def lecture(make_lecture):
    return make_lecture(NOTES, course="lit10r")


def test_the_rubric_names_each_class(lecture):
    rows = [
        (
            "single",
            "Which best describes “Cuprous dye”?",
            ["*Cu-based blue pigment", "death duty", "woodland cleared", "land left unsown"],
        ),
        ("matching", "Match each term to its definition.", [
            ("T/HY", "tonnes per hectare-year"),
            ("Heriot", "death duty paid to the lord"),
            ("Assart", "woodland cleared for new fields"),
        ]),
        ("tf", "Wool exports 1320–40 — wool, cloth, or both.", True, "Wool exports"),
        (
            "single",
            "Which year fills the gap? Market Charter 1388/4 was granted to Ashby on 2 May ____.",
            ["*1388", "1371", "1395", "1402"],
        ),
        (
            "single",
            "Which year fills the gap? Rector Hale found it at Ashby in ____.",
            ["*1374", "1361", "1385", "1392"],
        ),
    ]  # fmt: skip
    failures = check_quiz(build(lecture, rows))
    assert any(f.startswith("Q1: the right definition repeats") for f in failures), failures
    assert any(f.startswith("Q2: “T/HY” is matched by its own words") for f in failures)
    assert any(f.startswith("Q3: a statement is no sentence") for f in failures)
    assert any(f.startswith("Q4: the prompt prints the year") for f in failures)
    assert any(f.startswith("Q5: a gap prompt is no sentence") for f in failures)
