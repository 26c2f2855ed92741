"""Round 4 of issue 17's timeline judgement: small years of our era written with no
era, note-speak (abbreviated decade spans, place-and-year pairs, arrows), a city and
a year naming an occasion, and a birth told as "had 3 sons" (not a statistic)."""

from __future__ import annotations

import pytest

from lectures.notes.prose import When, extract_events


def shown(text: str, context: str | None = None) -> dict[str, str]:
    return {e.when_label: e.text for e in extract_events(text, context) if e.sure}


def read(text: str) -> list[tuple[str, bool]]:
    return [(e.when_label, e.sure) for e in extract_events(text)]


# ------------------------------------------------------------------ small AD years


@pytest.mark.parametrize(
    ("bullet", "year"),
    [
        ("The envoys reached the Wei court in 239.", 239),
        ("Heraclius came to the throne in 610.", 610),
        ("Rome was sacked in 455.", 455),
        ("The Visigoths crossed the Danube in 376 and settled in Moesia.", 376),
    ],
)
def test_a_small_year_after_in_and_an_event_verb_is_shown(bullet, year):
    events = extract_events(bullet)
    assert [(e.start, e.sure) for e in events] == [(When(year), True)]


@pytest.mark.parametrize(
    "bullet",
    [
        "The report ran in 378 pages.",
        "The first edition was printed in 615 copies.",
        "The road ran 378 km across the plain.",
        "The siege ended in 239 days.",
        "The risk of death was one in 200.",
        "The army marched in 300 m columns.",
    ],
)
def test_a_small_number_that_counts_or_measures_is_no_year(bullet):
    assert extract_events(bullet) == []


@pytest.mark.parametrize(
    "bullet",
    [
        # No event verb in the clause.
        "The town was small in 455.",
        # Another number in the clause.
        "Rome was sacked in 455 by 20,000 Vandals.",
    ],
)
def test_a_small_year_is_only_suggested_when_its_clause_does_not_bear_it_out(bullet):
    assert read(bullet) == [("455", False)]


def test_a_small_lifespan_after_a_name_is_one_span():
    events = extract_events("Muawiya (602–680) founded the Umayyad dynasty.")
    assert [(e.start, e.end, e.sure) for e in events] == [(When(602), When(680), True)]


def test_between_c_and_a_small_year_is_one_span_with_an_approximate_start():
    (event,) = extract_events("Norse raiders struck the coasts between c. 790 and 900.")
    assert event.when_label == "c. 790–900"
    assert (event.start, event.end) == (When(790, approximate=True), When(900))


def test_a_small_year_with_its_era_is_read_as_before():
    assert read("Alaric took Rome in AD 410.") == [("AD 410", True)]


# ------------------------------------------------------------------ note-speak


def test_an_abbreviated_decade_span_reads_as_both_decades():
    (event,) = extract_events("Chartist petitions presented 1830s–40s.")
    assert event.when_label == "1830s–1840s"
    assert (event.start, event.end) == (When(1830, "decade"), When(1840, "decade"))


@pytest.mark.parametrize(
    "bullet",
    ["Crinolines popular 1850s–60s.", "Gas lighting in use 1920s–50s.", "Popular 1830s–40s."],
)
def test_a_state_over_decades_in_note_speak_is_no_event(bullet):
    assert shown(bullet) == {}


def test_place_and_year_pairs_after_a_colon_are_one_event_each():
    assert shown("propofol: UK launch 1986, US 1989") == {
        "1986": "Propofol: UK launch 1986",
        "1989": "Propofol: US launch 1989",
    }


def test_an_arrow_ends_the_clause_of_a_negated_bound():
    assert shown("Darwin didn't publish till 1859 → lost priority") == {
        "1859": "Darwin didn't publish till 1859"
    }
    assert shown("The canal did not open until 1807 → trade moved to rail") == {
        "1807": "The canal did not open until 1807"
    }


# ------------------------------------------------------------------ occasions


@pytest.mark.parametrize(
    ("bullet", "label"),
    [
        ("The boycott of Moscow 1980 cost the Games half their teams.", "1980"),
        ("At Paris 1924 the 1500 m was won by Nurmi.", "1924"),
        ("London 2012 was the first Games with women in every team.", "2012"),
    ],
)
def test_a_city_and_a_year_date_the_occasion(bullet, label):
    assert list(shown(bullet)) == [label]


@pytest.mark.parametrize(
    ("bullet", "labels"),
    [
        ("They drove Route 66 to Los Angeles in 1950.", ["1950"]),
        ("Terminal 5 opened in 2008.", ["2008"]),
        ("Apollo 11 landed on the Moon in 1969.", ["1969"]),
        ("The Boeing 747 first flew in 1969.", ["1969"]),
        ("Windows 95 was released in 1995.", ["1995"]),
        ("Kosmos 1408 was destroyed by a missile in 2021.", ["2021"]),
    ],
)
def test_a_name_with_a_number_is_no_occasion(bullet, labels):
    assert [e.when_label for e in extract_events(bullet)] == labels


# ------------------------------------------------------------------ statistics


@pytest.mark.parametrize(
    "bullet", ["Rothschild had 5 sons in 1777.", "The queen had a son in 1841."]
)
def test_children_had_are_a_birth(bullet):
    assert len(shown(bullet)) == 1


def test_a_town_s_inhabitants_stay_a_state():
    assert shown("In 1821 the town had 3,000 inhabitants.") == {}
    assert shown("In 1850 the orphanage had 300 children.") == {}
