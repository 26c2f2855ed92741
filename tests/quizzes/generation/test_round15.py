"""Round 15 of issue 17's quiz drafts, from the teachers' verdicts on held-out sets 17
and 18: note-speak's passive is given back its "was", a date's name does not open an
item once the date is gone, a clause after the date runs on without its comma, and
a name the notes give two years is not ordered. Every bullet is made up."""

from __future__ import annotations

import random

import pytest

from quizzes.generation import date_rules
from quizzes.generation.sentences import passive_made_whole
from quizzes.generation.source import Source

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Warbeck captured at Beaulieu.", "Warbeck was captured at Beaulieu."),
        ("Two envoys arrested at Calais.", "Two envoys were arrested at Calais."),
        ("The charter read out at Westminster.", "The charter was read out at Westminster."),
        ("Surrey handed over.", "Surrey was handed over."),
    ],
)
def test_note_speak_passive_gets_its_was(text, whole):
    assert passive_made_whole(text) == whole


@pytest.mark.parametrize(
    "text",
    [
        "The rebels captured the fort.",  # active, with its object
        "Henry crowned himself at Reims.",
        "Grant signed at Appomattox.",  # a person signs; only a thing is signed
        "The king was crowned at Reims.",  # has its "was"
        "Captured at Calais.",  # no subject to give one to
    ],
)
def test_other_sentences_are_left_alone(text):
    assert passive_made_whole(text) == text


def test_an_item_is_undated_into_a_sentence():
    assert date_rules._undated("Warbeck captured at Beaulieu in 1497.", "1497") == (
        "Warbeck was captured at Beaulieu."
    )
    assert (
        date_rules._undated(
            "The rising began on 3 May 1381, when the villagers of Brentwood drove out the "
            "commissioners.",
            "3 May 1381",
        )
        == "The rising began when the villagers of Brentwood drove out the commissioners."
    )
    # The date's own name would open the item: "The 'Year of Plague', both ... died".
    assert (
        date_rules._undated(
            'In 1349, the "Year of Plague", both the abbot and his prior died.', "1349"
        )
        is None
    )


ACTS = """Title: Acts
Reform
- The Reform Act was passed by the Commons in 1832 after two years of crisis.
- The Poor Law Amendment Act set up the workhouse unions in 1834.
- The Municipal Corporations Act reformed the boroughs in 1835.
- The Factory Act limited children's hours in 1847.
- The Public Health Act set up a General Board of Health in 1848.
- The Ten Hours Act was passed by Parliament in 1850.
- The Education Act set up school boards in 1870.
- The Ballot Act brought in the secret ballot in 1872.
Again
- The Reform Act 1867 doubled the electorate, and Disraeli took the credit in 1868.
"""


def test_a_name_the_notes_give_two_years_is_not_ordered(make_lecture):
    src = Source.load(make_lecture(ACTS))
    items = [
        choice["text"]
        for seed in range(8)
        for draft in date_rules.ordering(src, random.Random(seed))
        for choice in draft.choices
    ]
    assert "The Factory Act limited children's hours." in items  # the others are asked
    assert not any(item.startswith("The Reform Act was") for item in items)


def test_gaps_of_a_decade_or_two_do_not_part_ages():
    class Dated:
        def __init__(self, first):
            self.first = first

    years = [1832, 1834, 1835, 1847, 1848, 1850, 1867, 1868, 1870, 1872]
    assert date_rules.core_years([Dated(y) for y in years]) == (1832, 1872)
