"""Round 9 of issue 17's timeline judgement, from the misses on held-out set 9:
note-speak's shorthand around a year ("w/" for "with", "=" for "is") and a year
right after a name ("Bergen 1349"), read against the lecture's own span of years.
Every bullet here is made up for the test."""

from __future__ import annotations

import pytest

from lectures.notes.prose import When, extract_events
from lectures.notes.prose.notes_wide import NotesYears

# The years a made-up lecture's other items name (notes_wide.notes_years).
LECTURE = NotesYears(1750, 1900)


def shown(text: str, years: NotesYears | None = None) -> dict[str, str]:
    return {e.when_label: e.text for e in extract_events(text, years=years) if e.sure}


# ------------------------------------------------------------ "w/" and "=" in note-speak


def test_w_slash_after_a_span_is_with_not_watts():
    events = extract_events("Canal dug 1792–94 w/ French prisoners as labour")
    assert [(e.start, e.end, e.sure) for e in events] == [(When(1792), When(1794), True)]
    # A unit per unit after a number is still a quantity.
    assert extract_events("Engine gave 1500 w/kg on the bench") == []


def test_an_equals_sign_in_note_speak_is_is():
    events = extract_events('Great Frost 1739–40 = "the long winter" in Irish annals')
    assert [(e.start, e.end, e.sure) for e in events] == [(When(1739), When(1740), True)]
    # With a number on the other side, or a times sign, it is still arithmetic.
    assert not any(e.start == When(1760) for e in extract_events("Rents rose 1760 = 3 × 1700"))
    assert not any(e.start == When(1000) for e in extract_events("Now est. 10–1000× that"))


# ------------------------------------------------------------ a year right after a name


@pytest.mark.parametrize(
    ("bullet", "label", "words"),
    [
        ("Lübeck 1791 (two ships from Riga) → Hanse ports", "1791", "Lübeck"),
        ("Turnpike Act passed; Corn Bounty 1815 (Parlt) → riots", "1815", "Corn Bounty"),
        ("Jenner's trial; Haygarth & Creighton 1802 → first survey", "1802", "Haygarth"),
        ("Ramsay traces it to Flanders 1844", "1844", "Ramsay"),
    ],
)
def test_a_year_after_a_name_within_the_lectures_years_is_a_date(bullet, label, words):
    assert label not in shown(bullet)
    events = shown(bullet, LECTURE)
    assert label in events and words in events[label]


def test_a_name_that_numbers_or_is_given_keeps_its_number():
    assert "1860" in shown("Tyneside 1860 (coal strike) → Durham", LECTURE)
    for bullet in [
        "Satellite Kosmos 1408 (old Soviet) destroyed",  # outside the lecture's years
        "His sample, NCTC 1851, is kept in London",  # a code in capitals
        "In 1899 the beetle was renamed Carabus auratus Linnaeus 1758",  # a name given
    ]:
        assert not {"1408", "1851", "1758"} & set(shown(bullet, LECTURE))


# ------------------------------------------------------------ a list after "Thing:"


def test_a_list_after_a_things_colon_counts_its_pieces_words_without_the_thing():
    events = shown("First reports: Lancet on 3 May 1890, BMJ on 10 May 1890")
    assert events == {
        "3 May 1890": "First reports: Lancet on 3 May 1890",
        "10 May 1890": "First reports: BMJ on 10 May 1890",
    }


def test_the_last_piece_of_a_note_list_may_close_with_a_gloss():
    events = shown("Early Jurassic: Toarcian event 183 Ma, Pliensbachian crisis 186 Ma (anoxia)")
    assert "Pliensbachian" not in events["183 Ma"]
    assert "Toarcian" not in events["186 Ma"]


# ------------------------------------------------------------ "the 14th" in note-speak


def test_a_bare_ordinal_ending_its_phrase_takes_the_month_of_the_date_before():
    def days(text):
        events = extract_events(text, nearby=When(1665, "month", 8), years=LECTURE)
        return {e.when_label: e.sure for e in events}

    assert days("Fire: bakery 2 Sept. 1666; Cheapside gone the 4th")["4 September 1666"]
    # After a name, "the 14th" is the name's number.
    assert "14 September 1666" not in days("Fire: bakery 2 Sept. 1666; w/ Louis the 14th")
