"""Content quality on the corpus (issue 10): timeline precision and recall, and the
automatic rubric checks of generated quizzes, per notes file and in total.

The corpus is `corpus/*.txt`, each with `<name>.expected.json`: the timeline a
careful historian would accept, written by hand (see corpus/RUBRIC.md); how an
extracted event matches an expected one is lectures.notes.corpus's. Precision: matched
/ extracted; recall: matched / expected. Targets: 95 % and 90 %.

Quizzes are generated from each file imported into a throwaway SQLite database,
then checked by corpus/RUBRIC.md's automatic rules (quizzes/generation/rubric.py).
Target: no failures.

    make bench-content
    make bench-content BENCH_ARGS="--verbose"        # every miss and failure
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

from django.core.management import call_command  # noqa: E402

from lectures.content.imports import lecture_import  # noqa: E402
from lectures.notes.corpus import answer_key, notes_files, score_timeline  # noqa: E402
from quizzes.generation import GenerationError, quiz_generate  # noqa: E402
from quizzes.generation.rubric import check_quiz  # noqa: E402

PRECISION_TARGET, RECALL_TARGET = 0.95, 0.90


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss and failure")
    parser.add_argument("--only", default="", help="only files whose name contains this")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    warnings.filterwarnings("ignore")
    call_command("migrate", verbosity=0)
    files = notes_files(args.only)
    if not files:
        sys.exit(f"No notes files in corpus/ match “{args.only}”.")
    totals = [0, 0, 0]
    questions = failures = 0
    print(f"{'notes file':<36} {'precision':>9} {'recall':>7} {'questions':>9} {'rubric':>7}")
    details = []
    for path in files:
        notes = path.read_text(encoding="utf-8")
        key = answer_key(path)
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
