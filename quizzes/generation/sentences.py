"""Whether a piece of the notes reads as a sentence a student can judge on its own:
what a true-or-false statement may quote (source.can_state), and what a gap prompt,
an ordering item or a "which came first?" choice may be built on
(`reads_as_sentence`). Text in, yes or no out: no lecture, no question.

What teachers sent back over issue 17's rounds, each a test here:

- a subject elsewhere: a text opening on a verb or a pronoun (`opens_on_verb`), a
  personal pronoun with nobody named before it to mean (`dangling`: "By a treaty
  with Seleucus in 303 BCE he gained …", "Cataracts clouded his vision"), a thing
  it never names ("Hunnic invasions weakened the empire", "The dam was rebuilt
  smaller": `unnamed_thing`), a relation to something outside it ("Sweden followed
  in 1991": `relative`);
- note-speak rather than a sentence: symbols, ";" and "+" (NOTE_SPEAK_RE), no verb
  ("Lilly's Iletin on sale from 1923"), a participle with no "was" ("Humulin
  approved by FDA …", "NPH insulin marketed 1950"), a date hung on with a comma
  ("… by de Meyer, 1909") or a label before a colon ("England: joined FIFA 1905"):
  `telegraphic`;
- no fact: a guess (SPECULATIVE_RE), a target, forecast, schedule, sale or debate
  (FRAME_RE), and a year that dates a measurement rather than an event ("fell from
  about 60,000 in 1971": `statistic`);
- two pieces of a bullet joined wrongly (`one_stretch`): "The Kyoto Protocol was
  entered into force", "Tulip collapsed in February 1637".

`names_in(texts)` gives the words the notes write with a capital mid-sentence: the
names `dangling` takes a sentence's opening word for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .vocabulary import IRREGULAR_PAST, PART_OF_WORK, SHORTHAND

# A bullet that guesses ("may", "might", "could", "perhaps") states no fact to
# judge true or false; "May" the month is not a guess.
SPECULATIVE_RE = re.compile(
    r"\b(?:[Mm]ight|[Cc]ould|[Pp]erhaps|[Pp]ossibly|[Pp]robably|[Rr]umou?red|[Ll]ikely)\b"
    r"|\bmay\b|\bMay\b(?= [a-z])"
)
# A bullet opening with a verb takes its subject from the section's title ("Takes
# place in spring."): on its own, a statement without a subject.
VERB_FIRST_RE = re.compile(
    r"^(?:takes|took|was|were|is|are|has|had|have|became|becomes|includes|included|"
    r"contains|remains|remained|lasts|lasted|runs|ran|flows|flowed|covers|covered|"
    r"begins|began|ends|ended|uses|used|makes|made|gives|gave|shows|showed|lies|lay|"
    r"can|could|will|would|should|must|may|might)\b"
    # Any other verb in the third person: "Depends on pumps", "Stretches across".
    r"|^[A-Z][a-z]+s (?:on|upon|across|into|onto)\b"
    # An adverb, then the verb: "Now holds 118 elements".
    r"|^(?:now|today|still|also|later|then|soon|once)\s+(?:[a-z]+s|[a-z]+ed|was|were|has|had)\b",
    re.IGNORECASE,
)

# A bullet opening on a pronoun takes its subject from the bullet above.
PRONOUN_FIRST_RE = re.compile(r"^(?:it|he|she|they|this|these|those|its|his|her|their)\b", re.I)
# A verb in the past tense opening a bullet ("Moved the first motion…", "Introduced
# in 1846"): its subject is the heading or the bullet above. Not a name that ends
# in "-ed" ("United States"), nor "Speed", "Need".
_PAST_FIRST_RE = re.compile(
    r"^(?!(?:United|Armed|Hundred|Alfred|Mildred|Winifred|Manfred|Siegfried|Sacred)\b)"
    r"[A-Z][a-z]+(?<!e)ed\b"
    r"|^(?i:keeps|extends|opens|holds|marks|sets|brings|leads|moves|goes|went|came|comes|"
    r"led|set|won|lost|left|wrote|sold|built|fought|saw|sent|met|died|lived|born)\b"
    r"|^[A-Z][a-z]+s (?:for|with|from|at|by|through|over|up|out|down|off|the|a|an|his|her|"
    r"its|their)\b"
)
# "Claims for …", "Holds with …": a verb, or a plural noun whose verb comes later.
_PLURAL_FIRST_RE = re.compile(
    r"^[A-Z][a-z]+s (?=(?:for|with|from|at|by|through|over|up|out|down|off|the|a|an|his|"
    r"her|its|their)\b)"
)
# A personal pronoun: who it means must be named before it.
_PERSONAL_RE = re.compile(r"\b(?:he|she|him|his|her|they|them|their)\b", re.IGNORECASE)
# Note-speak: symbols for words, lists run together with semicolons, abbreviations.
NOTE_SPEAK_RE = re.compile(
    r"→|⇒|->|<-|=|≈|\s&\s|\bw/"
    # "Leicester, Mar 1877: …": a place, a clipped month and a colon for a sentence.
    r"|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? \d|^[^:]{0,40}\d{4}: "
    r"|\b(?:approx|esp|incl|govt|dept|yrs?|cf|vs|poss)\.(?!\w)"
    # Lists run together with ";" and sums with "+" are notes, not sentences.
    r"|;|\s\+\s"
    # "~43k Sov. troops … (CIA est. ~10k)": a tilde for "about", "k" for thousands.
    r"|~\s?\d|\b\d+(?:\.\d+)?k\b|\best\."
    # Shorthand of notes (issue 17, round 8): "d. 1198", "b. 1812", "fl. 1200" for
    # died, born, flourished; a word clipped round an apostrophe ("Const'ple"); an
    # abbreviation with its dot mid-sentence ("Sov. troops", "res. the same day").
    rf"|{SHORTHAND}"
)
# A pronoun for a thing or things, whose noun may be in the item above.
THING_PRONOUN_RE = re.compile(r"\b(?:it|they|them)\b", re.IGNORECASE)
# Headings that name no subject a verb could have ("Background", "Key Events").
_GENERIC_HEADING_RE = re.compile(
    r"\b(?:background|overview|summary|introduction|history|timeline|events?|causes?|"
    r"effects?|consequences|legacy|impact|aftermath|origins?|context|key|notes?|dates?|"
    r"early|late|later|years?|life|career|works?|today|outcomes?|implications|"
    r"developments?|period|age|era|rise|fall|end|beginnings?|and|or|in|on|to|for)\b",
    re.IGNORECASE,
)
_PARTICLES = frozenset({"de", "da", "di", "del", "von", "van", "der", "of", "the", "la", "le"})


# Verbs in the past that do not end in "-ed" (what notes use most).
_IRREGULAR = IRREGULAR_PAST
# A word that reads as a verb: a past tense, a third person, or a common irregular.
_VERB_RE = re.compile(
    rf"\b[a-z]{{2,}}(?:ed|es)\b|\b[a-z]{{3,}}[^s\W]s\b|\b(?:is|was|were|are|has|had|have|"
    rf"{_IRREGULAR})\b"
)
# A verb in the present: "runs", "holds" (and plural nouns, which is why this only
# says a text may have a verb).
_THIRD_PERSON_RE = re.compile(
    r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bmost )(?<!\bmany )(?<!\bsome )(?<!\ball )"
    r"(?<!\bof )(?<!\bon )(?<!\bin )(?<!\bits )(?<!\btheir )\b[a-z]{2,}[^s\W']s\b"
)
# A finite verb or participle, strictly: an auxiliary, a regular past, an irregular
# past. Unlike _VERB_RE, never a plural noun ("schools", "prices").
_STRICT_VERB_RE = re.compile(
    r"\b(?:is|was|were|are|am|be|been|has|had|have|will|would|can|could|shall|should|must|"
    rf"does|do|[a-z]{{2,}}ed|{_IRREGULAR})\b"
)


def opens_on_verb(text: str) -> bool:
    """The text opens on a verb: its subject is elsewhere. "Claims for damage came
    to …" opens on a plural noun, not a verb: another verb follows."""
    if VERB_FIRST_RE.match(text):
        return True
    if _PAST_FIRST_RE.match(text) is None:
        return False
    plural = _PLURAL_FIRST_RE.match(text)
    return not (plural and _STRICT_VERB_RE.search(text, plural.end()))


def _names_subject(heading: str) -> bool:
    """A heading that names who or what its bullets are about: a short name in
    capitals ("Ada Byron", "The Erie Canal"), not a topic ("Early Life")."""
    words = heading.split()
    if not 1 <= len(words) <= 5 or re.search(r"[\d:?!.,;()]", heading):
        return False
    if _GENERIC_HEADING_RE.search(heading):
        return False
    return all(w[:1].isupper() or w in _PARTICLES for w in words)


def with_subject(text: str, heading: str) -> str:
    """The text given the heading as its subject when it opens on a verb and the
    heading names one ("Ada Byron" + "Published her notes in 1843." -> "Ada Byron
    published her notes in 1843."); otherwise the text as it is."""
    if not opens_on_verb(text) or not _names_subject(heading):
        return text
    return f"{heading} {text[:1].lower()}{text[1:]}"


# A name a parent item opens on, then its verb: "Isabella Stewart Gardner founded …".
_PARENT_NAME_RE = re.compile(
    r"^((?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*|de|da|di|von|van|der|of))*)\s+(\w+)"
)
# "He" or "she" stands for the name; "it" and "they" for a thing the item leaves out.
_SUBJECT_PRONOUN_RE = re.compile(r"^(?:he|she)\b\s*", re.IGNORECASE)


def with_parent_subject(text: str, parent: str) -> str | None:
    """A nested item opening on a verb or a subject pronoun, given the name its
    parent item opens on as its subject ("Isabella Gardner opened a museum" +
    "bought the Titian in 1896" -> "Isabella Gardner bought the Titian in 1896");
    None when either does not fit (the item is then not asked as a sentence)."""
    found = _PARENT_NAME_RE.match(parent)
    if found is None or not _VERB_RE.fullmatch(found.group(2)):
        return None
    name = found.group(1)
    if name.split()[0] in ("The", "A", "An", "In", "On", "This", "These") or len(name.split()) > 5:
        return None
    if _SUBJECT_PRONOUN_RE.match(text):
        rest = _SUBJECT_PRONOUN_RE.sub("", text, count=1)
        return f"{name} {rest}" if _VERB_RE.match(rest) else None
    if PRONOUN_FIRST_RE.match(text):
        return None
    if opens_on_verb(text) or _VERB_RE.match(text):
        return f"{name} {text[:1].lower()}{text[1:]}"
    return None


# Words a sentence may open on that name nobody: articles, prepositions, pronouns.
# fmt: off
_NO_NAME = frozenset({
    "the", "a", "an", "in", "on", "at", "by", "for", "from", "with", "after", "before",
    "during", "under", "over", "since", "until", "when", "while", "although", "though",
    "as", "to", "of", "into", "between", "around", "about", "following", "despite",
    "having", "once", "then", "later", "this", "that", "these", "those", "its", "it",
    "his", "her", "their", "there", "here", "some", "many", "most", "several", "each",
    "every", "all", "both", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "born",
})
# fmt: on
# Roman numerals and the words of a date are capitals that name nobody.
_NOT_A_NAME_RE = re.compile(
    r"^(?:[IVXLC]+|BCE?|CE|AD|January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)$"
)


def _bare(word: str) -> str:
    """A word without its punctuation or possessive "'s"."""
    return re.sub(r"['’]s$", "", word.strip(",.;:!?()[]\"'“”‘’"))


def names_in(texts: Iterable[str]) -> frozenset[str]:
    """The words (case-folded) the texts write with a capital where no sentence
    starts: the names of people, places and things the notes use."""
    names = set()
    for text in texts:
        words = text.split()
        for before, word in zip(words, words[1:], strict=False):
            bare = _bare(word)
            if bare[:1].isupper() and before[-1:] not in ".!?:;" and not _NOT_A_NAME_RE.match(bare):
                names.add(bare.casefold())
    return frozenset(names)


def _opens_on_name(words: list[str], names: frozenset[str]) -> bool:
    """The words open on a name: two capitalised words ("Harry Brearley", "Cato the
    Elder"), or one the notes write with a capital mid-sentence ("Monet"), or one
    that is neither a function word, a participle nor a plural ("Cataracts")."""
    first = _bare(words[0])
    if not first[:1].isupper() or first.casefold() in _NO_NAME:
        return False
    following = _bare(next((w for w in words[1:4] if w.casefold() not in _PARTICLES), ""))
    if following[:1].isupper() and not _NOT_A_NAME_RE.match(following):
        return True
    if first.casefold() in names:
        return True
    # "Hidden at the Wartburg, he …", "Records found in …", "Cataracts clouded …",
    # "Mortally wounded …, he died": a participle, a plural or an adverb.
    return not re.search(r"(?:ed|ing|[^aeiousu]s|ly)$", first)


# "its" names a thing: a personal pronoun after it means someone else ("Babylon
# opened its gates to his army").
_ITS_RE = re.compile(r"\bits\b", re.IGNORECASE)


def dangling(text: str, names: frozenset[str] = frozenset()) -> bool:
    """A personal pronoun with nobody before it that it could mean. It may mean the
    name the sentence opens on ("Monet dug his pond") unless that is a thing ("its");
    a subject pronoun ("he gained") needs a name that is itself a subject ("In 1911
    Marie Curie won …; she …"), not one in a phrase ("a treaty with Seleucus"); an
    object ("Pope Leo X excommunicated him") needs a name besides the subject's."""
    found = _PERSONAL_RE.search(text)
    if not found:
        return False
    before = text[: found.start()]
    words = before.split()
    if not words:
        return True
    pronoun = found.group().casefold()
    if pronoun in ("they", "them", "their"):
        # Things as often as people ("most cities … lost their kings"): any noun will do.
        return all(_bare(w).casefold() in _NO_NAME or not _bare(w) for w in words)
    if _opens_on_name(words, names):
        if _OBJECT_RE.match(text, found.start()):
            return not _another_name(words)
        return bool(_ITS_RE.search(before))
    if pronoun in ("he", "she"):
        subject = re.search(r"\b[A-Z][\w'’-]*\s+(?:\w+\s+)?" + _STRICT_VERB_RE.pattern, before[1:])
        return subject is None
    # "The Holy Synod excommunicated him", "The Cherry Orchard opened in Moscow …
    # on his birthday": a name after "the" is a thing's, one after "in" a place's;
    # neither is whom "him" or "his" means.
    return not _person_named(words)


# Before a capital, words that make it a thing's or a place's name, not a person's.
_NOT_PERSON_BEFORE = frozenset(
    {"the", "a", "an", "in", "at", "to", "from", "near", "into", "across", "through", "on"}
)


def _person_named(words: list[str]) -> bool:
    """A capitalised name among `words` that may be a person's: not a run of capitals
    opened by "the" or a preposition of place ("the Holy Synod", "in Moscow")."""
    blocked = False
    for at, word in enumerate(words):
        bare = _bare(word)
        capital = bare[:1].isupper() and not _NOT_A_NAME_RE.match(bare)
        if not capital:
            blocked = word.casefold() in _NOT_PERSON_BEFORE
            continue
        if at == 0:
            # The opening word was weighed as a name already (_opens_on_name): here
            # it only decides whether the capitals after it are a thing's ("The
            # Cherry Orchard …", "In Moscow …").
            blocked = bare.casefold() in _NO_NAME
            continue
        if not blocked:
            return True
    return False


# "him", or "her" before no noun ("gave her a gram", "excommunicated her on …").
_OBJECT_RE = re.compile(
    r"him\b|her\b(?=\s*(?:[,.;:]|$|(?:a|an|the|on|in|at|to|with|for|from|by|and|as)\b|\d))",
    re.IGNORECASE,
)


def _another_name(words: list[str]) -> bool:
    """A name among `words` besides the one they open on (or the opening name is a
    possessor, "Behring's antitoxin won him …", whom the object may mean)."""
    rest = list(words)
    while rest and (_bare(rest[0])[:1].isupper() or rest[0] in _PARTICLES):
        if re.search(r"['’]s$", rest[0]):
            return True
        rest.pop(0)
    return any(_bare(w)[:1].isupper() and not _NOT_A_NAME_RE.match(_bare(w)) for w in rest)


# "The empire", "the dam", "the crowded city": a thing of which the notes hold more
# than one, or whose name is in the heading, not in the sentence.
_THINGS = (
    "empire|dynasty|kingdom|republic|city|town|village|site|dam|theory|company|firm|mine|"
    "colliery|mill|factory|yard|museum|cathedral|church|palace|temple|monastery|scheme|"
    "programme|project|price|colony|island|river|lake|canal|bridge|"
    # Round 7: a find, a work or an idea the bullet above named ("found the wreck").
    "wreck|ship|vessel|manuscript|principle|device|mechanism|expedition"
)
_UNNAMED_THING_RE = re.compile(
    rf"(?<!\bas )\b[Tt]he ((?:[a-z][\w-]* ){{0,2}})(?:{_THINGS})\b(?:['’]s)?"
    # Named after all: "the city of Rome", "the ship Brookes", "the capital to Kalhu".
    rf"(?! of\b)(?! [A-Z])"
    rf"(?!(?: [a-z]+){{0,2}} (?:to|at|in|on|near|from) (?!AD\b|BCE?\b|CE\b)[A-Z])"
)
# "Phase 4", not "Phase 4 of the EU ETS".
_NUMBERED_RE = re.compile(
    r"(?:Phase|Stage|Part|Round|Step|Period)\s+(?:\d+|[IVX]+)\b(?!\s+of\s+(?:the\s+)?[A-Z])"
)
_RANKED_RE = re.compile(r"\b(?:first|second|third|last|only|new|\w+est)\b")
_PART_OF_WORK_RE = re.compile(PART_OF_WORK)


# "The three men", "the two brothers": which ones, the sentence does not say.
_COUNTED_RE = re.compile(
    r"\b[Tt]he (?:two|three|four|five|six|both) (?:[a-z]+ )?(?:men|women|brothers|sisters|"
    r"friends|partners|rivals|kings|queens|scientists|physicists|chemists|inventors|authors|"
    r"writers|painters|leaders|powers|states|countries|sides|teams|ships)\b"
)
# "renamed that principle …", "these ideas", "this man": a demonstrative points at
# what the bullet above named. ("that" as a conjunction is followed by a clause:
# "showed that oxygen was …", told apart by the verb after its noun.)
_DEMONSTRATIVE_RE = re.compile(r"\b(?:[Tt]his|[Tt]hese|[Tt]hose|[Tt]hat) ([a-z]+)\b(?: (\S+))?")


def _demonstrative(text: str) -> bool:
    """A "this", "these", "those" or "that" pointing at a noun the sentence never
    names ("Stahl renamed that principle phlogiston")."""
    for found in _DEMONSTRATIVE_RE.finditer(text):
        word, after = found.group(1), found.group(2) or ""
        if found.group().split()[0].casefold() == "that":
            if (
                word in _NO_NAME
                or word in ("no", "few", "such", "only")
                or _STRICT_VERB_RE.fullmatch(word)
            ):
                continue  # "that the", "that was"
            if re.fullmatch(r"[a-z]+s|[a-z]+ed|is|was|were|are|had|has|have", _bare(after)):
                continue  # "showed that oxygen was …": a clause
            if re.search(r"\b(?:so|such|same)\s*$", text[: found.start()]):
                continue
        if re.fullmatch(r"(?:year|month|day|time|period|decade|century|way|is|was)", word):
            continue  # "that year" is relative(); "this way": no noun named
        return True
    return False


def unnamed_thing(text: str) -> bool:
    """The sentence speaks of "the empire", "the dam", "the city" without naming it,
    nor anything it could be, before and apart from its subject ("Soviet troops
    reached Berlin …, and the city's garrison" names it; "Hunnic invasions weakened
    the empire" and "Halvard Greycloak founded the dynasty" do not); of "the three
    men" or "that principle", whom or which the bullet above named."""
    if _NUMBERED_RE.match(text):
        return True  # "Phase 4 began in January 2021": the phase of what?
    if _COUNTED_RE.search(text) or _demonstrative(text) or _PART_OF_WORK_RE.search(text):
        return True
    for found in _UNNAMED_THING_RE.finditer(text):
        if _RANKED_RE.search(found.group(1)):
            continue  # "the first empire", "the largest city": a description
        before = text[: found.start()].split()
        while before and (_bare(before[0])[:1].isupper() or before[0] in _PARTICLES):
            before.pop(0)  # the subject is who acts, not the thing acted on
        if not any(_bare(w)[:1].isupper() and not _NOT_A_NAME_RE.match(_bare(w)) for w in before):
            return True
    return False


# Claims that are no fact to judge: a target, forecast or schedule, a sale, a debate.
FRAME_RE = re.compile(
    r"\b(?:scheduled|projected|forecasts?|expected to|aims? to|aimed to|aims? for|targets?|"
    r"plans? to|sold for|(?:at|by) auction|auctioned|(?:is|are|was) said to|"
    r"(?:is|are|was|were|remains?) (?:still |hotly |much )?"
    r"(?:debated|disputed|argued)|(?i:still|historians|scholars|some|others|critics) "
    r"(?:still )?(?:argue|debate|disagree|dispute))\b"
    # The future is no fact yet: "Importers will pay in full from 2026" ("Will" the
    # name is not the future), nor is an obligation ("must be 62 % below …").
    r"|\b(?:will|must)\b"
)
# A baseline's year ("below 2005 levels", "the 1850–1900 average", "relative to
# 1990"): a true statement may print one, but it is no year to move or to ask.
BASELINE_RE = re.compile(
    r"\b\d{4}(?:[–-]\d{2,4})? (?:levels?|average|mean|baseline)\b"
    r"|\b(?:relative to|measured against|compared with) (?:the )?\d{4}"
)
_QUOTED_RE = re.compile(r"[\"“][^\"”]*[\"”]")


def framed(text: str) -> bool:
    """A claim that is no fact to judge (FRAME_RE), outside what the text quotes
    ("Cato ended his speeches with 'Carthage must be destroyed'" is a fact)."""
    return bool(FRAME_RE.search(_QUOTED_RE.sub("", text)))


# "Sweden followed in 1991", "Radium followed on 26 December 1898": followed whom?
_RELATIVE_RE = re.compile(
    # "Cavendish had already made water": already, before what?
    r"\b(?:had|has|was|were) already\b|"
    r"\bfollowed(?=\s*(?:[,.;]|$|(?:in|on|at|during|with|from|soon|shortly|suit|later)\b))"
    r"|\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|a few) "
    r"(?:years?|months?|weeks?|days?|decades?) later\b"
    r"|\bthe (?:following|next) (?:year|month|week|day|spring|summer|autumn|winter)\b"
    r"|\bthat (?:same )?(?:year|month|spring|summer|autumn|winter)\b"
)
_DATE_IN_RE = re.compile(
    r"\b\d{3,4}\b|\b\d{1,4} (?:BCE?|CE|AD)\b|\bAD \d|\b\d+(?:st|nd|rd|th) century\b|years ago\b"
)


def relative(text: str) -> bool:
    """A claim made relative to something outside it: "Sweden followed in 1991"
    (followed whom?), or "a year later" with no date of its own to count from."""
    found = _RELATIVE_RE.search(text)
    if found is None:
        return False
    if found.group().endswith("already"):
        return True  # "had already made water … in 1781": before what, the notes say above
    # "The Federal Republic was founded in May 1949, and the GDR followed in
    # October": what it follows is in the sentence, before it.
    return not _DATE_IN_RE.search(text[: found.start()] if found.group() == "followed" else text)


# A figure a year is the date of: "fell from about 60,000 in 1971", "was about 460
# million tonnes in 2019". The year dates a measurement, not an event: moved, the
# claim is not plainly false; ordered, it is not plainly earlier or later.
_ABOUT = r"(?:about|some|over|nearly|almost|roughly|around|approximately|~)"
_FIGURE = r"\d[\d,.]*\s*(?:%|per cent)?(?:\s+[a-zA-Z]+){0,2}\s+(?:in|by)\s+(?:the\s+)?"
# A level and its figure: "fell from about 60,000 in", "was about 2 million tonnes
# in", "reached 56.8 million tons in" (not "enrolled about 1.8 million children in
# 1954", an event with a count).
_LEVEL = (
    r"\b(?:was|were|is|are|stood|fell|rose|grew|reached|numbered|totalled|peaked|dropped|"
    rf"declined|climbed)(?:\s+(?:at|to|from|by))?\s+(?:{_ABOUT}\s+)?{_FIGURE}"
)
_LEVEL_RE = re.compile(_LEVEL, re.IGNORECASE)
_STATISTIC_BEFORE_RE = re.compile(rf"{_LEVEL}$", re.IGNORECASE)
_FIGURE_ABOUT_RE = re.compile(rf"\b{_ABOUT}\s+{_FIGURE}$", re.IGNORECASE)
# "About 23 % of global emissions were covered …": a share for a subject.
_STATISTIC_SUBJECT_RE = re.compile(
    rf"^(?:{_ABOUT}\s+|at least\s+|more than\s+)?\d[\d,.]*\s*(?:%|per cent)"
    rf"|^an?\s+\w+\s+of\s+{_ABOUT}\s+\d",
    re.IGNORECASE,
)


def statistic(text: str, start: int | None = None) -> bool:
    """The text is a figure rather than an event: its subject is a share or a
    workforce ("About 23 % of …", "A workforce of about 271,000 men …"), or the
    date at `start` is the year of a figure ("from about 60,000 in 1971")."""
    if _STATISTIC_SUBJECT_RE.search(text):
        return True
    if start is None or not _LEVEL_RE.search(text):
        return False
    # "… was about 2 million tonnes in 1950 and about 460 million tonnes in 2019":
    # once the sentence gives a level, every approximate figure has its year.
    before = text[:start]
    return bool(_STATISTIC_BEFORE_RE.search(before) or _FIGURE_ABOUT_RE.search(before))


# The shapes of a date, for note-speak tests: a year, "Mar 1877", "October 28, 1982".
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# A date as notes write it bare: "1950", "October 28, 1982", "Mar 1974"; not a figure
# ("400,000") nor a date with "c." before it (an adverb, "collapsed c. 2181 BC").
_DATE = (
    rf"(?:\d{{1,2}} {_MONTH} \d{{3,4}}|{_MONTH} \d{{1,2}}, \d{{3,4}}|{_MONTH} \d{{3,4}}"
    r"|(?<![\d,.])\d{3,4}s?(?![\d,.]\d))(?: BCE?| CE| AD)?"
)
# A past participle (regular, or a common irregular one).
_PARTICIPLE = (
    r"(?:\w+ed|found|made|built|sold|held|given|known|taken|written|shown|drawn|seen|"
    r"kept|sent|bought|paid|told|begun|done|set|cut|put)"
)
# A verb in a tense of its own (a participle alone is not one): an auxiliary or an
# irregular past that is no participle.
_FINITE_RE = re.compile(
    r"\b(?:is|was|were|are|has|had|have|will|would|can|could|must|did|does|began|became|"
    r"came|fell|flew|gave|grew|knew|ran|rose|sang|sank|saw|swam|threw|took|went|wore|wrote)\b"
)
# "Humulin approved by FDA", "Islet hormone named "insuline" by de Meyer".
_BARE_PASSIVE_RE = re.compile(rf"\b{_PARTICIPLE}(?:\s+[\"“][^\"”]*[\"”])?\s+by\b")
# "NPH insulin marketed 1950.": a participle with its date for an object.
_PARTICIPLE_DATE_RE = re.compile(
    rf"\b{_PARTICIPLE}\s+{_DATE}(?=\s*(?:[.,;:()]|(?:and|by|in|on|at|after)\b|$))"
)
# "… by de Meyer, 1909": a date hung on the end with a comma.
_TRAILING_DATE_RE = re.compile(
    r"(?<=[A-Za-z\"”')]),\s*(?:c\.\s*)?(?:\d{3,4}s?(?: BCE?| CE| AD)?|\d{4}-\d\d-\d\d)\.?$"
)
# "Marathon: Athenian hoplites …", "England: joined FIFA 1905": a label and a colon.
_LABEL_RE = re.compile(r"^([^:]{1,40}):\s+\S")


def _bare_participle(text: str, at: int) -> bool:
    """The participle at `at` is the verb of a notes line: right after its subject
    (three words at most), with no verb before it ("Humulin approved by FDA") nor
    after it ("A colony planned by Caesar was founded by Augustus" has one), and not
    in a clause of its own after a comma ("The murals, painted …, were found")."""
    before, after = text[:at], text[at:].split(None, 1)[1:]
    if "," in before or len(before.split()) > 3 or _STRICT_VERB_RE.search(before):
        return False
    return not (after and _FINITE_RE.search(after[0]))


def telegraphic(text: str) -> bool:
    """Note-speak rather than a sentence: no verb ("Medicare cap $35/month from
    2023"), a participle without "was" before "by" or a bare date ("Humulin approved
    by FDA …", "NPH insulin marketed 1950"), a date hung on with a comma ("… by de
    Meyer, 1909"), or a label with a colon ("England: joined FIFA 1905")."""
    text = text.strip().rstrip(".!")
    if NOTE_SPEAK_RE.search(text) or not (
        _STRICT_VERB_RE.search(text) or _THIRD_PERSON_RE.search(text)
    ):
        return True  # no verb at all: "Lilly's Iletin on sale from 1923"
    for pattern in (_BARE_PASSIVE_RE, _PARTICIPLE_DATE_RE):
        found = pattern.search(text)
        if found and _bare_participle(text, found.start()):
            return True
    if _TRAILING_DATE_RE.search(text):
        return True
    label = _LABEL_RE.match(text)
    return bool(label and not _STRICT_VERB_RE.search(label.group(1)))


# "The Two Plus Four Treaty, signed in Moscow on 12 September 1990": a name and a
# participle clause, no verb of its own.
_PARTICIPLE_ONLY_RE = re.compile(
    rf"^[^,;]+,\s+(?:\w+ed|\w+en|begun|run|written|{_IRREGULAR})\b[^,;]*$"
)


# "it" as an object or a clause's subject ("showed it was a mammal and renamed it").
_IT_RE = re.compile(r"\bit\b")
# A verb that takes "it" as a dummy ("made it illegal", "found it hard").
_DUMMY_IT_RE = re.compile(r"\b(?:made|makes|make|found|finds|thought|considered|deemed|kept)\s+$")
# What names a thing "it" could be: an article or determiner and its noun, a number.
_THING_NAMED_RE = re.compile(
    r"\b(?:the|a|an|its|his|her|their|this|that|these|those)\s+\w|\d", re.IGNORECASE
)


def unnamed_it(text: str) -> bool:
    """An "it" that can only mean what the bullet above named: nothing before it
    but the sentence's subject and its verb ("Richard Owen showed it was a mammal",
    "Thewissen's team described it")."""
    found = _IT_RE.search(text)
    if found is None or found.start() == 0:
        return False
    before = text[: found.start()]
    if _DUMMY_IT_RE.search(before):
        return False
    words = before.split()
    # The subject: a run of capitals (with "of", "de"), and a possessor's noun.
    while words and (_bare(words[0])[:1].isupper() or words[0] in _PARTICLES):
        owner = re.search(r"['’]s$", words.pop(0))
        if owner and words and words[0][:1].islower():
            words.pop(0)  # "Thewissen's team"
            break
    rest = " ".join(words)
    if not words or _THING_NAMED_RE.search(rest):
        return False
    return not any(_bare(w)[:1].isupper() for w in words)


def reads_as_sentence(text: str, bullet: str = "", names: frozenset[str] = frozenset()) -> bool:
    """A piece of a bullet reads as a statement with its own subject: not opening on a
    verb or a pronoun, naming whom its pronouns and what its "the city" mean, in
    sentences rather than note-speak, not a name with a participle clause only, and
    (when `bullet` is given) one stretch of it, not words spliced from both sides of
    a cut."""
    text = text.strip()
    if not text or opens_on_verb(text) or PRONOUN_FIRST_RE.match(text) or text[0].islower():
        return False
    if dangling(text, names) or unnamed_thing(text) or relative(text) or telegraphic(text):
        return False
    if unnamed_it(text):
        return False
    if _PARTICIPLE_ONLY_RE.match(re.sub(_DATE, "#", text).rstrip(".!")):
        return False  # "NASA, created by an act signed on July 29, 1958": no verb of its own
    if bullet:
        return one_stretch(text, bullet)
    return True


# A verb that takes no object, so no "was" either: "was entered into force" is wrong.
_INTRANSITIVE = (
    r"(?:entered into force|came|went|began|became|took (?:place|effect)|ran|rose|fell|"
    r"grew|died|arrived|happened|occurred|emerged|peaked|collapsed|lived|flourished)"
)
_AUX_END_RE = re.compile(r"\b(?:was|were|is|are|has|had|have|been)$")
_AUX_START_RE = re.compile(r"^(?:was|were|is|are|has|had|have|been)\b")
# What may follow a sentence's subject in its bullet: its verb (perhaps after an
# adverb), a comma and a lower-case clause, or a bracket ("Mary Prince (c. 1788 …)").
_ADVERBS = r"(?:first|then|later|also|soon|only|finally|still|never|once|again|not)"


# The rest of a name the extractor may leave out: "The Kigali Amendment [on HFCs]".
_NAME_TAIL_RE = re.compile(r"^(?:on|of|for)(?:\s+(?:[A-Z][\w'’-]*|\([^)]*\)|of|on|and|the))+\s*")


def _subject_ends(after: str) -> bool:
    """The text after a head in its bullet shows the head was the whole subject (or a
    name without its tail): its verb, a bracket, or a comma and a lower-case clause."""
    after = _NAME_TAIL_RE.sub("", after.lstrip())
    if after.startswith("("):
        return True
    if after.startswith(","):
        rest = after[1:].lstrip(" \"'“‘")
        return rest[:1].islower()
    word = re.match(rf"(?:{_ADVERBS}\s+)*(\S+)", after)
    return bool(word and _STRICT_VERB_RE.fullmatch(word.group(1)))


def one_stretch(text: str, bullet: str) -> bool:
    """The text is a stretch of the bullet, or its whole subject joined to a later
    clause of it with a verb of its own ("Skylab fell in 1979"; "Robert Bunsen found
    rubidium in 1861" from "found caesium in 1860 and rubidium in 1861"). Not joined
    to a gerund ("Azerbaijan began building ties leaving the treaty"), to a clause
    whose own subject was a pronoun ("Cataracts had surgery" from "…; he had
    surgery"), from part of a subject ("Tulip collapsed" from "Tulip prices …"),
    with "was" before a verb that takes none ("was entered into force"), nor without
    the "was" the clause shared ("Thomas Becket made a saint")."""
    # lower(), not casefold(): the same length, so places in it are places in the bullet.
    words = text.rstrip(".!;, ").lower().split()
    whole = bullet.lower()
    if " ".join(words) in whole:
        return True
    for cut in range(1, len(words)):
        head, rest = " ".join(words[:cut]), " ".join(words[cut:])
        if head not in whole or rest not in whole:
            continue
        if words[cut].endswith("ing") or re.search(r"['’]s$", words[cut - 1]):
            return False
        at, joined = whole.find(head), whole.find(rest)
        skipped = whole[at + len(head) : joined]
        pronoun = re.search(r"\b(?:he|she|it|they|we)\s*$", skipped)
        if pronoun and not _opens_on_name(bullet[at : at + len(head)].split(), frozenset()):
            return False  # "Cataracts …; he had surgery": the pronoun was not the head
        if _AUX_END_RE.search(head) and re.match(_INTRANSITIVE, rest):
            return False  # "was entered into force"
        predicate = re.sub(rf"^(?:{_ADVERBS}\s+)+", "", rest)
        if _STRICT_VERB_RE.match(predicate) and not _AUX_END_RE.search(head):
            # A subject joined to a later verb: the head must be the whole subject.
            if not _subject_ends(bullet[at + len(head) :]):
                return False
        elif not _STRICT_VERB_RE.search(head):
            return False  # neither a verb's later object nor a predicate of its own
        # "was murdered … and made a saint": the "was" the two verbs shared is lost.
        first_verb = _STRICT_VERB_RE.search(skipped)
        shared = first_verb is not None and _AUX_START_RE.match(first_verb.group())
        return not shared or bool(_AUX_START_RE.match(rest) or re.match(_INTRANSITIVE, rest))
    return False


# Verbs done to someone or something: right after a subject, with no "was", note-
# speak's passive ("Joan captured at Compiègne", "Bessus handed over", "The Exiles
# Decree read out at the Olympic Games"), never a past tense of the subject's own:
# each takes an object when active. Teachers rejected such items as fragments (quiz
# round 15, held-out sets 17 and 18).
_DONE_TO_RE = re.compile(
    r"captured|arrested|executed|murdered|assassinated|beheaded|hanged|crowned|elected|"
    r"exiled|banished|deposed|imprisoned|excommunicated|canoni[sz]ed|proclaimed|handed|"
    r"annexed|besieged|sacked|ransomed|betrayed"
)
# Done to a thing: a person can sign or publish ("Grant signed at Appomattox"), so
# only after "The", "A" or "An" ("The Exiles Decree read out at ...").
_DONE_TO_THINGS_RE = re.compile(
    r"read|ratified|founded|signed|published|excavated|unveiled|patented|consecrated"
)
# What may follow such a participle: a preposition or a particle, or nothing.
_AFTER_DONE_TO_RE = re.compile(
    r"at|in|on|by|after|before|from|to|over|out|off|up|into|for|as|near|outside|with|"
    r"during|under|within|without"
)
_SUBJECT_OPENING_RE = re.compile(r"(?:The|A|An|[A-Z][\w'’.-]*)$")


def passive_made_whole(text: str) -> str:
    """text with the "was" (or "were") note-speak left out of a passive put back:
    "Joan captured at Compiègne." -> "Joan was captured at Compiègne."; text
    itself when it has no such passive, or its subject is not plain."""
    words = text.split()
    thing = words[:1] in (["The"], ["A"], ["An"])
    at = next(
        (
            place
            for place, word in enumerate(words[:7])
            if _DONE_TO_RE.fullmatch(verb := word.strip(",.;:").casefold())
            or (thing and _DONE_TO_THINGS_RE.fullmatch(verb))
        ),
        0,
    )
    subject = words[:at]
    if (
        not subject
        or not _SUBJECT_OPENING_RE.match(subject[0])
        or any(w.endswith((",", ";", ":")) or not w[:1].isalnum() for w in subject)
        or any(w[:1].islower() and (w.endswith("ed") or _bare(w) in _PAST_WORDS) for w in subject)
    ):
        return text
    after = words[at + 1].strip(",.;:").casefold() if at + 1 < len(words) else ""
    if not words[at].endswith((".", ",", ";")) and after and not _AFTER_DONE_TO_RE.fullmatch(after):
        return text
    last = subject[-1]
    plural = any(w in ("and", "&") for w in subject) or (
        last[:1].islower() and last.endswith("s") and not last.endswith(("ss", "us", "is"))
    )
    return " ".join([*subject, "were" if plural else "was", *words[at:]])


_PAST_WORDS = frozenset(IRREGULAR_PAST.split("|")) | {"is", "are", "was", "were", "has", "had"}


# A clause after a comma with a subject and a finite verb of its own ("the Ionian
# fleet of 353 triremes was beaten"), after a clause that has one too: two sentences
# joined by a comma, as an item cut from the middle of a list of clauses reads
# (quiz round 17: both teachers of held-out set 25 threw one out).
_SPLICED_RE = re.compile(
    r"[^,;]*\b(?:was|were|is|are|had|has)\s+\w+[^,;]*,\s+|[^,;]*\b[a-z]{3,}ed\b[^,;]*,\s+"
)
_SPLICED_TAIL_RE = re.compile(
    r"(?:the|a|an|his|her|its|their)\s+(?:[\w'’-]+\s+){0,6}?(?:was|were|is|are)\s+[a-z]+(?:ed|en)\b"
)


def comma_splice(text: str) -> bool:
    """Two clauses, each with its subject and verb, joined by a comma alone: "At Lade
    the Samian ships deserted, the Ionian fleet of 353 triremes was beaten"."""
    head = _SPLICED_RE.match(text)
    return bool(head) and bool(_SPLICED_TAIL_RE.match(text, head.end()))
