"""Round 6 of issue 17's quiz drafts: the classes two teachers sent back from held-out
set 5 (round 4 of their verdicts), each on notes made up for the test, in the
generator and in the rubric.

- note-speak lines asked as sentences ("NPH insulin marketed 1950");
- a thing or person the sentence never names ("the empire", "he gained", "his army");
- claims that are no fact (targets, schedules, sales, debates) and relative ones
  ("Sweden followed in 1991");
- years that date a figure, a range's end or a baseline, moved in a false statement;
- sentences spliced or hollowed when a date is cut out ("was entered into force",
  "Salamis, fought, broke …");
- hair-splitting false years, dates the sentence corrects, numbers in digits;
- a statement giving away a definition another question asks;
- a lecture of few sentences asks its terms one by one.

Round 12 removed the generator's tests of false statements and date gaps (drafted
no more): their classes are the rubric's alone, and the ordering, "which came
first?" and name-gap rules stand for the gaps in the generator.
"""

from __future__ import annotations

import random

import pytest

from quizzes.generation import date_rules, name_rules, quiz_generate
from quizzes.generation.rubric import check_quiz
from quizzes.generation.source import Source, can_state
from quizzes.models import Question

from .test_rubric_checks import build, tf

pytestmark = pytest.mark.django_db

Kind = Question.Kind
SEEDS = range(8)


def statable(lecture) -> set[str]:
    """The bullets that state a fact on their own (source.can_state)."""
    src = Source.load(lecture)
    return {b.plain for group in src.bullets.values() for b in group if can_state(b, src.names)}


def asked_bullets(lecture) -> set[str]:
    """The bullets the ordering, "which came first?" and name-gap rules draw on."""
    src = Source.load(lecture)
    drafts = name_rules.name_gaps(src, set())
    for seed in SEEDS:
        drafts += date_rules.ordering(src, random.Random(seed))
        drafts += date_rules.first(src, random.Random(seed), set())
    return {line for draft in drafts for line in draft.source.split("\n")}


# ------------------------------------------------------------------ sentences, not notes

LAMPS = """Title: Lamp Oils
Whale Oil
- Sperm oil lamps lit the streets of Nantucket through the 1820s.
- Pennsylvania rock oil marketed 1857
- Gesner's lamp oil approved by the Halifax board March 3, 1854
- Paraffin wax on sale in Boston from 1859
- Lamp fuel named "paraffine" by James Young, 1850
- Boston: gas mains reached the harbour in 1828
Gas and Paraffin
- James Young patented his paraffin oil in 1850.
- Abraham Gesner lit a lecture hall in Charlottetown with kerosene in 1846.
- The Boston Gas Light Company laid its first mains in 1828.
"""

NOTE_SPEAK = [
    "Pennsylvania rock oil marketed 1857",
    "Gesner's lamp oil approved by the Halifax board March 3, 1854",
    "Paraffin wax on sale in Boston from 1859",
    'Lamp fuel named "paraffine" by James Young, 1850',
    "Boston: gas mains reached the harbour in 1828",
]


@pytest.mark.parametrize("line", NOTE_SPEAK)
def test_a_note_speak_line_is_never_stated(make_lecture, line):
    lecture = make_lecture(LAMPS, course="lamps")
    assert "James Young patented his paraffin oil in 1850." in statable(lecture)
    assert line not in statable(lecture)


# Three more events, so the date rules have enough sound ones to ask about.
MORE_LAMPS = """- Humphry Davy showed an electric arc lamp at the Royal Institution in 1808.
- Joseph Swan lit his house in Gateshead with electric bulbs in 1878.
- Michael Faraday lectured on the chemistry of a candle in 1860.
"""


def test_a_note_speak_line_is_never_asked_about(make_lecture):
    asked = asked_bullets(make_lecture(LAMPS + MORE_LAMPS, course="lamps"))
    assert "James Young patented his paraffin oil in 1850." in asked
    assert not asked & set(NOTE_SPEAK), asked & set(NOTE_SPEAK)


# ---------------------------------------------------------------- whom? which one?

NORSE = """Title: Northern Kingdoms
Kings and Bishops
- Olaf Tryggvason built the first church at Nidaros in 997.
- Magyar raiders weakened the kingdom in 1015.
- Halvard Greycloak founded the dynasty in 1020 and married a Danish princess.
- By a pact with Canute in 1028 he gained the western fjords.
- Fevers dimmed his sight in 1046, a year before his death.
- Roskilde opened its gates to his fleet in 1042.
- Bishop Ansgar of Bremen banished him on 4 May 1044.
- Sweden followed in 1050 with a church law of its own.
- Phase 2 of the harbour wall began in 1060.
- Harald Hardrada fell at Stamford Bridge in 1066.
- Magnus the Good took the Danish throne in 1042.
"""

UNNAMED = [
    "Magyar raiders weakened the kingdom in 1015.",
    "Halvard Greycloak founded the dynasty in 1020 and married a Danish princess.",
    "By a pact with Canute in 1028 he gained the western fjords.",
    "Fevers dimmed his sight in 1046, a year before his death.",
    "Roskilde opened its gates to his fleet in 1042.",
    "Bishop Ansgar of Bremen banished him on 4 May 1044.",
    "Sweden followed in 1050 with a church law of its own.",
    "Phase 2 of the harbour wall began in 1060.",
]


@pytest.mark.parametrize("bullet", UNNAMED)
def test_a_sentence_that_never_names_its_subject_is_never_stated(make_lecture, bullet):
    lecture = make_lecture(NORSE, course="norse")
    assert "Harald Hardrada fell at Stamford Bridge in 1066." in statable(lecture)
    assert bullet not in statable(lecture)


MORE_NORSE = """- Olaf Haraldsson fell at Stiklestad in 1030.
- Cnut the Great died at Shaftesbury in 1035.
- Harald Bluetooth raised the Jelling stones in 965.
"""


def test_a_sentence_that_never_names_its_subject_is_never_asked_about(make_lecture):
    asked = asked_bullets(make_lecture(NORSE + MORE_NORSE, course="norse"))
    assert "Harald Hardrada fell at Stamford Bridge in 1066." in asked
    assert not asked & set(UNNAMED), asked & set(UNNAMED)


# ------------------------------------------------------------- no fact to be judged

CANALS = """Title: Canals
Tolls and Trade
- The Grand Union council is scheduled to cut its tolls by 2040.
- A Canaletto view of the basin sold for $12 million in May 2015.
- Historians still argue whether the Leeds and Liverpool Canal paid for itself.
- Tolls on the Kennet and Avon Canal will rise from 2031.
- 1020 bronze is still cast for the lock gates' bearings.
- The Bridgewater Canal opened to Manchester in 1761.
"""


def test_targets_sales_debates_and_figures_are_never_stated(make_lecture):
    lecture = make_lecture(CANALS, course="canals")
    stated = statable(lecture)
    assert "The Bridgewater Canal opened to Manchester in 1761." in stated
    assert len(stated) == 1, stated


# ------------------------------------------------------------------ cut and spliced

LORAM = "The Loram Accord was signed on 1 March 1920 and entered into force on 3 May 1921"


@pytest.mark.parametrize(
    ("text", "bullet", "sound"),
    [
        ("The Loram Accord was entered into force on 3 May 1921", LORAM, False),
        ("The Loram Accord entered into force on 3 May 1921", LORAM, True),
        (
            "Copper collapsed in May 1881",
            "Copper prices peaked in 1880 and collapsed in May 1881",
            False,
        ),
        (
            "Fevers had surgery in 1047",
            "Fevers dimmed his sight in 1046; he had surgery in 1047",
            False,
        ),
        (
            "Bishop Odo made a saint in 1120",
            "Bishop Odo, abbot of Lund from 1090, was murdered in 1101 and made a saint in 1120",
            False,
        ),
        (
            "The Lisbon Charter was ratified on 5 May 1910",
            "The Lisbon Charter was signed on 1 March 1909 and ratified on 5 May 1910",
            True,
        ),
        ("Olaf built a church in 997", "Olaf, born in 960, built a church in 997", True),
    ],
)
def test_a_spliced_event_reads_as_its_bullet_does(text, bullet, sound):
    assert date_rules.one_stretch(text, bullet) is sound


def test_an_ordering_item_drops_the_clause_its_date_leaves_hollow():
    item = date_rules._undated("Varna Bay, fought in June 1412, ended the siege.", "June 1412")
    assert item == "Varna Bay ended the siege."


# -------------------------------------------------- a lecture of notes asks its terms

TELEGRAMS = """Title: Telegraphy
Wires
- 1837: Cooke + Wheatstone → five-needle telegraph
- Morse code sent Washington → Baltimore, May 1844
- transatlantic cable laid 1858; failed after 3 weeks
- Reuters: pigeons → wires, 1851
- The first transatlantic cable carried Queen Victoria's greeting in August 1858.
Key Terms
- Commutator — a switch that reverses the current at each half turn.
- Sounder — a receiver that turns current into audible clicks.
- Repeater — a station that renews a fading signal along a line.
- Galvanometer — an instrument that detects a current by a needle's swing.
- Armature — the moving iron part that a magnet pulls.
"""


def test_a_lecture_of_notes_asks_its_terms_one_by_one(make_lecture):
    quiz = quiz_generate(lecture=make_lecture(TELEGRAMS, course="wires"))
    kinds = [q.kind for q in quiz.questions.all()]
    assert Kind.MATCHING not in kinds
    singles = quiz.questions.filter(prompt__startswith="Which best describes")
    assert singles.count() >= 3
    assert check_quiz(quiz) == []


# ---------------------------------------------------------------------- the rubric


@pytest.fixture
def dickens(make_lecture):
    from .test_rubric_checks import NOTES

    return make_lecture(NOTES, course="lit")


GAP = "Which date fills the gap?"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [("single", f"{GAP} Bleak House serialised ____.", ["*1853", "1848", "1858", "1862"])],
            "has a participle for its verb",
        ),
        (
            [tf("Pickwick on sale from 1836.", True, "Pickwick on sale from 1836")],
            "has no verb",
        ),
        (
            [tf("Dickens moved to Doughty Street with his family, 1837.", True, "…")],
            "hangs its year on with a comma",
        ),
        (
            [tf("London: Dickens moved to Doughty Street in 1837.", True, "…")],
            "opens on a label and a colon",
        ),
        (
            [tf("The city gave him a banquet in 1842.", True, "…")],
            "without naming it",
        ),
        (
            [("single", f"{GAP} By a deal with Chapman in ____ he sold the rights.", ["*1846"])],
            "means nobody it names",
        ),
        (
            [tf("Fevers weakened his hand in 1869.", True, "…")],
            "means nobody it names",
        ),
        (
            [tf("Thackeray followed in 1847 with Vanity Fair.", True, "…")],
            "relative to something it leaves out",
        ),
        (
            [tf("Dickens's heirs are scheduled to sell the house in 2031.", True, "…")],
            "is no fact",
        ),
        (
            [("single", f"{GAP} The Copyright Act was entered into force in ____.", ["*1842"])],
            "before a verb that takes none",
        ),
        (
            [
                (
                    "ordering",
                    "Put these events in chronological order, earliest first.",
                    ["Bleak House, serialised, made his name.", "Dickens toured America."],
                )
            ],
            "hollowed by its date",
        ),
        (
            [tf("About 40 % of readers bought the parts in 1850.", True, "…")],
            "",
        ),
        (
            [
                (
                    "ordering",
                    "Put these events in chronological order, earliest first.",
                    ["About 40 % of readers bought the monthly parts.", "Dickens toured America."],
                )
            ],
            "dating a figure rather than an event",
        ),
        (
            [
                tf(
                    "Sales of the parts fell from about 40,000 in 1844 to 20,000 by 1860.",
                    False,
                    "Sales of the parts fell from about 40,000 in 1853 to 20,000 by 1860.",
                )
            ],
            "moves the year of a figure",
        ),
        (
            [
                tf(
                    "Dickens wrote Pickwick from 1836 to 1845.",
                    False,
                    "Dickens wrote Pickwick from 1836 to 1837.",
                )
            ],
            "swaps one end of a span",
        ),
        (
            [
                tf(
                    "Great Expectations came out in 1858 as a weekly serial.",
                    False,
                    "Great Expectations came out in 1861 as a weekly serial.",
                )
            ],
            "hair's breadth",
        ),
        (
            [
                tf(
                    "Dickens married in 1842, not in 1836 as some say.",
                    False,
                    "Dickens married in 1836, not in 1842 as some say.",
                )
            ],
            "corrects a date",
        ),
        (
            [
                tf(
                    "Dickens toured America 2 times.",
                    True,
                    "Dickens toured America two times.",
                )
            ],
            "“two” written as “2”",
        ),
        (
            [
                (
                    "single",
                    "Which best describes “Monthly number”?",
                    ["*one part of a novel sold each month.", "a plate.", "a house.", "a town."],
                ),
                tf("A monthly number was one part of a novel sold each month.", True, "…"),
            ],
            "Q1: answered by Q2",
        ),
    ],
)
def test_the_rubric_names_each_round_six_fault(dickens, rows, message):
    failures = check_quiz(build(dickens, rows))
    if message:
        assert any(message in failure for failure in failures), failures
    else:  # a share stated true is a fact like another
        assert not [f for f in failures if "figure" in f or "no fact" in f], failures


@pytest.mark.parametrize(
    "rows",
    [
        [tf("Dickens dug his garden at Gad's Hill in 1857.", True, "…")],
        [tf("A statue planned by Forster in 1870 was set up by his heirs in 1890.", True, "…")],
        [tf("Dickens described his tour in a letter dated 20 March 1842.", True, "…")],
        [tf("Dickens was paid by Chapman and Hall for every monthly part.", True, "…")],
        [tf("Claims for the flooded mills came to over £9,000 in 1866.", True, "…")],
        [
            (
                "single",
                f"{GAP} The Brask eruption happened ____.",
                [
                    "*c. 74,000 years ago",
                    "c. 37,000 years ago",
                    "c. 110,000 years ago",
                    "c. 220,000 years ago",
                ],
            )
        ],
        [
            (
                "single",
                f"{GAP} The Marinoan glaciation ended ____.",
                [
                    "*around 635 million years ago",
                    "around 320 million years ago",
                    "around 950 million years ago",
                    "around 1300 million years ago",
                ],
            )
        ],
    ],
)
def test_the_rubric_passes_the_sentences_teachers_published(dickens, rows):
    failures = check_quiz(build(dickens, rows))
    assert not [f for f in failures if f.startswith("Q1") and "full ranking" not in f], failures
