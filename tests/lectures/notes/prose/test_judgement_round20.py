"""Round 20 of issue 17's timeline judgement, from the misses on held-out set 25
(measured blind first): under a heading that names a debate, a historian's work and
what it argued are no events. Every item here is made up for the test."""

from __future__ import annotations

import pytest

from lectures.notes.prose import items_events


def read(heading: str, *items: str) -> list[dict[str, tuple[str, bool]]]:
    found = items_events([(item, heading, None) for item in items])
    return [{e.when_label: (e.text, e.sure) for e in events} for events in found]


@pytest.mark.parametrize(
    "heading", ["Debates", "Why did the shogunate fall? (debate)", "Historiography", "Historians"]
)
@pytest.mark.parametrize(
    "item",
    [
        "1. Ruth Amberley, The Long Decline (1974): the samurai were ruined by debt",
        "Tomas Brenner (1983): the merchants won as much as the lords did",
        "Gerta Lind's The Open Frontier (1996) stressed plunder over faith",
        '"slow decay" v. "sudden shock" (Marta Quill, 2005): roots in the 1920s',
    ],
)
def test_a_historians_work_under_a_debate_heading_is_no_event_shown(heading, item):
    (events,) = read(heading, item)
    assert not any(sure for _text, sure in events.values())


def test_a_work_elsewhere_is_read_as_before():
    """Outside a debate, a landmark work's year is the science's history (the
    development corpus keys "Vasari's Lives of the Artists appeared in 1550")."""
    (events,) = read(
        "The printed book", "Vesalius, De humani corporis fabrica (1543): anatomy drawn"
    )
    assert events["1543"][1]


def test_a_find_the_bracket_dates_stays_an_event_under_a_debate():
    (events,) = read(
        "Sources and debates", "Liye wooden slips (found 2002): the county's own paperwork"
    )
    assert events["2002"][1]


def test_an_event_a_debate_section_tells_outside_any_bracket_stays():
    (events,) = read("Debates", "The Dutch fleet sailed for Java in March 1942")
    assert events["March 1942"][1]


@pytest.mark.parametrize(
    ("item", "label", "name"),
    [
        ('Murad II "Koca", the Victorious (r. 1421–51): long wars', "1421–1451", "Murad II"),
        ('Osman I, "Gazi" (the Founder) (r. 1299–1324): first raids', "1299–1324", "Osman I"),
    ],
)
def test_a_reign_is_its_rulers_past_a_nickname_or_a_gloss(item, label, name):
    """'Bayezid I "Yıldırım", the Thunderbolt (r. 1389–1402)' had read "Thunderbolt
    (r. 1389–1402)": the quoted nickname stopped the name."""
    (events,) = read("The sultans", item)
    assert events[label][0].startswith(name)


def test_two_rival_months_give_the_year():
    (events,) = read("Marathon", "The battle was fought in August or September 490 BC.")
    assert list(events) == ["490 BC"]
