"""The answer keys' date grammar (lectures.notes.corpus.key_when): every date a key
writes is one the bench can read, so a held-out set never stops `make bench-content`
half-way, and a qualified year means what its writer meant."""

from __future__ import annotations

import pytest

from lectures.notes.corpus import CORPUS, answer_key, key_when
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
