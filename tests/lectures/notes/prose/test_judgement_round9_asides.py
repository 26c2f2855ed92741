"""Round 9 of issue 17's timeline judgement, from the misses on held-out set 9: a
bracketed aside with a participle and a date of its own ("(rebuilt 1851)") beside
the clause's date, a level at a time in note-speak ("pop. c. 3.1m in 1550"), and a
citation's year ("Hale (1998) puts ...", "Ortiz et al. 2004: ..."). Every bullet
here is made up for the test."""

from __future__ import annotations

from lectures.notes.prose import extract_events


def read(text: str) -> dict[str, tuple[bool, str]]:
    return {e.when_label: (e.sure, e.text) for e in extract_events(text)}


# ------------------------------------------------------------ a bracketed aside


def test_a_bracketed_participle_dates_its_own_event_apart_from_the_clause():
    events = read("Lister first used carbolic spray at Glasgow in 1865 (reported 1867)")
    assert events["1865"] == (True, "Lister first used carbolic spray at Glasgow in 1865")
    sure, aside = events["1867"]
    assert sure and "reported" in aside and "spray" not in aside
    # Two dates outside the bracket still stand for one sentence.
    events = read("Rights of 1901 lapsed on 1 May 1961, among them the Arcadia (staged 2 May 1901)")
    assert not events["1901"][0] and not events["1 May 1961"][0]


def test_a_bracket_that_dates_the_same_thing_again_is_unsure():
    events = read("The lighthouse was lit in 1759 (dated 1758 by some)")
    assert events["1759"][0] and not events["1758"][0]


# ------------------------------------------------------------ a level at a time


def test_a_figure_in_a_year_with_no_verb_is_a_statistic():
    assert read("Scot. pop. c. 0.7m in 1500 → c. 1.2m by 1700")["1500"][0] is False
    assert read("Below $300 in the 2010s")["2010s"][0] is False
    # A verb before the figure says what happened then.
    assert read("The guild raised £4,000 in 1622")["1622"][0] is True


# ------------------------------------------------------------ a citation's year


def test_a_citations_year_is_the_works():
    assert read("Crops: 20–30% lost — Hale (1998) puts it at 40%")["1998"][0] is False
    assert read("Ortiz et al. 2004: levels may rise again within 200 yrs")["2004"][0] is False
    assert read("Voss (1911) mapped the delta for the navy")["1911"][0] is True
