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
"""

from __future__ import annotations

import random
import re

import pytest

from quizzes.generation import date_rules, quiz_generate, statement_rules
from quizzes.generation.rubric import check_quiz
from quizzes.generation.source import Source, statable_bullets
from quizzes.models import Question

from .test_rubric_checks import build, tf

pytestmark = pytest.mark.django_db

Kind = Question.Kind
SEEDS = range(8)
GAP_LEAD = "Which date fills the gap? "


def statable(lecture) -> set[str]:
    return {text for texts in statable_bullets(Source.load(lecture)).values() for text in texts}


def gap_prompts(lecture) -> list[str]:
    src = Source.load(lecture)
    return [
        d.prompt.removeprefix(GAP_LEAD)
        for seed in SEEDS
        for d in date_rules.when_did(src, random.Random(seed), set())
    ]


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


def test_a_note_speak_line_is_never_a_gap(make_lecture):
    prompts = gap_prompts(make_lecture(LAMPS, course="lamps"))
    assert any(p.startswith(("James Young", "Abraham Gesner")) for p in prompts)
    for prompt in prompts:
        assert not re.search(r"marketed ____|approved by the Halifax|named .paraffine", prompt)


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


def test_a_sentence_that_never_names_its_subject_is_never_a_gap(make_lecture):
    prompts = gap_prompts(make_lecture(NORSE, course="norse"))
    assert any(p.startswith(("Harald Hardrada", "Magnus the Good", "Olaf")) for p in prompts)
    openings = [b.split(" in ")[0].split(" on ")[0] for b in UNNAMED]
    for prompt in prompts:
        assert not any(prompt.startswith(opening) for opening in openings), prompt


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


# ---------------------------------------------------------------- false statements

ICE = """Title: Ice and Industry
Deep Time
- The Varn glaciation lasted roughly 420 to 380 million years ago, while Baltica lay at the pole.
- The Skarn ice sheet formed about 34 million years ago over the southern highlands.
- The Lund basin flooded about 5 million years ago.
Mills
- Mill employment in Oldham fell from about 40,000 in 1951 to 9,000 by 1990.
- Oldham's output was about 3 million yards in 1880 and about 90 million yards in 1910.
- King Orl of Brenmark came to the throne in 1211, not in 1205 as older books say.
- The Venn calendar of the Brenmark court starts in 1064.
- Oldham's rainfall is still measured against its 1961 level.
- In the early 1700s the guilds armed: the Weavers' Union formed in 1708, the Dyers' League in 1709.
- Queen Ama of Brenmark ruled until her death in 1230, after two exiles.
- The Oldham spinning mule was patented in 1779.
"""


def falsified(lecture, start: str) -> list[str]:
    src = Source.load(lecture)
    bullet = next(b for group in src.bullets.values() for b in group if b.plain.startswith(start))
    found = [statement_rules._falsify(bullet, src, random.Random(seed)) for seed in range(20)]
    return [text for text in found if text is not None]


@pytest.mark.parametrize(
    "start",
    [
        "The Varn glaciation",  # one end of a range: "420 to 450" runs backwards
        "Mill employment",  # the year of a figure
        "Oldham's output",  # the year of a figure, in the second clause too
        "King Orl",  # a date the sentence corrects
        "Oldham's rainfall",  # a baseline
    ],
)
def test_a_year_that_is_no_event_is_never_moved(make_lecture, start):
    lecture = make_lecture(ICE, course="ice")
    assert falsified(lecture, "The Oldham spinning mule")  # an event's year still is
    assert falsified(lecture, start) == []


def test_a_false_year_is_never_a_hairs_breadth_off(make_lecture):
    found = falsified(make_lecture(ICE, course="ice"), "The Venn calendar")
    assert found
    for text in found:
        year = int(re.search(r"\d{4}", text).group())
        assert abs(year - 1064) >= 5, text


def test_a_false_year_stays_on_the_side_of_every_year_the_sentence_prints(make_lecture):
    found = falsified(make_lecture(ICE, course="ice"), "In the early 1700s")
    assert found
    for text in found:
        assert int(re.search(r"formed in (\d{4})", text).group(1)) >= 1700, text


def test_a_number_word_is_never_written_in_digits(make_lecture):
    src = Source.load(make_lecture(ICE, course="ice"))
    text = "Queen Ama of Brenmark ruled until her death in 1230, after two exiles."
    assert statement_rules._restate(text, src) == text


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


# ------------------------------------------------------- one question settles another

TARNS = """Title: Lakes of the North
Cooling
- The northern lakes froze about 12 million years ago, at the Brask–Olden boundary.
- The Bray moraine was laid down about 20,000 years ago.
- The Askel lake drained about 9,000 years ago.
Key Terms
- Brask–Olden transition — the cooling that froze the northern lakes.
- Moraine — a ridge of rock debris left by a glacier.
- Tarn — a small mountain lake in a glacial hollow.
- Esker — a winding ridge of gravel laid by meltwater.
- Drumlin — an oval hill shaped by moving ice.
"""


def test_a_statement_never_gives_away_a_definition_another_question_asks(make_lecture):
    lecture = make_lecture(TARNS, course="tarns")
    asked = 0
    for seed in SEEDS:
        quiz = quiz_generate(lecture=lecture, rng_seed=seed)
        questions = list(quiz.questions.prefetch_related("choices"))
        term_asked = any(
            "Brask–Olden transition" in " ".join([q.prompt, *(c.text for c in q.choices.all())])
            for q in questions
        )
        asked += term_asked
        states_it = any("Brask–Olden boundary" in q.prompt for q in questions)
        assert not (term_asked and states_it), seed
    assert asked


# -------------------------------------------------- a lecture of notes asks its terms

TELEGRAMS = """Title: Telegraphy
Wires
- 1837: Cooke + Wheatstone → five-needle telegraph
- Morse code sent Washington → Baltimore, May 1844
- transatlantic cable laid 1858; failed after 3 weeks
- Reuters: pigeons → wires, 1851
- The first transatlantic cable carried Queen Victoria's greeting in August 1858.
Key Terms
- Relay — a switch that lets a weak current control a stronger one.
- Sounder — a receiver that turns current into audible clicks.
- Repeater — a station that renews a fading signal along a line.
- Duplex — sending two messages in opposite directions on one wire.
- Key — the hand-operated switch that makes and breaks the circuit.
"""


def test_a_lecture_of_notes_asks_its_terms_one_by_one(make_lecture):
    quiz = quiz_generate(lecture=make_lecture(TELEGRAMS, course="wires"))
    kinds = [q.kind for q in quiz.questions.all()]
    assert Kind.MATCHING not in kinds
    singles = quiz.questions.filter(prompt__startswith="Which best describes")
    assert singles.count() >= 4
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
