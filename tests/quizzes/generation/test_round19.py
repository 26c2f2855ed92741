"""Round 19 of issue 17's quiz drafts, from the strict teachers' verdicts on
held-out sets 15 to 28: a glossary term of everyday English ("Coalition",
"Induced demand") is asked in no shape, since a student knows it without the
lecture, while its definition stays a wrong choice for the other terms; a name of
several capitalised words ("Continental System", "Linear A") is a proper name,
however common its words. Every line is made up."""

from __future__ import annotations

import pytest

from quizzes.generation import quiz_generate
from quizzes.generation.rubric import check_quiz
from quizzes.generation.soundness import echoes_term
from quizzes.generation.vocabulary import everyday
from quizzes.models import Question

pytestmark = pytest.mark.django_db

Kind = Question.Kind


@pytest.mark.parametrize(
    ("term", "common"),
    [
        ("Coalition", True),
        ("Induced demand", True),
        ("Hand-axe", True),
        ("Tribute (gifts to the throne)", True),
        ("Continental System", False),
        ("Bill of Rights", False),
        ("Linear A", False),
        ("Attainder", False),
        ("Quipu", False),
        ("Miasma", False),
    ],
)
def test_everyday_english_is_told_from_a_lectures_own_words(term, common):
    assert everyday(term) is common


MIXED_GLOSSARY = """Title: Andean states
Roads and records
- The Inca kept accounts on knotted cords and ran their roads with relay runners.
Glossary
- Quipu — knotted cords used to record numbers
- Chasqui — a relay runner on the royal roads
- Mita — labour owed to the state in turns
- Ayllu — a kin group holding land in common
- Tambo — a waystation with stores beside a road
- Coalition — an alliance of several peoples against one enemy
- Tribute — goods handed over to a ruler each year
"""


def test_an_everyday_term_is_not_asked_but_still_offered_as_a_wrong_choice(make_lecture):
    quiz = quiz_generate(lecture=make_lecture(MIXED_GLOSSARY), rng_seed=1)
    questions = list(quiz.questions.prefetch_related("choices"))
    asked = " ".join(q.prompt for q in questions)
    answers = [c for q in questions for c in q.choices.all() if c.is_correct]
    assert "Quipu" in asked or any(c.text.startswith("Quipu") for c in answers)
    assert "Coalition" not in asked and "Tribute" not in asked
    assert not any(c.text.startswith(("Coalition", "Tribute")) for c in answers)
    wrong = [c.text for q in questions for c in q.choices.all() if not c.is_correct]
    assert any(text.startswith(("an alliance", "goods handed")) for text in wrong)
    assert check_quiz(quiz) == []


def test_the_rubric_flags_an_everyday_term_asked_for(make_lecture):
    quiz = quiz_generate(lecture=make_lecture(MIXED_GLOSSARY), rng_seed=1)
    question = quiz.questions.filter(prompt__startswith="Which best describes").first()
    question.prompt = "Which best describes “Coalition”?"
    question.save()
    assert any("a term of everyday English" in f for f in check_quiz(quiz))


PHRASE_GLOSSARY = """Title: Judicial review
Standards of review
- Courts ask more of a law that touches a fundamental right than of one that does not.
Glossary
- Strict scrutiny — the test a law must pass when it limits a fundamental right
- Rational basis — the lowest test: any plausible reason saves the law
- Certiorari — the writ by which the Supreme Court agrees to hear a case
- Mandamus — an order compelling an official to do a duty
- Amicus curiae — an outsider's brief offered to help the court
- Habeas corpus — the writ that brings a prisoner before a judge
- Stare decisis — following earlier decisions
"""


def test_an_everyday_phrase_is_asked_for_by_name_not_among_four(make_lecture):
    """The teachers of sets 29 and 30 published half the everyday phrases asked for
    by name, and almost none offered among four."""
    quiz = quiz_generate(lecture=make_lecture(PHRASE_GLOSSARY), rng_seed=1)
    questions = list(quiz.questions.prefetch_related("choices"))
    assert not any(q.prompt == "Which best describes “Strict scrutiny”?" for q in questions)
    recall = [
        q
        for q in questions
        if q.kind == Kind.SHORT_ANSWER and "limits a fundamental right" in q.prompt
    ]
    assert len(recall) == 1
    assert [c.text for c in recall[0].choices.all()][0] == "Strict scrutiny"
    assert check_quiz(quiz) == []


OWN_SUBJECT = """Title: Antimicrobial resistance in hospitals
Resistance in hospitals
- Hospital strains resisted penicillin within a few years of its use.
Glossary
- Antimicrobial resistance (AMR) — the ability of a microbe to survive a drug that once killed it
- Meticillin-resistant Staphylococcus aureus (MRSA) — S. aureus resistant to meticillin
- Plasmid — a small circle of DNA outside the chromosome
- Penicillinase — an enzyme that breaks penicillin down
- Transposon — a stretch of DNA that can jump between places in a genome
- Conjugation — bacteria passing DNA to one another through a pilus
"""


def test_the_lectures_own_subject_and_a_restated_name_are_not_asked(make_lecture):
    """Set 30's teachers threw out the lecture's own subject ("Universal Credit" in
    "Universal Credit") and MRSA asked from "S. aureus resistant to meticillin": "the
    definition just restates the name"."""
    quiz = quiz_generate(lecture=make_lecture(OWN_SUBJECT), rng_seed=1)
    sources = set(quiz.questions.values_list("source", flat=True))
    assert quiz.questions.exists()
    assert "Antimicrobial resistance (AMR)" not in sources
    assert "Meticillin-resistant Staphylococcus aureus (MRSA)" not in set(
        quiz.questions.filter(kind=Kind.SHORT_ANSWER).values_list("source", flat=True)
    )


SPELLED_OUT = """Title: Polio after the vaccines
Eradication
- Wild polio persists in two countries; outbreaks of the vaccine-derived strain continue.
Glossary
- cVDPV — circulating vaccine-derived poliovirus: oral vaccine virus that has regained virulence
- Political union — a society campaigning for reform, like Attwood's BPU of 1830
- Mid-Ocean Ridge (MOR) — the underwater chain of volcanoes where plates part
- Iatrogenic — caused by medical treatment itself
- Viraemia — virus in the bloodstream
- Myelitis — inflammation of the spinal cord
"""


@pytest.mark.parametrize(
    ("term", "definition", "echoed"),
    [
        ("cVDPV", "circulating vaccine-derived poliovirus: oral vaccine virus gone wild", True),
        ("Political union", "a society campaigning for reform, like Attwood's BPU of 1830", True),
        ("Iraq", "a state formed from three Ottoman provinces", False),
        ("Social security", "benefits the state pays, as in the USSR of the 1930s", False),
        ("Mid-Ocean Ridge (MOR)", "the underwater chain of volcanoes where plates part", False),
    ],
)
def test_a_definition_that_spells_out_its_term_echoes_it(term, definition, echoed):
    """Set 29's teachers: "the prompt spells out 'circulating vaccine-derived
    poliovirus', so the answer is just its initials"; "Attwood's BPU contains it"."""
    assert echoes_term(term, definition) is echoed


def test_a_term_the_prompt_spells_out_is_not_asked_for_by_name(make_lecture):
    quiz = quiz_generate(lecture=make_lecture(SPELLED_OUT), rng_seed=1)
    short = quiz.questions.filter(kind=Kind.SHORT_ANSWER)
    assert not short.filter(source__in=["cVDPV", "Political union"]).exists()
    assert check_quiz(quiz) == []


NAMED_KINDS = """Title: The Spanish Succession
Terms of the peace
- The powers bargained over Spain's empire at Utrecht.
Glossary
- Asiento — the trade in enslaved Africans to Spanish America, granted to Britain
- Chandos clause — an amendment barring a Habsburg from the Spanish throne
- Fueros — the old liberties of Aragon and Catalonia
- Mawali — converts attached to an Arab tribe as clients
- Ghilman — slave soldiers bought young and trained for the caliph
- Ulama — the scholars of religious law
"""


def test_a_term_whose_name_says_its_kind_is_not_set_among_choices_of_other_kinds(make_lecture):
    """The strict teachers of sets 15 to 29 published 2 of 29 such questions: "the
    key is the only option that describes an amendment, as the term says"."""
    quiz = quiz_generate(lecture=make_lecture(NAMED_KINDS), rng_seed=1)
    assert not quiz.questions.filter(prompt="Which best describes “Chandos clause”?").exists()
    recall = quiz.questions.filter(kind=Kind.SHORT_ANSWER, source="Chandos clause")
    assert recall.exists()
    assert check_quiz(quiz) == []


def test_the_rubric_flags_a_term_that_names_its_kind_alone(make_lecture):
    quiz = quiz_generate(lecture=make_lecture(NAMED_KINDS), rng_seed=1)
    question = quiz.questions.filter(prompt__startswith="Which best describes").first()
    question.prompt = "Which best describes “Chandos clause”?"
    question.save()
    right = question.choices.get(is_correct=True)
    right.text = "an amendment barring a Habsburg from the Spanish throne"
    right.save()
    assert any("names its kind" in f for f in check_quiz(quiz))
