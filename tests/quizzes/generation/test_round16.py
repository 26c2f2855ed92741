"""Round 16 of issue 17's quiz drafts, from set 21's lectures that drafted no quiz
and the teachers' verdicts on held-out set 22: a date hung on with a comma leaves
an item whole, a lead-in is no item, an item that cannot place "there" or "the
same" is left out, and a definition that echoes its term's short word or symbol is
not offered as the right choice. Every bullet is made up."""

from __future__ import annotations

import random
import re
from types import SimpleNamespace

import pytest

from quizzes.generation import date_rules, term_rules
from quizzes.generation.source import Source

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "label", "item"),
    [
        ("Seneca exiled to Corsica, 41 CE", "41 CE", "Seneca was exiled to Corsica"),
        (
            "Agrippina exiled to Pandateria, 29 CE, on charges of plotting",
            "29 CE",
            "Agrippina was exiled to Pandateria on charges of plotting",
        ),
        ("Nero dies outside Rome, 9 June 68 CE", "9 June 68 CE", "Nero dies outside Rome"),
    ],
)
def test_a_date_hung_on_with_a_comma_leaves_the_item_whole(text, label, item):
    assert date_rules._undated(text, label) == item


# Every date written as note-speak hangs it on with a comma.
NOTE_SPEAK = """Title: Julio-Claudians
Emperors
- Tiberius withdraws to Capri, 26 CE
- Sejanus executed in Rome, 18 October 31 CE
- Caligula murdered on the Palatine, 24 January 41 CE
- Claudius invades Britain, 43 CE
- Seneca exiled to Corsica, 41 CE
- Nero dies outside Rome, 9 June 68 CE
Glossary
- Princeps — the first citizen
"""


def test_note_speak_dates_still_make_an_ordering_question(make_lecture):
    src = Source.load(make_lecture(NOTE_SPEAK))
    (draft,) = date_rules.ordering(src, random.Random(1))
    items = {choice["text"] for choice in draft.choices}
    assert "Nero dies outside Rome." in items or "Caligula was murdered on the Palatine." in items
    assert not any(re.search(r"\d|,\.$", item) for item in items)


LEAD_IN = """Title: Tobacco
Evidence
1. Two large surveys in 1951:
   a) the doctors' study began in 1951
2. The Royal College of Physicians reported on smoking in 1962.
3. The surgeon general's report came out in 1964.
4. Cigarette advertising left British television in 1965.
5. Health warnings went on packets in 1971.
"""


def test_a_lead_in_is_no_ordering_item(make_lecture):
    src = Source.load(make_lecture(LEAD_IN))
    for seed in range(8):
        for draft in date_rules.ordering(src, random.Random(seed)):
            assert not any("surveys" in choice["text"] for choice in draft.choices)


@pytest.mark.parametrize(
    "item",
    [
        "Tragedy was given a second festival there.",
        "Wilson announced the same plan for Wales.",
    ],
)
def test_an_item_that_cannot_place_its_words_is_unresolved(item):
    assert date_rules._UNRESOLVED_RE.search(item)


def test_there_was_is_no_place():
    assert not date_rules._UNRESOLVED_RE.search("There was a riot at the theatre.")


def _term(name: str) -> SimpleNamespace:
    """A stand-in for source.Term: its name, and that name without a bracket."""
    return SimpleNamespace(name=name, bare=re.sub(r"\s*\([^)]*\)", "", name).strip())


def test_a_definition_echoing_a_short_word_of_its_term_is_a_giveaway():
    right = "a ban on sales to anyone born after a set date"
    others = ["a tax on imports of leaf", "a levy on sugar in drinks", "a cap on nicotine"]
    assert term_rules._echoes(_term("Generational ban"), right, others)


def test_a_definition_holding_its_terms_symbol_is_a_giveaway():
    right = "ψ: the state of a system, whose square gives probabilities"
    others = ["the smallest packet of energy", "a particle of light", "a limit on precision"]
    assert term_rules._echoes(_term("Wavefunction (ψ)"), right, others)
    assert not term_rules._echoes(_term("Wavefunction"), "the state of a system", others)


def test_a_season_before_the_date_goes_with_it():
    assert date_rules._undated("The Persian fleet sailed north, early summer 480.", "480") == (
        "The Persian fleet sailed north."
    )


BC_NOTES = """Title: Sparta
Overview
All years are BC.
War
- The helots revolt after the earthquake, spring 464
- Athens sends Cimon to help the Spartans, winter 462
- The Spartans dismiss the Athenians, autumn 462
- The Long Walls of Athens are finished, summer 457
- Athens makes a truce with Sparta, spring 451
- The Thirty Years Peace is sworn at Sparta, winter 446
"""


def test_bare_years_of_notes_declared_bc_are_ordered(make_lecture):
    src = Source.load(make_lecture(BC_NOTES))
    assert src.events and all(event.start.year < 0 for event in src.events)
    (draft,) = date_rules.ordering(src, random.Random(1))
    assert len(draft.choices) >= 3


def test_a_date_followed_by_a_dashed_note_leaves_no_item():
    """ "MacIain of Glencoe swore – late." (the teachers' verdicts on set 24)."""
    assert date_rules._undated("Lochiel submitted on 2 Jan 1692 – late", "2 January 1692") is None
