"""Content quality on the corpus (issues 10 and 17): timeline precision and recall,
suggestions, and the automatic rubric checks of generated quizzes, per notes file
and in total, for the development corpus and, beside it, the held-out one.

The development corpus is `corpus/*.txt`, each with `<name>.expected.json`: the
timeline a careful historian would accept, written by hand (see corpus/RUBRIC.md).
The held-out sets are `corpus/heldout*/` (lectures.notes.corpus.HELD_OUT_SETS),
keyed the same way by someone who has not read the extraction code; the rules are
never tuned on one, so its misses are never printed, only its figures. Once a set's
misses have been used to find a class of mistakes, a new set is written and the old
one is reported as seen; the targets are judged on the newest. How an extracted
event matches an expected one is lectures.notes.corpus's. Precision: right /
shown events; recall: required entries found by shown events / required
entries. Suggestions (events the extractor was unsure of, hidden from students
until confirmed) are counted apart, with how many of them were right. Targets:
95 % and 90 % (85 % held out).

Quizzes are generated from each file imported into a throwaway SQLite database,
then checked by corpus/RUBRIC.md's automatic rules (quizzes/generation/rubric.py).
Target: no failures.

    make bench-content
    make bench-content BENCH_ARGS="--verbose"        # every miss and failure (development)
    make bench-content BENCH_ARGS="--only history"   # files whose name contains it
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coursesite.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark")
os.environ["DJANGO_DEBUG"] = "0"
_tmp = tempfile.TemporaryDirectory()
os.environ["DATABASE_URL"] = f"sqlite:///{_tmp.name}/content.sqlite3"

import django  # noqa: E402

django.setup()

import quiz_review  # noqa: E402
from django.core.management import call_command  # noqa: E402

from lectures.content.imports import lecture_import  # noqa: E402
from lectures.notes.corpus import (  # noqa: E402
    CORPUS,
    HELD_OUT_SETS,
    Score,
    answer_key,
    notes_files,
    score_timeline,
)
from quizzes.generation import GenerationError, quiz_generate  # noqa: E402
from quizzes.generation.rubric import check_quiz  # noqa: E402

PRECISION_TARGET, RECALL_TARGET, HELD_OUT_RECALL_TARGET = 0.95, 0.90, 0.85

HEADER = (
    f"{'notes file':<36} {'precision':>9} {'recall':>7} {'suggested':>9} {'questions':>9} "
    f"{'rubric':>7}"
)


def _row(name: str, score: Score, questions: int, failures: int) -> str:
    suggested = f"{score.suggested_right}/{score.suggested}" if score.suggested else "0"
    return (
        f"{name:<36} {score.precision:9.1%} {score.recall:7.1%} {suggested:>9} "
        f"{questions:9d} {failures:7d}"
    )


def score_set(files: list[Path], title: str, course: str) -> tuple[Score, int, int, list]:
    """Print one corpus's rows and total; returns (total, questions, rubric failures,
    details)."""
    print(f"\n{title}\n{HEADER}")
    total, questions, failures, details = Score(), 0, 0, []
    for path in files:
        notes = path.read_text(encoding="utf-8")
        score = score_timeline(notes, answer_key(path)["timeline"])
        lecture = lecture_import(course_slug=course, data=notes).lecture
        problems = list(score.problems)
        try:
            quiz = quiz_generate(lecture=lecture, rng_seed=1)
        except GenerationError as exc:
            problems.append(f"quiz    not generated: {exc}")
            quiz = None
        quiz_failures = check_quiz(quiz) if quiz is not None else []
        n_questions = quiz.questions.count() if quiz is not None else 0
        print(_row(path.stem, score, n_questions, len(quiz_failures)))
        total += score
        questions += n_questions
        failures += len(quiz_failures)
        details.append((path.stem, problems, quiz_failures))
    print(
        _row("total", total, questions, failures)
        + f"   ({total.right} of {total.shown} shown events right, {total.found} of "
        f"{total.required} required found; {total.suggested_right} of {total.suggested} "
        "suggestions right)"
    )
    return total, questions, failures, details


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss and failure")
    parser.add_argument("--only", default="", help="only files whose name contains this")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    warnings.filterwarnings("ignore")
    call_command("migrate", verbosity=0)
    files = notes_files(args.only, CORPUS)
    if not files:
        sys.exit(f"No notes files in corpus/ match “{args.only}”.")
    total, _questions, failures, details = score_set(
        files, "development corpus (corpus/)", "corpus"
    )
    held = None
    for index, (directory, title) in enumerate(HELD_OUT_SETS):
        held_out = notes_files(args.only, directory)
        if not held_out:
            print(f"\n{title}: no notes files")
            continue
        # Never --verbose: whoever writes the rules must not see what they miss here.
        held, _, held_failures, _ = score_set(held_out, title, f"heldout{index}")
        # Teachers' verdicts on quizzes once generated from this set (quiz_review.py),
        # and the rubric scored against them: a record of a round, not regenerated.
        for reviews in sorted(directory.glob("reviews/*/")):
            print(f"teachers' verdicts, {reviews.relative_to(directory.parent)}:")
            quiz_review.score(reviews)
    if args.verbose:
        for stem, problems, quiz_failures in details:
            if problems or quiz_failures:
                print(f"\n{stem}:")
                for line in problems:
                    print(f"  {line}")
                for failure in quiz_failures:
                    print(f"  rubric  {failure}")
    met = total.precision >= PRECISION_TARGET and total.recall >= RECALL_TARGET and failures == 0
    print(
        f"\nTargets: timeline precision {PRECISION_TARGET:.0%} and recall {RECALL_TARGET:.0%}, "
        f"no rubric failures: {'met' if met else 'not yet met'} on the development corpus"
    )
    if held is not None:
        held_met = (
            held.precision >= PRECISION_TARGET
            and held.recall >= HELD_OUT_RECALL_TARGET
            and held_failures == 0
        )
        print(
            f"Newest held-out set: precision {PRECISION_TARGET:.0%}, "
            f"recall {HELD_OUT_RECALL_TARGET:.0%}, no rubric failures: "
            f"{'met' if held_met else 'not yet met'}."
        )


if __name__ == "__main__":
    main()
