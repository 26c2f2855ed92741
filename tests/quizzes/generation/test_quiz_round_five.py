"""Round 5 of issue 17's quiz drafts: matching pairs whose definition repeats the
term's words or spells its initials, wrong decades too far off to weigh, and a
price read as a year, in the generator and the rubric."""

from __future__ import annotations

import random

import pytest

from quizzes.generation import date_rules, quiz_generate, term_rules
from quizzes.generation.rubric import check_quiz
from quizzes.generation.source import Source
from quizzes.generation.wrong_dates import dated, wrong_dates
from quizzes.models import Question

from .test_quiz_round_four import COLLECTORS
from .test_rubric_checks import NOTES, build

pytestmark = pytest.mark.django_db

Kind = Question.Kind

ELECTRICITY = """Title: Early Electricity
Experiments
- Pieter van Musschenbroek built a charge-storing vessel in Leiden in 1745.
- Benjamin Franklin flew his kite in a thunderstorm in 1752.
- Alessandro Volta stacked zinc and copper discs into a pile in 1800.
- Michael Faraday showed electromagnetic induction in 1831.
Key Terms
- Leyden jar — a glass jar that stores charge.
- Aet — after extra time.
- Capacitor — a device holding opposite charges on two plates.
- Conductor — a material through which current passes easily.
- Insulator — a material that resists the passage of current.
- Voltaic pile — a stack of discs that gave steady current.
"""


@pytest.fixture
def lecture(make_lecture):
    return make_lecture(NOTES, course="lit")


def test_a_term_its_definition_echoes_is_left_out_of_matching(make_lecture):
    # The matching rule itself: a lecture this short of sentences may be asked its
    # terms one by one instead (planning.SHORT_BY), with no matching question.
    src = Source.load(make_lecture(ELECTRICITY, course="elec"))
    matched = set()
    for seed in range(8):
        for draft in term_rules.matching(src, random.Random(seed)):
            matched |= {c["text"] for c in draft.choices}
    assert matched  # the other terms still make a matching question
    assert not matched & {"Leyden jar", "Aet"}


def test_the_rubric_fails_a_matching_pair_that_echoes_its_term(lecture):
    quiz = build(
        lecture,
        [
            (
                Kind.MATCHING,
                "Match each term to its definition.",
                [
                    ("Leyden jar", "a glass jar that stores charge"),
                    ("Aet", "after extra time"),
                    ("Serial", "a novel published in parts"),
                    ("Illustrator", "the artist who drew a novel's plates"),
                ],
            )
        ],
    )
    failures = [f for f in check_quiz(quiz, NOTES) if "echoes the term" in f]
    assert len(failures) == 2, failures
    assert any("Leyden jar" in f for f in failures)
    assert any("Aet" in f for f in failures)


def test_the_rubric_passes_matching_pairs_that_do_not_echo(lecture):
    quiz = build(
        lecture,
        [
            (
                Kind.MATCHING,
                "Match each term to its definition.",
                [
                    ("Serial", "a novel published in parts"),
                    ("Illustrator", "the artist who drew a novel's plates"),
                    ("BBC", "the British public broadcaster"),
                ],
            )
        ],
    )
    assert not [f for f in check_quiz(quiz, NOTES) if "echoes the term" in f]


def test_a_wrong_decade_is_at_most_two_decades_off():
    (date,) = dated("Escape tunnels were dug under the border strip in the 1960s.")
    offered = [text for text, _ in wrong_dates(date.label, date.when)]
    assert offered
    assert set(offered) <= {"1940s", "1950s", "1970s", "1980s"}


def test_a_price_is_not_read_as_a_year_by_the_rubric(lecture):
    quiz = build(
        lecture,
        [
            (
                Kind.SINGLE,
                "Which date fills the gap? Gold traded above $2000 an ounce in ____.",
                ["*August 2011", "August 2008", "August 2014", "August 1996"],
            )
        ],
    )
    assert not [f for f in check_quiz(quiz, NOTES) if "own dates rule out" in f]


def test_the_number_of_true_statements_varies_with_the_seed_within_the_band(make_lecture):
    lecture = make_lecture(COLLECTORS, course="collect")
    mixes = set()
    for seed in range(10):
        quiz = quiz_generate(lecture=lecture, rng_seed=seed)
        statements = quiz.questions.filter(kind=Kind.TRUE_FALSE)
        true = statements.filter(choices__text="True", choices__is_correct=True).count()
        total = statements.count()
        if total >= 4:
            assert 0.3 <= true / total <= 0.7
        mixes.add((true, total))
        again = quiz_generate(lecture=lecture, rng_seed=seed)
        assert (
            again.questions.filter(kind=Kind.TRUE_FALSE)
            .filter(choices__text="True", choices__is_correct=True)
            .count()
            == true
        )
    # Not always the most false: a student guessing "false" gains nothing. The mix
    # varies within a total, or (round 9: dates a third of the quiz leave three or
    # four statements, four admitting only two true) some quiz has more true.
    totals = {total for _, total in mixes}
    assert any(len({t for t, n in mixes if n == total}) > 1 for total in totals) or any(
        2 * t > n for t, n in mixes
    ), mixes


REPUBLIC = """Title: The Dutch Republic
War
- The French army invaded the Dutch Republic in 1672.
- William III became stadtholder of Holland in 1674.
- The Peace of Nijmegen ended the Franco-Dutch War in 1678.
- William III landed at Torbay in 1688.
Trade
- The Dutch East India Company was founded in 1602.
- The Bank of Amsterdam opened in 1609.
- Tulip prices collapsed in 1637.
- The Treaty of Breda gave New Amsterdam to England in 1667.
Key Terms
- Rampjaar — the Dutch name for 1672, the disaster year.
- Stadtholder — the chief officer of a Dutch province.
- Regent — a member of the ruling town elite.
- Fluyt — a cheap cargo ship built in Holland.
- Polder — land reclaimed from water behind dikes.
- Admiralty — a board running one of the navies of the provinces.
"""


def test_no_question_asks_or_states_a_year_a_definition_shown_prints(make_lecture):
    lecture = make_lecture(REPUBLIC, course="dutch")
    shown_times = 0
    for seed in range(8):
        quiz = quiz_generate(lecture=lecture, rng_seed=seed)
        questions = list(quiz.questions.prefetch_related("choices"))
        defining = [
            q
            for q in questions
            if "Dutch name for 1672" in q.prompt
            or any("Dutch name for 1672" in f"{c.text} {c.match_text}" for c in q.choices.all())
        ]
        if not defining:
            continue
        shown_times += 1
        for question in questions:
            if question in defining:
                continue
            assert "1672" not in question.prompt, question.prompt
            # A false statement swaps the year, but the definition still settles it.
            if question.kind == Kind.TRUE_FALSE:
                assert "1672" not in question.source, question.source
            keys = [c.text for c in question.choices.all() if c.is_correct]
            assert not any("1672" in key for key in keys), question.prompt
    assert shown_times


BATTLES = """Title: Persian Wars
Battles
- The Athenians won at Marathon (490 BC) and at Salamis (480 BC) against Persia.
- Xerxes invaded Greece with a vast army in 480 BC.
- The Spartans held the pass at Thermopylae in 480 BC.
- The Delian League was founded in 478 BC.
- Pericles began the Parthenon in 447 BC.
- Athens fought Sparta in 460, 431 and 415 BC.
- The Peace of Callias ended the wars with Persia in 449 BC.
"""


def test_a_date_in_brackets_or_a_list_of_dates_is_never_blanked(make_lecture):
    lecture = make_lecture(BATTLES, course="persia")
    gaps = 0
    for seed in range(8):
        quiz = quiz_generate(lecture=lecture, rng_seed=seed)
        for question in quiz.questions.filter(prompt__startswith="Which date fills the gap?"):
            gaps += 1
            assert "(____" not in question.prompt.replace(" ", ""), question.prompt
            assert "Marathon" not in question.prompt, question.prompt
            assert "Athens fought Sparta" not in question.prompt, question.prompt
    assert gaps


CARTHAGE = """Title: Carthage
Carthage
- The city was refounded as a Byzantine stronghold in 1533.
- The army burned his palace to the ground in 1535.
- Charles V captured Tunis with his fleet in 1535.
- The Ottomans took Tunis from Spain in 1574.
- The French made Tunisia a protectorate in 1881.
- Tunisia became independent from France in 1956.
- Archaeologists began the UNESCO excavation at Carthage in 1972.
- Carthage was listed as a World Heritage Site in 1979.
"""


def test_a_gap_about_someone_or_something_never_named_is_not_asked(make_lecture):
    lecture = make_lecture(CARTHAGE, course="carthage")
    gaps = []
    for seed in range(8):
        src = Source.load(lecture)
        gaps += date_rules.when_did(src, random.Random(seed), set())
    assert gaps
    for draft in gaps:
        assert "The city was" not in draft.prompt, draft.prompt
        assert "his palace" not in draft.prompt, draft.prompt
