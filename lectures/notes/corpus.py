"""The notes corpus (corpus/, issue 10): its hand-written timeline answer keys,
and how the importer's timeline scores against them. Shared by `make
bench-content` and the test that keeps the figures from slipping.

Two sets: the development corpus (corpus/*.txt), which the rules may be tuned on,
and the held-out corpus (corpus/heldout/*.txt), written by someone who has not
read the extraction code and never tuned on (issue 17): its figures say how the
rules do on notes they have not seen.

An extracted event matches an expected one when it comes from the same section
and bullet, has the same start and end (see `key_when` for how a key writes a
date), and its text holds the expected words and none of the excluded ones (the
part of the bullet the date belongs to). Each expected event matches at most one
extracted event. A key's "c. " and qualifier are checked only where the key gives
them; whether an approximate date was read as one is reported, not required.

Students see the events the extractor is sure of; the ones it is unsure of are
suggestions, scored apart. Precision: shown events that match / shown events.
Recall: required entries (`"required": false` makes one optional) matched by a
shown event / required entries.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.conf import settings

from .parser import parse_notes
from .prose.eras import When, century_year
from .reading import sections_read

CORPUS = Path(settings.BASE_DIR) / "corpus"
HELD_OUT = CORPUS / "heldout"
# Held-out sets, oldest first, and what each is now. A set stays held out until its
# misses are used to find a class of mistakes to fix; then a new set is written, and
# the old one is reported as seen (issue 17's "Measuring what we generate").
HELD_OUT_SETS = [
    (HELD_OUT, "held-out set 1 (corpus/heldout/): seen, its misses named round 2's classes"),
    (CORPUS / "heldout-2", "held-out set 2 (corpus/heldout-2/): seen, its misses named round 3's"),
    (CORPUS / "heldout-3", "held-out set 3 (corpus/heldout-3/): seen, with 4 and 5 round 5's"),
    (CORPUS / "heldout-4", "held-out set 4 (corpus/heldout-4/): seen, with 3 and 5 round 5's"),
    (CORPUS / "heldout-5", "held-out set 5 (corpus/heldout-5/): seen, with 3 and 4 round 5's"),
    (CORPUS / "heldout-6", "held-out set 6 (corpus/heldout-6/): seen, its misses named round 6's"),
    (CORPUS / "heldout-7", "held-out set 7 (corpus/heldout-7/): seen, its misses named round 7's"),
    (CORPUS / "heldout-8", "held-out set 8 (corpus/heldout-8/): seen, its misses named round 8's"),
    (
        CORPUS / "heldout-9",
        "held-out set 9 (corpus/heldout-9/): blind after round 8, its misses named round 9's",
    ),
    (
        CORPUS / "heldout-10",
        "held-out set 10 (corpus/heldout-10/): blind after round 9, its misses named round 10's",
    ),
    (
        CORPUS / "heldout-11",
        "held-out set 11 (corpus/heldout-11/): blind after rounds 9 and 10 of the timeline",
    ),
    (
        CORPUS / "heldout-12",
        "held-out set 12 (corpus/heldout-12/): blind to the timeline; its quiz verdicts named"
        " round 12's",
    ),
    (
        CORPUS / "heldout-13",
        "held-out set 13 (corpus/heldout-13/): seen, one timeline class and the quiz drafts'"
        " round 12 second part; with 14 timeline round 12's",
    ),
    (
        CORPUS / "heldout-14",
        "held-out set 14 (corpus/heldout-14/): blind to round 12 of the quiz drafts; its misses"
        " named timeline round 12's",
    ),
    (
        CORPUS / "heldout-15",
        "held-out set 15 (corpus/heldout-15/): seen, its quiz verdicts named quiz round 13's"
        " second part; with 16 timeline round 13's",
    ),
    (
        CORPUS / "heldout-16",
        "held-out set 16 (corpus/heldout-16/): seen, with 15 its misses named timeline round 13's",
    ),
    (
        CORPUS / "heldout-17",
        "held-out set 17 (corpus/heldout-17/): seen, its misses named timeline round 13's"
        " second part",
    ),
    (
        CORPUS / "heldout-18",
        "held-out set 18 (corpus/heldout-18/): seen, its misses named timeline round 14's",
    ),
    (
        CORPUS / "heldout-19",
        "held-out set 19 (corpus/heldout-19/): seen, its misses named timeline round 15's",
    ),
    (
        CORPUS / "heldout-20",
        "held-out set 20 (corpus/heldout-20/): seen, its misses named timeline round 16's",
    ),
    (
        CORPUS / "heldout-21",
        "held-out set 21 (corpus/heldout-21/): seen, its misses named timeline round 17's",
    ),
    (
        CORPUS / "heldout-22",
        "held-out set 22 (corpus/heldout-22/): seen, its misses named timeline round 18's and its"
        " quiz verdicts quiz round 16's",
    ),
    (
        CORPUS / "heldout-23",
        "held-out set 23 (corpus/heldout-23/): seen, its misses and quiz verdicts named"
        " timeline round 19's",
    ),
    (
        CORPUS / "heldout-24",
        "held-out set 24 (corpus/heldout-24/): measured blind; its quiz verdicts then named"
        " one fix ('he' after a possessive subject)",
    ),
    (
        CORPUS / "heldout-25",
        "held-out set 25 (corpus/heldout-25/): measured blind; its misses named timeline"
        " round 20's and its quiz verdicts quiz round 17's last fixes",
    ),
    (
        CORPUS / "heldout-26",
        "held-out set 26 (corpus/heldout-26/): measured blind (timeline round 20, quiz round"
        " 17); its misses then named timeline round 21's and its quiz verdicts two guards of"
        " quiz round 17",
    ),
    (
        CORPUS / "heldout-27",
        "held-out set 27 (corpus/heldout-27/): measured blind (timeline round 21, quiz round"
        " 17 and round 18's first part); its misses then named timeline round 22's and its"
        " quiz verdicts quiz round 18's second part",
    ),
    (
        CORPUS / "heldout-28",
        "held-out set 28 (corpus/heldout-28/): written last and measured blind (timeline"
        " round 22, quiz round 18); its misses then named timeline round 23's and its quiz"
        " verdicts one rule (a rival term's definition first)",
    ),
    (
        CORPUS / "heldout-29",
        "held-out set 29 (corpus/heldout-29/): written last and measured blind (timeline"
        " round 24, quiz rounds 18 and 19); its misses then named timeline round 25's",
    ),
    (
        CORPUS / "heldout-30",
        "held-out set 30 (corpus/heldout-30/): written last and measured blind (timeline"
        " round 25, quiz round 19); its misses then named timeline round 26's and its"
        " quiz verdicts round 19's last part",
    ),
]


def notes_files(only: str = "", directory: Path = CORPUS) -> list[Path]:
    """The notes files of a corpus directory (those whose name contains `only`), in
    name order; none if the directory is absent."""
    if not directory.is_dir():
        return []
    return sorted(path for path in directory.glob("*.txt") if only in path.stem)


def answer_key(path: Path) -> dict:
    """The hand-written key beside a notes file: `<name>.expected.json`."""
    return json.loads(path.with_suffix("").with_suffix(".expected.json").read_text())


_BC = r"(?:\s+BC)?"
_KEY_RES = [
    ("day", re.compile(rf"(\d{{1,5}})-(\d\d)-(\d\d){_BC}")),
    ("month", re.compile(rf"(\d{{1,5}})-(\d\d){_BC}")),
    ("year", re.compile(rf"(\d{{1,5}}){_BC}")),
    ("qualified year", re.compile(rf"(early|mid|late)[\s-](\d{{1,5}}){_BC}")),
    ("decade", re.compile(rf"(?:(early|mid|late)[\s-])?(\d{{1,4}}0)s{_BC}")),
    ("century", re.compile(rf"(?:(early|mid|late)[\s-])?(\d{{1,2}})(?:st|nd|rd|th) century{_BC}")),
    ("deep", re.compile(r"(\d+(?:\.\d+)?)(?:\s+(thousand|million|billion))? years ago")),
]
_SCALE = {None: 1, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


def key_when(value: str | None) -> When | None:
    """An answer key's date as a When. The grammar: "1961", "1961-08", "1961-08-13",
    "1960s", "19th century", "753 BC", "44-03-15 BC", "44-03 BC", "220s BC", "4th
    century BC"; a qualifier "early 1800s", "mid-18th century", "late 1770s", "late
    4th century BC"; deep time "66 million years ago", "2.6 million years ago",
    "11700 years ago"; and "c. " in front of any of them for an approximate date.
    "1800s" is a century (the 19th), as the notes' reader takes it."""
    if value is None:
        return None
    text = value.strip()
    approximate = text.startswith("c. ")
    text = text.removeprefix("c. ")
    bc = text.endswith(" BC")
    for precision, regex in _KEY_RES:
        parts = regex.fullmatch(text)
        if parts is None:
            continue
        if precision == "deep":
            years = round(float(parts[1]) * _SCALE[parts[2]])
            return When(years, "deep", approximate=approximate)
        if precision in ("day", "month", "year"):
            year = int(parts[1])
            month = int(parts[2]) if precision != "year" else None
            day = int(parts[3]) if precision == "day" else None
            return When(-year if bc else year, precision, month, day, approximate)
        qualifier, number = parts[1] or "", int(parts[2])
        if precision == "qualified year":
            return When(-number if bc else number, "year", None, None, approximate, qualifier)
        if precision == "decade":
            if bc:
                return When(-number - 9, "decade", None, None, approximate, qualifier)
            kind = "century" if number % 100 == 0 else "decade"
            return When(number, kind, None, None, approximate, qualifier)
        return When(century_year(number, bc), "century", None, None, approximate, qualifier)
    raise ValueError(f"Not a date an answer key can give: {value!r}")


def _same_date(found: When | None, expected: When | None) -> bool:
    """The same date, the key's approximation and (if it gives none) qualifier aside."""
    if found is None or expected is None:
        return found is expected
    found = replace(found, approximate=False)
    # A key's "early 1203" is the year 1203 to the site, which stores a qualifier only
    # on a decade or a century; the event's label keeps the word as written.
    if expected.precision == "year":
        expected = replace(expected, qualifier="")
    if not expected.qualifier:
        found = replace(found, qualifier="")
    return found == replace(expected, approximate=False)


@dataclass
class Found:
    section: str
    bullet: str
    text: str
    start: When
    end: When | None
    label: str
    sure: bool = True


def extracted(notes: str) -> list[Found]:
    """Every event the importer would make, with the bullet it came from."""
    found = []
    parsed = parse_notes(notes)
    for section, item, events in sections_read(parsed.sections, overview=parsed.overview):
        for event in events:
            found.append(
                Found(
                    section.title,
                    item.text,
                    event.text,
                    event.start,
                    event.end,
                    event.when_label,
                    event.sure,
                )
            )
    return found


def matches(found: Found, expected: dict) -> bool:
    text = found.text.casefold()
    return (
        found.section == expected["section"]
        and expected["bullet"] in found.bullet
        and _same_date(found.start, key_when(expected["start"]))
        and _same_date(found.end, key_when(expected.get("end")))
        and all(word.casefold() in text for word in expected.get("must_include") or [])
        and not any(word.casefold() in text for word in expected.get("must_exclude") or [])
    )


@dataclass
class Score:
    """How one notes file's (or a corpus's) timeline scores against its key."""

    shown: int = 0  # events students would see
    right: int = 0  # of them, those matching an entry of the key
    required: int = 0  # entries the key requires
    found: int = 0  # of them, those a shown event matches
    suggested: int = 0  # events left to an instructor to confirm
    suggested_right: int = 0  # of them, those matching an entry
    approximate_missed: int = 0  # matched entries marked "c. " read as exact
    problems: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.shown if self.shown else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    def __add__(self, other: Score) -> Score:
        counts = {
            name: getattr(self, name) + getattr(other, name)
            for name in (
                "shown",
                "right",
                "required",
                "found",
                "suggested",
                "suggested_right",
                "approximate_missed",
            )
        }
        return Score(**counts, problems=self.problems + other.problems)


def score_timeline(notes: str, key: list[dict]) -> Score:
    """The notes' timeline against its key: shown events first, then suggestions
    against what the shown ones left."""
    events = extracted(notes)
    left = list(key)
    score = Score(required=sum(1 for x in key if x.get("required", True)))
    for sure in (True, False):
        for event in (e for e in events if e.sure is sure):
            hit = next((x for x in left if matches(event, x)), None)
            if sure:
                score.shown += 1
            else:
                score.suggested += 1
            if hit is None:
                kind = "extra  " if sure else "suggest"
                score.problems.append(f"{kind} {event.label:<14} {event.text[:90]}")
                continue
            left.remove(hit)
            if sure:
                score.right += 1
                score.found += hit.get("required", True)
            else:
                score.suggested_right += 1
            if hit["start"].startswith("c. ") and not event.start.approximate:
                score.approximate_missed += 1
                score.problems.append(f"exact   {event.label:<14} (the key says {hit['start']})")
    for x in left:
        if not x.get("required", True):
            continue
        span = f"{x['start']}–{x['end']}" if x.get("end") else x["start"]
        score.problems.append(f"missed  {span:<14} [{x['section']}] …{x['bullet']}…")
    return score
