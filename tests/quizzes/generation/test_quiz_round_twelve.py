"""Round 12 of issue 17: what the teachers' verdicts on held-out set 13 named in the
term questions left once statements and year gaps were dropped. A "Which best
describes …?" question is a giveaway when the right definition is the only person
among things, when the term's alias or a compound echoes it, or when it alone is
short among long glosses. Each test's notes are made up for it."""

from __future__ import annotations

import re

import pytest

from quizzes.generation import date_rules, quiz_generate
from quizzes.generation.kinds import definition_kind, odd_one_out
from quizzes.generation.rubric import check_quiz
from quizzes.generation.soundness import echoes_term, glance_shape
from quizzes.models import Question

Kind = Question.Kind


@pytest.mark.parametrize(
    "definition",
    [
        'American plant breeder, the "father of the Green Revolution"',
        "Scottish naval surgeon who ran the first controlled trial",
        "Neoplatonist of the 5th century AD whose commentary survives",
        "Indian agronomist who led the wheat programme",
        "Greek mathematician of Alexandria",
        "Dutch cartographer (1512–1594) who drew the projection",
    ],
)
def test_a_calling_or_a_lifespan_makes_a_person(definition):
    assert definition_kind(definition) == "person"


@pytest.mark.parametrize(
    ("definition", "kind"),
    [
        ("tidal island off Northumberland, once a monastery", "place"),
        ("the war (1914–1918) that ended the empires", "event"),
        ("a clay tablet of sums", ""),
    ],
)
def test_a_span_beside_a_known_head_is_no_lifespan(definition, kind):
    assert definition_kind(definition) == kind


def test_a_person_among_things_is_the_odd_one_out():
    person = "Scottish naval surgeon who ran the first controlled trial"
    things = [
        "the 50-gun ship on which the trial was run",
        "a daily ration of lemon juice",
        "the vitamin whose lack causes the disease",
    ]
    # Before round 12 two other choices of known kinds were needed; a person is
    # told by a calling, a lifespan or a title, so none being one is enough.
    assert odd_one_out(person, things)
    assert odd_one_out(person, ["a daily ration", "a bitter plant", "the ship's log"])
    assert not odd_one_out(person, [*things[:2], "Dutch physician who wrote on the cure"])


@pytest.mark.parametrize(
    ("term", "definition"),
    [
        ("Varangian Guard", "Norse bodyguard of the Byzantine emperors"),
        ("Danelaw", "the part of England under Danish law"),
        ("Lindisfarne (Holy Island)", "tidal island off Northumberland"),
        ("Gregory clause (quarter-acre clause)", "relief refused to anyone holding a quarter acre"),
        ("Phytophthora infestans (potato blight)", "the water mould that rots potato leaves"),
    ],
)
def test_an_alias_or_a_compound_echoes_its_definition(term, definition):
    assert echoes_term(term, definition)


@pytest.mark.parametrize(
    ("term", "definition"),
    [
        ("Angiosperm", "seed plant whose ovules are enclosed in an ovary"),
        ("Ren", "humaneness, the central Confucian virtue"),
        ("Althing", "Iceland's open-air assembly at Thingvellir"),
    ],
)
def test_unrelated_words_are_no_echo(term, definition):
    assert not echoes_term(term, definition)


def test_a_short_choice_has_a_shape_a_long_one_has_none():
    assert glance_shape("ritual propriety") == "A A"
    assert glance_shape("AD 79") == "A 9"
    assert glance_shape("humaneness, the central Confucian virtue") == ""


SCURVY = """Title: Scurvy
The Trial
- James Lind compared six remedies for scurvy on board a ship in 1747.
- Two sailors given oranges and lemons recovered within a week.
Key Terms
- James Lind — Scottish naval surgeon who ran the first controlled trial.
- HMS Salisbury — the 50-gun ship on which the trial was run.
- Citrus ration — a daily ration of lemon juice given to every sailor.
- Ascorbic acid — the vitamin whose lack causes the disease.
- Li — ritual propriety.
- Scurvy grass — a bitter plant once eaten against the disease at sea.
"""


def test_no_term_question_is_a_giveaway_by_kind_echo_or_look(make_lecture):
    for seed in (None, 1, 2, 3):
        quiz = quiz_generate(lecture=make_lecture(SCURVY), rng_seed=seed)
        assert check_quiz(quiz) == []
        # James Lind, the one person, is never offered against three things.
        assert not quiz.questions.filter(prompt="Which best describes “James Lind”?").exists()
        assert quiz.questions.filter(rule="term").exists()
        for question in quiz.questions.filter(kind=Kind.SINGLE, rule="term"):
            term = re.search(r"“(.+)”", question.prompt).group(1)
            choices = list(question.choices.all())
            (right,) = [c.text for c in choices if c.is_correct]
            others = [c.text for c in choices if not c.is_correct]
            # The only person among three things: not asked so.
            assert not odd_one_out(right, others), question.prompt
            assert not echoes_term(term, right), question.prompt
            shapes = {glance_shape(text) for text in others}
            assert len(shapes) > 1 or glance_shape(right) in shapes, question.prompt


def test_a_date_set_off_by_commas_leaves_no_commas_behind():
    text = "The Second Battle of Panipat, on 5 November 1556, destroyed the army of Hemu."
    assert (
        date_rules._undated(text, "5 November 1556")
        == "The Second Battle of Panipat destroyed the army of Hemu."
    )
