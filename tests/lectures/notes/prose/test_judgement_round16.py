"""Round 16 of issue 17's timeline judgement, from the misses on held-out set 20:
timestamps, "Myr ago", a split year counting down, a season before an early year,
spans counting down in notes whose years are BC, a sentence ending on a king's
numeral, and an event's text when a later date trims it. Every bullet here is made
up for the test."""

from __future__ import annotations

import pytest

from lectures.notes.prose import items_events


def read(*items: str, overview: str = "") -> list[dict[str, tuple[str, bool]]]:
    found = items_events([(item, None, None) for item in items], overview=overview)
    return [{e.when_label: (e.text, e.sure) for e in events} for events in found]


@pytest.mark.parametrize(
    ("bullet", "label"),
    [
        ("The service went live 2021-03-04T09:30Z for every region", "4 March 2021"),
        ("Oldest fossil of the group, c. 201 Myr ago (Yunnan)", "c. 201 Myr ago"),
        ("The truce was sworn in winter 362/1", "362–361 BC"),
    ],
)
def test_new_forms_are_read(bullet, label):
    assert list(read(bullet)[0]) == [label]


def test_a_length_in_myr_is_no_date():
    assert read("The lineage lasted for 20 Myr") == [{}]


EARLY = ("The king was crowned in 610", "The fleet was lost in 618")


def test_a_season_before_an_early_year_is_that_year():
    assert list(read(*EARLY, "The walls fell, autumn 626")[2]) == ["626"]


BC = "All years are BC unless marked AD."


def test_a_span_counting_down_in_notes_whose_years_are_bc():
    events = read(
        "The assembly was founded on 3 May 411",
        "The fleet was lost in 405",
        "The oligarchs ruled the city, 404–403",
        "The exiles returned in 401",
        overview=BC,
    )
    assert list(events[2]) == ["404–403 BC"]


def test_a_sentence_ending_on_a_kings_numeral_ends_there():
    events = read(
        "The emperor died on 20 January 842, leaving his widow as regent for Michael III. "
        "A synod in early March 843 deposed the patriarch."
    )
    assert events[0]["March 843"][0] == "A synod in early March 843 deposed the patriarch"


def test_a_date_in_a_trailing_clause_leaves_the_main_clause_whole():
    # The clause was once cut twice, to "T".
    events = read(
        "Basil died on 20 January 842, leaving his widow Irene as regent for the two-year-old "
        "Leo III. A council in early March 843 deposed the patriarch John the Scribe and put "
        "Photios in his place."
    )
    assert events[0]["20 January 842"][0].startswith("Basil died on 20 January 842")
