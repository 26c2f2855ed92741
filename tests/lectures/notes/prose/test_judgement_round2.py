"""Round 2 of issue 17's timeline judgement: the classes of mistakes found on notes
the rules were never tuned on, each on synthetic bullets of the same shape (spans
of every precision, BC days and months, one-ended bounds, frame years, nested
items, named acts, units, relative clauses, parenthesised dates, leading dates)."""

from __future__ import annotations

import pytest

from lectures.notes.prose import When, extract_events


def only(text: str, context: str | None = None):
    [event] = extract_events(text, context)
    return event


def shown(text: str, context: str | None = None) -> dict[str, str]:
    return {e.when_label: e.text for e in extract_events(text, context) if e.sure}


# --------------------------------------------------------------------------- spans


@pytest.mark.parametrize(
    ("bullet", "start", "end"),
    [
        (
            "Dutch tile-making boomed from the early 1650s to the late 1680s.",
            When(1650, "decade", qualifier="early"),
            When(1680, "decade", qualifier="late"),
        ),
        (
            "Viking raids on Frisia came from the mid-9th century to the late 10th century.",
            When(800, "century", qualifier="mid"),
            When(900, "century", qualifier="late"),
        ),
        (
            "Norse raids on Ireland ran from the 9th to the 11th century.",
            When(800, "century"),
            When(1000, "century"),
        ),
        (
            "Dance halls in Harlem flourished from the 1920s into the 1940s.",
            When(1920, "decade"),
            When(1940, "decade"),
        ),
        (
            "The siege of the castle lasted from late March to May 1412.",
            When(1412, "month", 3),
            When(1412, "month", 5),
        ),
        (
            "The conspirators were hunted down in late October and early November 1605.",
            When(1605, "month", 10),
            When(1605, "month", 11),
        ),
        (
            "The end-Permian crisis ran 252–201 million years ago.",
            When(252_000_000, "deep"),
            When(201_000_000, "deep"),
        ),
        (
            "The Paleocene lasted between 66 and 56 million years ago.",
            When(66_000_000, "deep"),
            When(56_000_000, "deep"),
        ),
        (
            "Neanderthals and humans overlapped from about 40,000 to about 30,000 years ago.",
            When(40_000, "deep", approximate=True),
            When(30_000, "deep", approximate=True),
        ),
        (
            "The warm interstadial lasted from 14,700 to 12,900 years ago.",
            When(14_700, "deep"),
            When(12_900, "deep"),
        ),
        (
            "Wang Mang held the throne 9–23 CE before the Han returned.",
            When(9),
            When(23),
        ),
        (
            "The blockade of the port ran from 15 March 44 BC to 2 September 31 BC.",
            When(-44, "day", 3, 15),
            When(-31, "day", 9, 2),
        ),
    ],
)
def test_a_span_of_any_precision_is_one_event_with_both_ends(bullet, start, end):
    event = only(bullet)

    assert (event.start, event.end) == (start, end)
    assert event.sure


def test_two_months_that_do_not_run_on_are_not_joined_into_a_span():
    events = extract_events("The fleet sailed in March and came back in May 1605.")

    assert all(event.end is None for event in events)


# --------------------------------------------------------------------------- BC days and months


@pytest.mark.parametrize(
    ("bullet", "start"),
    [
        (
            "Caesar was stabbed in the Senate house on the 15th of March 44 BC.",
            When(-44, "day", 3, 15),
        ),
        ("Octavian entered Alexandria in October, 31 BC.", When(-31, "month", 10)),
        # A Roman day is left to the reader: its year, not "March 44 BC".
        ("Caesar was stabbed in the Senate house on the Ides of March, 44 BC.", When(-44)),
    ],
)
def test_a_bc_day_or_month_is_read_with_its_era(bullet, start):
    assert only(bullet).start == start


def test_a_comma_after_a_month_does_not_make_a_count_a_year():
    assert [e.when_label for e in extract_events("In March, 1500 soldiers marched north.")] == []
