"""Teachers' verdicts on generated quizzes (issue 17): what the automatic rubric
cannot tell, measured, and the rubric scored against it.

`dump` imports each notes file of a corpus directory into a throwaway database,
generates its quiz as `make bench-content` does (seed 1), and writes
`<name>.quiz.md` (for a teacher to read beside the notes) and `<name>.quiz.json`
(the questions, their keys and the rubric's automatic failures) into the reviews
directory. A teacher then writes `<name>.<teacher>.json`:

    {"questions": [{"n": 1, "publishable": true, "wrong_key": false, "why": ""}, …]}

`score` reads them: for each teacher, the share of questions publishable unedited
and the wrong keys; and the rubric against the teachers: of the questions a
teacher would not publish, how many the rubric flags (its blind spots are the
rest), and how many it flags that every teacher would publish.

    python benchmarks/quiz_review.py dump  corpus/heldout corpus/heldout/reviews
    python benchmarks/quiz_review.py score corpus/heldout/reviews
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
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_RUBRIC_RE = re.compile(r"^Q(\d+): (.*)$")


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coursesite.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark")
    os.environ["DJANGO_DEBUG"] = "0"
    tmp = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/review.sqlite3"
    import django

    django.setup()
    logging.disable(logging.WARNING)
    warnings.filterwarnings("ignore")


def dump(corpus: Path, out: Path) -> None:
    _setup()
    from django.core.management import call_command

    from lectures.content.imports import lecture_import
    from quizzes.generation import GenerationError, quiz_generate
    from quizzes.generation.rubric import check_quiz

    call_command("migrate", verbosity=0)
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(corpus.glob("*.txt")):
        notes = path.read_text(encoding="utf-8")
        lecture = lecture_import(
            course_slug=f"review-{path.stem}"[:50], data=notes, filename=path.name
        ).lecture
        try:
            quiz = quiz_generate(lecture=lecture, rng_seed=1)
        except GenerationError as error:
            # Nothing a sound question can be made of: nothing for a teacher to judge.
            print(f"{path.name}: no quiz ({error})")
            continue
        flagged = defaultdict(list)
        for failure in check_quiz(quiz):
            if match := _RUBRIC_RE.match(failure):
                flagged[int(match[1])].append(match[2])
        questions = []
        lines = [f"# Quiz generated from {path.name}", ""]
        for n, question in enumerate(
            quiz.questions.order_by("position", "pk").prefetch_related("choices"), start=1
        ):
            choices = [
                {
                    "text": c.text,
                    "correct": c.is_correct,
                    "match": c.match_text,
                    "order": c.order_key,
                }
                for c in question.choices.order_by("pk")
            ]
            questions.append(
                {
                    "n": n,
                    "kind": question.kind,
                    "prompt": question.prompt,
                    "explanation": question.explanation,
                    "choices": choices,
                    "rubric": flagged.get(n, []),
                }
            )
            lines += [f"## Q{n} ({question.kind})", "", question.prompt, ""]
            for c in choices:
                if c["match"]:
                    lines.append(f"- {c['text']} ⟶ {c['match']}")
                elif c["order"] is not None:
                    lines.append(f"- [{c['order']}] {c['text']}")
                else:
                    lines.append(f"- [{'x' if c['correct'] else ' '}] {c['text']}")
            if question.explanation:
                lines += ["", f"Explanation: {question.explanation}"]
            lines.append("")
        (out / f"{path.stem}.quiz.json").write_text(
            json.dumps({"notes": path.name, "questions": questions}, indent=2, ensure_ascii=False)
            + "\n"
        )
        (out / f"{path.stem}.quiz.md").write_text("\n".join(lines))
        print(f"{path.stem}: {len(questions)} questions")


def score(reviews: Path) -> None:
    quizzes = {p.name.removesuffix(".quiz.json"): p for p in sorted(reviews.glob("*.quiz.json"))}
    if not quizzes:
        print(f"No *.quiz.json in {reviews}: run dump first.")
        return
    verdicts: dict[str, dict[str, dict[int, dict]]] = defaultdict(dict)
    for path in sorted(reviews.glob("*.json")):
        stem, _, teacher = path.name.removesuffix(".json").rpartition(".")
        if teacher == "quiz" or stem not in quizzes:
            continue
        verdicts[teacher][stem] = {q["n"]: q for q in json.loads(path.read_text())["questions"]}
    if not verdicts:
        print(f"No teachers' verdicts in {reviews} yet.")
        return
    flagged: dict[tuple[str, int], bool] = {}
    for stem, path in quizzes.items():
        for question in json.loads(path.read_text())["questions"]:
            flagged[stem, question["n"]] = bool(question["rubric"])
    print(f"{'teacher':<12} {'questions':>9} {'publishable':>11} {'wrong keys':>10}")
    rejected_by_any: set[tuple[str, int]] = set()
    for teacher, by_stem in sorted(verdicts.items()):
        seen = publishable = wrong = 0
        for stem, by_n in by_stem.items():
            for n, verdict in by_n.items():
                seen += 1
                publishable += bool(verdict["publishable"])
                wrong += bool(verdict.get("wrong_key"))
                if not verdict["publishable"]:
                    rejected_by_any.add((stem, n))
        share = publishable / seen if seen else 0
        print(f"{teacher:<12} {seen:>9} {share:>11.0%} {wrong:>10}")
    caught = sum(flagged.get(q, False) for q in rejected_by_any)
    false_alarms = sum(1 for q, f in flagged.items() if f and q not in rejected_by_any)
    print(
        f"rubric: flags {caught} of the {len(rejected_by_any)} questions a teacher would not "
        f"publish ({len(rejected_by_any) - caught} blind spots); {false_alarms} flagged that "
        "every teacher would publish"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    d = commands.add_parser("dump")
    d.add_argument("corpus", type=Path)
    d.add_argument("out", type=Path)
    s = commands.add_parser("score")
    s.add_argument("reviews", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.corpus, args.out)
    else:
        score(args.reviews)


if __name__ == "__main__":
    main()
