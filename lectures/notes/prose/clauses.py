"""Clauses of an English sentence, as far as dating its parts needs: where a date
sits (main clause, aside, trailing or leading phrase, a lifespan), the subject a
clause starts with, and the right conjunct of "X did A in 1860 and B in 1861" made whole."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .dates import WINDOW, Mention, word_set

_AUXILIARIES = word_set("was were is are am be been being has have had does do did will shall can")


_IRREGULAR_VERBS = word_set(
    """
    arose awoke beat became become began begun bent bet bit bled blew bore borne bought
    bound bred broke broken brought built burnt burst caught chose chosen clung came cost
    crept cut dealt dug did done drew drawn drank drove driven ate eaten fell fallen fed
    felt fought found fled flung flew flown forbade forgot forgave froze frozen got gotten
    gave given went gone grew grown hung heard hid hidden hit held hurt kept knelt knew
    known laid led leapt left lent let lay lit lost made meant met paid put quit read rode
    ridden rang rung rose risen ran run said saw seen sought sold sent set shook shaken shed
    shone shot shown shut sang sung sank sunk sat slept slid spoke spoken spent spun split
    spread sprang stood stole stolen stuck stung struck strove swore sworn swept swam swum
    swung took taken taught tore torn told thought threw thrown understood undertook woke
    wore worn won wound wrote written withdrew withdrawn overtook overthrew overthrown
    """
)


_PARTICIPLES = word_set(
    """
    born borne built made written begun held set put kept known run shot sold won dug drawn
    given taken seen sent brought found grown shown done laid paid led cut read spent told
    thought taught founded begun chosen stolen driven eaten fallen forgotten hidden broken
    spoken sworn torn worn thrown flown risen sung sunk struck proven woven frozen shaken
    beaten bitten ridden forbidden overtaken undertaken mistaken sewn sown withdrawn
    """
)


_RELATIVES = frozenset({"who", "which", "whose", "whom", "where"})


_CLAUSE_PREPOSITIONS = frozenset({"in", "on", "from", "between", "during", "at", "around"})


_ADVERBS = word_set(
    "first later once originally initially formally finally also then still only already"
)


_DETERMINERS = word_set("the a an his her its their our this that these those my your each every")


PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})


_NAME_PARTICLES = word_set(
    "de de' d' da di del della der den van von la le du des dos das y of and v. v vs. & al bin ibn"
)


# ", two years before Minkowski ..." opens a clause with a subject and a date of its
# own (a bare ", before ..." or ", after ..." is left to the main clause).
_COORDINATOR_RE = re.compile(
    r";\s*|\s*(?:→|->|⇒|=>)\s*|,\s+(?=(?:and|but|yet|although|though|while|whereas|so|whilst)\b)"
    r"|,\s+[\w-]+\s+(?:years?|months?|weeks?|days?|decades?|centuries)\s+(?:before|after)\s+"
    r"(?=[A-Z])"
    # The end of a sentence in a paragraph (round 13, set 17): a word of lower-case
    # letters, not an initial or "c.", then a capital. Not a question: "Was Assyria the
    # first empire? Most Assyriologists give Akkad ..." answers it.
    r"|(?<=[a-z]{3}\.)\s+(?=[A-Z])|(?<=[a-z]{3}[)\"”’]\.)\s+(?=[A-Z])"
    # ... or a date: "John was deposed on 29 May 1415. Gregory XII, the Roman pope,
    # resigned ..." (round 18, set 23: the two sentences read as one).
    r"|(?<=\x00\.)\s+(?=[A-Z][a-z])"
    # ... or a short word no abbreviation is: "where Spain did not expect it. In 1819
    # he led ..." (round 19, set 24).
    r"|(?:(?<=\b(?:it|so|up|us|me)\.)|(?<=\b(?:him|too)\.)|(?<=\bthem\.))\s+(?=[A-Z][a-z])"
    # ... or a king's numeral: "regent for Michael III. A synod ...".
    r"|(?<=[IVX]{2}\.)\s+(?=[A-Z][a-z]|[A-Z]\s)"
)


_ARROW_RE = re.compile(r"\s*(?:→|->|⇒|=>)\s*")


_NUMBER_SPAN_RE = re.compile(r"(?<![\d.,])\d{2,4}\s*[-–—]\s*\d{2,4}(?![\d.,])")


def _result_of(left: str, right: str) -> bool:
    """Whether the undated right side of an arrow is what the dated left side's
    note-speak led to, and so part of its event: "1889: A + B, Strasbourg →
    pancreas removed from dog" (no verb on the left); but not "Darwin didn't
    publish till 1859 → lost priority", whose left side is a clause of its own."""
    return (
        MASK in left
        and MASK not in right
        # "→ Three Kingdoms, 220–280": a period of its own, read or not.
        and not _NUMBER_SPAN_RE.search(right)
        and not any(
            word[:1].islower() and (is_verb(word) or word.endswith(("n't", "n’t")))
            for word in left.split()
        )
    )


# A bare "and" or "but" between two dated verb phrases, and "was followed by" between
# two dated noun phrases ("The vote of 2 March was followed by the riot of 13 March").
_AND_RE = re.compile(r"\s+(?:and|but)(?=[\s,])|\s+(?:was|were)\s+(?:soon\s+)?followed\s+by\s+")


_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"


# What may stand before a date that is itself the subject of "was followed by": the
# start of the text or of a clause, or a weekday ("Wednesday 2 September ... was
# followed by Thursday 14 September"), so the pair is one instant, not two events.
_BARE_DATE_BEFORE_RE = re.compile(
    rf"(?:^|[,;:(—]\s*|\b(?:so|that|when|then)\s+|\bthe\s+day\s+after\s+)"
    rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?$"
)


_WORD_RE = re.compile(r"[^\s]+")


_ADVERB_FIRST_RE = re.compile(r"(?:(?:and|but|yet|although|though|while|whereas|so|whilst)\b\s*)")


def is_verb(word: str) -> bool:
    word = word.strip(",;:.\"'“”()").casefold()
    return (
        word in _AUXILIARIES
        or word in _IRREGULAR_VERBS
        # "rebuilt", "retook", "rewritten": an irregular verb done again.
        or (word.startswith("re") and word[2:] in _IRREGULAR_VERBS and len(word) > 5)
        or (len(word) > 3 and word.endswith("ed") and word not in {"red", "bed", "seed", "need"})
    )


def is_participle(word: str) -> bool:
    word = word.strip(",;:.\"'“”()").casefold()
    if word.startswith("re") and word[2:] in _PARTICIPLES and len(word) > 5:
        return True  # "rebuilt", "rewritten"
    return word in _PARTICIPLES or (len(word) > 3 and word.endswith("ed") and word != "need")


def _opens_subordinate(words: list[str]) -> bool:
    """Whether a comma-separated phrase starting with words reads as a subordinate clause."""
    if not words:
        return False
    first = words[0].strip("\"'“”(").casefold()
    if first in _RELATIVES or first in _CLAUSE_PREPOSITIONS:
        return True
    if is_participle(first) or (len(first) > 4 and first.endswith("ing")):
        return True
    if (first in _ADVERBS or first.endswith("ly")) and len(words) > 1:
        return is_participle(words[1])
    return False


MASK = "\x00"


def mask(text: str, mentions: list[Mention]) -> str:
    """text with every date replaced by MASK, so its commas and "and"s split no clauses."""
    chars = list(text.replace(MASK, " "))
    for mention in mentions:
        for index in range(mention.start, mention.end):
            chars[index] = MASK
    return "".join(chars)


def clause_subject(text: str) -> str:
    """The subject a clause starts with ("Gregor Mendel", "The German V-2"), or ""."""
    words = text.split()
    subject: list[str] = []
    after_determiner = False
    for word in words[:10]:
        bare = word.strip("\"'“”")
        key = bare.casefold()
        if key in _DETERMINERS and not subject:
            subject.append(word)
            after_determiner = True
            continue
        if word.endswith(",") and bare[:1].isupper() and not is_verb(bare):
            # "Skylab, the first American station, was ...": the name before the aside.
            subject.append(word.rstrip(","))
            break
        if is_verb(bare) or word.endswith((",", ";", ":")):
            if word.endswith((",", ";", ":")) and not is_verb(bare):
                return ""
            break
        if bare[:1].isupper() or bare[:1].isdigit() or key in _NAME_PARTICLES:
            subject.append(word)
            continue
        if key in PRONOUNS and not subject:
            subject.append(word)
            break
        capitalised = any(w[:1].isupper() for w in subject[1:])
        if (after_determiner and bare.isalpha() and not capitalised) or "'s" in key or "’s" in key:
            subject.append(word)
            continue
        break
    else:
        return ""
    while subject and (
        subject[-1].casefold() in _ADVERBS or subject[-1].casefold() in ("and", "&", "of")
    ):
        subject.pop()  # not "his queen Isabella and" of "... and her lover made peace"
    if not subject or all(w.casefold() in _DETERMINERS for w in subject):
        return ""
    return " ".join(subject)


def tidy(text: str) -> str:
    """A part of a bullet as a phrase of its own: capitalised, no dangling punctuation."""
    text = " ".join(text.split()).strip(" ,;:—–-")
    if text.endswith(".") and not re.search(r"\b[A-Z]\.$", text):
        text = text[:-1]
    if text[:1].islower() and not text[1:2].isupper():
        text = text[0].upper() + text[1:]
    return text


@dataclass
class Placed:
    mention: Mention
    clause: tuple[int, int]
    # "main", "parenthetical", "trailing", "leading", "lifespan" or "relative" (a
    # "where" or "when" clause inside the main one)
    role: str
    part: tuple[int, int]  # the characters the date belongs to


def in_brackets(text: str, position: int) -> bool:
    """Whether position is inside a bracket opened within WINDOW characters before it."""
    before = text[max(0, position - WINDOW) : position]
    return before.rfind("(") > before.rfind(")")


def split_clauses(masked: str) -> list[tuple[int, int]]:
    """Coordinate clauses: split at ";" and ", and", ", but", ", although" ...; and at a
    bare "and" that joins two dated verb phrases ("presented in 1865 and published in 1866")."""
    bounds = []
    start = 0
    # A ";" inside brackets is the aside's own ("22 October 1707 (O.S.; 2 November by
    # the Continental calendar)"): the sentence goes on after it (round 12, set 14).
    matches = [m for m in _COORDINATOR_RE.finditer(masked) if not in_brackets(masked, m.start())]
    for index, match in enumerate(matches):
        if _ARROW_RE.fullmatch(match.group()):
            following = matches[index + 1].start() if index + 1 < len(matches) else len(masked)
            if _result_of(masked[start : match.start()], masked[match.end() : following]):
                continue
        bounds.append((start, match.start()))
        start = match.end()
        connector = _ADVERB_FIRST_RE.match(masked, start)
        if connector:
            start = connector.end()
    bounds.append((start, len(masked)))
    bounds = [piece for bound in bounds for piece in _comma_conjuncts(masked, *bound)]
    clauses = []
    for c_start, c_end in bounds:
        piece_start = c_start
        for match in _AND_RE.finditer(masked, c_start, c_end):
            left = masked[piece_start : match.start()]
            right = masked[match.end() : c_end].lstrip(" ,")
            if "followed" in match.group() and re.match(rf"(?:{_WEEKDAY},?\s+)?{MASK}", right):
                continue  # a date followed by a date: one instant (see one_instant)
            if _names_joined(left[-_REACH:], right[:_REACH]):
                continue  # "named by Gingerich and Russell in 1981": two names, one clause
            if MASK in left and MASK in right and not right.startswith(MASK):
                clauses.append((piece_start, match.start()))
                piece_start = match.end()
        clauses.append((piece_start, c_end))
    return [(s, e) for s, e in clauses if masked[s:e].strip()]


# A conjunct after a comma with its verb left out: ", Anna Karenina in 1875–77" of
# "War and Peace came out from 1865 to 1869, Anna Karenina in 1875–77".
_COMMA_CONJUNCT_RE = re.compile(
    rf",\s+(?P<name>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|and|the|de|von|la|le))*)"
    rf"\s+(?:(?:in|on|from|during|c\.)\s*)?{MASK}+(?=\s*(?:[,.;]|$))"
)


_VERB_LIST_COMMA_RE = re.compile(r",\s+(?=[a-z])")
# The ", and" of a list's last conjunct.
_AND_NEXT_RE = re.compile(r",\s+and\s+[a-z]")


# How far either side of a comma or an "and" the clause reading looks.
_REACH = 200


def _comma_conjuncts(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """start..end split before each comma conjunct (see above), when what comes
    before it holds a date and a verb of its own for the conjunct to share."""
    pieces = []
    # A list of verb phrases: "was founded in 1878, moved grounds in 1880 and won the
    # cup in 1890" (an "and" before the last tells it from a participle that follows
    # a noun, "powered the Macintosh, launched on 24 January 1984").
    # Windows either side of each comma, so a bullet of many commas is read in
    # linear time.
    for match in _VERB_LIST_COMMA_RE.finditer(masked, start, end):
        left = masked[max(start, match.start() - _REACH) : match.start()]
        right = masked[match.end() : min(end, match.end() + _REACH)]
        words = right.split()
        if (
            MASK in left
            and any(w[:1].islower() and is_verb(w) for w in left.split())
            and words
            and words[0][:1].islower()
            and is_verb(words[0])
            and MASK in right.split(",")[0]
            and (
                re.search(rf"{MASK}[^,;]*\s+and\s+[a-z]+", right)
                # The last conjunct after ", and", which split_clauses has split off.
                or (
                    match.end() + len(right) >= end
                    and "," not in right
                    and _AND_NEXT_RE.match(masked, end)
                )
            )
        ):
            pieces.append((start, match.start()))
            start = match.end()
    for match in _COMMA_CONJUNCT_RE.finditer(masked, start, end):
        left = masked[max(start, match.start() - _REACH) : match.start()]
        verb = any(w[:1].islower() and is_verb(w) for w in left.split())
        if MASK not in left or not (verb or pieces):
            continue
        pieces.append((start, match.start()))
        start = match.start("name")
    pieces.append((start, end))
    return pieces


def _names_joined(left: str, right: str) -> bool:
    """A bare "and" between two capitalised words inside a clause: "Marx and Engels",
    "Gingerich and Russell", not a clause's end ("... in 1759 and Cyfarthfa in 1765")."""
    before = left.split()[-1:] if not left.endswith((",", " ")) else []
    after = right.split()[:1]
    return bool(
        before
        and after
        and len(left.split()) > 1
        and before[0][:1].isupper()
        and MASK not in before[0]
        and after[0][:1].isupper()
        and not is_verb(after[0])
    )


_NAME_WORD_RE = re.compile(r"[^\s,;:()]+")


_EPITHET_RE = re.compile(r"(?i),\s*(?:called|known\s+as|nicknamed|dubbed)\s+(?:the\s+)?$")


_WORD_BEFORE_RE = re.compile(r"[A-Z][^\s,;:()]*\s*$")


def _lifespan(text: str, mention: Mention) -> tuple[int, int] | None:
    """The name and "(1452–1519)" or "(b. 1780)" of a lifespan, or None."""
    # Windows before and after the date, so many lifespans in a bullet take linear time.
    before = text[max(0, mention.start - 20) : mention.start]
    if mention.end_when is None:
        # A birth alone: "Mary Somerville (b. 1780)".
        opening = re.search(r"\(\s*(?:b\.|born)\s*$", before)
        if not opening or mention.kind != "year" or not text.startswith(")", mention.end):
            return None
    else:
        years = mention.end_when.year - mention.when.year
        opening = re.search(r"\(\s*(?:c\.\s*|ca\.\s*|circa\s+)?$", before)
        if not opening or not text.startswith(")", mention.end) or not 15 <= years <= 110:
            return _office(text, mention)
        if mention.kind != "span" or mention.when.month or mention.end_when.month:
            return None
    position = mention.start - len(before) + opening.start()
    name_start = _name_before(text, position)
    if name_start is None:
        return None
    return name_start, mention.end + 1


# A reign or an office in brackets, "(r. 1867–1912)", "(pope 1198–1216)", or set off
# by commas after a name, "Wilhelm II (1859–1941), German Emperor 1888–1918,".
_BRACKETED_OFFICE_RE = re.compile(
    r"\(\s*(?:r\.|reigned|ruled|in\s+office|(?P<title>[^\W\d]+))\s+(?:c\.\s*|ca\.\s*)?$"
)
_OFFICE_AFTER_NAME_RE = re.compile(
    r",\s*(?P<title>[A-Z][\w'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]*){0,3}\s+)$"
)
_BRACKET_BEFORE_RE = re.compile(r"\s*\([^()]*\)\s*$")


def _office(text: str, mention: Mention) -> tuple[int, int] | None:
    """The name and reign or office of a person: "Emperor Meiji (r. 1867–1912)",
    "Wilhelm II (1859–1941), German Emperor 1888–1918". Like a lifespan, it dates the
    person, not the clause it stands in; or None."""
    if mention.kind != "span" or mention.when.month or mention.end_when.month:
        return None
    if not 0 <= mention.end_when.year - mention.when.year <= 110:
        return None
    before = text[max(0, mention.start - 40) : mention.start]
    bracketed = _BRACKETED_OFFICE_RE.search(before)
    if bracketed and text.startswith(")", mention.end):
        title = bracketed.group("title")
        if title and (title[:1].isupper() or is_verb(title) or is_participle(title)):
            return None
        end = mention.end + 1
        # Past a gloss of the name: 'Suleiman I, "Kanuni" (the Lawgiver) (r. 1520–66)'.
        gloss = _BRACKET_BEFORE_RE.search(text, 0, mention.start - len(before) + bracketed.start())
        if gloss:
            return _named_from(text, gloss.start(), end)
    else:
        bracketed = _OFFICE_AFTER_NAME_RE.search(before)
        if not bracketed or not re.match(r"\s*[,;)]", text[mention.end :]):
            return None
        if any(is_verb(word.casefold()) for word in bracketed.group("title").split()):
            return None
        end = mention.end
    position = mention.start - len(before) + bracketed.start()
    if not bracketed.group().startswith("("):
        # Past the person's lifespan: "Wilhelm II (1859–1941), ...".
        life = _BRACKET_BEFORE_RE.search(text, 0, position)
        position = life.start() if life else position
    return _named_from(text, position, end)


def _named_from(text: str, position: int, end: int) -> tuple[int, int] | None:
    name_start = _name_before(text, position)
    return None if name_start is None else (name_start, end)


def _capital(word: str) -> bool:
    """A word of a name, a quoted nickname among them: 'Bayezid I "Yıldırım", the
    Thunderbolt' (timeline round 20, set 25)."""
    return word.lstrip("\"“‘'«")[:1].isupper()


def _name_before(text: str, position: int) -> int | None:
    """Where the name that ends at `position` starts, past an epithet ("..., called
    the Great"), or None."""
    name_start = None
    while True:
        words = list(_NAME_WORD_RE.finditer(text, max(0, position - 200), position))
        index = len(words) - 1
        while index >= 0:
            word = words[index].group()
            epithet_the = (  # "Edward the Confessor", "Alfred the Great"
                word == "the" and index > 0 and _capital(words[index - 1].group())
            )
            if _capital(word) or (
                (word.casefold() in _NAME_PARTICLES or epithet_the) and name_start
            ):
                name_start = words[index].start()
                index -= 1
                continue
            break
        if name_start is None:
            return None
        epithet = _EPITHET_RE.search(text, max(0, name_start - 40), name_start)
        if not epithet:
            break
        position = epithet.start()
        previous = name_start
        name_start = None
        words_before = _WORD_BEFORE_RE.search(text, max(0, position - 200), position)
        if not words_before:
            name_start = previous
            break
    # Leading particles ("of") are not part of the name.
    while True:
        first = re.match(r"(\S+)\s+", text[name_start : name_start + 40])
        if first and first.group(1).casefold() in _NAME_PARTICLES:
            name_start += first.end()
        else:
            break
    return name_start


# Past tenses with no passive: a conjunct on one of them shares no "was".
_NO_PASSIVE = word_set(
    "died arrived fled happened occurred emerged collapsed fell rose went came lived "
    "resigned retired abdicated sailed remained disappeared vanished existed perished "
    "surrendered escaped marched slept wept"
)


def clause_of(clauses: list[tuple[int, int]], position: int) -> tuple[int, int] | None:
    """The clause (of split_clauses, in order) that holds position, found by bisection."""
    index = bisect.bisect_right(clauses, (position, float("inf"))) - 1
    if index >= 0 and clauses[index][0] <= position < clauses[index][1]:
        return clauses[index]
    return None


# Words that open a leading clause the main clause's subject follows: "After
# failing in 1843, Morse ...", "When the line opened in 1844, Morse ...".
_LEADING_SUBORDINATORS = word_set("after before when once while following")


def place_date(text: str, masked: str, mention: Mention, clauses: list[tuple[int, int]]) -> Placed:
    clause = clause_of(clauses, mention.start) or (0, len(text))
    c_start, c_end = clause
    life = _lifespan(text, mention)
    if life:
        return Placed(mention, clause, "lifespan", life)
    # "Born in 1809, Darwin began ...": a leading participial phrase, when the clause
    # goes on with a subject and verb of its own.
    opening = masked[c_start:c_end].lstrip()
    lead_start = c_end - len(masked[c_start:c_end].lstrip()) if opening else c_start
    first_word = opening.split(maxsplit=1)[0] if opening else ""
    comma = masked.find(",", lead_start, c_end)
    if (
        first_word[:1].isupper()
        and (
            is_participle(first_word)
            or first_word.casefold() in _LEADING_SUBORDINATORS
            or (first_word.endswith("ing") and len(first_word) > 5)
        )
        and first_word.casefold() not in _AUXILIARIES
        and comma > mention.start
        and lead_start <= mention.start
    ):
        rest = text[comma + 1 : c_end]
        if clause_subject(rest) and rest.split()[0].casefold() not in _RELATIVES:
            return Placed(mention, clause, "leading", (lead_start, comma))
    aside = _bracketed_participle(masked, clause, mention)
    if aside:
        return Placed(mention, clause, "parenthetical", aside)
    # ", signed in 1648," or ", which left gold in September 1931,".
    comma_before = masked.rfind(",", c_start, mention.start)
    if comma_before != -1:
        words = (
            masked[comma_before + 1 : mention.start].split()
            or masked[comma_before + 1 : mention.end].split()
        )
        # ", dated 16 January 1939," dates the noun before it, whose clause is the event
        # (unless the clause dates its verb itself: "Bones, dated c. 9 ka, were found
        # in 1931": the aside is the bones' age).
        comma_after = masked.find(",", mention.end, c_end)
        own_date = comma_after != -1 and MASK in masked[comma_after:c_end]
        if (
            _opens_subordinate(words)
            and (words[0].casefold() != "dated" or own_date)
            and not _verb_after_relative(masked, c_start, comma_before, words)
        ):
            if comma_after != -1 and masked[comma_after + 1 : c_end].strip(" .;:"):
                return Placed(mention, clause, "parenthetical", (comma_before + 1, comma_after))
            return Placed(mention, clause, "trailing", (comma_before + 1, c_end))
        comma_after = masked.find(",", mention.end, c_end)
        if comma_after != -1 and _appositive(text, c_start, comma_before, comma_after, words):
            return Placed(mention, clause, "parenthetical", (comma_before + 1, comma_after))
    return Placed(mention, clause, "main", clause)


def _bracketed_participle(
    masked: str, clause: tuple[int, int], mention: Mention
) -> tuple[int, int] | None:
    """The inside of a bracket the date sits in that opens with a participle of its
    own, in a clause dated outside it: "found it in 1869 (published 1871)", "took its
    name in 1856 (founded 1851 as ...)". The aside dates a second thing the subject
    did; the clause's own date is the clause's."""
    c_start, c_end = clause
    opening = masked.rfind("(", c_start, mention.start)
    if opening == -1 or ")" in masked[opening : mention.start]:
        return None
    closing = masked.find(")", mention.end, c_end)
    if closing == -1:
        return None
    words = masked[opening + 1 : mention.start].split()
    if not words or not words[0].islower() or not is_participle(words[0]) or len(words) > 3:
        return None
    outside = masked[c_start:opening] + masked[closing + 1 : c_end]
    if MASK not in outside:
        return None
    return (opening + 1, closing)


def _verb_after_relative(masked: str, c_start: int, comma_before: int, words: list[str]) -> bool:
    """The words after the comma are the clause's own verb, past a relative clause set
    off after its subject: "Ada Byron, who met Babbage in June 1833, translated in 1843
    ..." ("translated" is no participle of an aside)."""
    if not words or not words[0][:1].islower() or not is_verb(words[0]):
        return False
    relative = re.match(r"([^,]+),\s+(?:who|which)\s[^,]*$", masked[c_start:comma_before])
    return bool(relative) and not any(
        word[:1].islower() and is_verb(word) for word in relative.group(1).split()
    )


_CLAUSE_OPENERS = word_set(
    "that when where while because after before as whereas although though until once"
)


# What may come before the date in an appositive: "a wolf-sized wader of about",
# "the "walking whale" of c.", "some".
_APPOSITIVE_OPENINGS = word_set("a an the some about around roughly c. ca. circa")


def _appositive(
    text: str, c_start: int, comma_before: int, comma_after: int, words: list[str]
) -> bool:
    """A dated noun phrase set off by commas between a clause's subject and its verb:
    "Pakicetus, a wader of about 50 million years ago, was named in 1981",
    "Rodhocetus, some 47 mya, was more at home in the sea". Its date is the
    subject's, not the predicate's."""
    head = text[c_start:comma_before].strip()
    subject = bool(head) and clause_subject(f"{head}, x") == head and head[:1].isupper()
    # Or the subject of a clause further on: "... showed that Indohyus, a raoellid of
    # c. 48 Ma, had ..." (not an object: "published Slavery, a Poem in 1788, timed").
    name = re.search(r"\b(\w+)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*$", head)
    if not subject and not (name and name.group(1).casefold() in _CLAUSE_OPENERS):
        return False
    words = [word for word in words if MASK not in word]
    if not subject and not words:
        return False
    if (
        words
        and (
            words[0].strip("\"'“”").casefold() not in _APPOSITIVE_OPENINGS
            # "wolf-sized" is an adjective, not a verb.
            or any(word[:1].islower() and "-" not in word and is_verb(word) for word in words[:10])
        )
    ):
        return False
    following = text[comma_after + 1 : comma_after + 40].split()
    while following and following[0].casefold() in _ADVERBS:
        following.pop(0)
    return bool(following) and following[0][:1].islower() and is_verb(following[0])


def _from_verb(words: str) -> str:
    """words from their first verb on: "was added" of "racing was added" (the rest of
    a subject clause_subject stopped short of)."""
    split = words.split()
    for index, word in enumerate(split):
        if is_verb(word):
            return " ".join(split[index:])
    return words.strip()


def _named_object(words: str) -> bool:
    """words (a clause less its subject) hold a verb, then a capitalised name: "
    published Bleak House"."""
    rest = _from_verb(words).split()
    run = 0
    while run < len(rest) and (is_verb(rest[run]) or rest[run] in _ADVERBS):
        run += 1
    return 0 < run < len(rest) and rest[run][:1].isupper()


def _verb_only(words: str) -> bool:
    """words hold a verb and nothing after it but verbs and adverbs: no object."""
    rest = _from_verb(words).split()
    return (
        bool(rest)
        and is_verb(rest[0])
        and all(is_verb(word) or word.casefold() in _ADVERBS for word in rest)
    )


# What may follow a passive participle that shares the first conjunct's "was":
# a preposition or the date ("and rebuilt in 1190"), not an object ("and won the
# cup in 1890").
_PASSIVE_FOLLOWERS = word_set(
    "in on at by from to during after before under as for again into out up off down over "
    "through with onto across back away around without"
)


def _own_verb(words: list[str]) -> bool:
    """words (a conjunct's, before its date) hold a subject and a finite verb of
    their own: a capitalised name or a pronoun, then a verb not read as an adjective
    after a determiner ("the ruined abbey")."""
    for index, word in enumerate(words[1:], start=1):
        previous = words[index - 1].casefold()
        if (
            word[:1].islower()
            and is_verb(word)
            and previous not in _DETERMINERS
            and (words[0][:1].isupper() or words[0].casefold() in PRONOUNS)
        ):
            return True
    return False


def gapped(
    text: str,
    left: tuple[int, int],
    right: tuple[int, int],
    left_date: Mention | None,
    right_date: Mention,
) -> str:
    """The right conjunct of "X did A in 1860 and B in 1861" made whole: "X did B in 1861"."""
    # "Iron drove demand: the Dowlais works was founded in 1759 and Cyfarthfa in 1765":
    # the conjuncts are after the lead-in's colon.
    colon = text.find(": ", left[0], left_date.start if left_date else left[1])
    if colon != -1 and clause_subject(text[colon + 2 : left[1]]):
        left = (colon + 2, left[1])
    r_text = text[right[0] : right[1]]
    l_text = text[left[0] : left[1]]
    stripped = r_text.lstrip(" ,")
    inserted = ""
    aside = re.match(r",\s*([^,]+),\s*", r_text.lstrip(" "))
    if aside and not re.search(r"\d", aside.group(1)):
        inserted = aside.group(1)
        stripped = r_text.lstrip(" ")[aside.end() :]
    r_words = stripped.split()
    first = r_words[0].strip(",").casefold() if r_words else ""
    lead = re.match(r"\s*([A-Z]\w+)\b[^,]*,\s*", l_text)
    if lead and is_participle(lead.group(1)) and lead.group(1).casefold() not in _AUXILIARIES:
        l_text = l_text[lead.end() :]
    subject = clause_subject(l_text)
    # "... and published them in 1866": a verb phrase without its subject.
    if first and not inserted and (is_verb(first) or first in _AUXILIARIES):
        if not subject:
            return stripped
        rest_words = l_text[len(subject) :].split()
        while rest_words and rest_words[0].casefold() in _ADVERBS:
            rest_words.pop(0)
        auxiliary = ""
        # "was founded in 1878 ... and rebuilt in 1890" shares "was"; "... and won the
        # cup in 1890" has an object, so is active and shares none.
        following = r_words[1].strip(",").casefold() if len(r_words) > 1 else ""
        if (
            rest_words
            and rest_words[0].casefold() in _AUXILIARIES
            and first not in _AUXILIARIES
            and is_participle(first)
            # "was wounded ... and died on 10 July": no "was died" (round 21, set 26).
            and first not in _NO_PASSIVE
            and (not following or following in _PASSIVE_FOLLOWERS or MASK in following)
        ):
            auxiliary = rest_words[0] + " "
        return f"{subject} {auxiliary}{stripped}"
    if left_date is None:
        return stripped
    # "... and rubidium in 1861": the shared words of the left conjunct, up to what
    # the right one replaces.
    l_before = text[left[0] : left_date.start]
    r_date_at = stripped.find(text[right_date.start : right_date.end])
    r_before_words = stripped[:r_date_at].split() if r_date_at != -1 else []
    r_after = stripped[r_date_at + right_date.end - right_date.start :].lstrip(" ,").split()
    while r_after and r_after[0].casefold() in _ADVERBS:
        r_after.pop(0)
    if (
        subject
        and r_date_at != -1
        and r_after
        and r_after[0][:1].islower()
        and (is_verb(r_after[0]) or r_after[0] in _AUXILIARIES)
        and all(MASK not in word for word in r_before_words)
    ):
        # "... on 8 May 1853 and on 14 May went ashore": a verb of its own after a
        # date that leads the conjunct; only the subject is shared.
        return f"{subject} {stripped}"
    if _own_verb(r_before_words):
        # "... burned in 1174 and William rebuilt it until he fell in 1178": a clause
        # of its own, with nothing left out to borrow.
        return stripped
    l_words = list(re.finditer(r"\S+", l_before))
    prefix = None
    for offset, word in enumerate(r_before_words):
        key = word.casefold()
        # "the" of "the coast" is no shared word: "reached Leeds in 1840 and the coast".
        hits = [w for w in l_words if w.group().casefold() == key and key not in _DETERMINERS]
        if hits:
            cut = hits[-1].start()
            new = r_before_words[:offset]
            if all(w.casefold() in {"again", "also", "later", "then", "twice"} for w in new):
                # "... in 1903 and again in 1911": only an adverb is new.
                prefix = l_before[:cut]
            elif (
                subject
                and l_before.startswith(subject)
                and new[0][:1].isupper()
                and _named_object(l_before[len(subject) : cut])
            ):
                # "Dickens published Bleak House in 1852–53, Little Dorrit in 1855–57":
                # the new name is a new object of the shared verb, as the old was one.
                verbs = _from_verb(l_before[len(subject) : cut]).split()
                run = 0
                while run < len(verbs) and (is_verb(verbs[run]) or verbs[run] in _ADVERBS):
                    run += 1
                shared = " ".join(r_before_words[offset:])
                return (
                    f"{subject} {' '.join(verbs[:run])} {' '.join(new)} {shared} "
                    f"{stripped[r_date_at:]}"
                )
            elif (
                subject
                and l_before.startswith(subject)
                and (new[0][:1].isupper() or _verb_only(l_before[len(subject) : cut]))
            ):
                # "..., and HTTP/3 as RFC 9114", "... was added in 680 BC and the
                # pankration in 648 BC": a new subject for the shared verb, never glued
                # to the old one. (With an object between, "reached Leeds in 1840 and
                # the coast in 1846", the new words are a new object instead.)
                verb = _from_verb(l_before[len(subject) : cut])
                shared = " ".join(r_before_words[offset:])
                return f"{' '.join(new)} {verb} {shared} {stripped[r_date_at:]}"
            elif new[0].casefold() in _DETERMINERS and subject and l_before.startswith(subject):
                # A new object of the shared verb ("... and the coast in 1846"): the
                # subject and verb, then the new words, however many the old had.
                verbs = _from_verb(l_before[len(subject) : cut]).split()
                run = 0
                while run < len(verbs) and (is_verb(verbs[run]) or verbs[run] in _ADVERBS):
                    run += 1
                if not run:
                    return stripped
                prefix = f"{subject} {' '.join(verbs[:run])} "
            else:
                keep = l_words.index(hits[-1]) - len(new)
                prefix = l_before[: l_words[max(keep, 0)].start()] if keep > 0 else ""
            break
    if prefix is None:
        drop = len(r_before_words)
        if r_before_words and r_before_words[0].casefold() in {
            "again",
            "also",
            "later",
            "then",
            "twice",
        }:
            drop = (
                1
                if len(l_words)
                and l_words[-1].group().casefold() in _CLAUSE_PREPOSITIONS | {"to", "by", "for"}
                else 0
            )
        keep = len(l_words) - drop
        prefix = (
            l_before[: l_words[keep].start()]
            if 0 < keep < len(l_words)
            else (l_before if keep >= len(l_words) else "")
        )
    if inserted:
        return f"{prefix.rstrip()}, {inserted}, {stripped}"
    return f"{prefix}{stripped}"


def respectively(
    text: str, first: Mention, second: Mention, clause_text: str
) -> tuple[str, str] | None:
    """ "The Challenger and Columbia disasters, in 1986 and 2003": each name with its year."""
    pair = re.search(r"\b([A-Z][\w'’-]*) and ([A-Z][\w'’-]*)\b", clause_text)
    if not pair:
        return None
    dates = text[first.start : second.end]
    texts = []
    for name, date in ((pair.group(1), first), (pair.group(2), second)):
        one = clause_text.replace(pair.group(), name, 1).replace(
            dates, text[date.start : date.end], 1
        )
        texts.append(one)
    return texts[0], texts[1]


_ONE_INSTANT_BETWEEN_RE = re.compile(
    rf"\s+(?:(?:was|were)\s+(?:immediately\s+|directly\s+)?followed\s+(?:directly\s+|"
    rf"immediately\s+)?by|became|turned\s+into)\s+(?:{_WEEKDAY},?\s+)?(?:the\s+)?"
)


def one_instant(text: str, first: Mention, second: Mention) -> bool:
    """ "Wednesday 2 September 1752 was followed by Thursday 14 September 1752": two
    dates that are themselves the subject and object name one moment (a calendar's
    change), not two events; "the vote of 2 March was followed by the riot of
    13 March" names two."""
    return bool(
        _ONE_INSTANT_BETWEEN_RE.fullmatch(text, first.end, second.start)
        and _BARE_DATE_BEFORE_RE.search(text, max(0, first.start - 80), first.start)
    )


_RELATIVE_WORD_RE = re.compile(r"(?i)\b(?:where|when)\s+")


def relative_clause(
    text: str, masked: str, clause: tuple[int, int], mention: Mention
) -> tuple[int, int] | None:
    """The "where" or "when" clause a date sits in, from its own subject on: "the
    treaty had been signed in 1701" of "They met in the city where the treaty had
    been signed in 1701". The date is that clause's, not the main clause's."""
    c_start, c_end = clause
    head = None
    # Within a sentence's reach of the date, so a long bullet is read in linear time.
    window = max(c_start, mention.start - 200)
    for head in _RELATIVE_WORD_RE.finditer(masked, window, mention.start):  # noqa: B007
        pass  # the last one is the clause the date is in
    if head is None or re.search(rf"[,;:]|{MASK}", masked[head.end() : mention.start]):
        return None
    if not clause_subject(text[head.end() : c_end]):
        return None
    # The clause ends at a comma, or where the main clause's verb comes back ("The
    # city where the treaty was signed in 1701 was rebuilt").
    end = c_end
    for word in _WORD_RE.finditer(masked, mention.end, min(c_end, mention.end + 200)):
        if "," in word.group() or ";" in word.group():
            end = word.start() + max(word.group().find(","), word.group().find(";"))
            break
        if word.group().casefold() in _AUXILIARIES:
            end = len(masked[: word.start()].rstrip())
            break
    return head.start(), end


# What may open a text before its subject: a date with its preposition ("In March
# 1871", "On 3 May 1911,"), or a date and a separator ("1848: ...").
_LEADING_DATE_RE = re.compile(
    r"(?i)^\W*(?P<preposition>(?:(?:in|on|by|during|from|after|before|between|around|circa|c\.|"
    r"at|since|early|late|mid|about|of)\s+)*)(?:the\s+)?"
)


_OPENING_PREPOSITIONS = word_set("despite during after before following with without amid")


_FUNCTION_WORDS = word_set(
    """
    in on at by of from to for with into onto over under after before during since until
    the a an his her its their and also then later first again soon
    """
)


def names_nothing_else(text: str, subject: str, dates: list[Mention]) -> bool:
    """Whether the rest of the subject's clause names nothing that "it" or "they" could
    stand for instead: "The mill opened in 1822; it ..." (the mill), not "The king
    summoned parliament in 1265 and it ..." (parliament)."""
    start = text.find(subject)
    if start == -1:
        return False
    start += len(subject)
    end = min(
        [date.start for date in dates if date.start >= start]
        + [i for i in (text.find(";", start), text.find(",", start)) if i != -1]
        + [len(text)]
    )
    return all(
        is_verb(word) or word.strip(",").casefold() in _FUNCTION_WORDS | _ADVERBS
        for word in text[start:end].split()
    )


def after_leading_date(text: str, dates: list[Mention]) -> int:
    """Where text goes on after a date it opens with ("In March 1871 ", "1848: "), or 0
    when it opens with none, or the date is its subject ("The 1960s brought ...")."""
    lead = _LEADING_DATE_RE.match(text)
    for date in dates:
        if date.start > lead.end():
            break
        if date.start == lead.end():
            separator = re.match(r"[\s,:;—–-]*", text[date.end :]).group()
            if lead.group("preposition") or separator.strip():
                return date.end + len(separator)
    return 0


# An adverb and a participle opening a phrase before the subject: "Mortally wounded
# in a duel with d'Anthès, ".
_ADVERB_PARTICIPLE_RE = re.compile(r"\W*[A-Z][a-z]+ly\s+[a-z]+(?:ed|en|wn)\b[^,;:]{0,80},")


# A phrase of place or time set off by a comma before a clause's subject.
_LEADING_PHRASE_RE = re.compile(
    r"\W*(?i:at|in|on|near|outside|inside|off|beyond|under|during)\s+[^,;:()]{1,80},\s*"
)


_OPENING_PHRASE_PRONOUN_RE = re.compile(
    r"\W*(?i:after|before|during|following|within|in|at|on)\s+"
    r"(?i:the|a|an|his|her|its|their|that|this)\s+[a-z][\w'’-]*\s+"
    r"(?P<pronoun>(?i:he|she|they))\s"
)


def subject_state(text: str, dates: list[Mention]) -> tuple[str, int]:
    """Whether a text reads as a statement with its subject: ("ok", 0), ("pronoun",
    where the pronoun starts) or ("none", 0) for a text that starts with a verb or a
    participle ("signed 10 February 1763", "and resigned in 1866", "Born in 1812")."""
    position = after_leading_date(text, dates)
    # "On 3 January 1850 (22 December 1849 O.S.) he ...": an aside after the date.
    aside = re.match(r"\s*\([^()]{1,60}\)[\s,]*", text[position:]) if position else None
    if aside:
        position += aside.end()
    # "At Cannae, on 2 August 216 BC, he ...": the subject after the opening phrases.
    while phrase := _LEADING_PHRASE_RE.match(text, position):
        if any(word[:1].islower() and is_verb(word) for word in phrase.group().split()):
            break
        position = phrase.end()
    # "After the war he led them again from 1952 to 1977": a short phrase with no
    # comma, then the pronoun that is the subject.
    opening = _OPENING_PHRASE_PRONOUN_RE.match(text, position)
    if opening:
        return "pronoun", opening.start("pronoun")
    # "Mortally wounded in a duel, he died ...": a participle's phrase, then the subject.
    opening = _ADVERB_PARTICIPLE_RE.match(text, position)
    if opening:
        rest = text[opening.end() :]
        pronoun = re.match(r"\s*(he|she|it|they|we|i|you)\b", rest, re.IGNORECASE)
        if pronoun:
            return "pronoun", opening.end() + pronoun.start(1)
    word_match = _WORD_RE.search(text, position)
    if word_match is None:
        return "none", 0
    word = word_match.group().strip("\"'“”‘’(")
    key = word.casefold().rstrip(",;:.")
    if key in PRONOUNS:
        return "pronoun", word_match.start() + word_match.group().find(word)
    if word[:1].islower() and (
        is_verb(key)
        or is_participle(key)
        or key in {"and", "but", "then", "later", "also", "to"}
        or (len(key) > 4 and key.endswith("ing") and "-" not in key)
    ):
        return "none", 0
    if key in _AUXILIARIES:
        return "none", 0  # "Was debated at the Oxford meeting ..."
    if key in _OPENING_PREPOSITIONS:
        # "Despite the Peace of Nicias in 421 BC, lasted until 404 BC": a phrase, then
        # a verb with no subject.
        comma = text.find(", ", word_match.end())
        after = text[comma + 2 :].split(maxsplit=1) if comma != -1 else []
        if after and after[0][:1].islower() and is_verb(after[0]):
            return "none", 0
        if comma == -1 and not any(
            w[:1].islower() and is_verb(w) for w in text[word_match.end() :].split()
        ):
            return "none", 0  # "Despite the truce of 1451": a phrase and no verb
    following = _WORD_RE.search(text, word_match.end())
    if (
        word[:1].isupper()
        and (is_participle(key) or is_verb(key))
        # "Born in 1812, ...", not a name such as "United States v. Eichman" or "Reed v. Reed".
        and (following is None or following.group()[:1].islower())
        and not (following and following.group().endswith("."))
        and not key.endswith("eed")
    ):
        comma = text.find(",", word_match.end())
        rest = text[comma + 1 :] if comma != -1 else ""
        subject = clause_subject(rest)
        if not subject:
            return "none", 0
        if subject.casefold() in PRONOUNS:
            return "pronoun", comma + 1 + rest.find(subject)
    return "ok", 0
