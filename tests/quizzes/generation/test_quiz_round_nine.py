"""Round 9 of issue 17's quiz drafts: what the strict teachers of held-out set 8
(round 7 of their verdicts) asked for, each on notes made up for the test.

- a section's central idea asked first and not as a year: "Which name fills the
  gap?" blanks the one person a bullet names, beside three others the lecture
  names, each of whom would make the sentence false;
- nobody stands in who did the same or was dead at the time;
- dates at most about a third of a quiz (round 12: though two are always allowed);
- the rubric learns a name gap that gives itself away (a choice printed in the
  prompt, a man told from a woman).

Round 12 removed the test of a false statement swapping a person named mid-sentence:
statements are drafted no more.
"""

from __future__ import annotations

import pytest

from quizzes.generation import name_rules, planning, quiz_generate
from quizzes.generation.draft import Draft
from quizzes.generation.people import people, stand_ins
from quizzes.generation.rubric import check_quiz
from quizzes.generation.source import Source
from quizzes.models import Question

from .test_rubric_checks import build

pytestmark = pytest.mark.django_db

Kind = Question.Kind
SEEDS = range(6)

LIGHTHOUSES = """Title: The Lighthouse Builders of Corwen, 1820–1880
Overview
Who lit the coast of Corwen, and why the first towers failed.

Early towers
- Aldric Penhale (1790–1851) designed the first stone tower on Gull Point in 1822.
- The Gull Point tower cracked in the storm of 1829 because its mortar was set with sea sand.
- Tobias Wren raised a timber beacon on the Skerry rocks in 1831.
- The harbour board paid for the beacons from a toll on every ship entering port.

The great lights
- Marta Quell (1801–1874) fitted the first revolving lens at Black Head in 1838.
- Edwin Harrow surveyed the reefs off Black Head in 1840 with a lead line.
- Jonas Merrow cast the iron lantern rooms at the Corwen foundry in 1845.
- The revolving lens let sailors tell one light from another by its rhythm.

Keepers
- Silas Dunmore kept the Skerry light for thirty years from 1848.
- Keepers trimmed the wicks every four hours through the night.
- The board replaced oil lamps with paraffin in 1862 because paraffin burnt brighter.
- Aldric Penhale's tower on Gull Point was pulled down in 1866.

Key Terms
- Lantern room — the glazed chamber at the top of a tower that holds the light.
- Fresnel lens — a lens built of rings of prisms that bends light into a beam.
"""


def bullet_of(src: Source, start: str):
    return next(b for group in src.bullets.values() for b in group if b.plain.startswith(start))


@pytest.fixture
def lighthouses(make_lecture):
    return make_lecture(LIGHTHOUSES, course="light")


# ------------------------------------------------------------- the name gap


def test_a_central_bullet_is_asked_by_the_person_it_names(lighthouses):
    src = Source.load(lighthouses)
    gaps = name_rules.name_gaps(src, set())
    assert gaps, "no name gap on notes that name people in full"
    first = gaps[0]
    assert first.kind == Kind.SINGLE and first.family == "name"
    assert first.prompt.startswith("Which name fills the gap? ____ (1790–1851) designed")
    right = [c["text"] for c in first.choices if c.get("is_correct")]
    assert right == ["Aldric Penhale"]
    wrong = {c["text"] for c in first.choices if not c.get("is_correct")}
    assert len(wrong) == 3 and "Aldric Penhale" not in wrong
    # Every wrong name is a person the lecture names in full.
    assert wrong <= set(people(src))


def test_no_two_name_gaps_offer_the_same_names(lighthouses):
    src = Source.load(lighthouses)
    sets = [frozenset(c["text"] for c in d.choices) for d in name_rules.name_gaps(src, set())]
    assert len(sets) == len(set(sets))


def test_a_person_is_never_a_place_a_firm_or_a_painting(make_lecture):
    notes = LIGHTHOUSES + (
        "\nLater\n- Black Head Light sold at auction in 1990 to a trust.\n"
        "- Harriet Vale of Corwen Foundry designed the last lantern in 1878.\n"
    )
    src = Source.load(make_lecture(notes, course="light2"))
    everyone = people(src)
    assert "Black Head Light" not in everyone  # "sold": a thing's verb as much
    assert "Corwen Foundry" not in everyone  # after "of": a firm or a place
    assert {"Aldric Penhale", "Marta Quell", "Tobias Wren"} <= set(everyone)


def test_nobody_stands_in_who_did_the_same_or_was_dead(make_lecture):
    notes = LIGHTHOUSES.replace(
        "- Jonas Merrow cast the iron lantern rooms at the Corwen foundry in 1845.",
        "- Jonas Merrow surveyed the reefs off Black Head with a lead line as well.",
    )
    src = Source.load(make_lecture(notes, course="light3"))
    found = stand_ins(bullet_of(src, "Edwin Harrow surveyed"), src, people(src))
    assert found is not None
    assert "Jonas Merrow" not in found[1]  # the notes say he did it too
    # Aldric Penhale (1790–1851) is dead by 1862: never a stand-in for a later deed.
    later = stand_ins(bullet_of(src, "Silas Dunmore kept"), src, people(src))
    assert later is not None and "Aldric Penhale" in later[1]
    notes = notes.replace("from 1848", "from 1858")
    src = Source.load(make_lecture(notes, course="light4"))
    later = stand_ins(bullet_of(src, "Silas Dunmore kept"), src, people(src))
    assert later is not None and "Aldric Penhale" not in later[1]


def test_two_people_or_a_woman_named_is_no_name_gap(make_lecture):
    notes = LIGHTHOUSES.replace(
        "- Edwin Harrow surveyed the reefs off Black Head in 1840 with a lead line.",
        "- Edwin Harrow and Ruth Calder surveyed the reefs off Black Head in 1840.",
    ).replace(
        "- Tobias Wren raised a timber beacon on the Skerry rocks in 1831.",
        "- Tobias Wren's widow raised a timber beacon on the Skerry rocks in 1831.",
    )
    src = Source.load(make_lecture(notes, course="light5"))
    assert stand_ins(bullet_of(src, "Edwin Harrow and"), src, people(src)) is None
    assert stand_ins(bullet_of(src, "Tobias Wren's widow"), src, people(src)) is None


def test_quizzes_ask_names_and_pass_the_rubric(lighthouses):
    for seed in SEEDS:
        quiz = quiz_generate(lecture=lighthouses, rng_seed=seed)
        questions = list(quiz.questions.all())
        assert any(q.rule == "name" for q in questions), seed
        assert check_quiz(quiz) == [], seed


def _draft(family: str) -> Draft:
    return Draft(family, Kind.SINGLE, f"{family}?", "", None)


def test_dates_are_at_most_a_third_of_a_quiz():
    asked = [_draft("ordering")] + [_draft("first") for _ in range(4)]
    asked += [_draft("name") for _ in range(5)]
    kept = planning._few_dates(asked)
    dates = [d.family for d in kept if d.family in ("ordering", "first")]
    assert len(dates) <= round(len(kept) / 3)
    # "Which came first?" questions are dropped before the ordering question, and
    # nothing but date questions is.
    assert dates == ["ordering", "first", "first"]
    assert sum(d.family == "name" for d in kept) == 5


def test_a_lecture_of_events_keeps_two_date_questions():
    # Two date questions are always kept (planning.DATES_ALWAYS), even alone; a
    # third beyond a third of the quiz is dropped.
    asked = [_draft("ordering"), _draft("first"), _draft("first"), _draft("name")]
    assert [d.family for d in planning._few_dates(asked)] == ["ordering", "first", "name"]
    asked = [_draft("ordering"), _draft("first")]
    assert [d.family for d in planning._few_dates(asked)] == ["ordering", "first"]


# ------------------------------------------------------------------ the rubric


def test_the_rubric_names_a_name_gap_that_gives_itself_away(make_lecture):
    from .test_rubric_checks import NOTES

    lecture = make_lecture(NOTES, course="lit9")
    rows = [
        (
            "single",
            "Which name fills the gap? ____ toured America with Charles Dickens.",
            ["*Wilkie Collins", "Charles Dickens", "Anthony Trollope", "George Eliot"],
        ),
        (
            "single",
            "Which name fills the gap? ____ became the first woman to edit the review.",
            ["*Mary Evans", "John Forster", "Thomas Hardy", "Henry James"],
        ),
        (
            "single",
            "Which name fills the gap? ____ edited the weekly magazine.",
            ["*John Forster", "Thomas Hardy", "Henry James", "Wilkie Collins"],
        ),
    ]
    failures = check_quiz(build(lecture, rows))
    assert any(f.startswith("Q1: a name gap whose prompt prints a choice") for f in failures)
    assert any(f.startswith("Q2: a name gap whose prompt tells a man from") for f in failures)
    assert not any(f.startswith("Q3: a name gap") for f in failures)


def test_a_proposal_asked_by_name_is_no_date_asked(make_lecture):
    from .test_rubric_checks import NOTES

    lecture = make_lecture(NOTES, course="lit10")
    prompt = "Which name fills the gap? ____ proposed the serial edition in 1836."
    rows = [("single", prompt, ["*John Forster", "Thomas Hardy", "Henry James", "Ann Ward"])]
    assert not any("a sale, a proposal" in f for f in check_quiz(build(lecture, rows)))
