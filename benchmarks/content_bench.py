"""Content quality on the corpus (issue 10): timeline precision and recall, and the
automatic rubric checks of generated quizzes, per notes file and in total.

The corpus is `corpus/*.txt`, each with `<name>.expected.json`: the timeline a
careful historian would accept, written by hand (see corpus/RUBRIC.md). An
extracted event matches an expected one when it comes from the same section and
bullet, has the same start and end dates (at the precision the notes give), and
its text holds the expected words and none of the excluded ones (the part of the
bullet the date belongs to). Each expected event matches at most one extracted
event. Precision: matched / extracted; recall: matched / expected. Targets: 95 %
and 90 %.

Quizzes are generated from each file imported into a throwaway SQLite database,
then checked by corpus/RUBRIC.md's automatic rules (quizzes/rubric.py). Target:
no failures.

    make bench-content
    make bench-content BENCH_ARGS="--verbose"        # every miss and failure
    make bench-content BENCH_ARGS="--only history"   # files whose name contains it
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import tempfile
import warnings
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coursesite.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark")
os.environ["DJANGO_DEBUG"] = "0"
_tmp = tempfile.TemporaryDirectory()
os.environ["DATABASE_URL"] = f"sqlite:///{_tmp.name}/content.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from lectures.notes import extract_events, parse_notes  # noqa: E402
from lectures.services import lecture_import  # noqa: E402
from quizzes.generation import GenerationError, quiz_generate  # noqa: E402
from quizzes.rubric import check_quiz  # noqa: E402

PRECISION_TARGET, RECALL_TARGET = 0.95, 0.90


def when(value: str | None) -> date | None:
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
            for event in extract_events(bullet):
                end = event.end_key
                found.append(
                    Found(section.title, bullet, event.text, event.sort_key, end, event.when_label)
                )
    return found


def matches(found: Found, expected: dict) -> bool:
    text = found.text.casefold()
    return (
        found.section == expected["section"]
        and expected["bullet"] in found.bullet
        and found.start == when(expected["start"])
        and found.end == when(expected.get("end"))
        and all(word.casefold() in text for word in expected.get("must_include", []))
        and not any(word.casefold() in text for word in expected.get("must_exclude", []))
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss and failure")
    parser.add_argument("--only", default="", help="only files whose name contains this")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    warnings.filterwarnings("ignore")
    call_command("migrate", verbosity=0)
    files = sorted(p for p in CORPUS.glob("*.txt") if args.only in p.stem)
    if not files:
        sys.exit(f"No notes files in {CORPUS} match “{args.only}”.")
    totals = [0, 0, 0]
    questions = failures = 0
    print(f"{'notes file':<36} {'precision':>9} {'recall':>7} {'questions':>9} {'rubric':>7}")
    details = []
    for path in files:
        notes = path.read_text(encoding="utf-8")
        key = json.loads(path.with_suffix("").with_suffix(".expected.json").read_text())
        matched, found, expected, problems = score_timeline(notes, key["timeline"])
        for i, value in enumerate((matched, found, expected)):
            totals[i] += value
        lecture = lecture_import(course_slug="corpus", data=notes).lecture
        try:
            quiz = quiz_generate(lecture=lecture, rng_seed=1)
        except GenerationError as exc:
            problems.append(f"quiz    not generated: {exc}")
            quiz = None
        quiz_failures = check_quiz(quiz) if quiz is not None else []
        n_questions = quiz.questions.count() if quiz is not None else 0
        questions += n_questions
        failures += len(quiz_failures)
        precision = matched / found if found else 1.0
        recall = matched / expected if expected else 1.0
        print(
            f"{path.stem:<36} {precision:9.1%} {recall:7.1%} {n_questions:9d} "
            f"{len(quiz_failures):7d}"
        )
        details.append((path.stem, problems, quiz_failures))
    matched, found, expected = totals
    precision = matched / found if found else 1.0
    recall = matched / expected if expected else 1.0
    print(
        f"{'total':<36} {precision:9.1%} {recall:7.1%} {questions:9d} {failures:7d}"
        f"   ({matched} of {found} extracted events right, {matched} of {expected} found)"
    )
    if args.verbose:
        for stem, problems, quiz_failures in details:
            if problems or quiz_failures:
                print(f"\n{stem}:")
                for line in problems:
                    print(f"  {line}")
                for failure in quiz_failures:
                    print(f"  rubric  {failure}")
    met = precision >= PRECISION_TARGET and recall >= RECALL_TARGET and failures == 0
    print(
        f"Targets: timeline precision {PRECISION_TARGET:.0%} and recall {RECALL_TARGET:.0%}, "
        f"no rubric failures: {'met' if met else 'not yet met'}."
    )


if __name__ == "__main__":
    main()
