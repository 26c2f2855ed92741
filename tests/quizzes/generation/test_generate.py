"""Drafting a quiz from lecture notes: quizzes.generation and `manage.py generate_quiz`."""

from __future__ import annotations

import random
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lectures.models import Section
from quizzes.admin_forms import question_problems
from quizzes.generation import GenerationError, date_rules, quiz_generate, quiz_summary
from quizzes.generation.rubric import check_quiz
from quizzes.generation.source import Source
from quizzes.grading import correct_response, grade_answer
from quizzes.models import Choice, Question, Quiz
from tests.helpers import SAMPLE

pytestmark = pytest.mark.django_db

Kind = Question.Kind
YEAR = re.compile(r"\b\d{4}\b")

# Letters no longer written: everyday words ("Alpha", "Delta") are asked in no
# four-choice question (quiz round 19).
GLOSSARY_ONLY = """Title: Greek Letters
Glossary
- Aleph — the first letter of the Phoenician script.
- Digamma — a lost letter for a sound Attic Greek had dropped.
- Koppa (Q) — a lost letter, kept as a numeral for ninety.
"""

FOURTH_LETTER = "- Sampi — a lost letter, kept as a numeral for nine hundred.\n"

DATED_ONLY = """Title: Space Race
Launches
- Sputnik 1 reached orbit in October 1957, the first artificial satellite.
- In 1961 Yuri Gagarin became the first human in space, orbiting once.
- Apollo 11 landed on the Moon in July 1969 and returned safely.
Stations
- Skylab, America's own station, was launched in 1973 and fell in 1979.
- Mir flew from 1986 to 2001 and hosted long stays.
"""

# Dated bullets enough for date questions beside the ordering one.
DATED_MANY = """Title: Railways
Early Lines
- The Stockton and Darlington Railway opened in 1825 with steam haulage.
- The Liverpool and Manchester Railway opened in 1830 between two cities.
- Brunel's Great Western Railway reached Bristol in 1841 after years of work.
Expansion
- The Settle and Carlisle line was completed in 1876 across the Pennines.
- The Tay Bridge collapsed in a storm in 1879 with a train on it.
- The Severn Tunnel carried trains under the estuary in 1886.
Decline
- Richard Beeching's report was published in 1963 and closed many lines.
- British Rail was privatised in 1994 and split into many companies.
- High Speed 1 reached London St Pancras in 2007 from the Channel Tunnel.
"""

PLAIN_ONLY = """Title: Habits
Sleep
- Adults need seven to nine hours of sleep each night.
- Screens before bed delay the release of melatonin.
Exercise
- Regular walking lowers resting heart rate over a few months.
"""

# Every section's bullets are dated, so the ordering, date and true-or-false
# questions all compete for the same few bullets.
CROWDED = """Title: Harbour Town
Founding
- Merchants from the coast settled on the bay in 1204.
- Its first charter was granted in 1251 by the regional duke.
Growth
- The harbour was rebuilt in 1688 after the great storm destroyed it.
- A railway reached Harbour Town in 1862 and doubled its trade.
Modern Times
- Harbour Town's old quarter became a Heritage Site in 1997 after long campaigns.
- In 2015 the port was moved outside the old walls.
Key Terms
- Charter — a written grant of rights from a ruler.
- Harbour — a sheltered place where ships moor.
- Heritage Site — a place listed for its cultural value.
"""

NOTHING_USABLE = """Title: Odds and Ends
Overview
Only an overview paragraph lives here.
Notes
- Too short to ask.
- See [the handbook](https://example.com/handbook) for the long version of all this.
- What should a question like this one even be turned into?
Key Terms
- Lone — the only term, so there is nothing to set it against.
"""


def plain(text: str) -> str:
    return " ".join(re.sub(r"\*\*|[*`]", "", text).split())


def bullets(section: Section) -> list[str]:
    return [plain(line[2:]) for line in section.body.splitlines() if line.startswith("- ")]


def covered(lecture, questions: list[Question]) -> set[Section]:
    """The sections some question is about: its section, or a bullet it was made from."""
    sources = {line for q in questions for line in q.source.split("\n")}
    return {
        s
        for s in lecture.sections.visible()
        if any(q.section == s for q in questions) or sources & set(bullets(s))
    }


def loaded(quiz: Quiz) -> list[Question]:
    return list(quiz.questions.select_related("section").prefetch_related("choices"))


def wrong_response(question: Question) -> dict:
    choices = list(question.choices.all())
    if question.kind in (Kind.SINGLE, Kind.TRUE_FALSE):
        return {"choice": next(c.pk for c in choices if not c.is_correct)}
    if question.kind == Kind.MATCHING:
        shifted = choices[1:] + choices[:1]
        return {"pairs": {str(a.pk): b.pk for a, b in zip(choices, shifted, strict=True)}}
    if question.kind == Kind.SHORT_ANSWER:
        return {"text": "not the term"}
    return {"order": list(reversed(correct_response(question)["order"]))}


def snapshot(quiz: Quiz) -> list:
    return [
        (
            q.kind,
            q.prompt,
            q.explanation,
            q.section_id,
            q.points,
            [(c.text, c.is_correct, c.match_text, c.order_key) for c in q.choices.all()],
        )
        for q in loaded(quiz)
    ]


@pytest.fixture
def sample(make_lecture):
    return make_lecture(SAMPLE.read_text(), course="demo", title="Russia–Azerbaijan Relations")


@pytest.fixture
def sample_quiz(sample):
    return quiz_generate(lecture=sample)


# --------------------------------------------------------------------------- the sample


def test_sample_draft_is_unpublished_generated_and_asks_its_glossary(sample, sample_quiz):
    quiz = sample_quiz
    assert quiz.title == "Russia–Azerbaijan Relations: practice quiz"
    assert (quiz.published, quiz.generated, quiz.shuffle) == (False, True, True)
    assert (quiz.feedback, quiz.pass_mark) == (Quiz.Feedback.ON_SUBMIT, 70)
    questions = loaded(quiz)
    assert [q.position for q in questions] == list(range(len(questions)))
    # The sample's bullets are note-speak with few dates that read as sentences
    # (no ordering, no name to blank), and since round 12 of issue 17 no bullet is
    # stated as true or false nor asked for its year: its four terms are what a
    # sound draft can ask. Since round 14 three pairs make no matching question (they
    # answer themselves), so its two terms with abbreviations are asked by name; since
    # quiz round 18 so is the one place among three groups of states (its definition
    # would be the only place among four choices).
    assert [q.kind for q in questions] == [Kind.SHORT_ANSWER] * 3
    assert any(q.prompt.startswith("Which term means “a disputed region") for q in questions)
    assert {q.points for q in questions} == {1}
    assert all(q.explanation for q in questions)


def test_no_bullet_is_stated_as_true_or_false_nor_asked_for_its_year(make_lecture):
    """Four pairs of teachers published almost none of either (issue 17, round 12):
    a true statement copies the notes, a false one moves a year, and a year gap asks
    only for a year."""
    for notes in (DATED_MANY, CROWDED, SAMPLE.read_text()):
        quiz = quiz_generate(lecture=make_lecture(notes, title="Notes"))
        questions = loaded(quiz)
        assert questions
        assert not [q for q in questions if q.kind == Kind.TRUE_FALSE]
        assert not [q for q in questions if re.match(r"Which (year|date) fills|When did", q.prompt)]
        assert not [q for q in questions if q.prompt == "Which of these statements is true?"]


def test_matching_pairs_each_term_with_its_definition(make_lecture):
    lecture = make_lecture(GLOSSARY_ONLY + FOURTH_LETTER)
    (matching,) = quiz_generate(lecture=lecture).questions.filter(kind=Kind.MATCHING)
    expected = {str(t): t.definition for t in lecture.terms.all()}
    pairs = {c.text: c.match_text for c in matching.choices.all()}
    assert len(pairs) >= 4
    assert all(expected[term] == definition for term, definition in pairs.items())
    assert all(c.is_correct for c in matching.choices.all())


def test_every_term_is_asked_once_in_matching_or_on_its_own(sample, sample_quiz):
    terms = {str(t): t for t in sample.terms.all()}
    matched = {
        c.text for q in sample_quiz.questions.filter(kind=Kind.MATCHING) for c in q.choices.all()
    }
    questions = [q for q in loaded(sample_quiz) if q.prompt.startswith("Which best describes")]
    shorts = [q for q in loaded(sample_quiz) if q.kind == Kind.SHORT_ANSWER]
    singles = {q.source for q in questions + shorts}
    # Each would answer the other: no term in both. A term whose answer another
    # question names (NAM, in a date question) and that has no definitions of its
    # own to be asked against is left out.
    assert not matched & singles
    assert matched | singles <= set(terms) and len(matched | singles) >= 2
    for question in shorts:
        term = terms[question.source]
        accepted = {c.text for c in question.choices.all()}
        assert {term.term, term.alias} - {""} <= accepted
        assert f"“{term.definition.rstrip('.')}”?" in question.prompt
    for question in questions:
        term = terms[re.search(r"“(.+)”", question.prompt).group(1)]
        choices = list(question.choices.all())
        (right,) = [c for c in choices if c.is_correct]
        assert right.text == term.definition
        others = {t.definition for t in terms.values() if t is not term}
        assert {c.text for c in choices if not c.is_correct} <= others
        home = next(
            (s for s in sample.sections.visible() if term.term.casefold() in s.body.casefold()),
            None,
        )
        assert question.section == home


def event_of(lecture, item: str):
    """The timeline event an ordering item or date question was made from."""
    # An ordering item leaves its date out (round 4): its words, in order, with
    # the date anywhere between them.
    words = re.findall(r"[\w']+", item.removesuffix("…").replace("____", " "))
    pattern = r"\b" + r"\W+(?:.*?\W+)?".join(map(re.escape, words))
    found = [e for e in lecture.events.all() if re.search(pattern, e.text)]
    assert found, item
    return found


def test_ordering_follows_event_dates(make_lecture):
    sample = make_lecture(DATED_MANY)
    sample_quiz = quiz_generate(lecture=sample)
    (ordering,) = sample_quiz.questions.filter(kind=Kind.ORDERING)
    assert ordering.prompt == "Put these events in chronological order, earliest first."
    items = sorted(ordering.choices.all(), key=lambda c: c.order_key)
    assert [c.order_key for c in items] == list(range(1, len(items) + 1))
    assert 3 <= len(items) <= 5
    assert [c.order_key for c in ordering.choices.all()] != [c.order_key for c in items]
    dates = []
    for item in items:
        (event,) = [e for e in event_of(sample, item.text) if e.when_label not in item.text]
        assert len(item.text) <= 121
        dates.append(event.sort_key)
    assert dates == sorted(dates) and len(set(dates)) == len(dates)


def test_every_generated_question_grades(sample_quiz, make_lecture):
    quizzes = [sample_quiz] + [
        quiz_generate(lecture=make_lecture(notes, course=f"c{i}"))
        for i, notes in enumerate([GLOSSARY_ONLY, DATED_ONLY, DATED_MANY, CROWDED])
    ]
    for quiz in quizzes:
        for question in loaded(quiz):
            assert question_problems(question) == [], question.prompt
            assert grade_answer(question, correct_response(question)) == (
                True,
                Decimal(question.points).quantize(Decimal("0.01")),
            )
            if question.kind == Kind.TRUE_FALSE or len(question.choices.all()) > 1:
                assert grade_answer(question, wrong_response(question))[0] is False


@pytest.mark.parametrize(
    "notes", [CROWDED, DATED_ONLY, DATED_MANY], ids=["crowded", "dated", "many"]
)
@pytest.mark.parametrize("rng_seed", [None, 2, 3, 5])
def test_no_two_questions_come_from_one_bullet(make_lecture, notes, rng_seed):
    """An ordering item and "which came first?" on one bullet would answer each
    other."""
    lecture = make_lecture(notes)
    questions = loaded(quiz_generate(lecture=lecture, rng_seed=rng_seed))
    # Every question on a bullet quotes it whole in its explanation.
    sources = {
        line: [q.pk for q in questions if line in q.explanation]
        for section in lecture.sections.visible()
        for line in bullets(section)
    }
    assert any(sources.values())
    shared = {line: pks for line, pks in sources.items() if len(pks) > 1}
    assert not shared


def test_same_notes_give_the_same_quiz_and_a_seed_gives_another(sample):
    first = quiz_generate(lecture=sample)
    again = quiz_generate(lecture=sample)
    other = quiz_generate(lecture=sample, rng_seed=7)
    assert snapshot(first) == snapshot(again)
    assert snapshot(first) != snapshot(other)
    counts = [
        (first.questions.filter(kind=kind).count(), label.lower()) for kind, label in Kind.choices
    ]
    assert quiz_summary(first) == f"{first.questions.count()} questions — " + ", ".join(
        f"{n} {label}" for n, label in counts if n
    )


# --------------------------------------------------------------------------- other notes


def test_glossary_only_notes_give_matching_and_term_questions(make_lecture):
    quiz = quiz_generate(lecture=make_lecture(GLOSSARY_ONLY + FOURTH_LETTER), title="Letters")
    questions = loaded(quiz)
    assert quiz.title == "Letters"
    # Four terms: one matching question, and no term asked again on its own.
    assert [q.kind for q in questions] == [Kind.MATCHING]
    assert all(q.section is None for q in questions)
    (matching,) = [q for q in questions if q.kind == Kind.MATCHING]
    assert {c.text for c in matching.choices.all()} == {"Aleph", "Digamma", "Koppa (Q)", "Sampi"}


def test_three_terms_make_no_matching_question(make_lecture):
    """Three pairs answer themselves: two by their words, the third by elimination
    (issue 17, round 14: teachers published 40 % of them). A term with an
    abbreviation is asked by name instead; the others have too few definitions to
    be asked against."""
    questions = loaded(quiz_generate(lecture=make_lecture(GLOSSARY_ONLY), title="Letters"))
    assert [(q.kind, q.source) for q in questions] == [(Kind.SHORT_ANSWER, "Koppa (Q)")]


def test_two_terms_give_no_matching_and_no_option_shown_elsewhere(make_lecture):
    quiz = quiz_generate(lecture=make_lecture())  # SIMPLE_NOTES: two terms, one date
    terms = [q for q in loaded(quiz) if q.rule in ("term", "short")]
    # "Mid-Ocean Ridge (MOR)" has an abbreviation: asked for from its definition.
    # "Subduction" could only be set against MOR's definition, which that question
    # shows (the student would rule it out there); its definition, the only process
    # of the two, is asked for by name (quiz round 18).
    assert sorted((q.kind, q.source) for q in terms) == [
        (Kind.SHORT_ANSWER, "Mid-Ocean Ridge (MOR)"),
        (Kind.SHORT_ANSWER, "Subduction"),
    ]
    assert not quiz.questions.filter(kind__in=[Kind.MATCHING, Kind.ORDERING]).exists()


def test_dated_bullets_give_an_ordering_question(make_lecture):
    lecture = make_lecture(DATED_ONLY)
    questions = loaded(quiz_generate(lecture=lecture))
    # Five dated bullets, two of them in one bullet (Skylab's): one ordering
    # question, and too few left for "which came first?" (four, years apart).
    assert [q.kind for q in questions] == [Kind.ORDERING]
    src = Source.load(lecture)
    (ordering,) = date_rules.ordering(src, random.Random(0))
    items = [c["text"] for c in sorted(ordering.choices, key=lambda c: c["order_key"])]
    # An event's text is the part of its bullet the date belongs to (Skylab's two
    # dates are two events with texts of their own), so the items are those parts.
    all_items = [
        "Sputnik 1 reached orbit, the first artificial satellite.",
        "Yuri Gagarin became the first human in space, orbiting once.",
        "Apollo 11 landed on the Moon.",
        "Skylab, America's own station, was launched.",
    ]
    assert 3 <= len(items) <= 5 and set(items) <= set(all_items)
    assert items == sorted(items, key=all_items.index)


def test_plain_bullets_alone_give_nothing_to_ask(make_lecture):
    """No glossary, no dates, no names: since round 12 of issue 17 a bullet is not
    stated as true or false (teachers published almost none), so there is nothing a
    sound draft can ask, and the instructor is told so rather than given a quiz."""
    lecture = make_lecture(PLAIN_ONLY)
    with pytest.raises(GenerationError, match="nothing in its notes makes a sound question"):
        quiz_generate(lecture=lecture)
    assert not Quiz.objects.exists()


def test_archived_sections_and_unusable_bullets_are_left_out(make_lecture):
    notes = DATED_ONLY + "Extras\n- A long bullet that will be archived on the next import.\n"
    lecture = make_lecture(notes)
    make_lecture(DATED_ONLY)  # same course and slug: "Extras" is archived
    archived = lecture.sections.get(title="Extras")
    assert archived.archived
    quiz = quiz_generate(lecture=lecture)
    assert not quiz.questions.filter(section=archived).exists()
    assert not Choice.objects.filter(question__quiz=quiz, text__contains="archived").exists()


def test_nothing_usable_raises_and_writes_nothing(make_lecture):
    lecture = make_lecture(NOTHING_USABLE)
    with pytest.raises(GenerationError, match="nothing in its notes makes a sound question"):
        quiz_generate(lecture=lecture)
    assert not Quiz.objects.exists() and not Question.objects.exists()


# --------------------------------------------------------------------------- the command


def test_command_drafts_and_says_where_to_publish(sample):
    out = StringIO()
    call_command("generate_quiz", "demo", sample.slug, "--title", "Week 1 check", stdout=out)
    quiz = Quiz.objects.get()
    assert (quiz.title, quiz.published, quiz.generated) == ("Week 1 check", False, True)
    text = out.getvalue()
    assert text.startswith(f"Drafted quiz “Week 1 check” (id {quiz.pk}): {quiz_summary(quiz)}.")
    assert f"/admin/quizzes/quiz/{quiz.pk}/change/" in text


@pytest.mark.parametrize(
    ("course", "lecture", "message"),
    [
        ("nope", "odds-and-ends", "no course with the slug “nope”"),
        ("geo", "nope", "the course “geo” has no lecture with the slug “nope”"),
        ("geo", "odds-and-ends", "cannot draft a quiz for “Odds and Ends”: nothing in its notes"),
    ],
)
def test_command_refuses_with_one_line(make_lecture, course, lecture, message):
    make_lecture(NOTHING_USABLE)
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("generate_quiz", course, lecture, stdout=StringIO())
    assert not Quiz.objects.exists()


# --------------------------------------------------------------------------- the rubric


RUBRIC_NOTES = """Title: Harbours
Overview
Ports and their trade.
Rotterdam
- Rotterdam handles more cargo than any other port in Europe.
- The port might double its container capacity within a decade.
- Takes in ships of every size along the Maasvlakte.
- Perhaps the busiest day ever came in a storm.
- The harbour master directs traffic from a central tower.
- Dredgers keep the channel at a depth of about twenty metres.
Hamburg
- Hamburg lies on the Elbe, about a hundred kilometres from the sea.
- Was rebuilt after the great fire of the nineteenth century.
- Its warehouse district is a listed world heritage site.
- Container cranes there are steered from a control room.
- The Elbe is dredged so that large ships can reach the quays.
Key Terms
- Draught — how deep a ship sits in the water.
- Quay — a platform where ships load and unload.
- Dredger — a vessel that deepens a channel.
- Harbour master — the officer in charge of a harbour master's rules.
"""


def test_a_definition_naming_its_term_is_not_asked(make_lecture):
    # "Harbour master — the officer in charge of a harbour master's rules": a
    # choice naming the term would show itself, in the matching question or alone.
    quiz = quiz_generate(lecture=make_lecture(RUBRIC_NOTES, course="ports"))
    asked = {line for q in loaded(quiz) for line in q.source.split("\n")}
    assert asked and "Harbour master" not in asked
    assert not Choice.objects.filter(question__quiz=quiz, text="Harbour master").exists()


def test_the_sample_quiz_passes_the_rubrics_automatic_checks(sample, sample_quiz):
    assert check_quiz(sample_quiz) == []


def test_approximate_dates_are_never_put_in_order(make_lecture):
    notes = """Title: Workshops
Florence
- Verrocchio's workshop trained painters around 1470 in the city.
- The guild held a competition for the doors in 1401 and chose Ghiberti.
- Brunelleschi finished the dome in 1436 after sixteen years of work.
- Masaccio painted the chapel frescoes in 1425 for the Brancacci family.
Rome
- Michelangelo carved the Pietà c. 1498 for a French cardinal.
- Raphael painted the School of Athens in 1510 in the papal apartments.
- The Sack of Rome in 1527 scattered the artists of the papal court.
- Bramante began the new basilica in 1506 for the pope.
"""
    for seed in (None, 1, 2, 3):
        quiz = quiz_generate(lecture=make_lecture(notes, course="art"), rng_seed=seed)
        for question in quiz.questions.filter(rule__in=["ordering", "first"]):
            assert "around 1470" not in question.source
            assert "c. 1498" not in question.source
