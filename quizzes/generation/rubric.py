"""The automatic checks of corpus/RUBRIC.md: what code can tell about a generated
quiz that a teacher would otherwise have to fix before publishing it.

`check_quiz(quiz)` returns one sentence per failure ("Q3: …"), empty when the quiz
passes. The checks are deliberately literal (they look at the stored prompts and
choices, as a student sees them), so they hold the generator to account rather
than repeat its reasoning; the rubric and the rules never import each other
(pyproject.toml's contracts). The checks:

- structure: a single-choice or true/false question has exactly one right choice,
  an ordering one a full order, a matching one distinct pairs; no repeated choices;
- no fact asked twice: a term defined in a matching question is not also asked
  for its definition on its own, and no two questions quote the same statement;
- no giveaways: a choice whose initials spell an abbreviation in the prompt (or
  the reverse), a right choice that contains the term asked about, a count in
  the prompt that only one choice has, a right choice far longer than the rest;
- true or false: never a speculative statement ("may", "might", "could",
  "perhaps") nor one without a subject (opening on a verb or a pronoun); true and
  false statements not told apart by whether they are close to the notes (quoted
  but for a year) or put in other words; a false statement's swapped year on the
  same side of every other date the sentence prints, inside the years its
  section's notes span (widened by half, at least ten years), and never in a
  sentence that ranks ("the first …"); no statement printing in brackets the year
  it states; at most half the quiz, and with four or more between 30 % and 70 %
  true (with two or three, not all one answer);
- choices: the right choice never the only one of its form (final full stop,
  capital, how a date is written) among siblings that share one; its stored place
  balanced (no place holds it in more than half of four or more questions);
- no questions answering each other: no two with one option set, no choice that
  the matching question shows as a definition;
- coverage: no term asked more than twice, none twice while a section with
  bullets goes unasked (in a quiz of fewer than 15 questions), and never "Which
  section discusses …?", which tests where a word sits rather than what is taught.

Round 2 of issue 17 (the classes two teachers found on notes never tuned on):

- sentences: a statement, a gap prompt, an ordering item or a "which came first"
  choice with no subject (opening on a verb), a pronoun with nobody before it,
  or note-speak ("A = B → C", "X; Y; Z", "approx.");
- false years: one far from the year it replaces (more than 25 years), after
  the notes' latest date, outside the lifespan the notes give the person it is
  about, or the answer of another question;
- dates written in another form than the notes' ("Aug 2, 1858" for "2 August 1858");
- choices: a single-choice question with fewer than four, a capitalised "C." or
  an approximate year among them; year choices far from the key, or on the other
  side of a year the prompt prints from it (the key alone could be right);
- answered elsewhere: a date question's key printed in another question's prompt
  or sentence choices, a definition asked while another question states it;
- a right definition that echoes the term's own words while no distractor does,
  and any matching pair whose definition repeats the term's words or spells its
  initials ("Aet": "after extra time");
- grammar: "a" before a number read with a vowel ("a 1856 study"), "an" before
  one that is not, a common-noun glossary term capitalised mid-sentence;
- trivia and layout: dates of sales, catalogues, proposals or baselines asked,
  a gap at one end of a range or for a lifespan;
- the quiz's shape: more than about 40 % date and order questions; every false
  statement a swapped year while a true one prints no year ("no year means true").
  (A lecture with six terms or ten events was held to ten questions until round 12
  of issue 17: drafts are now fewer and sounder, see planning.py.)

Round 4 (the third held-out set): a statement, gap prompt or item in note-speak
(opening in lower case, ";", "+", "→", "="); a false statement swapping a count or
one end of a range; a statement or gap sentence without its full stop, a term
question without its question mark or calling a non-abbreviation one; a blank in
an ordering item; an alternative date beside a gap; date choices written with
different decimals; a date question's answer printed in a matching definition.

Round 6 (the fifth held-out set, round 4 of the teachers' verdicts): a statement,
gap sentence (read with its answer in it) or item that is a line of notes (no
verb, a participle for its verb: "Humulin approved by FDA …", a year hung on with
a comma, a label and a colon), speaks of "the empire" or "Phase 4" without naming
it, has a "he", "his" or "him" that means nobody it names, is relative to
something it leaves out ("Sweden followed"), is no fact (a target, schedule, sale,
debate, the future), has "was" before a verb that takes none ("was entered into
force"), opens on a figure, a gap set apart in brackets or a clause never closed;
an item or gap dating a figure or a baseline, an item hollowed by its date
("Salamis, fought, broke …"); a false statement that moves a year by less than
HAIR, one end of a span ("360 to 390 million years ago"), the year of a figure or
of a baseline, or a date its sentence corrects; a number word written in digits;
a definition asked while a statement or gap sentence states it under most of its
name ("Eocene–Oligocene boundary"), flagged on the question it answers; and a
lecture's events counted towards ten questions only when they read as sentences.

Round 8 (held-out sets 6 and 7, rounds 5 and 6 of the verdicts): a sentence in a
teacher's shorthand (vocabulary.SHORTHAND: "d. 1198", "Const'ple", "Sov. troops");
a wrong year outside the period the lecture's or section's title fixes when the
right one is inside it; four or more false statements that all only move a year.

Round 9 (held-out set 8, round 7 of the verdicts): a name gap ("Which name fills the
gap?") whose prompt prints one of its choices (by the surname too) or tells a man
from a woman (a pronoun, "woman", "widow"); a name gap is checked as a gap sentence,
but a sale or a proposal asked by who made it is no date asked. A clause closed by
a later comma and verb ("NASA, created by an act signed on July 29, 1958, opened
…") is not an open one.

Round 10 (held-out sets 8 and 9, rounds 7 and 8 of the verdicts; soundness.py): a
right definition spelling its term (a stem, a short word whole, an abbreviation of
one of its words, its initials), in a single choice or a matching pair; a
statement or gap sentence that is no sentence (a head before a spaced dash with
no verb, a name and a relative clause, a participle with a bare date, cut off
inside a bracket, an "it" nothing names); a year question whose prompt prints the
year.

Round 11 (held-out set 10, round 9 of the verdicts; kinds.py): a definition asked
whose right choice is the only one of its kind among choices of other kinds.

Quiz round 19 (the strict teachers of held-out sets 15 to 28; vocabulary.everyday):
a term of everyday English offered among four ("Which best describes
“Coalition”?") or a single everyday word asked for by name ("Which term means …?"
answered "Guerrilla"): known without the lecture; and a definition asked whose
term's name says its kind ("Chandos clause", "Knapping") while no other choice is
of that kind.
"""

from __future__ import annotations

import re
from collections import Counter

from lectures.notes import body_items

from ..models import Question, Quiz
from .kinds import odd_one_out, unnamed_kind
from .soundness import (
    CONTEXT_OPENING,
    HANGING,
    MATCHING_MIN,
    RELATIVE,
    echoes_term,
    fragment,
    glance_shape,
    shorthand,
    year_shown,
)
from .vocabulary import DEFINITION_SHORTHAND, IRREGULAR_PAST, PART_OF_WORK, SHORTHAND, everyday

Kind = Question.Kind

SPECULATIVE = re.compile(
    # "May" the month (May 1994) is not "may" the guess.
    r"\b(?:[Mm]ight|[Cc]ould|[Pp]erhaps|[Pp]ossibly|[Pp]robably|[Ll]ikely)\b"
    r"|\bmay\b|\bMay\b(?= [a-z])"
)
# A statement opening with a verb has lost its subject to the section title.
VERB_OPENINGS = re.compile(
    r"^(takes|took|was|were|is|are|has|had|became|becomes|includes|included|contains|"
    r"remains|remained|lasts|lasted|runs|ran|flows|flowed|covers|covered|begins|began|"
    r"ends|ended|uses|used|makes|made|gives|gave|shows|showed|lies|lay)\b"
    r"|^[A-Z][a-z]+s (?:on|upon|across|into|onto)\b"
    # A pronoun whose noun was in the bullet above: "Its centre is…".
    r"|^(?:it|he|she|they|this|these|those|its|his|her|their)\b",
    re.IGNORECASE,
)
# A price ("$2000 an ounce") is no year.
YEAR = re.compile(r"(?<![\d$£€])(1\d{3}|20\d{2})(?!\d)")
BC_YEAR = re.compile(r"(?<![\d,.])(\d{1,4}) ?(?:BCE|BC)\b")
AD_YEAR = re.compile(r"\bAD ?(\d{1,3})(?!\d)")
# "78 CE", but not a four-digit year already read as one.
CE_YEAR = re.compile(r"(?<![\d,.])(\d{1,3}) ?CE\b")
BC_DECADE = re.compile(r"(?<!\d)(\d{2,4})['’]?s ?(?:BCE|BC)\b")
AD_DECADE = re.compile(r"(?<!\d)(1\d{3}|20\d{2})['’]?s\b(?! ?BC)")
BRACKETS = re.compile(r"\(([^()]*)\)")
RANKING = re.compile(r"\b(?:first|last|earliest|latest|final|oldest|youngest|newest)\b", re.I)
NOTES_SAY = re.compile(r"The notes say: “(.+)”", re.DOTALL)
WHERE = re.compile(r"^Which section of the lecture discusses “([^”]+)”")
# "Which term (or its abbreviation) means “…”?", or the older "…means: …".
SHORT_PROMPT = re.compile(
    r"^Which term (?:\(or its abbreviation\) )?means(?:: (?P<old>.+)| “(?P<new>.+)”\?)$", re.S
)


def _short_definition(prompt: str) -> str | None:
    """The definition a short-answer question asks the term of, or None."""
    found = SHORT_PROMPT.match(prompt)
    return None if found is None else found.group("old") or found.group("new")


# A quiz this long may leave a section out (the generator's cap).
FULL_QUIZ = 15
COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
QUOTED = re.compile(r"“([^”]+)”")
# A question asking for a term's definition.
DEFINITION = re.compile(r"^Which best describes “([^”]+)”")
TF_LEAD = "True or false: "
# Words a matching pair may share without giving itself away.
PAIR_SMALL = {"the", "and", "for", "with", "from", "that", "this", "its", "of", "a", "an"}


def _initials(text: str) -> str:
    """ "North Atlantic Treaty Organization" -> "NATO" (capitalised words only)."""
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    return "".join(word[0] for word in words if word[0].isupper())


def _abbreviations(text: str) -> set[str]:
    return set(re.findall(r"\b[A-Z][A-Z0-9]{1,9}s?\b", text))


def _items(text: str) -> int:
    """How many things a choice names: "A, B and C" is three."""
    return len([part for part in re.split(r",\s*|\s+and\s+|\s*;\s*", text) if part.strip()])


def _giveaways(number: int, question: Question, choices: list) -> list[str]:
    out = []
    right = [c for c in choices if c.is_correct]
    wrong = [c for c in choices if not c.is_correct]
    prompt = question.prompt
    if question.kind not in (Kind.SINGLE, Kind.MULTIPLE) or not right or not wrong:
        return out
    abbreviations = _abbreviations(prompt)
    for choice in choices:
        spelled = _initials(choice.text)
        if len(spelled) >= 2 and spelled in abbreviations:
            out.append(f"Q{number}: the initials of “{choice.text}” spell {spelled} in the prompt")
        for abbreviation in _abbreviations(choice.text):
            if any(_initials(q) == abbreviation for q in QUOTED.findall(prompt)):
                out.append(f"Q{number}: “{abbreviation}” in a choice spells the term asked about")
    for term in QUOTED.findall(prompt):
        for choice in right:
            if len(term) > 3 and term.casefold() in choice.text.casefold():
                out.append(f"Q{number}: the right choice contains the term asked about “{term}”")
    for word, count in COUNT_WORDS.items():
        if re.search(rf"\b{word}\b", prompt, re.IGNORECASE):
            having = [c for c in choices if _items(c.text) == count]
            if len(having) == 1 and having[0].is_correct:
                out.append(f"Q{number}: only the right choice names {word} things, as asked")
    longest_wrong = max(len(c.text) for c in wrong)
    for choice in right:
        if len(wrong) >= 2 and len(choice.text) > 1.6 * longest_wrong and len(choice.text) > 40:
            out.append(f"Q{number}: the right choice is much longer than every other")
    return out


def _structure(number: int, question: Question, choices: list) -> list[str]:
    out = []
    right = sum(c.is_correct for c in choices)
    if question.kind in (Kind.SINGLE, Kind.TRUE_FALSE) and right != 1:
        out.append(f"Q{number}: {right} right choices where one is expected")
    if question.kind == Kind.MULTIPLE and right == 0:
        out.append(f"Q{number}: no right choice")
    if question.kind == Kind.ORDERING:
        keys = sorted(c.order_key or 0 for c in choices)
        if keys != list(range(1, len(choices) + 1)):
            out.append(f"Q{number}: the order is not a full ranking 1…{len(choices)}")
    if question.kind == Kind.MATCHING:
        pairs = [c.match_text for c in choices]
        if any(not pair for pair in pairs) or len(set(pairs)) != len(pairs):
            out.append(f"Q{number}: matching pairs missing or repeated")
        elif len(pairs) < MATCHING_MIN:
            out.append(f"Q{number}: {len(pairs)} matching pairs answer themselves (rule 21)")
    texts = Counter(c.text.casefold() for c in choices)
    if any(n > 1 for n in texts.values()):
        out.append(f"Q{number}: the same choice twice")
    if not question.prompt.strip():
        out.append(f"Q{number}: an empty prompt")
    return out


def _years(text: str) -> list[int]:
    """The years a text prints, in order: AD as numbers, BC as negative ones ("221
    BCE" is -221), so a BC lecture's swapped years are checked as an AD one's."""
    found = [(m.start(), int(m.group(1))) for m in YEAR.finditer(text)]
    found += [(m.start(), -int(m.group(1))) for m in BC_YEAR.finditer(text)]
    found += [(m.start(), int(m.group(1))) for m in AD_YEAR.finditer(text)]
    found += [(m.start(), int(m.group(1))) for m in CE_YEAR.finditer(text)]
    return [year for _, year in sorted(found)]


def _notes_said(question: Question) -> str:
    """The notes' own sentence a true/false explanation quotes ("" if none)."""
    found = NOTES_SAY.search(question.explanation)
    return found.group(1) if found else ""


def _swapped(question: Question, text: str) -> tuple[int, int] | None:
    """(the notes' year, the year put in its place) when the statement `text`
    differs from the sentence it quotes by exactly one year; None otherwise."""
    source = _notes_said(question)
    if not source:
        return None
    old = [y for y in _years(source) if y not in _years(text)]
    new = [y for y in _years(text) if y not in _years(source)]
    if len(old) != 1 or len(new) != 1:
        return None
    return old[0], new[0]


def _swapped_years(number: int, question: Question, text: str) -> list[str]:
    """A false statement's swapped year against the sentence's other dates and the
    period its section's notes span."""
    swap = _swapped(question, text)
    if swap is None:
        return []
    old, new = swap
    out = []
    others = [y for y in _years(text) if y != new]
    if any((old < o) != (new < o) or (old > o) != (new > o) for o in others):
        out.append(f"Q{number}: the swapped year {new} contradicts a date in the same sentence")
    if RANKING.search(text):
        out.append(f"Q{number}: a year swapped in a sentence that ranks (“first”, “last”)")
    body = question.section.body if question.section is not None else ""
    span = _years(body)
    if span:
        low, high = min(span), max(span)
        pad = max(10, (high - low) // 2)
        if not low - pad <= new <= high + pad:
            out.append(f"Q{number}: the swapped year {new} is far outside its section's period")
    return out


def _statement(number: int, question: Question, is_true: bool) -> list[str]:
    out = []
    text = question.prompt.removeprefix(TF_LEAD)
    if SPECULATIVE.search(text):
        out.append(f"Q{number}: a speculative statement asked as fact: “{text[:80]}”")
    if VERB_OPENINGS.match(text):
        out.append(f"Q{number}: a statement without its subject: “{text[:80]}”")
    inside = {y for group in BRACKETS.findall(text) for y in _years(group)}
    if inside & set(_years(BRACKETS.sub("", text))):
        out.append(f"Q{number}: the statement prints in brackets the year it states")
    if not is_true:
        out += _swapped_years(number, question, text)
    return out


def _form(text: str) -> tuple:
    """What sets a choice apart at a glance: its final stop, its capital, and how a
    date is written ("1945" against "March 1945")."""
    return (text.rstrip()[-1:] in ".!?", text[:1].isupper(), glance_shape(text))


def _choice_form(number: int, question: Question, choices: list) -> list[str]:
    right = [c for c in choices if c.is_correct]
    wrong = [c for c in choices if not c.is_correct]
    if question.kind != Kind.SINGLE or len(right) != 1 or len(wrong) < 2:
        return []
    mine = _form(right[0].text)
    theirs = {_form(c.text) for c in wrong}
    if len(theirs) == 1 and mine not in theirs:
        return [f"Q{number}: the right choice is the only one of its form"]
    return []


def _whole_quiz(questions: list[Question], notes_text: str) -> list[str]:
    """The checks of a quiz as a whole: balance, shared options, coverage."""
    out: list[str] = []
    # The right choice's stored place.
    places = Counter()
    singles = 0
    for question in questions:
        choices = list(question.choices.all())
        if question.kind == Kind.SINGLE and len(choices) >= 3:
            singles += 1
            places.update(i for i, c in enumerate(choices) if c.is_correct)
    if singles >= 4 and max(places.values()) * 2 > singles:
        place, count = places.most_common(1)[0]
        out.append(f"quiz: the right choice is choice {place + 1} in {count} of {singles}")
    # True or false: share and balance.
    verdicts = [
        any(c.is_correct and c.text == "True" for c in q.choices.all())
        for q in questions
        if q.kind == Kind.TRUE_FALSE
    ]
    if len(verdicts) >= 2 and len(verdicts) * 2 > len(questions):
        out.append(f"quiz: {len(verdicts)} of {len(questions)} questions are true or false")
    if len(verdicts) >= 4 and not 0.3 <= sum(verdicts) / len(verdicts) <= 0.7:
        out.append(f"quiz: {sum(verdicts)} of {len(verdicts)} statements are true")
    elif 2 <= len(verdicts) < 4 and len(set(verdicts)) == 1:
        out.append(f"quiz: every statement is {verdicts[0]}")
    # Questions answering each other.
    shown = set()
    for question in questions:
        if question.kind == Kind.MATCHING:
            shown |= {c.match_text.casefold() for c in question.choices.all()}
        if (definition := _short_definition(question.prompt)) is not None:
            shown.add(definition.casefold())
    sets: dict[frozenset, int] = {}
    for number, question in enumerate(questions, start=1):
        if question.kind not in (Kind.SINGLE, Kind.MULTIPLE):
            continue
        texts = frozenset(c.text.casefold() for c in question.choices.all())
        if texts in sets:
            out.append(f"Q{number}: the same options as Q{sets[texts]}")
        sets.setdefault(texts, number)
        if texts & shown:
            out.append(f"Q{number}: a choice is a definition another question shows")
    # Coverage: terms asked, sections asked about.
    asked = Counter()
    for question in questions:
        if question.kind == Kind.MATCHING:
            asked.update(c.text.casefold() for c in question.choices.all())
        elif question.kind == Kind.SHORT_ANSWER and _short_definition(question.prompt):
            asked.update(c.text.casefold() for c in list(question.choices.all())[-1:])
        else:
            asked.update(t.casefold() for t in DEFINITION.findall(question.prompt))
            asked.update(t.casefold() for t in WHERE.findall(question.prompt))
    for number, question in enumerate(questions, start=1):
        if WHERE.match(question.prompt):
            out.append(f"Q{number}: asks where a word appears, not what the notes teach")
    for term, count in sorted(asked.items()):
        if count > 2:
            out.append(f"quiz: “{term}” is asked {count} times")
    twice = [term for term, count in asked.items() if count > 1]
    if questions and twice and len(questions) < FULL_QUIZ:
        for section in _uncovered(questions):
            out.append(f"quiz: “{twice[0]}” is asked twice while “{section}” goes unasked")
    return out


def _uncovered(questions: list[Question]) -> list[str]:
    """Titles of the visible sections with bullets that no question is about."""
    lecture = questions[0].quiz.lecture
    about = {q.section_id for q in questions}
    sources = {line for q in questions for line in q.source.split("\n")}
    out = []
    for section in lecture.sections.filter(archived=False).order_by("position"):
        bullets = [
            " ".join(re.sub(r"\*\*|[*`]", "", item.text).split())
            for item in body_items(section.body)
            if item.kind == "item"
        ]
        if bullets and section.pk not in about and not sources & set(bullets):
            out.append(section.title)
    return out


# --- Round 2 of issue 17 ---------------------------------------------------------

GAP = "____"
NAME_GAP_LEAD = "Which name fills the gap? "
CENTURY = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)[- ]century\b", re.IGNORECASE)
DATE_LEADS = (
    "Which date fills the gap? ",
    "Which year fills the gap? ",
    "When did this happen? ",
)
DATE_PROMPT = re.compile(
    r"^(?:Which (?:date|year) fills the gap\?|When did this happen\?"
    r"|Which of these happened first\?|Put these events in chronological order)"
)
# A statement opening on a verb in the past tense or a third-person verb: its
# subject was only in the section heading or the bullet above.
NO_SUBJECT = re.compile(
    r"^(?!(?:United|Armed|Hundred|Alfred|Mildred|Winifred|Manfred|Siegfried|Sacred)\b)"
    r"[A-Z][a-z]+(?<!e)ed\b"
    r"|^(?i:keeps|extends|opens|holds|marks|sets|brings|leads|moves|goes|went|came|comes|"
    r"led|set|won|lost|left|wrote|sold|built|fought|saw|sent|met|died|lived|born)\b"
    r"|^[A-Z][a-z]+s (?:on|upon|across|into|onto|for|with|from|at|by|through|over|up|out|"
    r"down|off|the|a|an|his|her|its|their)\b",
)
PERSONAL = re.compile(r"\b(?:he|she|him|his|her|they|them|their)\b", re.IGNORECASE)
NOTE_SPEAK = re.compile(
    r"→|⇒|->|<-|=|≈|\s&\s|\bw/"
    # "Leicester, Mar 1877: …": a place, a clipped month and a colon for a sentence.
    r"|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? \d|^[^:]{0,40}\d{4}: "
    r"|\b(?:approx|esp|incl|govt|dept|yrs?)\.(?!\w)|;[^;]*;"
)
MDY = re.compile(r"\b[A-Z][a-z]+\.? \d{1,2}, \d{4}\b")
DMY = re.compile(r"\b\d{1,2} [A-Z][a-z]+\.? \d{4}\b")
# A window a false year or a year choice stays inside: a wrong year no student
# would believe is no test of the fact.
NEAR = 25
# What is no event to be asked about: a sale, a catalogue, a proposal, a baseline.
TRIVIA = re.compile(
    r"\b(?:auction|sold for|catalogue|catalog number|opus|proposed|proposals?|rejected|baseline|"
    r"compared with|average|reference period|relative to)\b",
    re.IGNORECASE,
)
# A gap at one end of a range: "372–____", "lasted from ____." (a range blanked whole).
RANGE_GAP = re.compile(rf"[–—-]\s*{GAP}|{GAP}\s*[–—-]|\bfrom {GAP}(?! to\b)|\bfrom {GAP} to\b")
APPROXIMATE = re.compile(r"^(?:C\.|c\.|ca\.|circa|about|around)\s*\d", re.IGNORECASE)
# ("c." as the notes write it: "C. 74,000" is a slip of form.)
DEEP_CHOICE = re.compile(
    r"(?:[Aa]bout|[Aa]round|[Ss]ome|[Rr]oughly|c\.) [\d,.]+ (?:million |billion )?years ago"
)
# A year of any era as a statement prints it: "1843", "221 BCE", "AD 43", "the
# 2nd century BC", "66 million years ago".
ANY_YEAR = re.compile(
    r"(?<![\d,.])\d[\d,.]*\s+(?:million |billion )?years ago\b"
    r"|(?<!\d)\d{1,4}(?:st|nd|rd|th)? (?:century )?(?:BCE|BC|CE|AD)\b|\bAD \d{1,4}\b"
    r"|(?<!\d)\d{1,4}s BCE?\b|" + YEAR.pattern,
    re.IGNORECASE,
)
# Numbers read with a vowel sound: eight, eleven, eighteen, eighty…, 8th, 11th, 18th.
AN_NUMBER = re.compile(r"^(?:8|11(?!\d\d\d)|18(?!\d\d\d)|11\d\d|18\d\d|8\d+)(?:s|th)?$")
ARTICLE_NUMBER = re.compile(r"\b([Aa]n?) (\d+(?:s|th)?)\b")
STOP_WORDS = frozenset(
    {"about", "any", "each", "from", "into", "over", "than", "that", "their", "then"}
    | {"these", "this", "those", "under", "were", "which", "whom", "whose", "with", "been"}
    | {"being"}
)


def _content_words(text: str) -> set[str]:
    """Words that carry meaning, by their first five letters (a rough stem)."""
    words = re.findall(r"[^\W\d_]+", text.casefold())
    return {w[:5] for w in words if len(w) >= 4 and w not in STOP_WORDS}


def _sentences_of(question: Question, choices: list) -> list[tuple[str, str]]:
    """(what, text) of every sentence the question shows that must read on its own."""
    prompt = question.prompt
    if prompt.startswith(TF_LEAD):
        return [("a statement", prompt.removeprefix(TF_LEAD))]
    out = [
        ("a gap prompt", prompt.removeprefix(lead))
        for lead in (*DATE_LEADS, NAME_GAP_LEAD)
        if prompt.startswith(lead)
    ]
    if question.kind == Kind.ORDERING:
        out += [("an ordering item", c.text) for c in choices]
    if prompt.startswith("Which of these happened first?"):
        out += [("a choice", c.text) for c in choices]
    return out


def _dangling(text: str) -> bool:
    """A personal pronoun with no name before it: nobody it could refer to."""
    found = PERSONAL.search(text)
    if not found:
        return False
    before = text[: found.start()].split()
    if before and before[0][:1].isupper() and before[0] not in ("The", "A", "An", "In", "On"):
        return False  # opens on a name: "Mozart wrote his…"
    return not any(word[:1].isupper() for word in before[1:])


def _sentence_checks(number: int, question: Question, choices: list) -> list[str]:
    out = []
    for what, text in _sentences_of(question, choices):
        text = text.strip()
        found = NO_SUBJECT.match(text)
        # "Claims for damage came to …": a plural noun, not a verb, when a verb follows.
        plural = (
            found and re.match(r"[A-Z][a-z]+s ", found.group()) and VERB.search(text, found.end())
        )
        if found and not plural:
            out.append(f"Q{number}: {what} without its subject: “{text[:80]}”")
        elif _dangling(text):
            out.append(f"Q{number}: {what} with a pronoun and nobody before it: “{text[:80]}”")
        if NOTE_SPEAK.search(text):
            out.append(f"Q{number}: {what} in note-speak: “{text[:80]}”")
        # A sale or a proposal is no date to ask; asked who made it, it is a fact.
        dating = what != "a statement" and not question.prompt.startswith(NAME_GAP_LEAD)
        if dating and (TRIVIA.search(text) or RANGE_GAP.search(text)):
            out.append(f"Q{number}: {what} about a sale, a proposal, a baseline or a range end")
    return out


def _date_forms(number: int, question: Question, notes_text: str) -> list[str]:
    """Every date written as the notes write it: "September 8, 1504" where the notes
    say "8 September 1504" (whatever the year, which a false statement changes)."""
    text = question.prompt + " " + " ".join(c.text for c in question.choices.all())
    for match in MDY.finditer(text):
        month, day = re.match(r"([A-Z][a-z]+)\.? (\d{1,2})", match.group()).groups()
        if f"{day} {month}" in notes_text and f"{month} {day}" not in notes_text:
            return [f"Q{number}: “{match.group()}” is written in another form than the notes'"]
    for match in DMY.finditer(text):
        day, month = re.match(r"(\d{1,2}) ([A-Z][a-z]+)", match.group()).groups()
        if f"{month} {day}" in notes_text and f"{day} {month}" not in notes_text:
            return [f"Q{number}: “{match.group()}” is written in another form than the notes'"]
    return []


def _lifespans(notes_text: str) -> list[tuple[str, int, int]]:
    """(name, born, died) for "Name Surname (1809–1882)" in the notes."""
    found = re.finditer(
        r"((?:[A-Z][\w'’-]+ )*[A-Z][\w'’-]+) \((1\d{3}|20\d{2})\s*[–—-]\s*(1\d{3}|20\d{2})\)",
        notes_text,
    )
    return [(m.group(1), int(m.group(2)), int(m.group(3))) for m in found]


def _implausible_year(
    number: int, question: Question, text: str, notes_text: str, answers: set[int]
) -> list[str]:
    swap = _swapped(question, text)
    if swap is None:
        return []
    old, new = swap
    out = []
    # A decade ends nine years after the year it is named by ("the 130s BC" in -130).
    decades = [-int(n) for n in BC_DECADE.findall(notes_text)]
    decades += [int(n) + 9 for n in AD_DECADE.findall(notes_text)]
    latest = max(_years(notes_text) + decades, default=new)
    if abs(new - old) > NEAR or new > latest:
        out.append(f"Q{number}: the false year {new} is implausible for {old}")
    for name, born, died in _lifespans(notes_text):
        if name in text and born <= old <= died and not born <= new <= died:
            out.append(f"Q{number}: the false year {new} is outside {name}'s life")
    if new in answers:
        out.append(f"Q{number}: the false year {new} is another question's answer")
    return out


def _year_of(text: str) -> int | None:
    years = _years(text)
    return years[0] if years else None


def _choice_checks(number: int, question: Question, choices: list) -> list[str]:
    if question.kind != Kind.SINGLE:
        return []
    out = []
    if len(choices) < 4:
        out.append(
            f"Q{number}: a single-choice question with {len(choices)} choices (fewer than 4)"
        )
    # Deep time is approximate by nature: "about" on every choice alike gives
    # nothing away, on some of them it does.
    deep = all(DEEP_CHOICE.fullmatch(c.text) for c in choices)
    for choice in choices:
        if APPROXIMATE.match(choice.text) and not deep:
            out.append(f"Q{number}: an approximate or odd choice “{choice.text}”")
    right = [c for c in choices if c.is_correct]
    dated = [c for c in choices if len(c.text) <= 30 and _year_of(c.text) is not None]
    if len(right) == 1 and right[0] in dated and len(dated) == len(choices):
        key = _year_of(right[0].text)
        prompt_years = _years(question.prompt)
        for choice in dated:
            year = _year_of(choice.text)
            if abs(year - key) > NEAR:
                out.append(f"Q{number}: the choice “{choice.text}” is implausibly far from the key")
            elif any((year < y) != (key < y) for y in prompt_years if y not in (year, key)):
                out.append(f"Q{number}: the prompt's own dates rule out “{choice.text}”")
    return out


def _echo(number: int, question: Question, choices: list) -> list[str]:
    """The right definition shares the term's words while no distractor does."""
    found = DEFINITION.match(question.prompt)
    if not found or question.kind != Kind.SINGLE:
        return []
    term = _content_words(re.sub(r"\([^)]*\)", "", found.group(1)))
    right = [c for c in choices if c.is_correct]
    wrong = [c for c in choices if not c.is_correct]
    echoes = right and term & _content_words(right[0].text)
    if echoes and not any(term & _content_words(c.text) for c in wrong):
        return [f"Q{number}: the right definition echoes the term's own words"]
    return []


def _echoing_pairs(number: int, question: Question, choices: list) -> list[str]:
    """A matching pair whose definition repeats the term's words ("Leyden jar": "a
    glass jar…") or spells its initials ("Aet": "after extra time") pairs itself."""
    if question.kind != Kind.MATCHING:
        return []
    out: list[str] = []
    for choice in choices:
        term = choice.text.casefold()
        shown = (choice.match_text or "").casefold()
        bare = re.sub(r"\([^)]*\)", "", term)
        shared = {w[:5] for w in re.findall(r"[^\W\d_]{3,}", bare)} - PAIR_SMALL
        said = {w[:5] for w in re.findall(r"[^\W\d_]{3,}", shown)}
        words = re.findall(r"[^\W\d_]+", shown)
        initials = {"".join(w[0] for w in words)}
        initials.add("".join(w[0] for w in words if w not in PAIR_SMALL))
        labels = [bare, *re.findall(r"\(([^)]*)\)", term)]
        spelled = any(re.sub(r"\W", "", label) in initials for label in labels)
        if shared & said or spelled:
            out.append(f"Q{number}: the pair “{choice.text}” echoes the term in its definition")
    return out


def _articles(number: int, text: str) -> list[str]:
    out = []
    for article, digits in ARTICLE_NUMBER.findall(text):
        wants_an = bool(AN_NUMBER.match(digits))
        if wants_an != (article.casefold() == "an"):
            out.append(f"Q{number}: “{article} {digits}” (a/an before a number)")
    return out


def _capitalised_terms(number: int, text: str, terms: list[str], notes_text: str) -> list[str]:
    """A common-noun glossary term ("Miles per hour") capitalised mid-sentence."""
    out = []
    for term in terms:
        words = term.split()
        if len(words) < 2 or not words[0][:1].isupper() or any(w[:1].isupper() for w in words[1:]):
            continue
        for match in re.finditer(rf"(?<=[\w,;)] ){re.escape(term)}\b", text):
            if not re.search(rf"[\w,;)] {re.escape(term)}\b", notes_text):
                out.append(f"Q{number}: “{match.group()}” capitalised mid-sentence")
    return out


def _year_only(date: str) -> str:
    """The year a date ends on ("9 October 1959" -> "1959"), or the date itself."""
    found = re.search(r"\d{1,4}(?:\s*(?:BCE?|CE))?$", date.strip())
    return found.group() if found else date


def _answered_elsewhere(questions: list[Question]) -> list[str]:
    out = []
    for number, question in enumerate(questions, start=1):
        choices = list(question.choices.all())
        if not DATE_PROMPT.match(question.prompt) or question.kind != Kind.SINGLE:
            continue
        if question.prompt.startswith("Which of these happened first?"):
            continue
        key = next((c.text for c in choices if c.is_correct), "")
        if not key:
            continue
        year = key
        if question.prompt.startswith("Which year fills the gap? "):
            # The gap keeps the day and month: the whole date is what another
            # question would print ("on 9 October ____" and "9 October 1959").
            full = question.explanation.split(": ", 1)[0]
            key = full if key in full else key
        pattern = re.compile(rf"(?<![\w-]){re.escape(key)}(?![\w-])")
        # A span in brackets ending on the key's year: "Pushkin (1799–1837)" for
        # "he died on ____" (round 7).
        lifespan = re.compile(rf"\([^()]*\d\s*[–-]\s*{re.escape(_year_only(year))}\)")
        for other_number, other in enumerate(questions, start=1):
            if other is question:
                continue
            texts = [other.prompt] + [c.text for c in other.choices.all() if len(c.text) > 30]
            # A definition the matching question prints ("the 1987 treaty") too.
            texts += [c.match_text for c in other.choices.all() if c.match_text]
            if any(pattern.search(t) for t in texts):
                out.append(f"Q{number}: its answer {key} is printed in Q{other_number}")
                break
            if any(lifespan.search(t) for t in texts):
                out.append(f"Q{number}: its answer's year ends a span printed in Q{other_number}")
                break
    # A definition one question asks for while another states it.
    defined: list[tuple[int, str, str]] = []
    for number, question in enumerate(questions, start=1):
        choices = list(question.choices.all())
        if found := DEFINITION.match(question.prompt):
            right = next((c.text for c in choices if c.is_correct), "")
            defined.append((number, found.group(1), right))
        elif (definition := _short_definition(question.prompt)) and choices:
            defined.append((number, choices[-1].text, definition))
        elif question.kind == Kind.MATCHING:
            defined += [(number, c.text, c.match_text) for c in choices]
    for number, term, definition in defined:
        names = [n.strip() for n in re.split(r"[()]", term) if n.strip()]
        meaning = _content_words(definition) - _content_words(term)
        for other_number, other in enumerate(questions, start=1):
            if other_number == number or not other.prompt.startswith((TF_LEAD, *DATE_LEADS)):
                continue
            text = other.prompt
            named = any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text, re.I) for n in names)
            # Or most of its words: "the Eocene–Oligocene boundary" names
            # "Eocene–Oligocene transition".
            own = _name_words(term)
            named = named or (len(own) >= 2 and 3 * len(own & _name_words(text)) >= 2 * len(own))
            shared = meaning & _content_words(text)
            if named and len(meaning) >= 2 and len(shared) * 2 >= len(meaning):
                # The question whose answer shows elsewhere is the one to send back.
                out.append(
                    f"Q{number}: answered by Q{other_number}, which states what it asks (“{term}”)"
                )
    return out


def _name_words(text: str) -> set[str]:
    """Words of three letters or more, by their first five: a name's ("Tarn–Esk")."""
    words = re.findall(r"[^\W\d_]{3,}", text.casefold())
    return {w[:5] for w in words} - {"the", "and", "for", "with"}


def _shape(questions: list[Question]) -> list[str]:
    out = []
    dates = sum(bool(DATE_PROMPT.match(q.prompt)) for q in questions)
    if len(questions) >= 5 and dates > round(0.4 * len(questions)):
        out.append(f"quiz: {dates} of {len(questions)} questions ask for a date or an order")
    statements = [q for q in questions if q.kind == Kind.TRUE_FALSE]
    false_swaps, true_undated = 0, 0
    falses = 0
    for question in statements:
        is_true = any(c.is_correct and c.text == "True" for c in question.choices.all())
        text = question.prompt.removeprefix(TF_LEAD)
        if is_true:
            # A decade or a century is no year a false statement moves (round 7):
            # a true one printing only "the 1990s" reads as undated.
            true_undated += not _years(re.sub(r"\b\d{3,4}['’]?s\b", "", text))
            continue
        falses += 1
        source = _notes_said(question)
        false_swaps += bool(source) and _years(source) != _years(text)
    if falses >= 2 and false_swaps == falses and true_undated:
        out.append("quiz: every false statement swaps a year, so one without a year is true")
    return out


# --- Round 8 of issue 17 (held-out sets 6 and 7, rounds 5 and 6 of the verdicts) --

SHORTHAND_RE = re.compile(SHORTHAND)


def _title_period(title: str) -> tuple[int, int] | None:
    """The years a title prints, widened by half their spread (at least ten): "The
    Summer of 1816" fixes 1806–1826 for any year of the period it names."""
    # A decade is its ten years ("of the 1860s": 1860–1869).
    years = _years(title) + [int(y) + 9 for y in AD_DECADE.findall(title)]
    if not years:
        return None
    pad = max(10, (max(years) - min(years)) // 2)
    return min(years) - pad, max(years) + pad


def _round_eight(number: int, question: Question, choices: list, title: str) -> list[str]:
    """Shorthand in a sentence the question shows ("d. 1198 in Const'ple", "Sov.
    troops"); a wrong year outside the period the lecture's or section's title fixes
    when the right one is inside it, in a date question's choices or a false
    statement ("1827" under "The Summer of 1816")."""
    out = []
    for what, text in _sentences_of(question, choices):
        if SHORTHAND_RE.search(text):
            out.append(f"Q{number}: {what} in the notes' shorthand: “{text[:80]}”")
    titles = [title, question.section.title if question.section is not None else ""]
    periods = [p for p in map(_title_period, titles) if p is not None]
    pairs = []
    if question.kind == Kind.TRUE_FALSE and any(
        c.is_correct and c.text == "False" for c in choices
    ):
        swap = _swapped(question, question.prompt.removeprefix(TF_LEAD))
        pairs = [swap] if swap is not None else []
    elif question.kind == Kind.SINGLE and DATE_PROMPT.match(question.prompt):
        keys = [y for c in choices if c.is_correct for y in _years(c.text)[:1]]
        wrong = [y for c in choices if not c.is_correct for y in _years(c.text)[:1]]
        pairs = [(keys[0], y) for y in wrong] if len(keys) == 1 else []
    for low, high in periods:
        outside = sorted(
            {new for old, new in pairs if low <= old <= high and not low <= new <= high}
        )
        if outside:
            years = ", ".join(map(str, outside))
            out.append(f"Q{number}: a wrong year ({years}) outside the period its title fixes")
            break
    return out


# --- Round 9 of issue 17 (held-out set 8, round 7 of the verdicts) -------------

# Words telling a man from a woman, or a pronoun: a name gap answered by them.
SEXED = re.compile(
    r"\b(?:woman|women|man|men|female|male|wife|husband|widow|widower|daughter|son|"
    r"mother|father|sister|brother|queen|king|empress|emperor|actress|girl|boy|lady|"
    r"he|she|him|his|her|hers|himself|herself)\b",
    re.IGNORECASE,
)


def _name_gap(number: int, question: Question, choices: list) -> list[str]:
    """A name gap ("Which name fills the gap? ____ proclaimed …") that rules a
    choice out by itself: the prompt prints a choice's name (or surname), or says
    whether a man or a woman did it."""
    if not question.prompt.startswith(NAME_GAP_LEAD):
        return []
    prompt = question.prompt.removeprefix(NAME_GAP_LEAD)
    out = []
    for choice in choices:
        surname = choice.text.split()[-1] if choice.text.split() else ""
        if surname and re.search(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", prompt):
            out.append(f"Q{number}: a name gap whose prompt prints a choice: “{choice.text}”")
    if SEXED.search(prompt):
        out.append(f"Q{number}: a name gap whose prompt tells a man from a woman")
    return out


def _by_years_alone(questions: list[Question]) -> list[str]:
    """More than three false statements and every one a year moved: "the year
    differs" is then the only falsehood students meet (teachers' "date swap")."""
    falses = [
        q
        for q in questions
        if q.kind == Kind.TRUE_FALSE
        and any(c.is_correct and c.text == "False" for c in q.choices.all())
    ]
    if len(falses) >= 4 and all(
        _swapped(q, q.prompt.removeprefix(TF_LEAD)) is not None for q in falses
    ):
        return [f"quiz: all {len(falses)} false statements differ from the notes by a year alone"]
    return []


def check_quiz(quiz: Quiz, notes_text: str | None = None) -> list[str]:
    """The rubric's automatic failures of `quiz` (see the module docstring).
    `notes_text` is the lecture's notes, for the verbatim check; by default its
    sections' bodies."""
    questions = list(quiz.questions.order_by("position", "pk").prefetch_related("choices"))
    if notes_text is None:
        bodies = quiz.lecture.sections.values_list("body", flat=True)
        notes_text = "\n".join(bodies)
    notes_plain = " ".join(notes_text.split()).casefold()
    out: list[str] = []
    matched_terms: set[str] = set()
    single_terms: dict[str, int] = {}
    statements: dict[str, int] = {}
    verbatim = {True: [], False: []}
    terms = list(quiz.lecture.terms.values_list("term", flat=True))
    answers = {
        year
        for q in questions
        if DATE_PROMPT.match(q.prompt) and q.kind == Kind.SINGLE
        for c in q.choices.all()
        if c.is_correct and len(c.text) <= 30
        for year in _years(c.text)
    }
    for number, question in enumerate(questions, start=1):
        choices = list(question.choices.all())
        out += _structure(number, question, choices)
        out += _sentence_checks(number, question, choices)
        out += _date_forms(number, question, notes_text)
        out += _choice_checks(number, question, choices)
        out += _echo(number, question, choices)
        out += _echoing_pairs(number, question, choices)
        shown = " ".join([question.prompt, *(c.text for c in choices)])
        out += _articles(number, shown)
        out += _capitalised_terms(number, question.prompt, terms, notes_text)
        out += _giveaways(number, question, choices)
        out += _choice_form(number, question, choices)
        if question.kind == Kind.MATCHING:
            matched_terms |= {c.text.casefold() for c in choices}
        for term in DEFINITION.findall(question.prompt):
            single_terms.setdefault(term.casefold(), number)
        if question.kind == Kind.SHORT_ANSWER:
            for choice in choices:
                single_terms.setdefault(choice.text.casefold(), number)
        if question.kind == Kind.TRUE_FALSE:
            is_true = any(c.is_correct and c.text == "True" for c in choices)
            out += _statement(number, question, is_true)
            if not is_true:
                text = question.prompt.removeprefix(TF_LEAD)
                out += _implausible_year(number, question, text, notes_text, answers)
            text = question.prompt.removeprefix(TF_LEAD)
            key = " ".join(text.split()).casefold()
            if key in statements:
                out.append(f"Q{number}: the same statement as Q{statements[key]}")
            statements[key] = number
            # Close to the notes: quoted word for word but for its years.
            close = ANY_YEAR.sub("#", key.rstrip(".")) in ANY_YEAR.sub("#", notes_plain)
            verbatim[is_true].append(close)
    for number, question in enumerate(questions, start=1):
        if question.kind != Kind.SHORT_ANSWER:
            continue
        accepted = [c.text for c in question.choices.all()]
        for other_number, other in enumerate(questions, start=1):
            texts = [other.prompt] + [c.text for c in other.choices.all()]
            if other_number != number and any(
                re.search(rf"(?<!\w){re.escape(a)}(?!\w)", t, re.IGNORECASE)
                for a in accepted
                for t in texts
            ):
                out.append(f"Q{number}: its answer is named in Q{other_number}")
                break
    for term in sorted(matched_terms & set(single_terms)):
        out.append(
            f"Q{single_terms[term]}: “{term}” is asked on its own and in the matching question"
        )
    # A pattern a student can learn: every true statement close to the notes and
    # every false one put in other words, or the reverse.
    enough = len(verbatim[True]) >= 2 and len(verbatim[False]) >= 2
    if enough and all(verbatim[True]) and not any(verbatim[False]):
        out.append("quiz: true statements are quoted from the notes, false ones are not")
    if enough and all(verbatim[False]) and not any(verbatim[True]):
        out.append("quiz: false statements are quoted from the notes, true ones are not")
    names = notes_names(notes_text)
    for number, question in enumerate(questions, start=1):
        out += _round_four(number, question, list(question.choices.all()))
        out += _round_six(number, question, list(question.choices.all()), names)
        out += _round_seven(number, question, list(question.choices.all()), questions)
        out += _round_eight(number, question, list(question.choices.all()), quiz.lecture.title)
        out += _name_gap(number, question, list(question.choices.all()))
        out += _round_ten(number, question, list(question.choices.all()))
        out += _round_eighteen(number, question, list(question.choices.all()))
        out += _everyday_term(number, question, list(question.choices.all()))
        out += _named_kind(number, question, list(question.choices.all()))
    out += _by_years_alone(questions)
    out += _answered_elsewhere(questions) + _shape(questions)
    return out + _whole_quiz(questions, notes_text)


# --- Round 4 of issue 17 ---------------------------------------------------------

# Note-speak a sentence must not keep: a lower-case opening, ";", "+", "→", "=".
FRAGMENT = re.compile(r"^[a-z]|;|\s\+\s|→|=")
SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
ALTERNATIVE_GAP = re.compile(rf"{GAP}\s*(?:or|/)\s*\d|\d\S*\s*(?:or|/)\s*{GAP}")
ABBREVIATION = re.compile(r"[A-Z][A-Z0-9&-]*s?|(?:[A-Za-z]\.){2,}")
NUMBER = re.compile(r"(?<![\d.,])\d[\d,]*(?:\.\d+)?(?![\d,]*\d)")
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)\b")
DECIMALS = re.compile(r"\d+(?:\.(\d+))?")
RANGE_END = re.compile(r"(?<![\d-])(\d{3,4})['’]?s?\s*[–—-]\s*(?:the\s+)?(\d{2,4})(?![\d-])")


def _counts(text: str) -> list[str]:
    """The numbers a text prints that are no year or other date."""
    return NUMBER.findall(ORDINAL.sub(" ", ANY_YEAR.sub(" ", text)))


def _round_four(number: int, question: Question, choices: list) -> list[str]:
    """The classes two teachers found on the third held-out set: fragments, count
    swaps, unfinished sentences, blanks in ordering items, alternative dates beside
    a gap, choices told apart by their decimals, and a range's end swapped."""
    out = []
    prompt = question.prompt
    for what, text in _sentences_of(question, choices):
        text = text.strip()
        if FRAGMENT.search(text):
            out.append(f"Q{number}: {what} reads as a note-speak fragment: “{text[:80]}”")
        if what in ("a statement", "a gap prompt") and not SENTENCE_END.search(text):
            out.append(f"Q{number}: {what} without a full stop: “{text[-40:]}”")
        if what == "an ordering item" and GAP in text:
            out.append(f"Q{number}: an ordering item with a blank: “{text[:80]}”")
        if what == "a gap prompt" and ALTERNATIVE_GAP.search(text):
            out.append(f"Q{number}: an alternative date printed beside the gap")
    if question.kind == Kind.SHORT_ANSWER:
        if prompt.startswith("Which term") and not prompt.rstrip().endswith("?"):
            out.append(f"Q{number}: a question that does not end with a question mark")
        alias = choices[1].text if len(choices) == 3 else ""
        if "(or its abbreviation)" in prompt and alias and not ABBREVIATION.fullmatch(alias):
            out.append(f"Q{number}: calls “{alias}” an abbreviation")
    if question.kind == Kind.SINGLE and prompt.startswith(DATE_LEADS) and len(choices) >= 2:
        places = {
            tuple(len(m.group(1) or "") for m in DECIMALS.finditer(c.text))
            for c in choices
            if len(c.text) <= 40
        }
        if len(places) > 1:
            out.append(f"Q{number}: date choices written with different decimals")
    if prompt.startswith(TF_LEAD) and any(c.is_correct and c.text == "False" for c in choices):
        source = _notes_said(question)
        text = prompt.removeprefix(TF_LEAD)
        if source and set(_counts(source)) - set(_counts(text)):
            out.append(f"Q{number}: a false statement swaps a count, not a date")
        if source and set(RANGE_END.findall(source)) - set(RANGE_END.findall(text)):
            out.append(f"Q{number}: a false statement swaps one end of a range")
    return out


# --- Round 6 of issue 17 ---------------------------------------------------------

# Verbs in the past that do not end in "-ed", and the auxiliaries: what tells a
# sentence from a line of notes.
PAST = IRREGULAR_PAST
AUXILIARY = (
    r"is|was|were|are|am|be|been|has|had|have|will|would|can|could|shall|should|must|does|do"
)
VERB = re.compile(rf"\b(?:{AUXILIARY}|[a-z]{{2,}}ed|{PAST})\b")
# A verb at all: a word in "-s" counts, but not after "the", "most", "of" (a noun).
ANY_VERB = re.compile(
    rf"\b(?:{AUXILIARY}|[a-z]{{2,}}ed|{PAST})\b"
    r"|(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bmost )(?<!\bmany )(?<!\bsome )(?<!\ball )"
    r"(?<!\bof )(?<!\bon )(?<!\bin )(?<!\bits )(?<!\btheir )\b[a-z]{2,}[^s\W']s\b"
)
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
BARE_DATE = (
    rf"(?:\d{{1,2}} {MONTH} \d{{3,4}}|{MONTH} \d{{1,2}}, \d{{3,4}}|{MONTH} \d{{3,4}}"
    r"|(?<![\d,.])\d{3,4}s?(?![\d,.]\d))(?: BCE?| CE| AD)?"
)
# "Humulin approved by FDA …", "NPH insulin marketed 1950": a participle for a verb.
BARE_PARTICIPLE = re.compile(
    r"^(?:\S+\s+){1,3}?(?P<verb>\w+ed|found|made|built|sold|held|known)"
    r"(?:\s+[\"“][^\"”]*[\"”])?"
    rf"\s+(?:by\b|{BARE_DATE}(?=\s*(?:[.,;:()]|(?:and|by|in|on|at)\b|$)))"
)
FINITE = re.compile(
    rf"\b(?:{AUXILIARY}|began|became|came|fell|flew|gave|grew|knew|ran|rose|saw|took|went|wrote)\b"
)
# "… by de Meyer, 1909": a year hung on with a comma.
HUNG_YEAR = re.compile(
    r"(?<=[A-Za-z\"”')]),\s*(?:c\.\s*)?(?:\d{3,4}s?(?: BCE?| CE| AD)?|\d{4}-\d\d-\d\d)\.?$"
)
LABEL = re.compile(r"^([^:]{1,40}):\s+\S")
# "was entered into force": a verb that takes no "was".
BE_INTRANSITIVE = re.compile(
    r"\b(?:was|were|is|are)\s+(?:entered into force|came|went|began|became|took place|"
    r"ran|rose|fell|grew|died|arrived|happened|occurred|emerged|peaked|collapsed)\b"
)
# "Salamis, fought, broke the Persian fleet": a participle left alone by its date.
HOLLOW = re.compile(r",\s+(?:\w+ed|\w+en|fought|built|held|made|won|set|begun|sent)\s*,\s")
# "Tower Colliery, bought by 239 miners finally closed in …": the clause after the
# comma runs into the main verb with no comma to close it.
OPEN_CLAUSE = re.compile(
    rf"^[A-Z][^,]*, (?:\w+ed|bought|built|made|sold|held|found) by [^,]*?"
    rf"\s(?<!who )(?<!which )(?<!that )(?:\w+ly\s+)?(?:[a-z]{{2,}}ed|{PAST})\b"
)
# "NASA, created by an act signed on July 29, 1958, opened …": a comma and the main
# verb further on close the clause after all.
CLOSED_LATER = re.compile(rf", (?:\w+ly\s+)?(?:[a-z]{{2,}}ed|{PAST})\b")
THINGS = (
    "empire|dynasty|kingdom|republic|city|town|village|site|dam|theory|company|firm|mine|"
    "colliery|mill|factory|yard|museum|cathedral|church|palace|temple|monastery|scheme|"
    "programme|project|price|colony|island|river|lake|canal|bridge"
)
UNNAMED_THING = re.compile(
    rf"(?<!\bas )\b[Tt]he ((?:[a-z][\w-]* ){{0,2}})(?:{THINGS})\b(?:['’]s)?(?! of\b)(?! [A-Z])"
    rf"(?!(?: [a-z]+){{0,2}} (?:to|at|in|on|near|from) [A-Z])"
)
RANKED = re.compile(r"\b(?:first|second|third|last|only|new|\w+est)\b")
NOT_A_NAME = re.compile(rf"^(?:[IVXLC]+|BCE?|CE|AD|{MONTH})$")
# No fact to judge: targets, forecasts, schedules, sales, debates, the future, baselines.
FRAMED = re.compile(
    r"\b(?:scheduled|projected|forecasts?|expected to|aims? to|aimed to|aims? for|targets?|"
    r"plans? to|sold for|(?:at|by) auction|auctioned|(?:is|are|was) said to|"
    r"(?:is|are|was|were|remains?) (?:still |hotly |much )?(?:debated|disputed|argued)|"
    r"(?i:still|historians|scholars|some|others|critics) (?:still )?"
    r"(?:argue|debate|disagree|dispute)|will|must)\b"
)
# A baseline's year: "below 2005 levels", "the 1850–1900 average", "relative to 1990".
BASELINE = re.compile(
    r"\b\d{4}(?:[–-]\d{2,4})? (?:levels?|average|mean|baseline)\b"
    r"|\b(?:relative to|measured against|compared with) (?:the )?\d{4}"
)
DATE_IN = re.compile(
    r"\b\d{3,4}\b|\b\d{1,4} (?:BCE?|CE|AD)\b|\bAD \d|\b\d+(?:st|nd|rd|th) century\b|years ago\b"
)
# A figure and its year: "fell from about 60,000 in 1971", "was about 460 million
# tonnes in 2019"; a share for a subject: "About 23 % of global emissions …".
ABOUT = r"(?:about|some|over|nearly|almost|roughly|around|approximately|~)"
FIGURE_YEAR = re.compile(
    r"\b(?:was|were|is|are|stood|fell|rose|grew|reached|numbered|totalled|peaked|dropped|"
    rf"declined|climbed)(?:\s+(?:at|to|from|by))?\s+(?:{ABOUT}\s+)?\d[\d,.]*\s*(?:%|per cent)?"
    r"(?:\s+[a-zA-Z]+){0,2}\s+(?:in|by)\s+(?:the\s+)?(\d{3,4})\b",
    re.IGNORECASE,
)
FIGURE_AFTER = re.compile(
    rf"\b{ABOUT}\s+\d[\d,.]*\s*(?:%|per cent)?(?:\s+[a-zA-Z]+){{0,2}}\s+(?:in|by)\s+(\d{{3,4}})\b"
)
SHARE_SUBJECT = re.compile(
    rf"^(?:{ABOUT}\s+|at least\s+|more than\s+)?\d[\d,.]*\s*(?:%|per cent)"
    rf"|^an?\s+\w+\s+of\s+{ABOUT}\s+\d",
    re.IGNORECASE,
)
NUMBER_WORDS = {"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7"}
NUMBER_WORDS |= {"eight": "8", "nine": "9", "ten": "10"}
CORRECTED = re.compile(r",?\s+not\s+(?:in\s+|on\s+)?(?:the\s+)?\d")
ISO_DATE = re.compile(r"\b\d{4}-\d\d-\d\d\b")
SPAN_TO = re.compile(r"(\d[\d,.]*)\s*(?:[–—-]|\bto\b)\s*(?:about\s+|c\.\s*)?(\d[\d,.]*)")
PERSON = re.compile(r"\b(?:he|she|his|her|him)\b", re.IGNORECASE)
OBJECT = re.compile(
    r"him\b|her\b(?=\s*(?:[,.;:]|$|(?:a|an|the|on|in|at|to|with|for|from|by|and|as)\b|\d))",
    re.IGNORECASE,
)
NUMBERED = re.compile(
    r"(?:Phase|Stage|Part|Round|Step|Period)\s+(?:\d+|[IVX]+)\b(?!\s+of\s+(?:the\s+)?[A-Z])"
)
NO_NAME_WORDS = frozenset(
    {"the", "a", "an", "in", "on", "at", "by", "for", "from", "with", "after", "before"}
    | {"during", "under", "over", "since", "until", "when", "while", "although", "as"}
    | {"to", "of", "into", "between", "around", "about", "following", "having", "once"}
    | {"then", "this", "that", "these", "those", "its", "it", "there", "some", "many"}
)
# A year moved less than this tests a digit, not the fact (teachers: "a hair-split").
HAIR = 4


def _bare(word: str) -> str:
    return re.sub(r"['’]s$", "", word.strip(",.;:!?()[]\"'“”‘’"))


def notes_names(notes_text: str) -> frozenset[str]:
    """Words the notes write with a capital where no sentence or line starts."""
    names = set()
    for line in notes_text.splitlines():
        words = re.sub(r"^\s*(?:[-*+]|\d+[.)]|[a-zA-Z][.)])\s+", "", line).split()
        for before, word in zip(words, words[1:], strict=False):
            bare = _bare(word)
            if bare[:1].isupper() and before[-1:] not in ".!?:;" and not NOT_A_NAME.match(bare):
                names.add(bare.casefold())
    return frozenset(names)


def _telegraphic(text: str) -> str:
    """Why the text reads as a line of notes rather than a sentence ("" if it does not)."""
    text = text.strip().rstrip(".!")
    if not ANY_VERB.search(text):
        return "has no verb"
    found = BARE_PARTICIPLE.search(text)
    if found:
        # The participle is the verb: none before it, and none of a tense after it.
        before, after = text[: found.start("verb")], text[found.end() :]
        if not VERB.search(before) and "," not in before and not FINITE.search(after):
            return "has a participle for its verb"
    if HUNG_YEAR.search(text):
        return "hangs its year on with a comma"
    label = LABEL.match(text)
    if label and not VERB.search(label.group(1)):
        return "opens on a label and a colon"
    return ""


def _unnamed_thing(text: str) -> str:
    """ "the empire", "the dam", "the city" with nothing before it that names it, or
    "Phase 4" of nothing named."""
    if NUMBERED.match(text):
        return " ".join(text.split()[:2])
    for found in UNNAMED_THING.finditer(text):
        if RANKED.search(found.group(1)):
            continue
        before = text[: found.start()].split()
        while before and (_bare(before[0])[:1].isupper() or before[0] in ("of", "de", "von")):
            before.pop(0)  # the subject is who acts, not the thing acted on
        if not any(_bare(w)[:1].isupper() and not NOT_A_NAME.match(_bare(w)) for w in before):
            return found.group().strip()
    return ""


def _nobody(text: str, names: frozenset[str]) -> bool:
    """A "he" or "his" nobody in the text can be: the sentence opens on no name
    ("By a treaty with Seleucus … he gained", "Cataracts clouded his vision"), or on
    a thing ("Babylon opened its gates to his army")."""
    found = PERSON.search(text)
    if not found:
        return False
    before = text[: found.start()]
    words = before.split()
    if not words:
        return True
    first = _bare(words[0])
    second = _bare(words[1]) if len(words) > 1 else ""
    named = first[:1].isupper() and first.casefold() not in NO_NAME_WORDS
    named = named and (
        second[:1].isupper()
        or first.casefold() in names
        or not re.search(r"(?:ed|ing|[^aeiousu]s)$", first)
    )
    if named:
        if OBJECT.match(text, found.start()):
            # "Pope Leo X excommunicated him": not the subject, so someone unnamed,
            # unless the subject has a possessor ("Behring's antitoxin won him").
            rest = words[:]
            while rest and (_bare(rest[0])[:1].isupper() or rest[0] in ("of", "de", "von", "van")):
                if re.search(r"['’]s$", rest[0]):
                    return False
                rest.pop(0)
            return not any(_bare(w)[:1].isupper() and not NOT_A_NAME.match(_bare(w)) for w in rest)
        return bool(re.search(r"\bits\b", before))
    if found.group().casefold() in ("he", "she"):
        return not re.search(rf"\b[A-Z][\w'’-]*\s+(?:\w+\s+)?{VERB.pattern}", before[1:])
    return not any(_bare(w)[:1].isupper() and not NOT_A_NAME.match(_bare(w)) for w in words[1:])


def _relative(text: str) -> bool:
    found = RELATIVE.search(text)
    if found is None:
        return False
    return not DATE_IN.search(text[: found.start()] if found.group() == "followed" else text)


def _round_six(number: int, question: Question, choices: list, names: frozenset[str]) -> list[str]:
    """The classes two teachers found on the fifth held-out set (round 4): note-speak
    lines, things and people never named, claims that are no fact, figures' years,
    spliced and hollowed sentences, and false statements that split hairs, swap a
    range's end, correct a date or write a number in digits."""
    out = []
    key = next((c.text for c in choices if c.is_correct), "")
    for what, text in _sentences_of(question, choices):
        text = text.strip()
        # A gap sentence is read with its answer in it: "NPH insulin marketed 1950".
        filled = text.replace(GAP, key) if what == "a gap prompt" and key else text
        if why := _telegraphic(filled):
            out.append(f"Q{number}: {what} that {why}: “{text[:80]}”")
        if thing := _unnamed_thing(text):
            out.append(f"Q{number}: {what} about “{thing}” without naming it")
        if _nobody(text, names):
            out.append(f"Q{number}: {what} whose “he” or “his” means nobody it names")
        if _relative(text):
            out.append(f"Q{number}: {what} relative to something it leaves out: “{text[:80]}”")
        if FRAMED.search(re.sub(r"[\"“][^\"”]*[\"”]", "", text)):
            out.append(f"Q{number}: {what} that is no fact (a target, a sale, a debate)")
        dating = what != "a statement" and not question.prompt.startswith(NAME_GAP_LEAD)
        if dating and BASELINE.search(text):
            out.append(f"Q{number}: {what} about a baseline's year")
        if BE_INTRANSITIVE.search(text):
            out.append(f"Q{number}: {what} with “was” before a verb that takes none")
        if what == "a statement" and text[:1].isdigit():
            out.append(f"Q{number}: a statement opening on a figure: “{text[:80]}”")
        if dating and (SHARE_SUBJECT.search(text) or FIGURE_YEAR.search(text)):
            out.append(f"Q{number}: {what} dating a figure rather than an event")
    for what, text in _sentences_of(question, choices):
        if re.search(rf"\(\s+{GAP}|{GAP}\s+\)", text):
            out.append(f"Q{number}: {what} with a gap set apart in brackets")
        if (found := OPEN_CLAUSE.search(text)) and not CLOSED_LATER.search(text, found.end()):
            out.append(f"Q{number}: {what} whose clause is never closed: “{text[:80]}”")
    if question.kind == Kind.ORDERING:
        for choice in choices:
            if HOLLOW.search(choice.text):
                out.append(f"Q{number}: an ordering item hollowed by its date: “{choice.text}”")
    if not question.prompt.startswith(TF_LEAD):
        return out
    text = question.prompt.removeprefix(TF_LEAD)
    source = _notes_said(question)
    for word, digits in NUMBER_WORDS.items():
        figure = rf"(?<![\d.,]){digits}(?![\d.,])"
        said = re.search(rf"\b{word}\b", source, re.I) and not re.search(figure, source)
        if said and re.search(figure, text):
            out.append(f"Q{number}: “{word}” written as “{digits}”")
    if not any(c.is_correct and c.text == "False" for c in choices):
        return out
    swap = _swapped(question, text)
    near = swap is not None and abs(swap[0] - swap[1]) < HAIR
    # A year, not a decade or a century ("the 1860s" moved is ten years off).
    if near and not CENTURY.search(source) and not re.search(rf"\b{abs(swap[1])}s\b", text):
        out.append(f"Q{number}: the false year {swap[1]} is a hair's breadth from {swap[0]}")
    if BASELINE.search(source) and swap is not None:
        out.append(f"Q{number}: a false statement in a sentence that prints a baseline")
    if CORRECTED.search(source):
        out.append(f"Q{number}: a false statement in a sentence that corrects a date")
    spans = {m.groups() for m in SPAN_TO.finditer(ISO_DATE.sub("#", source))}
    if spans - {m.groups() for m in SPAN_TO.finditer(ISO_DATE.sub("#", text))}:
        out.append(f"Q{number}: a false statement swaps one end of a span")
    figures = {m.group(1) for m in FIGURE_YEAR.finditer(source)}
    if figures:
        # "was about 2 million tonnes in 1950 and about 460 million tonnes in 2019".
        figures |= {m.group(1) for m in FIGURE_AFTER.finditer(source)}
    if swap is not None and str(abs(swap[0])) in figures:
        out.append(f"Q{number}: a false statement moves the year of a figure ({swap[0]})")
    return out


# --- Round 7 of issue 17 ---------------------------------------------------------

# A decade or a century as the notes write it: "the 1990s", "the 130s BC", "the early
# 18th century".
DECADE_OR_CENTURY = re.compile(r"\b\d{2,4}['’]?s\b|\b\d{1,2}(?:st|nd|rd|th)[- ]century\b", re.I)
# A year offered beside another: "190/189 BC", "1066 or 1067".
SLASHED = re.compile(r"\d+\s*/\s*\d+")
# A year ending a name: "the Locomotive Act 1865" ("In 1865" is no name).
NAMED_YEAR = re.compile(
    r"\b(?!(?:In|On|By|From|After|Before|Since|During|Until|Around|About|Between|And|Or|Of|"
    rf"The|At|To|Circa|Late|Early|Mid|AD|CE|BC|BCE|{MONTH})\b)[A-Z][a-z]+ (\d{{3,4}})\b"
)
# "The three men", "the two brothers": which ones?
COUNTED = re.compile(
    r"\b[Tt]he (?:two|three|four|five|six|both) (?:[a-z]+ )?(?:men|women|brothers|sisters|"
    r"friends|partners|rivals|kings|queens|scientists|physicists|chemists|inventors|authors|"
    r"writers|painters|leaders|powers|states|countries|sides|teams|ships)\b"
)
# "the wreck", "the manuscript": a find or a work the bullet above named.
FOUND_THING = re.compile(
    r"\b[Tt]he (?:wreck|ship|vessel|manuscript|principle|device|mechanism|expedition)\b"
    r"(?! of\b)(?! [A-Z])"
)
# "renamed that principle phlogiston", "these ideas" (not "showed that oxygen was").
DEMONSTRATIVE = re.compile(r"\b(?:[Tt]his|[Tt]hese|[Tt]hose|[Tt]hat) ([a-z]+)\b(?: (\S+))?")
CLAUSE_WORD = re.compile(r"[a-z]+s|[a-z]+ed|is|was|were|are|had|has|have")
NOT_A_NOUN = frozenset(
    {"the", "a", "an", "he", "she", "it", "they", "we", "his", "her", "its", "their", "is",
     "was", "were", "are", "had", "has", "year", "month", "day", "time", "period", "decade",
     "century", "way", "same", "in", "on", "at", "by", "for", "to", "of", "with", "from",
     "most", "many", "some", "all", "each", "every", "no", "few", "several", "both", "one",
     "two", "three", "there", "this", "these", "those", "such", "our", "only"}
)  # fmt: skip
# Before a capital, words that make it a thing's or a place's name, not a person's.
NOT_PERSON_BEFORE = frozenset(
    {"the", "a", "an", "in", "at", "to", "from", "near", "into", "across", "through", "on"}
)
OBJECT_PERSON = re.compile(r"\b(?:him|his|her)\b")
# Note-speak the earlier rounds missed: "~43k Sov. troops (CIA est. ~10k)".
TILDE_SPEAK = re.compile(r"~\s?\d|\b\d+(?:\.\d+)?k\b|\best\.")
ALREADY = re.compile(r"\b(?:had|has|was|were) already\b")


def _demonstrative(text: str) -> str:
    for found in DEMONSTRATIVE.finditer(text):
        word, after = found.group(1), _bare(found.group(2) or "")
        if word in NOT_A_NOUN:
            continue
        if found.group().split()[0].casefold() == "that" and (
            VERB.fullmatch(word) or CLAUSE_WORD.fullmatch(after)
        ):
            continue  # "showed that oxygen was …": a clause, not a pointer
        return found.group().split(" ", 2)[0] + " " + word
    return ""


def _person_before(words: list[str]) -> bool:
    """A capitalised word that may be a person's name: not in a run opened by "the"
    or a preposition of place ("The Holy Synod", "in Moscow"); the opening word
    only decides that."""
    blocked = False
    for at, word in enumerate(words):
        bare = _bare(word)
        capital = bare[:1].isupper() and not NOT_A_NAME.match(bare)
        if at == 0 or not capital:
            blocked = word.casefold() in NOT_PERSON_BEFORE or (at == 0 and bare in ("The", "A"))
            continue
        if not blocked:
            return True
    return False


def _thing_owner(text: str) -> bool:
    """ "him", "his" or "her" in a sentence opening on a thing ("The Holy Synod
    excommunicated him", "The Cherry Orchard opened in Moscow …, on his birthday")
    with no person named before it."""
    found = OBJECT_PERSON.search(text)
    if not found or not re.match(r"(?:The|A|An) [A-Z]", text):
        return False
    return not _person_before(text[: found.start()].split())


def _unnamed_it(text: str) -> bool:
    """ "it" with nothing before it but the subject and its verb ("Richard Owen
    showed it was a mammal", "Thewissen's team described it")."""
    found = re.search(r"\bit\b", text)
    if not found or found.start() == 0:
        return False
    before = text[: found.start()]
    if re.search(r"\b(?:made|makes|make|found|finds|thought|considered|deemed|kept)\s+$", before):
        return False
    words = before.split()
    while words and (_bare(words[0])[:1].isupper() or words[0] in ("of", "de", "von", "van")):
        owner = re.search(r"['’]s$", words.pop(0))
        if owner and words and words[0][:1].islower():
            words.pop(0)
            break
    rest = " ".join(words)
    if not words or re.search(r"\b(?:the|a|an|its|his|her|their|this|that)\s+\w|\d", rest, re.I):
        return False
    return not any(_bare(w)[:1].isupper() for w in words)


def _era(year: int) -> str:
    return f"{-year} BC" if year < 0 else str(year)


def _shared_day_month(choices: list) -> str:
    """The day and month every date choice shares ("9 October"), if they all do."""
    texts = [c.text for c in choices]
    if len(texts) < 3 or not all(re.search(rf"\b{MONTH}", t) for t in texts):
        return ""
    rest = {re.sub(r"\b\d{3,4}\b(?:\s*(?:BCE?|CE))?", "#", t) for t in texts}
    return next(iter(rest)).replace("#", "").strip(" ,") if len(rest) == 1 else ""


def _round_seven(number: int, question: Question, choices: list, questions: list) -> list[str]:
    """The classes two teachers found on held-out set 6 (round 5): a decade moved (a
    wrong key), a false year its own sentence contradicts, a name's year moved,
    things and people the sentence never names, items cut short, a year asked as a
    date, a year a definition elsewhere prints."""
    out = []
    for what, text in _sentences_of(question, choices):
        text = text.strip()
        if thing := _demonstrative(text) or "".join(
            m.group() for m in [COUNTED.search(text) or FOUND_THING.search(text)] if m
        ):
            out.append(f"Q{number}: {what} about “{thing}” without naming it")
        if _thing_owner(text) or _unnamed_it(text):
            out.append(f"Q{number}: {what} whose pronoun means nobody it names: “{text[:80]}”")
        if TILDE_SPEAK.search(text):
            out.append(f"Q{number}: {what} in note-speak (“~”, “k”, “est.”)")
        if ALREADY.search(text):
            out.append(f"Q{number}: {what} “already” before something it leaves out")
        if what == "an ordering item" and text.endswith("…"):
            out.append(f"Q{number}: an ordering item cut short: “{text[-40:]}”")
        if what == "a gap prompt" and re.search(rf"{GAP}\s*:", text):
            out.append(f"Q{number}: a gap prompt with notes hung on after a colon")
        if what == "a statement" and text.endswith(")"):
            out.append(f"Q{number}: a statement ending on a bracket, with no full stop")
    if question.kind == Kind.SINGLE and DATE_PROMPT.match(question.prompt):
        if shared := _shared_day_month(choices):
            out.append(f"Q{number}: every choice is “{shared}”: a year asked as a date")
        life = re.search(r"\((?:c\.\s*)?(\d{3,4})\s*[–-]\s*\d{3,4}\)", question.prompt)
        if life:
            born = int(life.group(1))
            for choice in choices:
                year = _year_of(choice.text)
                if year is not None and born <= year < born + 15 and not choice.is_correct:
                    out.append(
                        f"Q{number}: “{choice.text}” falls in the childhood the prompt prints"
                    )
    if question.kind == Kind.TRUE_FALSE:
        text = question.prompt.removeprefix(TF_LEAD)
        out += _round_seven_statement(number, question, choices, text, questions)
    return out


def _round_seven_statement(
    number: int, question: Question, choices: list, text: str, questions: list
) -> list[str]:
    out = []
    is_false = any(c.is_correct and c.text == "False" for c in choices)
    source = _notes_said(question)
    if is_false and source:
        moved = set(DECADE_OR_CENTURY.findall(source)) - set(DECADE_OR_CENTURY.findall(text))
        if moved:
            out.append(
                f"Q{number}: a false statement moves “{sorted(moved)[0]}”, which dates no single "
                "event: the statement may be as true (a wrong key)"
            )
        # By count: "(c. 382–301 BC) … in 301 BC" moved to "in 312 BC" keeps one 301.
        lost = Counter(_years(source)) - Counter(_years(text))
        gained = Counter(_years(text)) - Counter(_years(source))
        if len(lost) == 1 and len(gained) == 1:
            old, new = next(iter(lost)), next(iter(gained))
            if re.search(rf"(?<![\d,.]){abs(old)}(?![\d,])", text):
                out.append(
                    f"Q{number}: the false year {_era(new)} is contradicted by {_era(old)} "
                    "in its sentence"
                )
            if str(abs(old)) in NAMED_YEAR.findall(source):
                out.append(f"Q{number}: a false statement moves the year of a name ({old})")
        if set(SLASHED.findall(text)) - set(SLASHED.findall(source)):
            out.append(f"Q{number}: a false year set beside its alternative (“a/b”)")
    # A year of the statement a definition elsewhere prints ("a count of years from
    # 312 BC" beside "Seleucus won back Babylon in 312 BC").
    years = set(_years(text))
    for other_number, other in enumerate(questions, start=1):
        if other is question:
            continue
        shown = [other.prompt] if other.kind == Kind.SHORT_ANSWER else []
        shown += [c.match_text for c in other.choices.all() if c.match_text]
        if other.prompt.startswith("Which best describes"):
            shown += [c.text for c in other.choices.all()]
        if years & {y for t in shown for y in _years(t)}:
            out.append(f"Q{number}: its year is printed in Q{other_number}'s definition")
            break
    return out


# --- Round 10 of issue 17 ----------------------------------------------------------


def _round_ten(number: int, question: Question, choices: list) -> list[str]:
    """What makes a question unpublishable whatever the teacher (soundness.py): a
    right definition spelled by its term, a shown
    sentence that is no sentence, a year question printing its year."""
    out = []
    right = [c.text for c in choices if c.is_correct]
    for term in DEFINITION.findall(question.prompt):
        wrong = [c.text for c in choices if not c.is_correct]
        if any(echoes_term(term, r) for r in right) and not all(
            echoes_term(term, w) for w in wrong
        ):
            out.append(f"Q{number}: the right definition repeats the term “{term}”")
        if any(odd_one_out(r, wrong) for r in right):
            out.append(f"Q{number}: the right definition is the only one of its kind")
    if question.kind == Kind.SHORT_ANSWER and shorthand(question.prompt):
        out.append(f"Q{number}: its prompt prints the notes' shorthand")
    if question.kind == Kind.MATCHING:
        for choice in choices:
            if echoes_term(choice.text, choice.match_text or ""):
                out.append(f"Q{number}: “{choice.text}” is matched by its own words")
    for what, text in _sentences_of(question, choices):
        if what not in ("a statement", "a gap prompt"):
            continue
        filled = text.replace(GAP, right[0] if right and GAP in text else "")
        if fragment(filled):
            out.append(
                f"Q{number}: {what} is no sentence (no main verb, cut off, or an unnamed “it”)"
            )
        if GAP in text and right and year_shown(text.replace(GAP, ""), right[0]):
            out.append(f"Q{number}: the prompt prints the year it asks for")
    return out


# --- Quiz round 18 (the strict teachers of held-out sets 25 and 26) -------------

DEFINITION_SHORTHAND_RE = re.compile(DEFINITION_SHORTHAND)
PART_OF_WORK_RE = re.compile(PART_OF_WORK)


def _round_eighteen(number: int, question: Question, choices: list) -> list[str]:
    """A definition offered in the notes' shorthand ("served the k.", "G's first
    slogan", "metal tablet = pass"), right or wrong; an ordering item or "which came
    first?" choice pointing to what came before it ("To seal the peace …", "moved
    both to the Panthéon, Voltaire."); a volume or issue of a work never named."""
    out = []
    definitions = []
    if DEFINITION.match(question.prompt):
        definitions = [c.text for c in choices]
    elif question.kind == Kind.MATCHING and question.prompt.startswith("Match each term"):
        definitions = [c.match_text or "" for c in choices]  # in English: the lead says so
    for text in definitions:
        if DEFINITION_SHORTHAND_RE.search(text):
            out.append(f"Q{number}: a definition in the notes' shorthand: “{text[:80]}”")
            break
    for what, text in _sentences_of(question, choices):
        text = text.strip()
        if what in ("an ordering item", "a choice") and (
            CONTEXT_OPENING.match(text) or HANGING.search(text)
        ):
            out.append(f"Q{number}: {what} pointing to what came before it: “{text[:80]}”")
        if PART_OF_WORK_RE.search(text):
            out.append(f"Q{number}: {what} about a volume or issue of a work it never names")
    return out


# --- Quiz round 19 (the strict teachers of held-out sets 15 to 28) -------------


def _everyday_term(number: int, question: Question, choices: list) -> list[str]:
    """A term of everyday English offered with its definition among four, or a
    single everyday word asked for by name (its synonyms would be marked wrong)."""
    asked = DEFINITION.match(question.prompt)
    if asked:
        term = asked.group(1)
    elif question.kind == Kind.SHORT_ANSWER and SHORT_PROMPT.match(question.prompt) and choices:
        term = choices[0].text
        if len(term.split()) > 1 or len(choices) > 1:
            # A phrase names one idea, and an abbreviation pins the answer down:
            # either is asked for by name on purpose.
            return []
    else:
        return []
    if not everyday(term):
        return []
    return [f"Q{number}: asks for “{term}”, a term of everyday English"]


def _named_kind(number: int, question: Question, choices: list) -> list[str]:
    """A definition asked whose term's name says the right one's kind ("Chandos
    clause") while no other choice is of that kind."""
    asked = DEFINITION.match(question.prompt)
    if not asked:
        return []
    others = [c.text for c in choices if not c.is_correct]
    if not unnamed_kind(asked.group(1), others):
        return []
    return [f"Q{number}: “{asked.group(1)}” names its kind, which no other choice is of"]
