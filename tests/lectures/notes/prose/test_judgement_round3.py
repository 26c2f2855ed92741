"""Round 3 of issue 17's timeline judgement: the classes of mistakes found on the
third held-out set, each on synthetic bullets of the same shape (hedges and bounds,
historiography, a second calendar, statistics, a bound's own thing, frames, what
never happened, lifespans, pronouns, clause surgery)."""

from __future__ import annotations

import pytest

from lectures.notes.prose import When, extract_events


def shown(text: str, context: str | None = None) -> dict[str, str]:
    return {e.when_label: e.text for e in extract_events(text, context) if e.sure}


# ------------------------------------------------------------------ no event at all


@pytest.mark.parametrize(
    "bullet",
    [
        # Hedges: the notes doubt it happened.
        "The city was founded in 1200, if it happened at all.",
        "King Arthur fought at Badon in 1516, if he existed.",
        # Bounds, not events.
        "Life began at least 3.5 billion years ago.",
        "Hominins left Africa at least 1.8 million years ago.",
        # Historiography.
        "Liberal historians of the 19th century saw the revolution as progress.",
        "Revisionists of the 1970s stressed continuity over change.",
        "Smith's study (1988) argued that the famine was man-made.",
        "Braudel's thesis links the price rise to the mid-16th century.",
        "Older books give 1290 BC, following a higher chronology.",
        "Placebo effect overstated (Beecher & Todd, 1954)",
        # Statistics are states.
        "In 1801 the mills employed some 900 people.",
        "The town grew from about 20,000 people in 1780 to over 200,000 by 1850.",
        "In 1835 the county had about 50,000 looms.",
        "The share fell from 90 % in 1974 to 65 % in 2017.",
        # A bound's own thing.
        "The cathedral remained the tallest building until the tower of Ulm c. 1500.",
        # Frames.
        "Catches fell to about 1 % of its level in the early 1960s.",
        "Quotas were set against the average effort of 2004–2006.",
        # What never happened.
        "The Olympics of 1940 were never held.",
    ],
)
def test_dates_that_date_no_event_of_the_bullet_are_not_shown(bullet):
    assert shown(bullet) == {}


def test_what_never_happened_is_not_even_suggested():
    assert extract_events("The Games of 1916 and 1940 were never held.") == []
    assert [
        e.when_label for e in extract_events("Metric units were made standard only in 1921.")
    ] == ["1921"]


def test_a_date_in_another_calendar_is_no_second_event():
    events = extract_events(
        "Washington was born on 22 February 1732 (11 February 1731 in the Old Style)."
    )
    assert [(e.when_label, e.sure) for e in events] == [("22 February 1732", True)]
    events = extract_events("The Soviets moved the calendar on 14 February 1918 (1 February O.S.).")
    assert [(e.when_label, e.sure) for e in events] == [("14 February 1918", True)]


def test_a_year_that_names_the_bound_itself_stays_an_event():
    bullet = "Relations held until the 2020 border war, when Russia brokered a ceasefire."
    assert "2020" in shown(bullet)


def test_a_statistic_beside_an_event_leaves_the_event():
    assert "1769" in shown("Arkwright patented the water frame in 1769.")
    assert "1913" in shown("In 1913 Ford introduced the moving assembly line.")


# ------------------------------------------------------------------ clause surgery


@pytest.mark.parametrize(
    ("bullet", "label", "text"),
    [
        (
            "Chariot racing was added in 680 BC and the pankration in 648 BC, at the 33rd games.",
            "648 BC",
            "The pankration was added in 648 BC, at the 33rd games",
        ),
        (
            "The line reached Leeds in 1840 and the coast in 1846.",
            "1846",
            "The line reached the coast in 1846",
        ),
    ],
)
def test_a_gapped_conjunct_is_never_glued_to_the_other_subject(bullet, label, text):
    assert shown(bullet)[label] == text


# ------------------------------------------------------------------ lifespans


@pytest.mark.parametrize(
    ("bullet", "start", "end"),
    [
        (
            "Mary Somerville (1780–c. 1872) was refused entry to the Royal Society.",
            When(1780),
            When(1872, approximate=True),
        ),
        (
            "Mary Somerville (c. 1780–1872) was refused entry to the Royal Society.",
            When(1780, approximate=True),
            When(1872, approximate=True),
        ),
        ("Mary Somerville (b. 1780) was refused entry to the Royal Society.", When(1780), None),
    ],
)
def test_a_lifespan_after_a_name_is_one_event_about_the_name(bullet, start, end):
    [event] = extract_events(bullet)
    assert (event.start, event.end, event.sure) == (start, end, True)
    assert event.text.startswith("Mary Somerville (")
    assert "refused" not in event.text


# ------------------------------------------------------------------ pronouns


@pytest.mark.parametrize(
    ("bullet", "parent", "label"),
    [
        ("The committee restored him as champion on 3 May 2019.", "Greg LeMond:", "3 May 2019"),
        ("Her team found the entrance to his tomb on 4 June 1911.", "Tutankhamun", "4 June 1911"),
        ("Parliament granted him £4000 in 1809.", "Humphry Davy", "1809"),
    ],
)
def test_an_object_or_possessive_pronoun_reads_with_the_parents_name(bullet, parent, label):
    name = parent.rstrip(":")
    assert shown(bullet, parent)[label].startswith(f"{name}: ")


def test_a_name_of_its_own_keeps_a_possessive_to_itself():
    text = shown("Marie Curie won her second Nobel Prize in 1911.", "Pierre Curie")["1911"]
    assert text == "Marie Curie won her second Nobel Prize in 1911."
    assert shown("The king gave her a pension in 1850.", "The Treaty of Paris")["1850"] == (
        "The king gave her a pension in 1850."
    )


# ------------------------------------------------------------------ an era written once


@pytest.mark.parametrize(
    ("bullet", "years"),
    [
        ("Athens fought Sparta in 396 and 392 BC.", {"396 BC": -396, "392 BC": -392}),
        ("The Persians invaded Greece in 480 and 479 BCE.", {"480 BCE": -480, "479 BCE": -479}),
    ],
)
def test_an_era_written_once_for_a_pair_dates_both_years(bullet, years):
    events = extract_events(bullet)
    assert {e.when_label: e.start.year for e in events if e.sure} == years


# ------------------------------------------------------------------ two dated clauses


def test_years_before_another_subjects_dated_act_are_two_events():
    bullet = "Einstein published relativity in 1905, two years before Minkowski recast it in 1907."
    assert shown(bullet) == {
        "1905": "Einstein published relativity in 1905",
        "1907": "Minkowski recast it in 1907",
    }
