"""Round 14 of issue 17's quiz drafts, from the teachers' verdicts on held-out set 16:
no event of another age in an ordering question, no item that counts from another
or breaks off a quotation, and no person of another age offered as a stand-in."""

from __future__ import annotations

import random

import pytest

from quizzes.generation import date_rules
from quizzes.generation.people import people, stand_ins
from quizzes.generation.soundness import RELATIVE
from quizzes.generation.source import Source

pytestmark = pytest.mark.django_db

CANALS = """Title: Canals
Building
- The Bridgewater Canal opened in 1761 and halved the price of coal in Manchester.
- The Trent and Mersey Canal was begun in 1766 under James Brindley.
- The Leeds and Liverpool Canal was authorised by Parliament in 1770.
- The Grand Junction Canal linked London to the Midlands in 1805.
- The Caledonian Canal was completed across Scotland in 1822.
- The Liverpool and Manchester Railway opened in 1830 and drew off the canals' trade.
Afterlife
- The Falkirk Wheel lifted its first boats between two canals in 2002.
"""


def test_an_event_of_another_age_is_not_ordered_among_the_rest(make_lecture):
    src = Source.load(make_lecture(CANALS))
    assert date_rules.core_years(src.events) == (1761, 1830)
    for seed in range(8):
        for draft in date_rules.ordering(src, random.Random(seed)):
            assert not any("Falkirk" in choice["text"] for choice in draft.choices)


def test_a_lecture_of_one_age_keeps_all_its_events():
    class Dated:
        def __init__(self, first):
            self.first = first

    years = [1914, 1916, 1917, 1918, 1919, 1923, 1925, 1929]
    assert date_rules.core_years([Dated(y) for y in years]) == (1914, 1929)


@pytest.mark.parametrize(
    "item",
    [
        "Pakistan and India went to war barely a year after independence.",
        "The Lombards crossed the Alps within three years of his death.",
        "A museum opened in Amritsar for the 70th anniversary.",
    ],
)
def test_an_item_that_counts_from_another_is_not_ordered(item):
    assert RELATIVE.search(item)
    assert not date_rules.clean_item(item)


def test_an_item_that_breaks_off_a_quotation_is_not_ordered():
    assert not date_rules.clean_item('The Commons blamed "the hand of God, a great wind.')
    assert date_rules.clean_item('The Commons blamed "the hand of God" for the fire.')


KINGS = """Title: Assyria
Kings
- Sargon II took the throne of Assyria in 722 BC after a palace coup.
- Sennacherib besieged Jerusalem in 701 BC but did not take it.
- Esarhaddon conquered Memphis in Egypt in 671 BC.
Excavators
- Austen Henry Layard began digging at Nimrud in 1845 with a few workmen.
- Hormuzd Rassam found the library of Ashurbanipal at Nineveh in 1853.
- George Smith read the flood tablet to the Society of Biblical Archaeology in 1872.
"""


def test_no_one_of_another_age_stands_in_for_a_person(make_lecture):
    src = Source.load(make_lecture(KINGS))
    (bullet,) = [b for g in src.bullets.values() for b in g if "Rassam" in b.plain]
    name, others = stand_ins(bullet, src, people(src))
    assert name == "Hormuzd Rassam"
    assert others and not {"Sargon II", "Sennacherib", "Esarhaddon"} & set(others)
