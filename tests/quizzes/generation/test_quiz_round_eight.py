"""Round 8 of issue 17's quiz drafts: the classes two teachers sent back from
held-out sets 6 and 7 (rounds 5 and 6 of their verdicts), each on notes made up for
the test, in the generator and in the rubric.

- a false statement is not only ever a year moved: a bullet's subject may be
  swapped for another bullet's subject of the same kind, so an undated central
  bullet can be false too, and only where the swap must falsify it (the sibling did
  not do the same, is not named in the bullet, no pronoun means the subject);
- a wrong year outside the period the lecture's or section's title fixes ("1827"
  under "The Summer of 1816"), in a gap's choices or a false statement, even where
  the section's events span longer;
- a teacher's shorthand stated or asked: "d. 1198 in Const'ple", "Sov. troops",
  "res. the same day";
- the rubric learns each: shorthand, a wrong year outside the titled period, and a
  quiz whose false statements all differ from the notes by a year alone.

Round 12 removed the generator's tests of false statements and date gaps (drafted
no more): their classes are the rubric's alone.
"""

from __future__ import annotations

import pytest

from quizzes.generation.rubric import check_quiz
from quizzes.generation.source import Source, can_state

from .test_rubric_checks import NOTES, build, tf

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------ a teacher's shorthand

SHORTHAND = """Title: The Fourth Crusade
Venice
- Doge Enrico Dandolo d. 1205 in Const'ple after the second siege.
- About 12,000 Sov. troops of the Venetian fleet landed at Galata in 1203.
- The envoys signed the treaty res. the same day in Venice.
- The Venetian fleet carried the crusaders to Zara in November 1202.
- Pope Innocent III excommunicated the crusaders after Zara in 1202.
"""


def test_a_teachers_shorthand_is_never_stated(make_lecture):
    src = Source.load(make_lecture(SHORTHAND, course="crusade"))
    stated = {b.plain for group in src.bullets.values() for b in group if can_state(b, src.names)}
    assert any(text.startswith("The Venetian fleet carried") for text in stated)
    assert not any(
        text.startswith(("Doge Enrico", "About 12,000", "The envoys")) for text in stated
    )


# ---------------------------------------------------------------------- the rubric

GAP = "Which date fills the gap?"
TOUR = "Dickens toured America in 1842."


@pytest.fixture
def tour(make_lecture):
    return make_lecture(
        NOTES.replace("Title: Dickens", "Title: Dickens in America, 1842"), course="lit"
    )


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([tf("Enrico Dandolo d. 1205 in Const'ple.", True, "…")], "in the notes' shorthand"),
        ([tf("Sov. troops landed in 1842.", True, "…")], "in the notes' shorthand"),
        ([tf(TOUR.replace("1842", "1871"), False, TOUR)], "outside the period its title fixes"),
        (
            [
                (
                    "single",
                    f"{GAP} Dickens toured America in ____.",
                    ["*1842", "1830", "1857", "1838"],
                )
            ],
            "outside the period its title fixes",
        ),
        (
            [
                tf(TOUR.replace("1842", "1848"), False, TOUR),
                tf("Bleak House came out in 1846.", False, "Bleak House came out in 1853."),
                tf(
                    "The Dickens Museum opened in 1938.",
                    False,
                    "The Dickens Museum opened in 1925.",
                ),
                tf("The BBC adapted Bleak House in 1971.", False, "The BBC adapted it in 1985."),
            ],
            "differ from the notes by a year alone",
        ),
    ],
)
def test_the_rubric_names_each_round_eight_fault(tour, rows, message):
    failures = check_quiz(build(tour, rows))
    assert any(message in failure for failure in failures), failures


@pytest.mark.parametrize(
    "rows",
    [
        [tf("Martin Luther King Jr. was shot in 1968.", True, "…")],
        [tf("Dickens didn't return to America until 1867.", True, "…")],
        [("single", f"{GAP} Dickens toured America in ____.", ["*1842", "1836", "1848", "1845"])],
        [
            tf(TOUR.replace("1842", "1848"), False, TOUR),
            tf("Bleak House came out in 1846.", False, "Bleak House came out in 1853."),
            tf("Thackeray toured America in 1842.", False, TOUR),
        ],
    ],
)
def test_the_rubric_passes_what_round_eight_allows(tour, rows):
    failures = check_quiz(build(tour, rows))
    assert not [f for f in failures if "shorthand" in f or "title fixes" in f or "year alone" in f]
