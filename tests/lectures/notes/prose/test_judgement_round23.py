"""Round 23 of issue 17's timeline judgement, from the misses on held-out set 28
(measured blind first): a deep-time span opening on "c." is one span, prices in
shillings and a share of a count after a label are figures, and "v. 2002" is a
baseline. Every item here is made up for the test."""

from __future__ import annotations

import pytest

from lectures.notes.prose import items_events


def read(item: str) -> dict[str, tuple[str, bool]]:
    (events,) = items_events([(item, None, None)])
    return {e.when_label: (e.text, e.sure) for e in events}


@pytest.mark.parametrize(
    ("item", "label"),
    [
        ("Aterian (N Africa): c. 145–30 ka; named after Bir el-Ater", "145–30 ka"),
        ("Karoo dolerites c. 183–179 Ma: the great flood basalts", "183–179 Ma"),
    ],
)
def test_a_deep_span_opening_on_circa_is_one_span(item, label):
    events = read(item)
    assert list(events) == [label] and events[label][1]


@pytest.mark.parametrize(
    ("item", "label"),
    [
        ("wartime boom: barley avg 62s 4d a quarter in 1812 (record)", "1812"),
        ("Oat prices stay c. 20s in the 1850s", "1850s"),
        ("Crimean War peak 38s 2d (1855)", "1855"),
        ("Bus speeds up c. 7% v. 2006", "2006"),
        ("Her figures: of 48 confinements in 1846–48, 9 mothers died", "1846–1848"),
    ],
)
def test_a_price_share_or_baseline_for_a_year_is_no_event_shown(item, label):
    assert not read(item).get(label, ("", False))[1]


def test_a_count_of_things_an_event_acted_on_stays_an_event():
    events = read("A dealer smashed the tops of some 40 pyramids in 1834 looking for gold")
    assert events["1834"][1]
