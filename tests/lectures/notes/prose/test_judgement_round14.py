"""Round 14 of issue 17's timeline judgement, from the misses on held-out set 18:
feasts that move with Easter and the old quarter days, a measurement's error bar,
"yrs ago", and another calendar's day glossed with ours (a Japanese era date, a
Roman one). Every bullet here is made up for the test."""

from __future__ import annotations

import pytest

from lectures.notes.prose import items_events
from lectures.notes.prose.eras import When


def read(*items: str) -> list[dict[str, tuple[str, bool, When]]]:
    found = items_events([(item, None, None) for item in items])
    return [{e.when_label: (e.text, e.sure, e.start) for e in events} for events in found]


@pytest.mark.parametrize(
    ("bullet", "label", "when"),
    [
        # Easter 1916 fell on 23 April (Gregorian); 1376's on 13 April (Julian).
        (
            "The strike began on Easter Monday 1916 at the docks",
            "Easter Monday 1916",
            (1916, 4, 24),
        ),
        ("The old king died on Trinity Sunday 1376 at Sheen", "Trinity Sunday 1376", (1376, 6, 8)),
        ("Rents fell due at Michaelmas 1642 across the county", "Michaelmas 1642", (1642, 9, 29)),
    ],
)
def test_a_feast_with_its_year_is_its_day(bullet, label, when):
    ((text, sure, start),) = read(bullet)[0].values()
    assert label in read(bullet)[0] and sure
    assert (start.year, start.month, start.day) == when


def test_an_error_bar_is_no_date_and_the_central_value_is():
    events = read("The crater formed 214.3 ± 0.5 Ma (argon dating, Manicouagan)")
    assert list(events[0]) == ["214.3 Ma"]


def test_yrs_ago_is_deep_time():
    events = read("A cold snap struck the north 12,400–11,100 yrs ago")
    assert list(events[0]) == ["12,400–11,100 yrs ago"]


def test_an_era_date_beside_the_western_day_is_that_day():
    events = read("Castle surrendered, Bunroku 2/7/14 (10 August 1593)")
    assert list(events[0]) == ["10 August 1593"]


def test_a_roman_day_glossed_before_its_year_is_that_day():
    events = read("The tribune was killed on the Nones of July (7 July) 121 BC.")
    ((_text, sure, start),) = events[0].values()
    assert sure and (start.year, start.month, start.day) == (-121, 7, 7)
