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
"""

from __future__ import annotations

import random

import pytest

from quizzes.generation import date_rules, quiz_generate, statement_rules
from quizzes.generation.rubric import check_quiz
from quizzes.generation.source import Source, statable_bullets
from quizzes.models import Question

from .test_rubric_checks import NOTES, build, tf

pytestmark = pytest.mark.django_db

Kind = Question.Kind
SEEDS = range(8)


def bullet_of(src: Source, start: str):
    return next(b for group in src.bullets.values() for b in group if b.plain.startswith(start))


def falsified(lecture, start: str) -> list[str]:
    src = Source.load(lecture)
    bullet = bullet_of(src, start)
    found = [statement_rules._falsify(bullet, src, random.Random(seed)) for seed in range(20)]
    return [text for text in found if text is not None]


# ------------------------------------------------- a false statement by a sibling
# A sibling is another bullet's subject followed by the same word ("X founded …"):
# of the same kind, never a queen for a novel.

GLASSWORKS = """Title: The Glassworks of Varn
Makers
- Osric Telle founded the first lens workshop beside the harbour lighthouse.
- Mirela Vance founded the guild school that trained apprentices in colour.
- Osric Telle and his brother ran the furnace on Cinder Street.
- The town council taxed every furnace by the weight of sand it burnt.
Trade
- Halden's merchants carried the green bottles up the river to the fairs.
- Corvin's merchants carried the blue beads south to the salt towns.
- Mirela Vance wrote down the recipes for cobalt glass.
- Sand from the dunes of Halden was cheap and clean.
- The weavers of Corvin bought glass beads for their looms.
- Pre-1900 Varn exported glass to three kingdoms over the sea.
- Telle v. Guild settled who owned the furnace on Cinder Street.
- Vance v. Corvin settled the price of cobalt for ten years.
"""


def test_an_undated_central_bullet_can_be_false_by_a_sibling_subject(make_lecture):
    lecture = make_lecture(GLASSWORKS, course="glass")
    found = falsified(lecture, "Mirela Vance founded")
    assert (
        found == ["Osric Telle founded the guild school that trained apprentices in colour."] * 20
    )
    # Possessive for possessive: "Corvin's merchants carried …".
    assert set(falsified(lecture, "Halden's merchants")) == {
        "Corvin's merchants carried the green bottles up the river to the fairs."
    }


@pytest.mark.parametrize(
    "start",
    [
        "Osric Telle and his brother",  # a compound subject, half changed
        "The town council",  # no name to swap
        "Sand from the dunes",  # a common noun opening the sentence
        "Pre-1900 Varn",  # a date, not a name
        "Telle v. Guild",  # a case's name is one name ("Vance v. Guild")
    ],
)
def test_a_subject_is_swapped_only_where_the_swap_must_falsify(make_lecture, start):
    assert falsified(make_lecture(GLASSWORKS, course="glass"), start) == []


def test_a_subject_of_another_kind_is_never_swapped_in(make_lecture):
    # No sibling "wrote" anything: of another kind. Round 9 swaps a person for a
    # person the lecture names in full instead (people.stand_ins).
    src = Source.load(make_lecture(GLASSWORKS, course="glass"))
    assert statement_rules._swap_name(bullet_of(src, "Mirela Vance wrote"), src) is None


SHARED = """Title: Two Chemists
Air
- Karl Ostmann isolated the gas of fire from heated saltpetre.
- Edda Rinne isolated the gas of fire from red mercury calx.
- Edda Rinne weighed the calx before and after burning.
- Karl Ostmann weighed the saltpetre on a brass balance.
"""


def test_a_sibling_that_did_the_same_is_never_swapped_in(make_lecture):
    lecture = make_lecture(SHARED, course="chem")
    assert falsified(lecture, "Karl Ostmann isolated") == []
    assert (
        falsified(lecture, "Edda Rinne weighed")
        == ["Karl Ostmann weighed the calx before and after burning."] * 20
    )


def test_a_quiz_falsifies_by_other_means_than_years(make_lecture):
    lecture = make_lecture(GLASSWORKS, course="glass")
    falses = [
        q
        for seed in SEEDS
        for q in quiz_generate(lecture=lecture, rng_seed=seed).questions.filter(
            kind=Kind.TRUE_FALSE
        )
        if q.choices.get(text="False").is_correct
    ]
    assert falses
    for question in falses:
        assert question.prompt.removeprefix("True or false: ").rstrip(
            "."
        ) != question.source.rstrip(".")


# ------------------------------------------------ years inside the titled period

SUMMER = """Title: The Summer of 1816
The cold year
- Mount Tambora erupted on the island of Sumbawa in April 1815.
- Snow fell on the farms of New England in June 1816.
- Mary Shelley began Frankenstein at Lake Geneva in June 1816.
- Grain prices in Switzerland doubled in 1817.
- Wilhelm Abich measured the ash layers on Sumbawa in 1847.
- Heinrich Zollinger described the crater of Tambora in 1858.
"""


def _years(text: str) -> list[int]:
    import re

    return [int(y) for y in re.findall(r"\b1[89]\d\d\b", text)]


def test_a_gap_offers_no_year_outside_the_titled_period(make_lecture):
    src = Source.load(make_lecture(SUMMER, course="summer"))
    drafts = [d for seed in range(30) for d in date_rules.when_did(src, random.Random(seed), set())]
    asked = [d for d in drafts if "1816" in d.explanation]
    assert asked
    for draft in asked:
        for choice in draft.choices:
            assert all(1806 <= y <= 1826 for y in _years(choice["text"])), draft.choices


def test_a_false_statement_moves_no_year_outside_the_titled_period(make_lecture):
    lecture = make_lecture(SUMMER, course="summer")
    found = falsified(lecture, "Snow fell") + falsified(lecture, "Grain prices")
    assert found
    for text in found:
        assert all(1806 <= y <= 1826 for y in _years(text)), text


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
    stated = {text for texts in statable_bullets(src).values() for text in texts}
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
