"""The rubric's automatic checks learn each class of issue 17 (item 7's rubric
half): quizzes written by hand with one fault each, and the check that names it."""

from __future__ import annotations

import pytest

from quizzes.generation.rubric import check_quiz
from quizzes.models import Choice, Question, Quiz

pytestmark = pytest.mark.django_db

Kind = Question.Kind

NOTES = """Title: Dickens
Life
- Charles Dickens (1812–1870) published Bleak House in 1853 in monthly parts.
- Dickens toured America in 1842 and again in 1867.
- Great Expectations came out in 1861 as a weekly serial.
Afterlife
- The Dickens Museum opened in London in 1925 in his former house.
- The BBC adapted Bleak House for television in 1985.
Key Terms
- Serial — a novel published in parts.
- Monthly number — one part of a novel sold each month.
- Illustrator — the artist who drew a novel's plates.
"""

FILLER = [
    ("single", "Which best describes “Serial”?", ["a novel published in parts.", "*"]),
    ("single", "When did this happen? The museum opened.", ["1925", "1985", "1861"]),
]


def tf(statement: str, key: bool, source: str) -> tuple:
    return ("tf", statement, key, source)


def build(lecture, questions: list[tuple]) -> Quiz:
    """A quiz from (kind, prompt, choices) rows; a choice starting "*" is the key
    (the first choice when none does); ("tf", statement, key, source) rows too."""
    quiz = Quiz.objects.create(lecture=lecture, title="Check", generated=True)
    life = lecture.sections.get(title="Life")
    for position, row in enumerate(questions):
        if row[0] == "tf":
            _, statement, key, source = row
            question = Question.objects.create(
                quiz=quiz,
                kind=Kind.TRUE_FALSE,
                prompt=f"True or false: {statement}",
                explanation=f"{'True' if key else 'False'}. The notes say: “{source}”",
                section=life,
                position=position,
                rule="tf",
                source=source,
            )
            Choice.objects.create(question=question, text="True", is_correct=key)
            Choice.objects.create(question=question, text="False", is_correct=not key)
            continue
        kind, prompt, choices = row
        question = Question.objects.create(
            quiz=quiz, kind=kind, prompt=prompt, section=life, position=position
        )
        keyed = any(str(c).startswith("*") for c in choices)
        for i, choice in enumerate(choices):
            if kind == Kind.MATCHING:
                term, definition = choice
                Choice.objects.create(
                    question=question, text=term, match_text=definition, is_correct=True
                )
                continue
            text = str(choice).removeprefix("*")
            if text == "":
                text = f"option {i}"
            right = str(choice).startswith("*") if keyed else i == 0
            Choice.objects.create(question=question, text=text, is_correct=right)
    return quiz


@pytest.fixture
def lecture(make_lecture):
    return make_lecture(NOTES, course="lit")


def failures(lecture, rows) -> list[str]:
    return check_quiz(build(lecture, rows))


SINGLE_OK = [
    (
        "single",
        "Which happened first?",
        ["*Dickens toured America.", "The museum opened.", "X.", "Z."],
    ),
    ("single", "Which came next?", ["The museum opened.", "*Dickens toured America.", "Y.", "W."]),
]


def test_a_fault_free_quiz_passes(lecture):
    rows = SINGLE_OK + [
        tf(
            "Dickens toured America in 1842 and again in 1867.",
            True,
            "Dickens toured America in 1842 and again in 1867.",
        ),
        tf(
            "Great Expectations came out in 1855 as a weekly serial.",
            False,
            "Great Expectations came out in 1861 as a weekly serial.",
        ),
    ]
    assert failures(lecture, rows) == []


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            tf("He toured America in 1842.", True, "He toured America in 1842."),
            "a statement without its subject",
        ),
        (
            tf(
                "Charles Dickens (1812–1870) published Bleak House in 1925 in monthly parts.",
                False,
                "Charles Dickens (1812–1870) published Bleak House in 1853 in monthly parts.",
            ),
            "contradicts a date in the same sentence",
        ),
        (
            tf(
                "Great Expectations came out in 1985 as a weekly serial.",
                False,
                "Great Expectations came out in 1861 as a weekly serial.",
            ),
            "far outside its section's period",
        ),
        (
            tf(
                "The first serial came out in 1858 as a weekly serial.",
                False,
                "The first serial came out in 1861 as a weekly serial.",
            ),
            "a year swapped in a sentence that ranks",
        ),
        (
            tf(
                "Dickens (1812–1870) was born in 1812 in Portsmouth.",
                True,
                "Dickens (1812–1870) was born in 1812 in Portsmouth.",
            ),
            "prints in brackets the year it states",
        ),
        (
            (
                "single",
                "Which best describes “Serial”?",
                ["*a novel published in parts", "b.", "c."],
            ),
            "the only one of its form",
        ),
        (
            ("single", "When did it open?", ["*25 March 1925", "1985", "1861", "1842"]),
            "the only one of its form",
        ),
        (
            (
                "single",
                "Which section of the lecture discusses “Serial”?",
                ["*Life", "Afterlife", "Overview"],
            ),
            "asks where a word appears",
        ),
    ],
)
def test_each_fault_is_named(lecture, row, message):
    found = failures(lecture, [*SINGLE_OK, row, FILLER[1]])
    assert any(message in failure for failure in found), found


def test_the_key_in_one_place_is_named(lecture):
    rows = [("single", f"Question {i}?", ["*right.", f"a{i}.", f"b{i}."]) for i in range(4)]
    assert any("the right choice is choice 1 in 4 of 4" in f for f in failures(lecture, rows))


def test_true_or_false_share_and_balance_are_named(lecture):
    true = [
        tf(f"Dickens toured America in 18{40 + i}.", True, f"Dickens toured America in 18{40 + i}.")
        for i in range(3)
    ]
    found = failures(lecture, [*SINGLE_OK, *true])
    assert any("3 of 5 questions are true or false" in f for f in found), found
    assert any("every statement is True" in f for f in found), found
    four = true + [tf("Dickens toured America in 1830.", True, "Dickens toured America in 1830.")]
    found = failures(lecture, [*SINGLE_OK, *SINGLE_OK, *four])
    assert any("4 of 4 statements are true" in f for f in found), found


def test_questions_answering_each_other_are_named(lecture):
    matching = (
        "matching",
        "Match each term to its definition.",
        [
            ("Serial", "a novel published in parts."),
            ("Illustrator", "the artist who drew a novel's plates."),
        ],
    )
    single = (
        "single",
        "Which best describes “Monthly number”?",
        ["*one part sold each month.", "a novel published in parts.", "c."],
    )
    again = (
        "single",
        "Which is it?",
        ["*one part sold each month.", "a novel published in parts.", "c."],
    )
    found = failures(lecture, [matching, single, again])
    assert any("a definition another question shows" in f for f in found), found
    assert any("Q3: the same options as Q2" in f for f in found), found


def test_a_term_asked_too_often_or_before_sections_are_covered_is_named(lecture):
    rows = [
        ("single", "Which best describes “Serial”?", ["*a novel published in parts.", "b.", "c."]),
        (
            "single",
            "Which section of the lecture discusses “Serial”?",
            ["*Life", "Afterlife", "Overview"],
        ),
        (
            "matching",
            "Match each term to its definition.",
            [("Serial", "parts."), ("Illustrator", "plates.")],
        ),
    ]
    found = failures(lecture, rows)
    assert any("“serial” is asked 3 times" in f for f in found), found
    assert any("while “Afterlife” goes unasked" in f for f in found), found


# Round 2 of issue 17: the classes two teachers found on notes never tuned on.
NOTES_DATED = NOTES.replace(
    "Afterlife\n", "Afterlife\n- A statue of Dickens was unveiled in Portsmouth on 2 August 1926.\n"
)
WHEN = "Which date fills the gap?"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        # 1. fragments and note-speak
        (
            [tf("Moved to London on 12 May 1822.", True, "Moved to London on 12 May 1822.")],
            "a statement without its subject",
        ),
        (
            [("single", f"{WHEN} Introduced in ____.", ["*1853", "1850", "1856", "1859"])],
            "a gap prompt without its subject",
        ),
        (
            [tf("Serial = novel → parts; monthly; weekly.", True, "Serial = novel.")],
            "in note-speak",
        ),
        # 2. an absurd false year
        (
            [
                tf(
                    "Great Expectations came out in 1890 as a weekly serial.",
                    False,
                    "Great Expectations came out in 1861 as a weekly serial.",
                )
            ],
            "the false year 1890 is implausible for 1861",
        ),
        # 3. a date in another form than the notes'
        (
            [
                tf(
                    "A statue of Dickens was unveiled in Portsmouth on August 2, 1926.",
                    True,
                    "A statue of Dickens was unveiled in Portsmouth on 2 August 1926.",
                )
            ],
            "written in another form than the notes'",
        ),
        # 4. impossible distractors
        (
            [
                (
                    "single",
                    "When did this happen? The museum opened.",
                    ["*1925", "1985", "1861", "1921"],
                )
            ],
            "implausibly far from the key",
        ),
        (
            [
                (
                    "single",
                    f"{WHEN} Founded in 1920, the fellowship met first in ____.",
                    ["*1925", "1915", "1928", "1931"],
                )
            ],
            "the prompt's own dates rule out “1915”",
        ),
        # 5. too few choices, odd or approximate ones
        (
            [
                (
                    "single",
                    "Which best describes “Serial”?",
                    ["*a novel published in parts.", "b.", "c."],
                )
            ],
            "with 3 choices (fewer than 4)",
        ),
        (
            [
                (
                    "single",
                    "When did this happen? The museum opened.",
                    ["*1925", "C. 1922", "1928", "1931"],
                )
            ],
            "an approximate or odd choice “C. 1922”",
        ),
        # 6. answered elsewhere
        (
            [
                (
                    "single",
                    f"{WHEN} Bleak House came out in ____.",
                    ["*1853", "1850", "1856", "1859"],
                ),
                tf("Dickens finished Bleak House in 1853.", True, "Dickens finished it in 1853."),
            ],
            "its answer 1853 is printed in Q",
        ),
        (
            [
                (
                    "single",
                    "Which best describes “Serial”?",
                    ["*a novel published in parts.", "an artist.", "a plate.", "a house."],
                ),
                tf("A serial is a novel published in parts.", True, "A serial is a novel."),
            ],
            "which states what it asks",
        ),
        # 7. a definition echoing its term
        (
            [
                (
                    "single",
                    "Which best describes “Monthly number”?",
                    [
                        "*one part sold each month.",
                        "a novel published in parts.",
                        "a plate.",
                        "a house.",
                    ],
                )
            ],
            "echoes the term's own words",
        ),
        # 8. grammar damage
        (
            [tf("Dickens began a 1853 novel in parts.", True, "Dickens began a novel in 1853.")],
            "“a 1853” (a/an before a number)",
        ),
        (
            [tf("Dickens sold each Monthly number for a shilling.", True, "Each part cost 1s.")],
            "“Monthly number” capitalised mid-sentence",
        ),
        # 9. trivia and layout
        (
            [
                (
                    "single",
                    f"{WHEN} The manuscript sold at auction in ____.",
                    ["*1925", "1928", "1931", "1922"],
                )
            ],
            "about a sale, a proposal, a baseline or a range end",
        ),
        (
            [("single", f"{WHEN} The tour lasted 1842–____.", ["*1843", "1846", "1849", "1852"])],
            "about a sale, a proposal, a baseline or a range end",
        ),
    ],
)
def test_each_round_two_fault_is_named(make_lecture, rows, message):
    lecture = make_lecture(NOTES_DATED, course="lit2")
    found = failures(lecture, [*SINGLE_OK, *rows])
    assert any(message in failure for failure in found), found


def test_no_year_meaning_true_is_named(lecture):
    # 10. every false statement swaps a year, the true one prints none.
    rows = [
        tf("Dickens toured America in 1845.", False, "Dickens toured America in 1842."),
        tf("Great Expectations came out in 1858.", False, "Great Expectations came out in 1861."),
        tf(
            "Dickens wrote novels in monthly parts.", True, "Dickens wrote novels in monthly parts."
        ),
        tf("Great Expectations came out in 1861.", True, "Great Expectations came out in 1861."),
    ]
    found = failures(lecture, [*SINGLE_OK, *SINGLE_OK, *rows])
    assert any("so one without a year is true" in f for f in found), found


def test_too_many_date_questions_are_named(lecture):
    # 11. at most about 40 % asks for a date or an order.
    dates = [
        ("single", f"{WHEN} Dickens toured America in ____.", ["*1842", "1845", "1839", "1848"]),
        (
            "single",
            f"{WHEN} Great Expectations came out in ____.",
            ["*1861", "1858", "1864", "1867"],
        ),
        ("single", f"{WHEN} The museum opened in ____.", ["*1925", "1922", "1928", "1931"]),
    ]
    found = failures(lecture, [*SINGLE_OK, *dates])
    assert any("3 of 5 questions ask for a date or an order" in f for f in found), found


# Round 3 of issue 17: years BC are checked as AD ones are.
NOTES_BC = """Title: Caesar
Life
- Julius Caesar crossed the Rubicon in 49 BC with one legion.
- Caesar was assassinated in 44 BC in the Theatre of Pompey.
- Caesar invaded Britain in 55 BC and again in 54 BC.
Key Terms
- Dictator — a magistrate given supreme power in an emergency.
"""
RUBICON = "Julius Caesar crossed the Rubicon in 49 BC with one legion."
BRITAIN = "Caesar invaded Britain in 55 BC and again in 54 BC."


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [tf(RUBICON.replace("49 BC", "149 BC"), False, RUBICON)],
            "far outside its section's period",
        ),
        (
            [tf(BRITAIN.replace("54 BC", "57 BC"), False, BRITAIN)],
            "contradicts a date in the same sentence",
        ),
        (
            [
                (
                    "single",
                    f"{WHEN} Caesar was assassinated in ____ in the Theatre of Pompey.",
                    ["*44 BC", "47 BC", "90 BC", "41 BC"],
                )
            ],
            "implausibly far from the key",
        ),
    ],
)
def test_each_fault_is_named_in_years_bc(make_lecture, rows, message):
    lecture = make_lecture(NOTES_BC, course="caesar")
    found = failures(lecture, [*SINGLE_OK, *rows])
    assert any(message in failure for failure in found), found
