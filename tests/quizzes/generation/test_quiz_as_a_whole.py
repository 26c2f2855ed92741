"""Quiz drafts without the classes issue 17 lists (item 5): what a student could
learn from the quiz's shape rather than from the notes, and statements or choices
that give themselves away. Each test's notes are made up for it."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from quizzes.generation import quiz_generate
from quizzes.models import Question

pytestmark = pytest.mark.django_db

Kind = Question.Kind
SEEDS = [None, 1, 2, 3, 4]
YEAR = re.compile(r"\b1\d{3}\b|\b20\d{2}\b")


def loaded(quiz) -> list[Question]:
    return list(quiz.questions.order_by("position").prefetch_related("choices"))


def statements(questions) -> list[tuple[str, bool, str]]:
    """(statement, its key, the bullet it came from) of each true-or-false question."""
    return [
        (
            q.prompt.removeprefix("True or false: "),
            next(c.is_correct for c in q.choices.all() if c.text == "True"),
            q.source,
        )
        for q in questions
        if q.kind == Kind.TRUE_FALSE
    ]


GLOSSARY = """Key Terms
- Estuary — the tidal mouth of a river, where fresh water meets the sea.
- Delta — a fan of sediment a river lays down where it enters still water.
- Levee — a raised bank along a river that confines its floods.
- Meander — a loop in a river's course across a flat plain.
- Oxbow lake — a meander cut off from the river that formed it.
- Floodplain — the flat land beside a river that its floods cover.
- Tributary — a smaller river that flows into a larger one.
- Watershed — the high ground that divides two river basins.
"""

RIVERS = (
    """Title: Rivers
Upland Courses
- Mountain streams cut steep valleys into the rock as they fall.
- Waterfalls retreat upstream as the soft rock beneath them wears away.
- The Rhine Falls formed about 15,000 years ago at the end of the ice age.
Lowland Courses
- A Meander grows as the outer bank erodes and the inner bank gains sand.
- The Thames Barrier was completed in 1982 to protect London from surges.
- The Mississippi changed course at Old River in 1831 after a cut was dug.
Mouths
- The Nile delta has lost land since the Aswan dam was finished in 1970.
- The Rhine reaches the sea through the port of Rotterdam, opened in 1872.
- The Dutch Delta Works were finished in 1997.
- A North Sea storm surge flooded the south-west Netherlands in 1953.
"""
    + GLOSSARY
)


# --------------------------------------------------------------------------- 1. coverage


def test_each_section_is_asked_about_its_central_bullet(make_lecture):
    notes = """Title: Tides
Overview
How the sea rises and falls.
Spring and Neap
- Coastal towns print tide tables for fishermen and walkers every year.
- Harbour walls show the water's height on painted scales at the quay.
- **Spring tides** happen when the Sun and the Moon pull in a line.
- Some beaches are cut off from the land twice a day at high water.
- Tide mills once ground grain with water held back behind a gate.
"""
    for seed in SEEDS:
        questions = loaded(quiz_generate(lecture=make_lecture(notes), rng_seed=seed))
        (statement,) = statements(questions)
        # The bullet that bolds a term is what the section teaches.
        assert statement[2] == "Spring tides happen when the Sun and the Moon pull in a line."


def test_no_term_is_asked_twice_nor_where_a_word_appears(make_lecture):
    for seed in SEEDS:
        questions = loaded(quiz_generate(lecture=make_lecture(RIVERS), rng_seed=seed))
        assert not any(q.prompt.startswith("Which section") for q in questions)
        asked = Counter()
        for question in questions:
            if question.kind == Kind.MATCHING:
                asked.update(c.text for c in question.choices.all())
            asked.update(re.findall(r"“([^”]+)”", question.prompt))
        assert asked and max(asked.values()) == 1


# --------------------------------------------------------------------------- 2. options


def test_no_question_offers_the_matching_definitions_or_another_ones_options(make_lecture):
    for seed in SEEDS:
        questions = loaded(quiz_generate(lecture=make_lecture(RIVERS), rng_seed=seed))
        (matching,) = [q for q in questions if q.kind == Kind.MATCHING]
        shown = {c.match_text for c in matching.choices.all()}
        sets = []
        for question in questions:
            if question.kind != Kind.SINGLE:
                continue
            texts = {c.text.rstrip(".").casefold() for c in question.choices.all()}
            assert not texts & {d.rstrip(".").casefold() for d in shown}, question.prompt
            assert texts not in sets, question.prompt
            sets.append(texts)
        assert any(q.rule == "term" for q in questions)


# --------------------------------------------------------------------------- 3. key place


def test_the_right_choices_stored_place_is_balanced(make_lecture):
    for seed in SEEDS:
        questions = loaded(quiz_generate(lecture=make_lecture(RIVERS), rng_seed=seed))
        singles = [list(q.choices.all()) for q in questions if q.kind == Kind.SINGLE]
        assert len(singles) >= 2
        size = min(len(choices) for choices in singles)
        places = Counter(
            i for choices in singles for i, c in enumerate(choices) if c.is_correct and i < size
        )
        counts = [places[i] for i in range(size)]
        assert max(counts) - min(counts) <= 1, counts


# --------------------------------------------------------------------------- 4. shapes


def test_shapes_are_mixed_not_in_a_fixed_order(make_lecture):
    seconds, orders = set(), set()
    for i in range(6):
        notes = RIVERS.replace("Title: Rivers", f"Title: Rivers {i}")
        lecture = make_lecture(notes, course=f"rivers-{i}")
        kinds = [q.kind for q in loaded(quiz_generate(lecture=lecture))]
        seconds.add(kinds[1])
        orders.add(tuple(kinds))
    assert len(seconds) > 1 and len(orders) > 1


# --------------------------------------------------------------------------- 5. true/false


PLAIN = (
    """Title: Soil
Layers
- Topsoil holds most of the roots and living things in a field.
- Subsoil below it is paler and holds more clay than the topsoil.
Care
- Cover crops keep bare fields from washing away in winter rain.
- Ploughing less leaves the soil's fungal threads unbroken.
Life
- Earthworms drag fallen leaves down into their burrows at night.
- A spoonful of healthy soil holds more microbes than people on Earth.
"""
    + GLOSSARY
)


@pytest.mark.parametrize("notes", [RIVERS, PLAIN], ids=["dated", "plain"])
def test_true_or_false_is_at_most_half_and_balanced(make_lecture, notes):
    # With no year to swap ("plain") no sound false statement can be made: fewer
    # statements, not all "True".
    for seed in SEEDS:
        questions = loaded(quiz_generate(lecture=make_lecture(notes), rng_seed=seed))
        keys = [key for _, key, _ in statements(questions)]
        assert keys and 2 * len(keys) <= len(questions)
        if len(keys) >= 4:
            assert 0.3 <= sum(keys) / len(keys) <= 0.7
        else:
            assert abs(2 * sum(keys) - len(keys)) <= 1


# --------------------------------------------------------------------------- 6. statements

DICKENS = """Title: Dickens
Life
- Charles Dickens (1812–1870) published Bleak House in 1853 in monthly parts.
- The novel sold about 35,000 copies of each monthly number in London.
Afterlife
- The BBC adapted Bleak House for television in 1985 with Diana Rigg.
- A new edition of the novel appeared in 1996 from Penguin Classics.
- The Dickens Museum in London opened its doors in 1925 to the public.
- The Dickens Fellowship was founded in 1902 by readers in London.
- Readers in 1989 voted the novel among the best of the century.
Readers
- Critics such as Hugo de Vries, Carl Correns and Erich von Tschermak were not readers.
- The Berlin Airlift (1948–1949) began in 1948 and fed the city for a year.
- Sputnik 1 reached orbit in 1957 as the first artificial satellite.
"""


def test_false_statements_keep_to_the_dates_the_sentence_prints(make_lecture):
    for seed in SEEDS:
        questions = loaded(quiz_generate(lecture=make_lecture(DICKENS), rng_seed=seed))
        for statement, key, source in statements(questions):
            if "(1812–1870)" in statement and not key:
                (new,) = set(YEAR.findall(statement)) - set(YEAR.findall(source))
                assert 1812 < int(new) < 1870, statement
            # A sentence that ranks keeps its year; brackets never state the answer.
            assert "first artificial satellite" not in statement or key
            assert "(1948–1949) began" not in statement
            # Names are never reordered.
            if "Correns" in statement:
                assert "Carl Correns and Erich von Tschermak" in statement


def test_a_swapped_year_stays_within_the_sections_period(make_lecture):
    notes = DICKENS.replace(
        "- The Dickens Fellowship was founded in 1902", "- Long after, in 2020,"
    )
    for seed in SEEDS:
        questions = loaded(quiz_generate(lecture=make_lecture(notes), rng_seed=seed))
        for statement, key, source in statements(questions):
            new = set(YEAR.findall(statement)) - set(YEAR.findall(source))
            if not key and "(1812–1870)" not in statement and new:  # not a count swapped
                # Afterlife spans 1925–2020 at most: never the 1850s.
                assert int(*new) > 1870, statement


# --------------------------------------------------------------------------- 7. events

FRAGMENTS = """Title: Treaties
Signing
- The Two Plus Four Treaty, signed in Moscow on 12 September 1990.
- Relations remained calm until the 1998 crisis in the region.
- Was extended in stages and completed in 2011 after a long delay.
- A fleet of 1400 ships carried the troops across the sea.
Aftermath
- The treaty came into force in March 1991 after ratification.
- Germany joined the United Nations as one state in September 1990 again.
- Russian troops left the eastern states of Germany in August 1994.
- The last Allied garrison left Berlin in September 1994.
- The Bundestag moved to Berlin in April 1999 from Bonn.
"""


def test_ordering_and_gaps_are_never_built_on_fragments_or_bounds(make_lecture):
    for seed in SEEDS:
        questions = loaded(quiz_generate(lecture=make_lecture(FRAGMENTS), rng_seed=seed))
        for question in questions:
            if question.kind not in (Kind.ORDERING, Kind.SINGLE):
                continue
            texts = [question.prompt] + [c.text for c in question.choices.all()]
            for text in texts:
                assert "signed in Moscow on" not in text
                assert "until the ____" not in text and not text.startswith("Was extended")
                assert "1400" not in text  # a tally, not a year


# --------------------------------------------------------------------------- 8. forms

FORMS = GLOSSARY.replace(".\n", "\n", 4).replace("— the", "— The", 2)


def test_sibling_choices_share_one_form(make_lecture):
    notes = RIVERS.replace(GLOSSARY, FORMS)
    for seed in SEEDS:
        questions = loaded(quiz_generate(lecture=make_lecture(notes), rng_seed=seed))
        for question in questions:
            if question.kind != Kind.SINGLE:
                continue
            texts = [c.text for c in question.choices.all()]
            assert len({t.endswith(".") for t in texts}) == 1, texts
            assert len({t[:1].isupper() for t in texts}) == 1, texts
