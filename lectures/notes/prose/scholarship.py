"""What scholars wrote, not what happened: the years of works cited for their
claims, of historians' views and interpretations, and the dates a debate governs
(issue 17's "debate and state" and frame classes). events.py asks these before it
reads a date as an event; a date they claim is no event, or an unsure one."""

from __future__ import annotations

import re

from .clauses import in_brackets
from .dates import WINDOW, Mention

# A citation: authors and the year of their work, then what the work says - "Hale
# (1998) puts losses at a third", "Ortiz et al. 2004: the flood came in spring".
# The year dates the work, which is cited for its claim, not reported as an event.
# The bracket may name the work: "Jalal (The Sole Spokesman, 1985) argues".
_CITED_BEFORE_RE = re.compile(
    r"[A-Z][\w'’-]+(?:\s+et\s+al\.?|\s+(?:&|and)\s+[A-Z][\w'’-]+)?\s*"
    r"(?P<open>\((?:\s*[A-Z][^(),]{1,40},)?)?\s*$"
)
_CITED_AFTER_RE = re.compile(
    r"\)\s+(?:says|argues|claims|thinks|suggests|estimates|reckons|puts|gives|finds|"
    r"believes|doubts|disputes|proposes|concludes|counts|calculates|holds|insists|"
    r"maintains|denies|prefers|saw|sees|urged|urges|warned|warns|blamed|blames|"
    # A historian's book and its case (round 21, set 26): "Palmer's Mycenaeans and
    # Minoans (1961) argued that ...", "Manning's A Test of Time (1999) made the case".
    r"argued\s+that|made\s+the\s+case|is\s+the\s+(?:classic|standard|best)|"
    # A verdict on the matter: "Bury (1923) was kinder", "Gibbon (1788) is harsher".
    r"(?:was|is)\s+(?:kinder|harsher|gentler|sterner|fairer|more|less|among|the\s+first))\b"
)
# The work a claim was made in, its year in brackets: "Hanson argued in The Dreadful
# Judgement (2001) that ...".
_ARGUED_IN_WORK_RE = re.compile(
    r"\b(?:argued|argues|claimed|claims|contended|suggested|wrote|writes|concluded)\s+in\s+"
    r"(?:his\s+|her\s+|their\s+)?[A-Z][^()]{1,60}\(\s*$"
)
# When a source told what it reports, not when that happened: "a story first told
# in 1624", "Orderic Vitalis (writing c. 1125) says".
_SOURCE_TOLD_RE = re.compile(
    r"(?i)\b(?:story|tale|legend|anecdote)\b[^.;:]{0,60}?\b(?:told|recorded|printed|"
    r"written\s+down)\s+(?:in\s+)?$|\(\s*writing\s+(?:in\s+)?(?:c\.\s*|about\s+)?$"
)
# A reference in brackets, its year last: "(Sobel, Longitude, 1995)", "(Cassidy &
# Mani, Nature, 2022)", "(… – Needham 1962)" (round 12, sets 13 and 14).
_REFERENCE_BEFORE_RE = re.compile(
    r"\(\s*[A-Z][\w'’-]+(?:\s+(?:&|and)\s+[A-Z][\w'’-]+|\s+et\s+al\.?)?,\s+[^(),]{1,40},\s*$"
    r"|[–—]\s*[A-Z][\w'’-]+(?:\s+(?:&|and)\s+[A-Z][\w'’-]+)?\s+$"
)
_ET_AL_BEFORE_RE = re.compile(r"\bet\s+al\.?\s*$")
# A claim dated by when it was made, one side of a debate the bullet sets out, where
# another replies to it: "Lamb's The Wool Trade (1954) argued that ..., whereas Ortiz
# countered in 1987 that ...". Alone, "Huxley argued in 1868 that ..." is an event of
# the science's history.
_CLAIMED_AFTER_RE = re.compile(
    r"\)\s+(?:argued|claimed|contended|maintained|insisted|suggested|proposed|concluded)\s+that\b"
)
_CLAIMED_BEFORE_RE = re.compile(
    r"\b(?:replied|argued|countered|retorted|objected|contended|claimed|insisted|maintained|"
    r"suggested|proposed|concluded)\s+in\s+$"
)
_THAT_AFTER_RE = re.compile(r"\s+that\b")
_REPLY_RE = re.compile(r"\b(?:replied|retorted|countered|objected|responded|rejoined)\b")


# The year of the work a claim was made in, named before it: "Marinatos argued in a
# famous article of 1939 that ..." (round 25, from set 26's misses); but "as Zeder
# showed in a paper of 2000" reports a finding, an event of the science.
_WORK_OF_BEFORE_RE = re.compile(
    r"(?i)\b(?:argued|argues|claimed|claims|suggested|proposed)\b[^.;]{0,40}?"
    r"\b(?:article|paper|book|essay|monograph|study|lecture)\s+(?:published\s+)?(?:of|in)\s+$"
)


def cited(text: str, mention: Mention) -> bool:
    """A year that dates a work cited for its claim (see above)."""
    before = text[max(0, mention.start - 60) : mention.start]
    if _WORK_OF_BEFORE_RE.search(text, max(0, mention.start - 100), mention.start):
        return True
    cited = _CITED_BEFORE_RE.search(before)
    if cited and cited["open"] and _CITED_AFTER_RE.match(text, mention.end):
        return True
    claimed = _CLAIMED_AFTER_RE.match(text, mention.end) or (
        _CLAIMED_BEFORE_RE.search(before) and _THAT_AFTER_RE.match(text, mention.end)
    )
    if claimed and _REPLY_RE.search(
        text, max(0, mention.start - WINDOW), min(len(text), mention.end + WINDOW)
    ):
        return True
    if _REFERENCE_BEFORE_RE.search(before) and text.startswith(")", mention.end):
        return True
    if _ARGUED_IN_WORK_RE.search(before) and text.startswith(")", mention.end):
        return True
    if _SOURCE_TOLD_RE.search(before):
        return True
    return bool(_ET_AL_BEFORE_RE.search(before)) and text.startswith(":", mention.end)


# A section the notes head as a debate ("Debates", "Why did the bakufu fall?
# (debate)", "Historiography", "Interpretations"): its items set out what historians
# argued, and the keys of every blind set since set 20 list the years of their works
# as no events (timeline round 20, from set 25: twelve of its 46 wrong events).
_DEBATE_HEADING_RE = re.compile(
    r"(?i)\bdebates?\b|\bhistoriograph|\binterpretations\b|\bhistorians\b"
)


def debated_work(text: str, mention: Mention, heading: str | None) -> bool:
    """Under a debate heading, a year in brackets ("Rudolf Klein (1983): the doctors
    won ...", "(Jacquelyn Dowd Hall, 2005)", "(1996 in French, 2002 in English)"), or
    any date after such a bracket's claim opens ("...(2005): roots in the 1930s–40s"):
    a work's year and what it argued, not an event."""
    if not heading or len(heading) > 120 or not _DEBATE_HEADING_RE.search(heading):
        return False
    # Within a window before the date, so a long bullet is read in linear time.
    before = text[max(0, mention.start - WINDOW) : mention.start]
    if in_brackets(text, mention.start):
        # But not a find the bracket dates: "Shuihudi bamboo slips (found 1975)".
        return not _FOUND_IN_BRACKET_RE.search(before[before.rfind("(") :])
    # A date of a work's title, the work's own year in the bracket after it: "Holt's
    # The French Wars of Religion, 1562–1629 (1995, 2nd edition 2005)" (round 21).
    if _WORK_YEAR_AFTER_RE.match(text, mention.end):
        return True
    if (
        mention.when.precision == "year"
        and _AUTHOR_YEAR_BEFORE_RE.search(before)
        and _CLAIM_AFTER_RE.match(text, mention.end)
    ):
        # "Paul S. Martin, 1967 → 'blitzkrieg' model" (round 22); a day is an occasion
        # ("Putin, 25 April 2005: collapse was ...").
        return True
    return bool(_CLAIM_OPENED_RE.search(before))


# An item that opens on an author and a comma before the year, then the claim: "Paul
# S. Martin, 1967 → ...", "Grayson + Meltzer, 2003: ...".
_AUTHOR_YEAR_BEFORE_RE = re.compile(
    r"^\s*[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|&|\+|and|et\s+al\.?))*,\s*$"
)
_CLAIM_AFTER_RE = re.compile(r"\s*(?:→|->|:|[–—]\s)")


_WORK_YEAR_AFTER_RE = re.compile(r"\s*\((?:c\.\s*)?\d{4}\b")


_FOUND_IN_BRACKET_RE = re.compile(
    r"\b(?:found|discovered|excavated|unearthed|dug\s+up|opened|built|signed|held)\b"
)


# A bracket closing on a year, then the claim it dates: "(1988): ", "(2005) – ".
_CLAIM_OPENED_RE = re.compile(r"\d(?:s|\s*BCE?|\s*CE|\s*AD)?\)\s*(?::|[–—]|-\s)")


# A work's year in brackets, then its story in the present: "Mann's The Magic
# Mountain (1924) sends Hans Castorp to Davos for seven years".
_WORK_STORY_RE = re.compile(
    r"\)\s+(?:sends|tells|follows|describes|depicts|shows|imagines|portrays|centres|centers|"
    r"opens|traces|recounts|narrates|sets)\b"
)


# Debate and states of knowledge: "scholars still argue whether ...", "it remains
# unclear whether ...": no event is asserted.
DEBATE_RE = re.compile(
    r"(?i)\b(?:whether|(?:scholars|historians|experts|researchers|critics)\s+(?:still\s+|long\s+|"
    r"have\s+long\s+|continue\s+to\s+|now\s+)?(?:argue|argued|debate|debated|disagree|dispute|"
    # A verdict on a question the notes ask: "Most historians now say no; ...".
    r"disputed|say|said)|"
    r"(?:is|are|remains?)\s+(?:still\s+)?(?:unclear|uncertain|unknown|disputed|debated|contested)|"
    r"(?:was|were)\s+(?:unclear|uncertain|unknown)|it\s+is\s+not\s+known|open\s+question|"
    r"(?:others|some|many|a\s+minority|a\s+few)\s+(?:of\s+\w+\s+|\w+\s+)?(?:think|argue|believe|"
    # A rival date a minority gives: "(some put its start in 874)", "(some biographies
    # say 627)" (round 17, set 21).
    r"contend|hold|suggest|prefer|say|put|place|give|date))\b"
)


def _debate_before(masked: str, mention: Mention) -> re.Match | None:
    """A debate's words before the mention, unless they sit in a bracket closed
    before it: "broke out in 875 (some put its start in 874) and his armies entered
    Chang'an on 8 January 881" debates only 874."""
    debate = None
    for found in DEBATE_RE.finditer(masked, max(0, mention.start - WINDOW), mention.start):
        closed = masked.find(")", found.end(), mention.start)
        inside = masked.rfind("(", 0, found.start()) > masked.rfind(")", 0, found.start())
        if closed < 0 or not inside:
            debate = found
    return debate


# An item the notes label as a debate: "Debate: Marxists vs revisionists — Cobban
# 1964, Furet 1978", or open with the question argued ("Plot or accident? Venetian
# thesis (19th c.) vs ..."): its dates are the scholars' work and views, not events.
_DEBATE_LABEL_RE = re.compile(
    r"(?i)\W*(?:(?:debate|historiography|controversy)\s*:|[\w'’ -]{1,40}\bor\b[\w'’ -]{1,40}\?)"
)


# Historiography: who wrote or thought what, dated by when they did ("Liberal
# historians of the 19th century saw ...", "Revisionists of the 1970s stressed ...").
_HISTORIANS_OF_RE = re.compile(
    r"(?i)\b(?:historians?|historiography|revisionists?|scholars?|scholarship|critics|"
    r"commentators|textbooks|writers|economists|marxists|whigs|liberals|nationalists|"
    r"antiquarians|chroniclers|views?|consensus|orthodoxy)\s+(?:of|from)\s+(?:the\s+)?$"
)


# A view dated by when it was held: "1960s–70s "orthodox" view: ...", "the 1950s
# consensus held that ...".
_VIEW_AFTER_RE = re.compile(
    r"(?i)\s*(?:(?!(?:the|a|an|this|that|its|their)\s)[\"“”'‘’]?[^\W\d][\w-]*[\"“”'‘’]?\s+){0,2}?"
    r"[\"“”'‘’]?(?:views?|interpretations?|orthodoxy|consensus|historiography)\b"
)


# A work's year in brackets ("Smith's study (1988)") or a citation ("(Beecher &
# Todd, 1954)", "(Smith et al., 2001)").
_WORK_YEAR_RE = re.compile(
    r"(?i)[’']s\s+(?:[a-z-]+\s+)?(?:study|book|thesis|article|paper|monograph|survey|"
    r"biography|history|edition|account|analysis|review|essay|report|work)\s*\(\s*$"
    # A scholar's own, or a work of someone's (round 22, set 27): "The dates above are
    # Rowe's (1945)", "From the chronicle of Cabello Balboa (1586)".
    r"|(?-i:\b[A-Z][\w-]+[’']s\s*\(\s*$)"
    r"|(?i:\b(?:chronicle|history|account|study|life|diary|memoirs?)\s+of\s+)"
    r"(?-i:[A-Z][\w'’-]+(?:\s+(?:(?:de|da|del|di|van|von|la|le)\s+)?[A-Z][\w'’-]+){0,3})"
    r"\s*\(\s*$"
)


_CITATION_RE = re.compile(
    # A quoted phrase may lead ('("terrestrial stalkers", Witton & Naish 2008)'), and
    # several authors may be listed ("(Wilson, Carpenter & Brown 1967)", round 17).
    r"\(\s*(?:[\"“][^\"“”()]{1,40}[\"”],\s*)?[A-Z][\w'’-]+(?:,\s+[A-Z][\w'’-]+){0,3}"
    # "+" for "and" in notes: "(Rogers + Slatkin 2017)" (round 22, set 27).
    r"(?:\s+(?:&|and|\+)\s+[A-Z][\w'’-]+|\s+et\s+al\.?)?,?\s*$"
)
# What may follow a cited year inside its bracket: the journal or the pages,
# "(Ezcurra et al. 2020, Nature)", "(Condon et al. 2005, p. 95)".
_CITATION_CLOSE_RE = re.compile(r"\)|[,;:]\s*[^()]{1,40}\)")


# Where and when an agreement was made, not an author and year: "the Paris
# Convention (Paris, 1883)", "Treaty of Friendship (Lima, 1921)".
_INSTRUMENT_PLACE_RE = re.compile(
    r"\b(?:Convention|Treaty|Agreement|Conference|Accords?|Protocol|Charter|Congress|"
    r"Covenant|Pact|Concordat|Declaration)\s*\(\s*[A-Z][\w'’-]+,\s*$"
)


# A reference the notes point to: "see Hale & Ortiz (2011)", "cf. Marsh et al. 1997",
# "(after Marsh et al. 1997)" - a scheme followed as someone set it out.
_SEE_CITATION_RE = re.compile(
    r"(?:\b(?i:see(?:\s+also)?|cf\.?)|\((?i:after|following|per))\s+[A-Z][\w'’-]+(?:\s+(?:&|and)\s+[A-Z][\w'’-]+|"
    r"\s+et\s+al\.?)?,?\s*\(?\s*$"
)


# An interpretation or an alternative dating: "Braudel's thesis links the price rise
# to ...", "Older books give 1290 BC", "..., following a higher chronology".
_INTERPRETATION_RE = re.compile(
    r"(?i)\b(?:thesis|theory|interpretation|school|historians?|scholars?|revisionists?|"
    r"books|textbooks|sources|accounts|chronolog(?:y|ies))\b[^.;]{0,80}?\b(?:links?|linked|"
    r"ties|tied|traces?|traced|gives?|gave|attributes?|attributed|prefers?|preferred|"
    # "the short chronology puts the sack in 1531 BC" (round 25, set 29).
    r"puts?|places?|placed|"
    r"favou?rs?|favou?red|stress(?:es|ed)?|emphasi[sz](?:es|ed|e)|"
    # A periodisation, in the scholar's present: "Most historians end the period in 30 BC".
    r"end|ends|begin|begins|start|starts|close|closes|extend|extends|carry|carries)\b"
)


# A date another reckoning or a scholar's case gives: "the long (high) chronology in
# 1651 BC", "argued for an 'ultra-low' date of 1499 BC" (round 25, set 29).
_RECKONED_BEFORE_RE = re.compile(
    r"(?i)\bchronolog(?:y|ies)\s+(?:\([^()]{0,20}\)\s+)?(?:in|at|to)\s+(?:c\.\s*|about\s+|around\s+)?$"
    r"|\b(?:argued|argues|proposed|proposes|suggested|suggests|preferred|prefers|favou?red|"
    r"favou?rs)\s+(?:for\s+)?(?:an?|the)\s+[^.;]{0,30}?\bdate\s+(?:of|in)\s+"
    r"(?:c\.\s*|about\s+|around\s+)?$"
)


def debated(text: str, masked: str, mention: Mention) -> bool:
    """A date a debate's words govern, or any date near the start of an item labelled
    as a debate (see above)."""
    if _debate_before(masked, mention):
        return True
    return mention.start <= WINDOW and bool(_DEBATE_LABEL_RE.match(text))


def work_story(text: str, mention: Mention) -> bool:
    """A work's year in brackets, its story told after it (see above)."""
    return bool(_WORK_STORY_RE.match(text, mention.end))


def scholars_dating(text: str, masked: str, mention: Mention, c_start: int) -> bool:
    """A date that is a historian's or a source's, not an event's: historians of a
    period, a view dated by when it was held, a work's year in brackets, a citation,
    a scheme followed as someone set it out, an interpretation (see above)."""
    before = text[max(0, mention.start - WINDOW) : mention.start]
    after = text[mention.end : mention.end + WINDOW]
    if _HISTORIANS_OF_RE.search(before) or _VIEW_AFTER_RE.match(after):
        return True
    if text.startswith(")", mention.end) and _WORK_YEAR_RE.search(before):
        return True
    if (
        _CITATION_CLOSE_RE.match(text, mention.end)
        and _CITATION_RE.search(before)
        and not _INSTRUMENT_PLACE_RE.search(before)
    ):
        return True
    return bool(
        _SEE_CITATION_RE.search(before)
        or _INTERPRETATION_RE.search(masked[c_start : mention.start])
        or _RECKONED_BEFORE_RE.search(before)
    )
