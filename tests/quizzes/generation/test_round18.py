"""Round 18 of issue 17's quiz drafts, from the strict teachers' verdicts on held-out
sets 25 to 27: a definition still in the notes' shorthand is offered as no choice;
an ordering item that points back to what it was cut from is left out; a date
that qualifies a noun ("the September 1784 issue") is not cut out of an item; a
volume or issue of a work never named is no statement; and a definition alone of
its kind among the terms is asked the other way round, for the term by name.
Every line is made up."""

from __future__ import annotations

import pytest

from quizzes.generation import quiz_generate
from quizzes.generation.date_rules import _undated, clean_item
from quizzes.generation.rubric import check_quiz
from quizzes.generation.sentences import unnamed_thing
from quizzes.generation.text import spelled_out
from quizzes.models import Question

pytestmark = pytest.mark.django_db

Kind = Question.Kind


@pytest.mark.parametrize(
    ("definition", "shown"),
    [
        ("millions to billions of yrs", "millions to billions of years"),
        (
            "the govt's own bank, approx. a third of it",
            "the government's own bank, approximately a third of it",
        ),
        # A formula adds: its "+" is no "and".
        ("a curve of the form y² = x³ + ax + b", "a curve of the form y² = x³ + ax + b"),
        # Not inside a word.
        ("the Ayrshire yrsa", "the Ayrshire yrsa"),
    ],
)
def test_clipped_words_are_spelled_out_and_a_formula_is_left_alone(definition, shown):
    assert spelled_out(definition) == shown


SHORTHAND_GLOSSARY = """Title: Anglo-Saxon kingship
Kings
- Alfred ruled Wessex and fought the Danes.
Glossary
- Thegn — noble who served the k., holding at least five hides
- Witan — the king's council of bishops, ealdormen and thegns
- Burh — fortified town of Alfred and his children
- Wergild — a man's price, paid to his kin if he was killed
- Danegeld — tax raised to pay off Viking armies
- Ealdorman — royal official ruling a shire, later an earl
- Bretwalda — overlord of several kingdoms, in G's list
"""


def test_a_definition_in_private_shorthand_is_offered_nowhere(make_lecture):
    quiz = quiz_generate(lecture=make_lecture(SHORTHAND_GLOSSARY), rng_seed=1)
    questions = list(quiz.questions.prefetch_related("choices"))
    shown = [q.prompt for q in questions]
    shown += [c.text for q in questions for c in q.choices.all()]
    shown += [c.match_text for q in questions for c in q.choices.all()]
    assert questions
    assert not any("the k." in text or "G's" in text for text in shown)
    assert check_quiz(quiz) == []


def test_the_rubric_flags_a_definition_in_shorthand(make_lecture):
    quiz = quiz_generate(lecture=make_lecture(SHORTHAND_GLOSSARY), rng_seed=1)
    assert check_quiz(quiz) == []
    question = quiz.questions.filter(kind__in=[Kind.MATCHING, Kind.SINGLE]).first()
    choice = question.choices.first()
    if question.kind == Kind.MATCHING:
        choice.match_text = "noble who served the k., holding at least five hides"
    else:
        choice.text = "noble who served the k., holding at least five hides"
    choice.save()
    assert any("a definition in the notes' shorthand" in f for f in check_quiz(quiz))


@pytest.mark.parametrize(
    ("item", "clean"),
    [
        ("To seal the peace Catherine married her daughter to Navarre.", False),
        ("Far to the west the Sicilian Greeks beat Carthage at Himera.", False),
        ("Meanwhile the fleet sailed for Samos.", False),
        ("The revolutionaries moved both to the Panthéon, Voltaire.", False),
        ("Drucker, Heizer and Squier returned.", False),
        ("Catherine de' Medici married her daughter to Henry of Navarre.", True),
        ("The Sicilian Greeks beat Carthage at Himera.", True),
        ("Napoleon returned from Elba.", True),
    ],
)
def test_an_item_pointing_back_to_what_it_was_cut_from_is_not_ordered(item, clean):
    assert clean_item(item) is clean


def test_a_date_that_qualifies_a_noun_is_not_cut_out_of_an_item():
    assert (
        _undated("Moses Mendelssohn replied in the September 1784 issue", "September 1784") is None
    )
    assert _undated("Moses Mendelssohn replied in September 1784", "September 1784") == (
        "Moses Mendelssohn replied"
    )


@pytest.mark.parametrize(
    ("sentence", "unnamed"),
    [
        ("The first volume appeared with a preface by d'Alembert.", True),
        ("The royal council banned the first two volumes.", True),
        ("The first volume of the Encyclopédie appeared in Paris.", False),
        ("The Encyclopédie's first volume appeared in Paris.", False),
    ],
)
def test_a_volume_of_a_work_never_named_is_no_statement(sentence, unnamed):
    assert unnamed_thing(sentence) is unnamed


ALONE_OF_ITS_KIND = """Title: The Long Parliament
The crisis
- Parliament met in November 1640.
Glossary
- Levellers — radicals who wanted a wide franchise and the sovereignty of the people
- Grandees — the army's senior officers, Cromwell and Ireton among them
- Interregnum — the period without a king, from the execution to the Restoration
"""


def test_a_definition_alone_of_its_kind_is_asked_for_the_term_by_name(make_lecture):
    quiz = quiz_generate(lecture=make_lecture(ALONE_OF_ITS_KIND), rng_seed=1)
    questions = list(quiz.questions.prefetch_related("choices"))
    (recall,) = [q for q in questions if q.source == "Interregnum"]
    assert recall.kind == Kind.SHORT_ANSWER
    assert recall.prompt == (
        "Which term means “the period without a king, from the execution to the Restoration”?"
    )
    assert [c.text for c in recall.choices.all()] == ["Interregnum"]
    # The period is offered as no other question's choice: its prompt shows it.
    others = [c.text for q in questions if q != recall for c in q.choices.all()]
    assert not any("without a king" in text for text in others)
    assert check_quiz(quiz) == []


def test_a_term_is_not_recalled_when_its_definition_echoes_it(make_lecture):
    notes = ALONE_OF_ITS_KIND.replace(
        "the period without a king, from the execution to the Restoration",
        "the period between reigns (interregnum means between reigns)",
    )
    quiz = quiz_generate(lecture=make_lecture(notes), rng_seed=1)
    assert not quiz.questions.filter(source="Interregnum", kind=Kind.SHORT_ANSWER).exists()


def test_a_recalled_term_with_a_second_name_in_brackets_accepts_either(make_lecture):
    notes = ALONE_OF_ITS_KIND.replace("- Interregnum —", "- Interregnum (regnum vacans) —")
    quiz = quiz_generate(lecture=make_lecture(notes), rng_seed=1)
    recall = quiz.questions.get(kind=Kind.SHORT_ANSWER, source="Interregnum (regnum vacans)")
    accepted = {c.text for c in recall.choices.all()}
    assert accepted == {"Interregnum (regnum vacans)", "Interregnum", "regnum vacans"}


RIVALS = """Title: Lister and the wound
Wards
- Lister dressed compound fractures with carbolic acid from 1865.
Glossary
- Antisepsis — killing the germs already in a wound with chemicals
- Asepsis — keeping germs out of the theatre altogether
- Pyaemia — pus-forming infection carried in the blood
- Carbolic — a coal-tar phenol used to soak dressings
- Erysipelas — a spreading red infection of the skin
- Catgut — a dissolving ligature made from sheep gut
"""


def test_a_rival_terms_definition_is_offered_first(make_lecture):
    """The strict teacher of held-out set 28 published the definition questions that
    set a term against a genuine rival, and asked for them."""
    quiz = quiz_generate(lecture=make_lecture(RIVALS), rng_seed=1)
    for name, rival in (
        ("Antisepsis", "keeping germs out of the theatre altogether"),
        ("Asepsis", "killing the germs already in a wound with chemicals"),
    ):
        question = quiz.questions.filter(prompt=f"Which best describes “{name}”?").first()
        if question is not None:
            assert rival in [c.text.casefold() for c in question.choices.all()]
    assert quiz.questions.filter(prompt__contains="sepsis").exists()
