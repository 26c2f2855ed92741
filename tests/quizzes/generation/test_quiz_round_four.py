"""Round 4 of issue 17's quiz drafts: the classes two teachers rejected on the third
held-out set (fragments, count swaps, punctuation, blanks in ordering items,
giveaways beside a gap, a range's end swapped), in the generator and the rubric.
Round 12 removed the tests of false statements and date gaps, drafted no more; the
rubric still names their faults in questions an instructor writes."""

from __future__ import annotations

import re

import pytest

from quizzes.generation import quiz_generate
from quizzes.generation.dating import dated
from quizzes.generation.rubric import check_quiz
from quizzes.generation.source import Source, can_state
from quizzes.models import Question

from .test_rubric_checks import NOTES, build, tf

pytestmark = pytest.mark.django_db

Kind = Question.Kind

COLLECTORS = """Title: Collectors
Gilded Age Collectors
- Isabella Stewart Gardner opened her museum in Boston in 1903.
    - bought Titian's Rape of Europa in 1896
    - it was shipped from London in 1896
- regent 1016; 4 daughters married to emperors
- The Frick mansion on Fifth Avenue was completed in 1914
- J. P. Morgan gave about 7,000 objects to the Metropolitan Museum in 1917.
- Henry Clay Frick bought Holbein's portrait of Thomas More in 1912.
- Andrew Mellon gave 126 paintings to found the National Gallery in 1937.
- The Armory Show brought modern art to New York in 1913.
- Henry Walters opened his gallery in Baltimore to the public in 1909.
- The Barnes Foundation was chartered in Merion in 1922 with 181 Renoirs.
Markets
- Duveen Brothers sold Old Masters to American buyers in the 1900s–1930s.
- The Barnes Foundation holds 181 paintings by Renoir in its Merion galleries.
- The Wall Street Crash in 1929 ended the great buying spree.
- The income tax of 1913 made gifts to museums worth more to donors.
- Joseph Duveen became a British baron in 1933 for his gifts to galleries.
- The Tariff Act of 1909 let old art into the country free of duty.
- The Temple of Dendur was given to the Metropolitan Museum in 1965 or 1967.
Key Terms
- Provenance — the history of who owned a work of art.
- National Endowment for the Arts (NEA) — a federal agency that funds artists.
- Imperial Diet (Reichstag) — the parliament of the German Empire.
- Kunstkammer — a room of curiosities gathered by a prince.
- Connoisseur — an expert who attributes works by their style.
"""


@pytest.fixture
def collectors(make_lecture):
    return make_lecture(COLLECTORS, course="collect")


def _quizzes(lecture, seeds=range(6)):
    return [quiz_generate(lecture=lecture, rng_seed=seed) for seed in seeds]


def test_a_nested_item_opening_on_a_verb_takes_its_parents_name(collectors):
    src = Source.load(collectors)
    bullets = {b.plain: b for group in src.bullets.values() for b in group}
    bought = bullets["bought Titian's Rape of Europa in 1896"]
    assert bought.said == "Isabella Stewart Gardner bought Titian's Rape of Europa in 1896"
    assert can_state(bought)
    # "it" is what the parent item names, not said there: never asked.
    assert not can_state(bullets["it was shipped from London in 1896"])


def test_note_speak_lines_are_never_stated(collectors):
    src = Source.load(collectors)
    bullets = {b.plain: b for group in src.bullets.values() for b in group}
    assert not can_state(bullets["regent 1016; 4 daughters married to emperors"])
    for quiz in _quizzes(collectors):
        for question in quiz.questions.all():
            assert "regent" not in question.prompt
            assert not any("regent" in c.text for c in question.choices.all())


def test_sentences_asked_end_with_a_full_stop(collectors):
    # "The Frick mansion on Fifth Avenue was completed in 1914" has none in the notes.
    frick = 0
    for quiz in _quizzes(collectors):
        for question in quiz.questions.filter(rule__in=["ordering", "first", "name"]):
            if question.rule == "name":
                texts = [question.prompt]
            else:
                texts = [c.text for c in question.choices.all()]
            for text in texts:
                assert text.endswith("."), text
                frick += text.startswith("The Frick mansion")
    assert frick


def test_the_short_answer_reads_as_a_question_and_names_only_abbreviations(collectors):
    prompts = {}
    for quiz in _quizzes(collectors, range(12)):
        for question in quiz.questions.filter(kind=Kind.SHORT_ANSWER):
            prompts[question.source] = question.prompt
    assert prompts
    for name, prompt in prompts.items():
        assert re.fullmatch(r"Which term (\(or its abbreviation\) )?means “[^”]+”\?", prompt)
        assert ("(or its abbreviation)" in prompt) == ("NEA" in name), prompt


def test_ordering_items_have_no_blank_nor_date_nor_pronoun(collectors):
    asked = 0
    for quiz in _quizzes(collectors):
        for question in quiz.questions.filter(kind=Kind.ORDERING):
            for choice in question.choices.all():
                asked += 1
                assert "____" not in choice.text
                assert not dated(choice.text), choice.text
                assert not re.search(r"\b(?:it|she|they)\b", choice.text, re.I), choice.text
    assert asked


def test_an_alternative_date_beside_the_key_is_never_asked(collectors):
    for quiz in _quizzes(collectors):
        for question in quiz.questions.all():
            assert "Dendur" not in question.prompt
            assert not any("Dendur" in c.text for c in question.choices.all())


def test_every_generated_quiz_passes_the_rubric(collectors):
    for quiz in _quizzes(collectors):
        assert check_quiz(quiz) == []


# --- the rubric learns each class --------------------------------------------------

OK = [
    (
        "single",
        "Which happened first?",
        ["*Dickens toured America.", "The museum opened.", "X.", "Z."],
    ),
    ("single", "Which came next?", ["The museum opened.", "*Dickens toured America.", "Y.", "W."]),
]


@pytest.fixture
def dickens(make_lecture):
    return make_lecture(NOTES, course="lit")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            tf("toured America in 1842 and again in 1867.", True, "toured America in 1842."),
            "note-speak fragment",
        ),
        (
            tf("Dickens toured America; twice.", True, "Dickens toured America; twice."),
            "note-speak fragment",
        ),
        (
            tf(
                "Dickens wrote 30 novels in 1853.",
                False,
                "Dickens wrote 15 novels in 1853.",
            ),
            "swaps a count",
        ),
        (
            tf("Dickens toured America in 1842", True, "Dickens toured America in 1842"),
            "without a full stop",
        ),
        (
            (
                Kind.SHORT_ANSWER,
                "Which term (or its abbreviation) means: a novel published in parts.",
                ["Serial", "SRL", "Serial (SRL)"],
            ),
            "question mark",
        ),
        (
            (
                Kind.SHORT_ANSWER,
                "Which term (or its abbreviation) means “the German parliament”?",
                ["Imperial Diet", "Reichstag", "Imperial Diet (Reichstag)"],
            ),
            "calls “Reichstag” an abbreviation",
        ),
        (
            (
                Kind.ORDERING,
                "Put these events in chronological order, earliest first.",
                ["Dickens toured America in ____.", "The museum opened.", "Bleak House came."],
            ),
            "an ordering item with a blank",
        ),
        (
            (
                "single",
                "Which date fills the gap? The temple fell in ____ or 586 BC.",
                ["587 BC", "590 BC", "594 BC", "598 BC"],
            ),
            "alternative date printed beside the gap",
        ),
        (
            (
                "single",
                "When did this happen? The Earth formed.",
                [
                    "about 4.54 billion years ago",
                    "about 4.5 billion years ago",
                    "about 4.6 billion years ago",
                    "about 4.7 billion years ago",
                ],
            ),
            "different decimals",
        ),
        (
            tf(
                "Dickens toured America in the 1840s–1870s.",
                False,
                "Dickens toured America in the 1840s–1860s.",
            ),
            "swaps one end of a range",
        ),
    ],
)
def test_each_round_four_fault_is_named(dickens, row, message):
    found = check_quiz(build(dickens, OK + [row]))
    assert any(message in f for f in found), found


def test_a_definition_printing_a_date_questions_answer_is_named(dickens):
    rows = OK + [
        (
            "single",
            "Which date fills the gap? The Dickens Museum opened in London in ____.",
            ["*1925", "1930", "1920", "1935"],
        ),
        (
            "matching",
            "Match each term to its definition.",
            [
                ("Museum", "the house opened in 1925 to visitors"),
                ("Serial", "a novel published in parts"),
                ("Illustrator", "the artist who drew a novel's plates"),
            ],
        ),
    ]
    found = check_quiz(build(dickens, rows))
    assert any("its answer 1925 is printed" in f for f in found), found
