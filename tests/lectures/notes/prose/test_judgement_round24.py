"""Round 24 of issue 17's timeline judgement, from the shown events of held-out
sets 23-28 whose text had lost its subject: a link of an arrow chain that opens on
a verb, or is a bare name and its date, is said of the chain's head. Every item
here is made up for the test."""

from __future__ import annotations

from lectures.notes.prose import items_events


def read(item: str) -> dict[str, tuple[str, bool]]:
    (events,) = items_events([(item, None, None)])
    return {e.when_label: (e.text, e.sure) for e in events}


def test_a_verb_led_link_takes_the_chain_heads_subject():
    events = read("Banting isolates insulin, July 1921 → knighted 1934 → statue unveiled")
    assert events["1934"] == ("Banting isolates insulin: knighted 1934", True)


def test_a_bare_award_takes_the_head_with_its_bracketed_name():
    events = read("Dark-field lamp (Siedentopf), 1903 → cells seen live → Nobel 1925")
    assert events["1925"][0] == "Dark-field lamp (Siedentopf): Nobel 1925"


def test_a_verb_led_link_leaves_the_heads_bracketed_credit_out():
    events = read("Tracer dye (Ogawa), 1958 → used in living mice (Berg), Mar 1977")
    text = events["March 1977"][0]
    assert text.startswith("Tracer dye: used in living mice") and "Ogawa" not in text


def test_a_name_after_a_colon_is_the_head_of_what_its_arrow_leads_to():
    events = read("Second hearing May 4: Ann Pudeator → hanged Sept 22, 1692 → jury sorry")
    assert events["22 September 1692"][0].startswith("Ann Pudeator: hanged")


def test_a_dated_claim_is_no_head():
    events = read("Ohm 1827: current ∝ voltage → confirmed by Pouillet et al., Paris, Jun 1831")
    assert not events["June 1831"][0].startswith("Ohm 1827")
