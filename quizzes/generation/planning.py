"""Planning a quiz: which of the rules' drafts to ask, and writing them as a quiz.

- No two questions come from one bullet: a statement quoting the bullet a date or
  ordering question blanks would give its answer away.
- No term is asked twice: a term in the matching question is not asked again on
  its own, nor are its definitions offered elsewhere (term_rules).
- At most 15 questions. Matching, ordering, the name gaps (name_rules: a
  section's central bullet asked by the person it names, before any statement or
  date question may take the bullet) and each section's question (on its
  central bullets) come first, term and date questions fill the rest in turn. With
  more than 13 sections the last go uncovered. Statements top a short quiz up to 10.
- A quiz short of 10 is planned again with a shorter ordering question, then
  without one, then without "which came first?" (LAYOUTS): each spends three to
  five bullets on one question, bullets a lecture of few may need for ten. A quiz
  still short of 8 is planned again without the matching question: its terms
  asked one by one give a lecture whose bullets are notes rather than sentences
  more to ask.
- True or false is at most half the quiz (one statement when nothing else can be
  asked) and balanced: with four or more, 30–70 % true; with fewer, neither answer
  more than once ahead of the other, so a lecture where no sound false statement
  can be made gets fewer statements rather than all "True". How many are true,
  within that band, is drawn from the seed (its own stream): always the most
  false would let a student guess "false".
- A short answer whose term another question names is asked as a definition, and
  a date question whose answer another question prints is not asked; nor is a
  statement or gap sentence that states what a term question asks ("… at the
  Eocene–Oligocene boundary" beside "Which best describes “Eocene–Oligocene
  transition”?").
- At most about a third of the quiz asks for a date or an order (DATE_SHARE).
- A quiz that the date share would leave short of 10 (dates alone hold up few
  statements: a lecture without terms) asks "Which of these statements is true?"
  from four statements no other question uses (statement_rules.which_true).

Notes in another language than English (Course.language) are asked about only in
the shapes that need no English grammar (`_plan_plain`): the terms (matching, which
best describes, which term means) and the dates (which year fills the gap, ordering,
which came first; plain_date_rules). True or false and "which statement is true"
reword their bullets by English rules, so they are not asked; without statements
to balance them, dates may be more than a third of such a quiz.

Prompts and explanations are drafted in the course's language (quiz_generate
translates under it), and the planner reads statements through Draft.shown, never
by their English words.

arrange.py then mixes the shapes, places the right choices and gives siblings one
form. Every pick comes from a random.Random seeded with a hash of the lecture's
content: the same notes give the same quiz, and `rng_seed` gives another draft.
"""

from __future__ import annotations

import itertools
import random
import re

from django.db import transaction
from django.utils.translation import gettext, override

from lectures.models import Lecture

from ..models import Choice, Question, Quiz
from . import date_rules, name_rules, plain_date_rules, statement_rules, term_rules
from .arrange import arrange
from .draft import Draft
from .soundness import fragment, year_shown
from .source import Source
from .text import clip
from .wrong_dates import dated

MAX_QUESTIONS = 15
FILL_TO = 10
# At most about a third of a quiz asks for a date or an order (issue 17, round 9:
# teachers found years crowding out the lecture's ideas at 40 %).
DATE_SHARE = 1 / 3
# The shares tried in turn: up to 40 % only where a third leaves the quiz short.
DATE_SHARES = (DATE_SHARE, 0.4)
NOTHING_TO_ASK = (
    "this lecture has no glossary terms, timeline events or bullets to make questions from"
)


class GenerationError(ValueError):
    """The lecture gives nothing to make questions from (or the title is unusable)."""


def _interleave(groups: list[list[Draft]]) -> list[Draft]:
    return [d for row in itertools.zip_longest(*groups) for d in row if d is not None]


# The ordering question's most items, whether "which came first?" is asked and
# whether the terms are matched, tried in turn until a quiz reaches ten: the first
# two take three to five bullets no other question may use, so a lecture with few
# bullets asks more questions without them; the matching question asks up to six
# terms in one, so a lecture with few sentences to ask asks them one by one.
_BULLET_LAYOUTS = ((date_rules.ORDERING_MAX, True), (3, True), (0, True), (0, False))
SHORT_BY = 2
LAYOUTS = tuple((*layout, True) for layout in _BULLET_LAYOUTS) + tuple(
    (*layout, False) for layout in _BULLET_LAYOUTS
)


def _plan_plain(src: Source, seed: int) -> list[Draft]:
    """The quiz for notes whose grammar the rules do not read (see the module's
    docstring): matching, term questions, ordering, year gaps and "which came
    first", at most MAX_QUESTIONS, one question per bullet and per term."""
    rng = random.Random(seed)
    matching = term_rules.matching(src, rng)
    matched = {name for d in matching for name in d.source.split("\n")}
    terms = term_rules.term_singles(src, rng, matched)
    ordering = plain_date_rules.ordering(src, rng)
    used = {line for d in ordering for line in d.source.split("\n")}
    whens = plain_date_rules.when_did(src, rng, used)
    used |= {d.source for d in whens}
    firsts = plain_date_rules.first(src, rng, used)
    room = MAX_QUESTIONS - len(matching) - len(ordering)
    drafts = matching + ordering + _interleave([terms, whens, firsts])[:room]
    drafts = [d for d in (_without_leaks(d, drafts, src) for d in drafts) if d is not None]
    return arrange(drafts, rng)


def _plan(src: Source, seed: int) -> list[Draft]:
    """The first plan (by LAYOUTS) of at least FILL_TO questions, or else the
    longest (the first of those); each drawn afresh from `seed`, so the same notes
    give the same quiz. The matching question goes only from a quiz it would leave
    well short (by more than SHORT_BY): one question on several terms is worth
    keeping in a quiz of eight or nine."""
    if not src.english:
        return _plan_plain(src, seed)
    plans = []
    for size, firsts, matched in LAYOUTS:
        if not matched and max(map(len, plans)) >= FILL_TO - SHORT_BY:
            break
        # A third of the quiz in dates where the notes give ten questions so;
        # otherwise up to 40 %, as before round 9: a short quiz helps nobody.
        for share in DATE_SHARES:
            # The true/false mix draws from its own stream, so varying it leaves
            # every other draw of the seed as it was.
            mix = random.Random(f"{seed}:true-false")
            plan = _plan_with(src, random.Random(seed), size, firsts, mix, matched, share)
            plans.append(plan)
            if len(plan) >= FILL_TO:
                return plan
    return max(plans, key=len)


def _plan_with(
    src: Source,
    rng: random.Random,
    ordering_size: int,
    with_firsts: bool,
    mix: random.Random,
    with_matching: bool = True,
    share: float = DATE_SHARE,
) -> list[Draft]:
    matching = term_rules.matching(src, rng) if with_matching else []
    matched = {name for d in matching for name in d.source.split("\n")}
    terms = term_rules.term_singles(src, rng, matched)
    ordering = date_rules.ordering(src, rng, ordering_size)
    used = {line for d in ordering for line in d.source.split("\n")}
    # The sections' central bullets asked by the names they open on, before any
    # statement or date question may take them (issue 17, round 9).
    names = name_rules.name_gaps(src, used)
    used |= {d.source for d in names}
    cover, extra, whens = statement_rules.true_false(
        src, rng, used, date_rules.when_did(src, rng, used)
    )
    names, cover, extra, whens = (
        [d for d in drafts if _sound(d)] for drafts in (names, cover, extra, whens)
    )

    # Coverage of every section and one of each big kind come first; with more
    # sections than room, the last sections go without.
    cover = cover[: max(0, MAX_QUESTIONS - len(matching) - len(ordering) - len(names))]
    room = MAX_QUESTIONS - len(matching) - len(ordering) - len(names) - len(cover)
    # Which came first, from bullets no other question uses.
    taken = used | {line for d in cover + whens for line in d.source.split("\n")}
    firsts = date_rules.first(src, rng, taken) if with_firsts else []
    firsts = [d for d in firsts if _sound(d)]
    spoken_for = {line for d in firsts for line in d.source.split("\n")}
    extra = [d for d in extra if d.source not in spoken_for]
    filler = _interleave([terms, whens, firsts])[:room]
    asked = matching + ordering + names + [d for d in cover if d.family != "tf"] + filler
    statements = [d for d in cover if d.family == "tf"]
    every = asked + statements + extra
    asked = [d for d in (_without_leaks(d, every, src) for d in asked) if d is not None]
    # A statement or a gap sentence giving a definition another question asks for
    # answers it.
    statements = [d for d in statements if not _states_asked_term(d, asked, src)]
    extra = [d for d in extra if not _states_asked_term(d, asked, src)]
    asked = [
        d for d in asked if d.family not in _SENTENCES or not _states_asked_term(d, asked, src)
    ]
    wanted = max(len(statements), FILL_TO - len(asked))
    # Balance may leave statements out: those of sections no other question is
    # about go last, so every section stays covered where it can.
    home = {b.plain: pk for pk, bullets in src.bullets.items() for b in bullets}
    covered = {d.section.pk for d in asked if d.section is not None}
    covered |= {home.get(line) for d in asked for line in d.source.split("\n")}
    statements.sort(key=lambda d: d.section.pk in covered)
    # A short quiz asks which of four statements is true (concepts, not dates)
    # from statements beyond those covering sections: true or false may be at most
    # half the quiz, so these are what lets it reach ten.
    while _projected(asked, len(statements) + len(extra), share) < FILL_TO:
        which = statement_rules.which_true(extra)
        if which is None:
            break
        used_up = set(which.source.split("\n"))
        extra = [d for d in extra if d.source not in used_up]
        asked.append(which)
    pool, expected = statements + extra, len(statements) + len(extra)
    asked = [d for d in asked if not _answered_elsewhere(d, asked + pool)]
    while True:
        asked = _few_dates(asked, expected, share)
        # Dates dropped leave room for statements: a quiz of ten still wants them.
        statements = _balanced(pool, len(asked), max(wanted, FILL_TO - len(asked)), mix)
        if len(statements) >= expected or expected <= 0:
            break
        expected = len(statements)  # fewer statements than hoped: recount the dates
    # Still short: statements balance left out make "which is true?" questions.
    left = [d for d in pool if all(d is not kept for kept in statements)]
    while len(asked) + len(statements) < FILL_TO:
        which = statement_rules.which_true(left)
        if which is None:
            break
        used_up = set(which.source.split("\n"))
        left = [d for d in left if d.source not in used_up]
        asked.append(which)
    drafts = asked + statements
    drafts = [d for d in drafts if not _answered_elsewhere(d, drafts)]
    return arrange(_fair_statements(drafts), rng)


def _fair_statements(drafts: list[Draft]) -> list[Draft]:
    """`drafts` less the last statements of the commoner answer while true and
    false stay out of balance: with fewer sound statements to choose from (round
    10), a statement another question answers may leave the mix lopsided."""
    while True:
        tf = [d for d in drafts if d.family == "tf"]
        t = sum(1 for d in tf if d.true)
        f = len(tf) - t
        fair = 0.3 <= t / (t + f) <= 0.7 if t + f >= 4 else abs(t - f) <= 1
        if fair:
            return drafts
        extra = [d for d in tf if bool(d.true) == (t > f)][-1]
        drafts = [d for d in drafts if d is not extra]


_DATE_FAMILIES = ("when", "first", "ordering")


def _sound(draft: Draft) -> bool:
    """Not a question unpublishable whatever the teacher (issue 17, round 10): a
    statement or gap sentence that is no sentence (see soundness.fragment), nor a
    year question whose prompt prints its answer. Fewer questions beat doubtful
    ones; an unsound fallback is dropped, leaving the question as it is."""
    right = next((c["text"] for c in draft.choices if c.get("is_correct")), "")
    shown = draft.shown.replace("____", right) if draft.shown else ""
    if shown and fragment(shown):
        return False
    if "____" in draft.prompt and year_shown(draft.prompt.replace("____", ""), right):
        return False
    if draft.fallback is not None and not _sound(draft.fallback):
        draft.fallback = None
    return True


def _projected(asked: list[Draft], statements: int, share: float = DATE_SHARE) -> int:
    """The size a quiz of `asked` and up to `statements` statements can reach once
    dates are at most about a third of it and true or false at most half: dates alone
    hold up few statements, so a lecture without terms needs other questions."""
    others = sum(d.family not in _DATE_FAMILIES for d in asked)
    best = 0
    for dates in range(len(asked) - others + 1):
        total = others + dates + min(statements, others + dates)
        if dates <= round(share * total):
            best = max(best, total)
    return best


def _few_dates(asked: list[Draft], statements: int, share: float = DATE_SHARE) -> list[Draft]:
    """At most about a third of the quiz asks for a date or an order: the lecture's
    ideas come before its calendar. Date questions are dropped from the end (the
    ordering question last)."""
    asked = list(asked)
    while True:
        total = len(asked) + min(statements, len(asked))
        dates = [d for d in asked if d.family in _DATE_FAMILIES]
        if len(dates) <= round(share * total):
            return asked
        drop = next((d for d in reversed(dates) if d.family != "ordering"), dates[-1])
        asked.remove(drop)


# A year as a glossary definition prints it ("the Dutch name for 1672").
_YEAR_RE = re.compile(r"(?<![\w$£€-])(1\d{3}|20\d{2})(?![\w-])")


def _defined_years(drafts: list[Draft], draft: Draft) -> set[str]:
    """The years the glossary definitions other questions show print."""
    texts = []
    for other in drafts:
        if other is draft:
            continue
        if other.family == "matching":
            texts += [c.get("match_text") or "" for c in other.choices]
        elif other.family == "term":
            texts += [c.get("text", "") for c in other.choices]
        elif other.family == "short":
            texts.append(other.prompt)
    return {year for text in texts for year in _years_in(text)}


def _years_in(text: str) -> set[str]:
    """The years a text prints, of every era ("312 BC" as well as "1987"), each as
    its signed number: "a count of years from 312 BC" gives away "in 312 BC"."""
    years = {str(int(y)) for y in _YEAR_RE.findall(text)}
    years |= {
        str(y)
        for d in dated(text)
        if d.when.precision in ("day", "month", "year")
        for y in {d.first, d.last}
    }
    return years


def _answered_elsewhere(draft: Draft, drafts: list[Draft]) -> bool:
    """A date question whose answer another question prints (in its prompt or a
    sentence among its choices) is answered there; so is a date question or a
    statement whose year a glossary definition shown elsewhere prints."""
    if draft.family == "tf":
        shown = _years_in(draft.prompt) | _years_in(draft.source)
        return bool(shown & _defined_years(drafts, draft))
    if draft.family != "when":
        return False
    keys = [c["text"] for c in draft.choices if c.get("is_correct")]
    asked = _years_in(" ".join(keys)) | _years_in(draft.explanation.split(": ", 1)[0])
    if asked & _defined_years(drafts, draft):
        return True
    key = next(c["text"] for c in draft.choices if c.get("is_correct"))
    if draft.prompt.startswith(gettext(date_rules.YEAR_GAP_LEAD)):
        # The year of a date the gap keeps ("on 9 October ____"): the whole date,
        # as the explanation gives it, answers it where another question prints it.
        key = draft.explanation.split(": ", 1)[0]
    pattern = re.compile(rf"(?<![\w-]){re.escape(key)}(?![\w-])")
    year = _YEAR_RE.search(key)
    for other in drafts:
        if other is draft:
            continue
        texts = [other.prompt] + [c.get("text", "") for c in other.choices if len(c["text"]) > 30]
        # A definition printing the year ("the 1987 treaty") answers it as well.
        texts += [c["match_text"] for c in other.choices if c.get("match_text")]
        if any(pattern.search(text) for text in texts):
            return True
        # A lifespan or span in brackets that ends on the key's year ("Pushkin
        # (1799–1837)" for "he died in ____"): the other question prints it.
        if year and any(re.search(rf"\([^()]*[–-]\s*{year.group()}\)", text) for text in texts):
            return True
    return False


YEAR_ONLY_FALSES = 3


def _balanced(statements: list[Draft], others: int, wanted: int, mix: random.Random) -> list[Draft]:
    """The first statements (in order of preference) that keep true or false at
    most half the quiz and its answers balanced (see the module docstring); how
    many are true, within the band, is drawn from `mix`."""
    limit = min(wanted, max(others, 1), MAX_QUESTIONS - others)
    trues = [d for d in statements if d.true]
    falses = [d for d in statements if not d.true]
    # One false statement that swaps something other than a year goes first: with
    # it, a statement printing no year may be false too.
    other = next((d for d in falses if not _swaps_year(d)), None)
    if other is not None:
        # Then those swapping a year: false statements made one way and another,
        # as true ones are quoted or reworded.
        rest = sorted((d for d in falses if d is not other), key=lambda d: not _swaps_year(d))
        falses = [other] + rest

    def fair(t: int, f: int) -> bool:
        if t + f >= 4:
            return 0.3 <= t / (t + f) <= 0.7
        return abs(t - f) <= 1

    counts = [
        (t, f)
        for t in range(len(trues) + 1)
        for f in range(len(falses) + 1)
        if t + f <= limit and fair(t, f)
    ]
    t, f = _mix(counts, mix)
    # Every false statement kept swaps a year: a true one printing no year would be
    # known true by that alone, so true statements print a year too (or there is at
    # most one false statement).
    if f >= 2 and all(_swaps_year(d) for d in falses[:f]):
        # A date a false statement could move: a decade or a century never is
        # (statement_rules), so a true statement printing only "the 1990s" would be
        # known true by that alone.
        dated = [d for d in trues if _movable_date(d.shown)]
        if dated and len(dated) < len(trues):
            trues = dated
            counts = [(t, f) for t, f in counts if t <= len(trues)]
        elif not dated:
            counts = [(t, f) for t, f in counts if f <= 1]
        t, f = _mix(counts, mix)
    # At most three false statements that all move a year: more, and "the year
    # differs" is the one falsehood a student learns to spot.
    if f > YEAR_ONLY_FALSES and all(_swaps_year(d) for d in falses[:f]):
        counts = [(t, f) for t, f in counts if f <= YEAR_ONLY_FALSES]
        t, f = _mix(counts, mix)
    # Made the same way: false statements that all swap a name (put in other
    # words) beside true ones all quoted would tell them apart; one false
    # statement is then all there is room for.
    reworded_only = f >= 2 and not any(_close(d) for d in falses[:f])
    if reworded_only and all(_close(d) for d in trues):
        counts = [(t, f) for t, f in counts if f <= 1]
        t, f = _mix(counts, mix)
    falses = falses[:f]
    # Made the same way: if every false statement kept is close to the notes (a
    # year swapped, nothing reworded), so is one true statement at least, and the
    # reverse; otherwise "reworded means true" would hold.
    for mode in (True, False):
        pattern = all(_close(d) == mode for d in falses) and all(
            _close(d) != mode for d in trues[:t]
        )
        if t >= 2 and f >= 2 and pattern:
            alike = next((d for d in trues[t:] if _close(d) == mode), None)
            if alike is not None:
                trues = trues[: t - 1] + [alike]
    keep = set(map(id, trues[:t] + falses))
    return [d for d in statements if id(d) in keep]


def _movable_date(text: str) -> bool:
    """The text prints a date of a kind a false statement moves (a day, month or
    year of an event, or deep time)."""
    return any(d.when.precision in statement_rules.MOVABLE for d in dated(text))


def _mix(counts: list[tuple[int, int]], mix: random.Random) -> tuple[int, int]:
    """As many statements as `counts` allows, true ones counted by a draw: always
    the most false (2 true to 3 false in five) let students guess "false"."""
    most = max(t + f for t, f in counts)
    return mix.choice(sorted(c for c in counts if c[0] + c[1] == most))


def _dates(text: str) -> list[str]:
    """The dates a text prints, of any era, as written."""
    return [text[d.start : d.end] for d in dated(text)]


def _masked(text: str) -> str:
    for date in reversed(dated(text)):
        text = text[: date.start] + "#" + text[date.end :]
    return text


def _swaps_year(statement: Draft) -> bool:
    """The false statement differs from its bullet by a date."""
    shown = statement.shown
    return _dates(shown) != _dates(statement.source)


def _close(statement: Draft) -> bool:
    """The statement reads as its bullet but for a date."""
    shown = statement.shown
    # Every statement ends with a full stop, whether or not its bullet did.
    return _masked(shown).rstrip(".") == _masked(statement.source).rstrip(".")


def _stems(text: str) -> set[str]:
    """Words of four letters or more, by their first five (a rough stem)."""
    return {w[:5] for w in re.findall(r"[^\W\d_]{4,}", text.casefold())} - {"that", "with"}


# The questions that show a sentence of the notes whole.
_SENTENCES = ("tf", "when")


def _name_stems(name: str) -> set[str]:
    """The words of a term's name, three letters or more ("Tarn–Esk transition")."""
    words = re.findall(r"[^\W\d_]{3,}", name.casefold())
    return {w[:5] for w in words} - {"the", "and", "for", "with"}


def _states_asked_term(statement: Draft, asked: list[Draft], src: Source) -> bool:
    """The statement (or gap sentence) names a term another question asks about, by
    name or by most of its words ("the Eocene–Oligocene boundary" for "Eocene–Oligocene
    transition"), and says at least half of what its definition says: it answers
    that question."""
    text = statement.shown or statement.prompt
    words = _stems(text)
    names = {
        line
        for d in asked
        if d.family in ("matching", "term", "short")
        for line in d.source.split("\n")
    }
    for term in src.terms:
        if term.name not in names:
            continue
        own = _name_stems(term.obj.term)
        named = bool(term.mention.search(text)) or (
            len(own) >= 2 and 3 * len(own & words) >= 2 * len(own)
        )
        meaning = _stems(term.obj.definition) - _stems(term.obj.term)
        if named and len(meaning) >= 2 and 2 * len(meaning & words) >= len(meaning):
            return True
    return False


def _without_leaks(draft: Draft, drafts: list[Draft], src: Source) -> Draft | None:
    """A short answer whose term another question names (an ordering item, a
    statement) would be answered there: it is asked as a definition instead, or not
    at all when it has no definitions to be asked against."""
    if draft.family != "short":
        return draft
    term = next(t for t in src.terms if t.name == draft.source)
    for other in drafts:
        if other is draft:
            continue
        texts = [other.prompt] + [c.get("text", "") for c in other.choices]
        if any(term.mention.search(text) for text in texts):
            return draft.fallback
    return draft


def _default_title(lecture: Lecture) -> str:
    suffix = gettext(": practice quiz")
    limit = Quiz._meta.get_field("title").max_length - len(suffix)
    return clip(lecture.title, limit) + suffix


@transaction.atomic
def quiz_generate(*, lecture: Lecture, title: str = "", rng_seed: int | None = None) -> Quiz:
    """Draft an unpublished quiz from the lecture's glossary, timeline and bullets.

    The quiz is marked `generated`, gives feedback on submit, needs 70% to pass and
    shuffles choices; the instructor reviews and publishes it in the admin. The same
    lecture content gives the same quiz unless `rng_seed` is given. Raises
    GenerationError, writing nothing, when the notes offer nothing to ask.

    Prompts, choices and explanations are drafted in the course's language
    (Course.language), whatever the language of the request that asks for them.
    """
    with override(lecture.course.language):
        return _generate(lecture, title, rng_seed)


def _generate(lecture: Lecture, title: str, rng_seed: int | None) -> Quiz:
    title = " ".join(title.split()) or _default_title(lecture)
    if len(title) > Quiz._meta.get_field("title").max_length:
        raise GenerationError("the quiz title is longer than 200 characters")
    src = Source.load(lecture)
    drafts = _plan(src, src.seed() if rng_seed is None else rng_seed)
    if not drafts:
        raise GenerationError(NOTHING_TO_ASK)
    quiz = Quiz.objects.create(
        lecture=lecture,
        title=title,
        published=False,
        generated=True,
        feedback=Quiz.Feedback.ON_SUBMIT,
        pass_mark=70,
        shuffle=True,
    )
    choices = []
    for position, draft in enumerate(drafts):
        question = Question.objects.create(
            quiz=quiz,
            kind=draft.kind,
            prompt=draft.prompt,
            explanation=draft.explanation,
            section=draft.section,
            points=draft.points,
            position=position,
            rule=draft.family,
            source=draft.source,
        )
        choices += [Choice(question=question, **fields) for fields in draft.choices]
    Choice.objects.bulk_create(choices)
    return quiz
