"""The answer keys' date grammar (lectures.notes.corpus.key_when): every date a key
writes is one the bench can read, so a held-out set never stops `make bench-content`
half-way, and a qualified year means what its writer meant."""

from __future__ import annotations

import pytest

from lectures.notes.corpus import CORPUS, answer_key, extracted, key_when
from lectures.notes.prose import When


@pytest.mark.parametrize(
    "written, expected",
    [
        ("early 1203", When(1203, "year", None, None, False, "early")),
        ("c. late 1348", When(1348, "year", None, None, True, "late")),
        ("mid-480 BC", When(-480, "year", None, None, False, "mid")),
        ("1203", When(1203, "year")),
    ],
)
def test_a_qualified_year_keeps_its_qualifier(written, expected):
    assert key_when(written) == expected


def test_every_key_in_the_corpus_is_readable():
    keys = sorted(CORPUS.glob("**/*.expected.json"))
    assert keys, "the corpus has answer keys"
    for path in keys:
        for entry in answer_key(path.with_name(path.name.replace(".expected.json", ".txt")))[
            "timeline"
        ]:
            assert key_when(entry["start"]) is not None, (path.name, entry)
            key_when(entry.get("end"))


def test_every_date_read_from_the_corpus_is_one_the_site_can_store():
    """Whatever the extractor reads from the notes teachers wrote (every set), an
    instructor can open and save in the event's form: When.problem is the form's and
    the model's rule, and an extractor change once broke it for "early '03"."""
    notes = sorted(CORPUS.glob("**/*.txt"))
    assert len(notes) > 80
    invalid = [
        (path.name, event.label, problem)
        for path in notes
        for event in extracted(path.read_text(encoding="utf-8"))
        for when in (event.start, event.end)
        if when is not None and (problem := when.problem())
    ]
    assert invalid == []
