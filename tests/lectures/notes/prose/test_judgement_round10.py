"""Round 10 of issue 17's timeline judgement, from the misses on held-out set 10:
an item's own label ("Name: ...", "Name (detail): ...", "Name → ...") as the
subject of its note-speak parts, a lead-in "Name, Place:" naming its thing
before the comma, a scholar's claim answered by another's and a bullet
labelled as a debate (no events), a scheme followed "(after Name et al.
YEAR)" (a citation), and levels and counts given for a year (statistics).
Every bullet here is made up for the test."""

from __future__ import annotations

from lectures.notes.prose import extract_events


def shown(text: str, context: str | None = None) -> dict[str, str]:
    return {e.when_label: e.text for e in extract_events(text, context=context) if e.sure}


def test_an_items_label_is_the_subject_of_its_note_speak_parts():
    events = shown(
        "Carn Hill: surveyed every spring from 1991; hilltop enclosure with a timber gate, "
        "burnt down c. 3300–3100 BC after a siege"
    )
    assert events["c. 3300–3100 BC"].startswith("Carn Hill: hilltop enclosure")
    # A label with a bracketed detail, before a part with no subject of its own.
    events = shown("Heel Slab (4 tonnes): Mynydd quarry, Wales; reported in Antiquity, 3 May 2019")
    assert events["3 May 2019"] == "Heel Slab: reported in Antiquity, 3 May 2019"


def test_the_thing_before_an_arrow_is_the_subject_of_what_follows():
    events = shown(
        "Dune core → 12,000 yrs of pollen (Hale 2001); Lake Ovra core → 60 kyr, pub. June 2015"
    )
    assert events["June 2015"].startswith("Lake Ovra core → 60 kyr")


def test_a_lead_in_naming_a_thing_and_its_place_gives_the_thing():
    events = shown(
        "oak causeway, timbers felled in the spring of 2912 BC (dendro date)",
        context="The Black Causeway, Fen Edge:",
    )
    assert events["2912 BC"].startswith("The Black Causeway: oak causeway")


def test_a_claim_answered_by_another_is_debate():
    bullet = (
        "Ruth Ormond's The Mill and the Parish (1983) argued that factories broke old loyalties, "
        "whereas Daniel Pike replied in 2004 that chapels simply moved into the mill towns."
    )
    assert shown(bullet) == {}
    # Alone, a scientist's claim is an event of the science's history.
    assert "1911" in shown("Hans Ebert argued in 1911 that glaciers once reached the plain")


def test_a_bullet_labelled_as_a_debate_names_no_events():
    bullet = (
        'Debate: "golden age" (Rowse, Neale) vs pessimists — Haigh 1987, Duffy 1992; '
        "quatercentenary of 1988 = pessimists' high point"
    )
    assert shown(bullet) == {}


def test_a_scheme_followed_after_its_authors_is_a_citation():
    assert shown("Main phases (after Lund et al. 2009):") == {}


def test_levels_and_counts_for_a_year_are_statistics():
    assert shown("2021 annual mean ~3.9 mm sea-level rise → fastest on record") == {}
    assert shown("1975 → c. 300 reactors worldwide, most of them in Europe") == {}
    assert shown("Spain's registered strikers passed two million late in 1934") == {}
