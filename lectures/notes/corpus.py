"""The notes corpus (corpus/, issue 10): its hand-written timeline answer keys,
and how the importer's timeline scores against them. Shared by `make
bench-content` and the test that keeps the figures from slipping.

An extracted event matches an expected one when it comes from the same section
and bullet, has the same start and end dates (at the precision the notes give),
and its text holds the expected words and none of the excluded ones (the part of
the bullet the date belongs to). Each expected event matches at most one
extracted event.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings

from .parser import parse_notes
from .prose.events import extract_events

CORPUS = Path(settings.BASE_DIR) / "corpus"


def notes_files(only: str = "") -> list[Path]:
    """The corpus's notes files (those whose name contains `only`), in name order."""
    return sorted(path for path in CORPUS.glob("*.txt") if only in path.stem)


def answer_key(path: Path) -> dict:
    """The hand-written key beside a notes file: `<name>.expected.json`."""
    return json.loads(path.with_suffix("").with_suffix(".expected.json").read_text())


def key_date(value: str | None) -> date | None:
    """An answer key's date ("1961", "1961-08", "1961-08-13", "1960s", "19th
    century") as the importer keys it: the first day it covers."""
    if value is None:
        return None
    if match := re.fullmatch(r"(\d{4})s", value):
        return date(int(match[1]), 1, 1)
    if match := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th) century", value):
        return date((int(match[1]) - 1) * 100, 1, 1)
    parts = [int(part) for part in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@dataclass
class Found:
    section: str
    bullet: str
    text: str
    start: date
    end: date | None
    label: str


def extracted(notes: str) -> list[Found]:
    """Every event the importer would make, with the bullet it came from."""
    found = []
    for section in parse_notes(notes).sections:
        for line in section.body.splitlines():
            bullet = line[2:] if line.startswith("- ") else line
            for event in extract_events(bullet, context=section.title):
                found.append(
                    Found(
                        section.title,
                        bullet,
                        event.text,
                        event.sort_key,
                        event.end_key,
                        event.when_label,
                    )
                )
    return found


def matches(found: Found, expected: dict) -> bool:
    text = found.text.casefold()
    return (
        found.section == expected["section"]
        and expected["bullet"] in found.bullet
        and found.start == key_date(expected["start"])
        and found.end == key_date(expected.get("end"))
        and all(word.casefold() in text for word in expected.get("must_include") or [])
        and not any(word.casefold() in text for word in expected.get("must_exclude") or [])
    )


def score_timeline(notes: str, key: list[dict]) -> tuple[int, int, int, list[str]]:
    """(matched, extracted, expected, what went wrong)."""
    found = extracted(notes)
    left = list(key)
    matched, problems = 0, []
    for event in found:
        hit = next((x for x in left if matches(event, x)), None)
        if hit is None:
            problems.append(f"extra   {event.label:<14} {event.text[:90]}")
        else:
            left.remove(hit)
            matched += 1
    for x in left:
        span = f"{x['start']}–{x['end']}" if x.get("end") else x["start"]
        problems.append(f"missed  {span:<14} [{x['section']}] …{x['bullet']}…")
    return matched, len(found), len(key), problems
