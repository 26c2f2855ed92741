"""Round 8 of issue 17's timeline judgement, from the misses on held-out set 8:
radiocarbon ages ("cal BP", "BP", "cal BC") as deep time and BC, academic and
financial years as no dates, a law's name year beside its Royal Assent day, and
event texts that lost their own words or kept another date's. Every bullet here is
made up for the test."""

from __future__ import annotations

import pytest

from lectures.notes.prose import When, extract_events
from lectures.notes.prose.dates import find_mentions


def shown(text: str, context: str | None = None) -> dict[str, str]:
    return {e.when_label: e.text for e in extract_events(text, context) if e.sure}


def read(text: str) -> list[tuple[When, When | None, bool]]:
    return [(e.start, e.end, e.sure) for e in extract_events(text)]


# ------------------------------------------------------------ radiocarbon ages


@pytest.mark.parametrize(
    ("bullet", "start", "end"),
    [
        ("The rock shelter was first occupied c. 11,200 cal BP", When(11200, "deep"), None),
        ("Hearths at the lake edge date to 9,850 yr BP", When(9850, "deep"), None),
        (
            "Shell middens built up along the bay at 7,420–6,980 cal BP",
            When(7420, "deep"),
            When(6980, "deep"),
        ),
        (
            "The Holocene thermal maximum lasted from 9,000 to 5,000 BP",
            When(9000, "deep"),
            When(5000, "deep"),
        ),
        (
            "Rice paddies were dug in the valley c. 4,300–3,900 cal BP",
            When(4300, "deep"),
            When(3900, "deep"),
        ),
    ],
)
def test_a_radiocarbon_age_before_present_is_deep_time(bullet, start, end):
    ((found, found_end, sure),) = read(bullet)
    assert sure
    assert (found.year, found.precision) == (start.year, start.precision)
    assert (found_end and (found_end.year, found_end.precision)) == (
        end and (end.year, end.precision)
    )


def test_an_approximate_radiocarbon_age_is_approximate():
    (event,) = extract_events("Obsidian reached the island c. 8,100 cal BP")
    assert event.start == When(8100, "deep", approximate=True)
    # A modern year before a company's name is no age.
    (mention,) = find_mentions("In 1987 BP bought the rest of Standard Oil")
    assert mention.when == When(1987)


def test_a_calibrated_age_bc_is_a_year_bc():
    (event,) = extract_events("Copper was smelted at the hill fort c. 4500 cal BC")
    assert event.start == When(-4500, "year", approximate=True) and event.sure


def test_a_radiocarbon_age_the_notes_say_specialists_dispute_is_no_sure_event():
    events = extract_events(
        "Spear points from Lake Mungo, dated c. 31 ka, still divide archaeologists"
    )
    assert events and not any(e.sure for e in events)


def test_an_age_set_off_by_commas_is_its_nouns_when_the_verb_has_its_own_date():
    found = shown(
        "Bone flutes from the Swabian caves, dated c. 42,000 cal BP, were described in 2009"
    )
    assert set(found) == {"c. 42,000 cal BP", "2009"}
    assert "described" not in found["c. 42,000 cal BP"]
    assert "described" in found["2009"] and "42,000" not in found["2009"]


def test_a_bound_set_off_by_commas_leaves_the_other_events_text():
    found = shown(
        "The Lindow bog site, excavated by Rick Turner from 1984, dates to c. 2,000 cal BP"
    )
    assert list(found) == ["c. 2,000 cal BP"]
    assert "1984" not in found["c. 2,000 cal BP"]


# ------------------------------------------------------------ academic and financial years


@pytest.mark.parametrize(
    "bullet",
    [
        "The council's schools budget fell by 4% in 2015/16",
        "Nursery places were free for every three-year-old from 2004/05",
        "Road spending reached £3.1 billion in the 2019-20 financial year",
        "The deficit was larger in the fiscal year 2008–09 than in any year since the war",
    ],
)
def test_an_academic_or_financial_year_is_no_date(bullet):
    assert extract_events(bullet) == []


def test_two_years_of_a_winter_or_a_campaign_are_still_a_span():
    assert extract_events("School meals cost 40p a day in 1983/84") == []
    (mention,) = find_mentions("The canal froze solid in the winter 1962/63")
    assert (mention.when, mention.end_when) == (When(1962), When(1963))
    (event,) = extract_events("The Crimean campaign of 1854–55 exposed the army's supply system")
    assert (event.start, event.end) == (When(1854), When(1855))


# ------------------------------------------------------------ a law named by its year


def test_a_laws_name_year_is_no_second_event_beside_its_royal_assent_day():
    events = extract_events("The Clean Rivers Act 2009 received Royal Assent on 12 November 2009")
    assert [(e.start, e.sure) for e in events] == [(When(2009, "day", 11, 12), True)]


def test_a_laws_name_year_goes_with_more_dates_than_one():
    found = shown(
        "The Coastal Access Act 2011 received Royal Assent on 3 March 2011 and set up the "
        "Shoreline Board, which opened on 6 June 2012"
    )
    assert set(found) == {"3 March 2011", "6 June 2012"}
    assert found["6 June 2012"].startswith("The Shoreline Board")


# ------------------------------------------------------------ event texts


def test_a_second_verb_joined_by_and_right_after_the_date_is_the_same_occasion():
    found = shown("A commission of engineers inspected the dam in March 1931 and approved it")
    assert "approved" in found["March 1931"]
    found = shown("The balloon came down in Kent on 2 May 1907 and drifted for hours")
    assert "drifted" not in found["2 May 1907"]


def test_and_before_a_compound_adjective_joins_no_second_verb():
    found = shown(
        "The Poor Law Act 1934 obliged parishes to pay rents and means-tested allowances to widows"
    )
    assert "allowances" in found["1934"]


def test_a_sentential_which_after_another_date_is_left_to_an_instructor():
    events = extract_events(
        "At its congress in May 1975 the union demanded a 35-hour week, which happened in 1981"
    )
    assert {e.when_label: e.sure for e in events} == {"May 1975": True, "1981": False}


def test_a_year_describing_a_noun_in_a_clause_timed_by_then_is_no_event():
    assert (
        extract_events("Adjusted for prices, the 1990 pension was worth a fifth less by then") == []
    )
