"""Round 15 of issue 17's timeline judgement, from the misses on held-out set 19:
army-style dates ("25 JUN 50"), what a lecture's overview says about its dates
(their order, their century, their era), and notes whose years are BC unless
marked. Every bullet here is made up for the test."""

from __future__ import annotations

from lectures.notes.prose import items_events


def read(*items: str, overview: str = "") -> list[dict[str, bool]]:
    found = items_events([(item, None, None) for item in items], overview=overview)
    return [{e.when_label: e.sure for e in events} for events in found]


ARMY = "Dates army-style, DD MMM YY; the war ran from 1950 to 1953."


def test_army_style_dates_are_read_in_the_century_the_overview_names():
    assert read("Airlift begins 26 JUN 50", "Bridge blown 03 DEC 51", overview=ARMY) == [
        {"26 June 1950": True},
        {"3 December 1951": True},
    ]


def test_army_style_spans_and_months():
    assert read(
        "Siege of the port 27 NOV–13 DEC 50", "Perimeter held AUG–SEP 51", overview=ARMY
    ) == [
        {"27 November–13 December 1950": True},
        {"August–September 1951": True},
    ]


def test_without_the_overview_an_army_style_centurys_is_a_guess():
    assert read("Airlift begins 26 JUN 50") == [{"26 June '50": False}]


def test_the_overview_saying_which_way_slashed_dates_go_is_heard():
    item = "Treaty signed at the border post, 3/4/1921"
    assert read(item, overview="Slashed dates in these notes are d/m/y.") == [
        {"3 April 1921": True}
    ]
    assert read(item) == [{"3 April 1921": False}]


BC_NOTES = "From Alexander to Actium. All years are BCE unless marked CE."


def test_notes_whose_years_are_bc_read_bare_years_as_bc():
    events = read(
        "The regent died at the old capital on 10 June 323",
        "Battle at the river crossing, 312",
        "The city walls rebuilt in 305",
        "The old king was killed in battle in 301",
        "Peace sworn at the island shrine, 286",
        "The last of the old generals fell in battle on 3 May 281",
        overview=BC_NOTES,
    )
    assert events == [
        {"10 June 323 BC": True},
        {"312 BC": True},
        {"305 BC": True},
        {"301 BC": True},
        {"286 BC": True},
        {"3 May 281 BC": True},
    ]


def test_a_year_of_four_digits_stays_ours_in_notes_whose_years_are_bc():
    events = read(
        "The regent died at the old capital on 10 June 323",
        "The city walls rebuilt in 305",
        "Peace sworn at the island shrine, 286",
        "The inscription was found by French soldiers in 1799",
        overview=BC_NOTES,
    )
    assert events[3] == {"1799": True}


def test_a_span_counting_up_is_not_turned_back_to_front_in_notes_whose_years_are_bc():
    found = items_events(
        [
            (item, None, None)
            for item in (
                "The regent died at the old capital on 10 June 323",
                "The city walls rebuilt in 305",
                "The old king was killed in battle in 301",
                "The siege dragged on from 290 to 296",
            )
        ],
        overview=BC_NOTES,
    )
    for events in found:
        for event in events:
            assert event.end is None or event.start.sort_key <= event.end.sort_key
