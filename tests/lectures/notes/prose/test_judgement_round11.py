"""Round 11 of issue 17's timeline judgement, from held-out set 13: a "he" or "she"
after a clause that names a second person as its object may be either, so it is
not given the bullet's subject ("M. S. Swaminathan invited Borlaug to India; he
arrived" is Borlaug's arrival, and the timeline said Swaminathan's). Every bullet
here is made up for the test."""

from __future__ import annotations

import pytest

from lectures.notes.prose import extract_events


def shown(text: str) -> dict[str, str]:
    return {e.when_label: e.text for e in extract_events(text) if e.sure}


@pytest.mark.parametrize(
    ("bullet", "label", "wrong"),
    [
        (
            "Ada Keller invited Borlaug to Delhi; he arrived in March 1963 and tested seed",
            "March 1963",
            "Ada Keller arrived",
        ),
        (
            "The abbot Ceolfrith sent Bede to the library at Jarrow; he wrote the History in 731",
            "731",
            "Ceolfrith wrote",
        ),
        (
            "Queen Anne received Marlborough at Kensington; she dismissed him in December 1711",
            "December 1711",
            "Queen Anne dismissed",
        ),
    ],
)
def test_a_pronoun_after_a_second_person_is_not_given_the_subject(bullet, label, wrong):
    events = {e.when_label: e for e in extract_events(bullet)}
    assert label in events
    # Not shown as the subject's deed: either left a suggestion, or worded without it.
    assert wrong not in shown(bullet).get(label, "")


@pytest.mark.parametrize(
    ("bullet", "label", "text"),
    [
        (
            "Amundsen sailed from Norway in 1910; he reached the Pole on 14 December 1911",
            "14 December 1911",
            "Amundsen reached the Pole on 14 December 1911",
        ),
        (
            "Darwin sailed on the Beagle in 1831; he returned to England in 1836",
            "1836",
            "Darwin returned to England in 1836",
        ),
    ],
)
def test_a_pronoun_after_places_and_things_still_takes_the_subject(bullet, label, text):
    assert shown(bullet)[label] == text
