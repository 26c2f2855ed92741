"""What kind of thing a glossary definition describes (issue 17, round 11): a group
of people, a law or decision, an object, a place, a process, a measure, an idea …

Teachers threw out "Which best describes …?" questions whose right definition was
the only one of its kind: "paper money backed by church land" among three
political clubs, "a dating method" among a pot, a stone and an enclosure. The
student picks the answer by its form, not by knowing the term. A definition's kind
is read from its head noun (the noun its first phrase is about: "money" of "Paper
money backed by …", "club" of "A political club of …") or from a gerund it opens
with ("Dating timber …" is a method), through a small lexicon of common heads.
A head the lexicon does not know gives no kind, and no kind is never a mismatch.

Kept on text alone, so the rules (term_rules) and the rubric share it without
consulting each other.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Coarse kinds and the head nouns that name them. Plurals are read by their
# singular ("deputies" → "deputy").
_KINDS: dict[str, str] = {}
for _kind, _heads in {
    "person": """person man woman king queen ruler leader monarch emperor pope bishop
        priest official officer soldier writer author artist painter poet scientist
        physician doctor surgeon engineer inventor printer merchant trader worker
        peasant slave citizen member deputy minister judge lawyer founder student
        teacher scholar follower supporter opponent heir owner governor successor
        narrator breeder farmer explorer navigator sailor captain admiral general
        missionary chief warrior raider settler chieftain jarl earl lord duke prince
        princess khan sultan shah pharaoh chancellor president premier campaigner
        reformer publisher engraver carver designer architect geometer astronomer
        philosopher nurse midwife lecturer professor researcher discoverer pioneer
        patron collector dealer banker""",
    "group": """group club party faction body authority organisation organization
        assembly committee council court society company firm movement people class
        union alliance league regulator agency institution team army navy fleet
        tribe dynasty family government parliament congress senate guild
        network association coalition population community culture""",
    "document": """law act statute decision finding ruling treaty regulation directive
        decree document charter constitution bill agreement judgment judgement
        clause article code case right guarantee convention protocol licence license
        patent contract declaration manifesto petition text book letter report
        record register inscription edict""",
    "object": """pot vessel jar bowl stone tool device camera box room instrument
        machine engine vehicle weapon ship boat image print plate photograph picture
        object artefact artifact sensor chip lens cuff valve pump catheter implant
        coin banknote sculpture statue painting drawing bead axe blade warship
        spacecraft craft train locomotive computer minicomputer telescope""",
    "place": """place site enclosure monument earthwork building structure region area
        town city village settlement tomb mound henge circle temple church cathedral
        palace fort fortress harbour port road island river valley basin zone
        territory state country province colony kingdom empire""",
    "method": """process method technique procedure practice approach test
        experiment treatment therapy operation measurement calculation conversion
        mechanism""",
    "measure": """rating amount number measure unit rate level index ratio quantity
        scale value percentage speed sensitivity share price cost figure count
        fraction proportion volume mass weight distance length""",
    "idea": """theory idea view doctrine belief argument hypothesis principle concept
        school ideology notion claim thesis myth interpretation account""",
    "money": """money currency payment tax loan bond debt tariff duty fee wage
        subsidy credit""",
    "period": """period era age time epoch phase stage century decade year reign
        dynasty""",
    "event": """event crisis war battle revolution crash panic collapse episode
        revolt rebellion uprising siege campaign invasion conquest strike election
        massacre famine""",
    "substance": """substance material gas element compound mineral rock metal
        chemical drug protein molecule acid enzyme hormone vaccine bacterium virus
        cell tissue fuel""",
    "condition": """condition state disease illness disorder syndrome infection
        situation""",
    "information": "information data datum knowledge",
    "policy": "policy plan scheme programme program strategy regime reform",
    "style": "style genre form format",
    "change": "change growth decline production effect rise fall increase loss shift",
    "language": "language script alphabet writing dialect",
    "name": "name term word label abbreviation title nickname",
}.items():
    for _word in _heads.split():
        _KINDS.setdefault(_word, _kind)

# Where a definition's first noun phrase ends: a preposition, a relative or a
# conjunction ("club of", "money backed by", "body that").
_BOUNDARY = _words(
    """of that which who whom whose where when in on for from with by to at as between
    under over after before or and than into through against without within about
    around near across like such is was are were be used made off beside along
    beyond outside inside upon below above during since until via among"""
)
_DETERMINERS = _words("a an the any one each every some this that these those its their his her")
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*|\S")
# A word that is not a head noun: a participle or an adverb after the head.
_AFTER_HEAD_RE = re.compile(r"(?:ed|ing|ly)$")
# Heads that stand for what follows their "of".
_PARTITIVES = _words("group set kind type sort form series pair piece collection variety")
# Gerunds that are nouns too: "a building", "the painting".
_NOUN_GERUNDS = _words("building painting drawing meeting setting ring string thing")


def _singular(word: str) -> str:
    if word in _KINDS:
        return word
    for plural, singular in (("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(plural) and word[: -len(plural)] + singular in _KINDS:
            return word[: -len(plural)] + singular
    return word


def definition_head(definition: str) -> str:
    """The head noun of a definition's first phrase, lower case ("club" of "A
    political club of Paris deputies"), "-ing" for one that opens with a gerund
    ("Dating timber from its rings"), or "" when there is none to read."""
    phrase = re.split(r"[,;:()—–]|\s-\s", definition, maxsplit=1)[0]
    words = [w.strip("'’\"“”").casefold() for w in _WORD_RE.findall(phrase)]
    words = [w for w in words if w and w[0].isalpha()]
    if not words:
        return ""
    first = words[0]
    if first.endswith("ing") and len(first) > 5 and first not in _NOUN_GERUNDS:
        return "-ing"
    # A possessor is not the head: "Talbot's paper-negative process" is a process.
    owned = [i for i, w in enumerate(words) if w.endswith(("'s", "’s"))]
    if owned:
        words = words[owned[-1] + 1 :]
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    head = ""
    for index, word in enumerate(words):
        if word == "of" and head in _PARTITIVES:
            # "a group of three elements" is about elements, "a kind of tax" a tax;
            # but "a group of deputies" is a group.
            inner = definition_head(" ".join(words[index + 1 :]))
            if head == "group" and _KINDS.get(_singular(inner)) == "person":
                return head
            return inner
        if word in _BOUNDARY or (index and _AFTER_HEAD_RE.search(word) and word not in _KINDS):
            break
        head = word
    return head


# Heads that name a person by their calling ("agronomist", "mathematician",
# "Neoplatonist": issue 17, round 12, from the teachers' verdicts on set 13).
_CALLING_RE = re.compile(r"(?:ist|ian)s?$")
# A lifespan in brackets: "(1914–2009)", "(c. 1716–94)", "(b. 1937)", "(d. AD 415)".
_LIFESPAN_RE = re.compile(
    r"\((?:c\.\s*)?\d{3,4}\s*[–-]\s*(?:c\.\s*)?\d{2,4}\)|\((?:b|d|fl)\.\s*(?:c\.\s*)?(?:AD\s*)?\d{2,4}"
)


def definition_kind(definition: str) -> str:
    """The kind of thing a definition describes (a key of the lexicon above, or
    "method" for a gerund), or "" when its head is not one the lexicon knows. A
    head naming a calling, or an unknown head beside a lifespan, is a person."""
    head = definition_head(definition)
    if head == "-ing":
        return "method"
    kind = _KINDS.get(_singular(head), "")
    if kind:
        return kind
    if len(head) > 5 and _CALLING_RE.search(head):
        return "person"
    return "person" if _LIFESPAN_RE.search(definition) else ""


def odd_one_out(right: str, others: list[str]) -> bool:
    """The right definition is of a known kind that no other choice shares while at
    least two of them are of other known kinds: picked by its form. A person among
    choices none of which is a person is picked so (round 12, from the teachers'
    verdicts on set 13: "only one option describes a person")."""
    kind = definition_kind(right)
    if not kind:
        return False
    kinds = [definition_kind(other) for other in others]
    known = sum(1 for k in kinds if k)
    if kind == "person":
        # A calling, a lifespan or a title tells a person (definition_kind): among
        # choices none of which is one, the person is picked by that alone.
        return "person" not in kinds
    return kind not in kinds and known >= 2


def term_kind(term: str) -> str:
    """The kind a glossary term's own name says it is, from its head noun ("clause"
    of "Chandos clause", "act" of "Act of Proscription", "alliance" of "Grand
    Alliance") or an opening gerund ("Knapping"), or "" (quiz round 19: the strict
    teachers of held-out sets 15 to 29 published 2 of 29 definition questions whose
    term named its kind while no other choice was of it: "the key is the only option
    that describes a power, as the term says")."""
    bare = re.sub(r"\s*\([^)]*\)", "", term).strip()
    words = [w.casefold() for w in re.findall(r"[^\W\d_][\w'’-]*", bare.split(" of ")[0])]
    if not words:
        return ""
    if len(words) == 1 and words[0].endswith("ing") and len(words[0]) > 5:
        return "" if words[0] in _NOUN_GERUNDS else "method"
    return _KINDS.get(_singular(words[-1]), "")


def unnamed_kind(term: str, others: list[str]) -> bool:
    """The term's name says its kind (term_kind) and no other choice is of it."""
    kind = term_kind(term)
    return bool(kind) and not any(definition_kind(other) == kind for other in others)
