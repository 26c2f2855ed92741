"""Which dated mentions are events, what each reads as, and whether the extractor is
sure of it (issue 17): an unsure event is a suggestion an instructor confirms, so
students see only what the extractor can stand behind. Synthetic bullets, one
class each."""

from __future__ import annotations

import time

import pytest

from lectures.notes.prose import (
    When,
    date_spans,
    extract_events,
    find_dates,
    is_tally,
    section_events,
    without_date,
)
from lectures.notes.prose import events as events_module
from lectures.notes.prose.dates import find_mentions


def shown(text: str, context: str | None = None) -> dict[str, str]:
    """The events a student would see: label to text."""
    return {e.when_label: e.text for e in extract_events(text, context) if e.sure}


def suggested(text: str, context: str | None = None) -> dict[str, str]:
    """The events left for an instructor to confirm: label to doubt."""
    return {e.when_label: e.doubt for e in extract_events(text, context) if not e.sure}


def labels(text: str) -> list[str]:
    return [e.when_label for e in extract_events(text)]


# --------------------------------------------------------------------------- sure by default


def test_a_plain_dated_statement_is_sure_and_has_no_doubt():
    [event] = extract_events("The guildhall at Ypres burned down in 1918.")

    assert event.sure is True
    assert event.doubt == ""


# --------------------------------------------------------------------------- spans


def test_a_span_closed_by_an_event_is_one_span():
    [event] = extract_events("The painter taught in Antwerp from 1872 until his death in 1899.")

    assert (event.when_label, event.start, event.end) == ("1872–1899", When(1872), When(1899))
    assert event.sure and "taught in Antwerp" in event.text


def test_a_span_between_two_events_is_one_span():
    [event] = extract_events(
        "She led the choir between her appointment in 1903 and her retirement in 1931."
    )

    assert (event.when_label, event.end) == ("1903–1931", When(1931))


def test_a_move_from_one_place_to_another_stays_two_dates():
    # "from Leeds in 1921 to York in 1925": two moves, not a span; one text cannot
    # say both, so neither is shown as it stands.
    events = extract_events("The firm moved from Hull in 1911 to Derby in 1926.")

    assert [e.when_label for e in events] == ["1911", "1926"]
    assert not any(e.sure for e in events)


def test_two_dates_naming_one_instant_are_one_event_with_the_whole_explanation():
    bullet = (
        "In Sweden, Wednesday 17 February 1712 was followed by Thursday 28 February 1712,"
        " undoing the calendar experiment."
    )
    [event] = extract_events(bullet)

    assert event.when_label == "17 February 1712"
    assert "calendar experiment" in event.text and event.sure


def test_two_dated_things_in_a_sequence_stay_two_events_each_with_its_own_text():
    found = shown("The strike of 4 May 1926 was followed by the lockout of 12 May 1926.")

    assert found == {
        "4 May 1926": "The strike of 4 May 1926",
        "12 May 1926": "The lockout of 12 May 1926",
    }


def test_an_aside_before_a_following_event_keeps_each_its_clause():
    found = shown(
        "The truce, signed on 9 June 1877, was followed on 20 June 1877 by a prisoner exchange."
    )

    assert found["9 June 1877"] == "The truce, signed on 9 June 1877"
    assert "prisoner exchange" in found["20 June 1877"]
    assert "signed" not in found["20 June 1877"]


def test_a_span_named_by_events_is_blanked_at_both_ends_for_quizzes():
    text = "The painter taught in Antwerp from 1872 until his death in 1899."
    [event] = extract_events(text)

    assert without_date(text, event.when_label) == (
        "The painter taught in Antwerp from ____ until his death in ____."
    )


# --------------------------------------------------------------------------- negated bounds


@pytest.mark.parametrize(
    ("text", "late", "words"),
    [
        (
            "The ferry line was chartered in 1836 but did not run until 1841.",
            "1841",
            "The ferry line did not run until 1841",
        ),
        (
            "The museum was founded in 1880 but was not opened until 1888.",
            "1888",
            "The museum was not opened until 1888",
        ),
    ],
)
def test_a_negated_until_dates_the_event_and_the_first_date_stays(text, late, words):
    found = shown(text)

    assert found[late] == words
    assert len(found) == 2


def test_not_until_at_the_start_dates_the_event():
    assert labels("Not until 1871 did the two duchies share a post office.") == ["1871"]


def test_a_plain_until_is_still_a_bound():
    assert labels("The duchies kept separate post offices until 1871.") == []


# --------------------------------------------------------------------------- frame years


@pytest.mark.parametrize(
    "text",
    [
        "Harvests were a fifth larger compared with 1948.",
        "Rainfall was well below what it had been compared to 1921.",
        "Traffic on the canal fell by half relative to 1913.",
        "Summers in the valley now run two degrees above the 1951–1980 average.",
        "The shipyard's output was a third of that of 1919.",
        "The province aims to close its last coal plant in 2038.",
        "The ministry pledged to plant a million trees in 2040.",
        "The utility set a target for 2045 of carbon-free power.",
        "The region's 2050 goal is a car-free centre.",
        "A later survey projected the population to peak in 2070.",
    ],
)
def test_frame_years_are_not_events(text):
    assert labels(text) == []


def test_a_baseline_leaves_the_year_measured():
    assert labels("Wages in 1960 bought more bread than in 1930.") == ["1960"]


def test_a_forecast_range_is_not_an_event_and_the_study_year_is_only_a_suggestion():
    events = extract_events("A 2009 report put the river's lowest flow between 2060 and 2090.")

    assert [(e.when_label, e.sure) for e in events] == [("2009", False)]
    assert events[0].doubt


@pytest.mark.parametrize(
    "text", ["The new bridge will open in 2031.", "The new bridge is expected in 2031."]
)
def test_a_plan_for_the_future_is_only_a_suggestion(text):
    assert shown(text) == {}
    assert list(suggested(text)) == ["2031"]


def test_a_pledge_made_in_a_year_is_an_event_though_its_target_is_not():
    assert labels("In 1962 the mayor pledged to finish the ring road by 1970.") == ["1962"]
    assert labels("The mayor pledged in 1962 to finish the ring road before 1970.") == ["1962"]


# --------------------------------------------------------------------------- debate and state


@pytest.mark.parametrize(
    "text",
    [
        "Historians still argue whether the abbey was rebuilt in 1214 or later.",
        "It remains unclear whether the charter of 1131 is genuine.",
        "Whether the chapel was consecrated in 1402 is not recorded.",
        "The date of the fire is disputed: 1562 in one chronicle, 1564 in another.",
    ],
)
def test_debates_and_states_of_knowledge_are_not_events(text):
    assert labels(text) == []


def test_an_event_that_was_debated_at_a_meeting_is_still_an_event():
    assert labels("The bill was debated in the Commons on 3 March 1831.") == ["3 March 1831"]


def test_a_hedged_date_is_only_a_suggestion():
    assert shown("The chapel is traditionally dated to 1180.") == {}
    assert "1180" in suggested("The chapel is traditionally dated to 1180.")


def test_a_hedge_about_something_else_leaves_the_event_sure():
    found = shown("The guild hall was sold in 1842, which is often said to have ruined the guild.")

    assert list(found) == ["1842"]


# --------------------------------------------------------------------------- tallies


@pytest.mark.parametrize(
    "text",
    [
        "The king mustered a fleet of 1300 merchant vessels at the mouth of the river.",
        "The abbot raised about 1600 armed men for the siege.",
        "The garrison of 1100 Swiss pikemen held the pass.",
        "The library holds 1450 printed books from the first presses.",
        "Some 1800 stone cottages lined the canal.",
        "The treaty freed nearly 1200 captured sailors.",
    ],
)
def test_counts_of_things_are_not_years(text):
    assert labels(text) == []
    assert all(is_tally(text, m) for m in find_mentions(text) if m.kind == "year")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The 1848 street battles spread across the German states.", "1848"),
        ("In about 1500 Portuguese carracks reached Calicut.", "1500"),
        ("In the spring of 1848 street barricades went up in Vienna.", "1848"),
    ],
)
def test_years_that_name_or_date_things_stay_years(text, label):
    assert labels(text) == [label]


def test_a_tally_is_not_a_date_for_quizzes_either():
    assert date_spans("The abbot raised about 1600 armed men for the siege.") == []
    assert find_dates("The abbot raised about 1600 armed men for the siege.") != []


# --------------------------------------------------------------------------- clause surgery


def test_a_date_in_a_where_clause_dates_that_clause_not_the_main_one():
    [event] = extract_events("The envoys met in the town where the truce had been agreed in 1609.")

    assert event.when_label == "1609"
    assert event.text == "The truce had been agreed in 1609"
    assert "met" not in event.text


def test_a_where_clause_inside_the_subject_leaves_the_main_clause_its_own_date():
    found = shown("The square where the charter was read in 1477 was paved in 1610.")

    assert found == {
        "1477": "The charter was read in 1477",
        "1610": "The square was paved in 1610",
    }


def test_a_leading_when_clause_dates_its_own_statement():
    assert shown("When the dyke broke in 1421, whole villages were lost.") == {
        "1421": "The dyke broke in 1421"
    }


def test_a_pronoun_in_a_where_clause_takes_the_bullets_subject():
    assert shown("Mercator settled in Duisburg, where he died in 1594.") == {
        "1594": "Mercator died in 1594"
    }


def test_a_conjunct_with_its_own_pronoun_subject_is_not_half_merged():
    found = {
        e.when_label: e
        for e in extract_events("The duke summoned the estates in 1614 and they sat in 1615.")
    }

    assert found["1614"].text == "The duke summoned the estates in 1614"
    # "they" could be the duke or the estates: no "The duke they sat" and no guess.
    assert found["1615"].text == "They sat in 1615"
    assert not found["1615"].sure


def test_it_after_a_subject_that_named_nothing_else_takes_that_subject():
    assert shown("The lighthouse was lit in 1841; it was automated in 1979.") == {
        "1841": "The lighthouse was lit in 1841",
        "1979": "The lighthouse was automated in 1979",
    }


def test_a_bullet_about_he_with_no_name_is_only_a_suggestion():
    found = suggested("He was ordained in 1590 and he left the order in 1601.")

    assert found == {"1590": "subject is a pronoun", "1601": "subject is a pronoun"}


def test_a_bullet_without_a_subject_is_only_a_suggestion():
    assert suggested("Ratified by the senate on 2 April 1794.") == {"2 April 1794": "no subject"}


def test_a_part_that_reads_with_no_subject_falls_back_to_the_whole_bullet_unsure():
    events = extract_events("The firm moved from Hull in 1911 to Derby in 1926.")

    assert all(e.text.startswith("The firm moved") for e in events)
    assert {e.doubt for e in events} == {"several dates in one sentence"}


def test_a_lifespan_beside_the_event_does_not_make_it_unsure():
    found = shown("Anna Weber (1811–1879) opened the first girls' school in Ulm in 1846.")

    assert set(found) == {"1811–1879", "1846"}


# --------------------------------------------------------------------------- parent context


def test_a_nested_item_reads_with_its_parents_subject():
    [event] = extract_events("signed 14 March 1684", context="The Truce of Ratisbon:")

    assert event.sure
    assert event.text.startswith("The Truce of Ratisbon")
    assert "signed 14 March 1684" in event.text


def test_a_nested_passive_joins_its_parent_as_a_sentence():
    [event] = extract_events("was ratified on 2 May 1685.", context="The Truce of Ratisbon")

    assert event.text == "The Truce of Ratisbon was ratified on 2 May 1685"


def test_a_nested_he_takes_the_name_of_the_person_above_it():
    [event] = extract_events("He entered the Academy in 1769.", context="Jacques-Louis David")

    assert (event.text, event.sure) == ("Jacques-Louis David entered the Academy in 1769.", True)


def test_a_he_is_not_given_a_parent_that_names_no_person():
    [event] = extract_events("He designed its lantern in 1446.", context="The cathedral dome")

    assert not event.sure and event.doubt == "subject is a pronoun"


@pytest.mark.parametrize("parent", [None, "Causes and consequences:", "Key dates:"])
def test_a_nested_item_with_no_usable_parent_is_unsure(parent):
    [event] = extract_events("signed 14 March 1684", context=parent)

    assert not event.sure and event.doubt == "no subject"


def test_section_events_reads_nested_items_with_their_parent():
    body = "\n".join(
        [
            "- The Peace of Nijmegen:",
            "  - signed 10 August 1678",
            "  - ratified by the States General in September 1678",
            "- Louis XIV annexed Strasbourg in 1681.",
        ]
    )
    events = section_events(body, "Wars of Louis XIV")

    assert [(e.when_label, e.sure) for e in events] == [
        ("10 August 1678", True),
        ("September 1678", True),
        ("1681", True),
    ]
    assert events[0].text.startswith("The Peace of Nijmegen")
    assert events[1].text.startswith("The Peace of Nijmegen")


def test_section_events_gives_a_subjectless_bullet_the_sections_name():
    [event] = section_events("- Consecrated on 6 June 1412.", "The Chapel of St Ives")

    assert event.sure
    assert event.text == "The Chapel of St Ives: consecrated on 6 June 1412"


def test_a_section_title_that_names_no_one_thing_gives_no_subject():
    [event] = section_events("- Consecrated on 6 June 1412.", "Chapels and shrines")

    assert (event.sure, event.doubt) == (False, "no subject")


def test_a_numbered_item_is_read_without_its_number():
    [event] = section_events("1. The lock gates were replaced in 1888.")

    assert event.text == "The lock gates were replaced in 1888."


# --------------------------------------------------------------------------- bounded work


def test_a_sentence_listing_many_dates_is_left_whole_and_unsure():
    bullet = "Fairs were held in " + ", ".join(str(year) for year in range(1801, 1841)) + "."
    events = extract_events(bullet)

    assert len(events) == 40
    assert all(e.text == bullet and e.doubt == "several dates in one sentence" for e in events)


@pytest.mark.parametrize("joiner", [" ", ", and "])
def test_judging_many_dates_takes_linear_time(monkeypatch, joiner):
    # Finding the dates is dates.py's to keep linear; this holds the judgement to it:
    # before the window and the crowded-clause rule, 1,500 dates took minutes.
    bullet = joiner.join(f"the town grew in {1000 + i % 1000}" for i in range(1500))
    found = find_mentions(bullet)
    monkeypatch.setattr(
        events_module,
        "find_mentions",
        lambda text: list(found) if text == bullet else find_mentions(text),
    )
    started = time.perf_counter()
    extract_events(bullet)

    # Linear work takes 1-4 s here on a busy machine; a quadratic reading of inputs
    # this size takes minutes, so a generous bound still tells them apart.
    assert time.perf_counter() - started < 20
