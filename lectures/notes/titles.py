"""Whether a plain line, with no "#" and no final punctuation, reads as a title.

Teachers leave the full stop off sentences as often as they write headings
without "#", so the line's own shape decides: a heading is short and reads as a
title ("Causes of the War", "Life beside the wall", "Bretton Woods, 1944–1971");
a sentence has a verb ("The wall fell in 1989", "Azerbaijan joined NATO in 1994")
or runs long. English verbs are what teachers' notes here are written in; a line
in another language falls back on length and case alone.

looks_like_sentence() is the weaker signal the import warns about: a line taken as
a heading that still has a verb or many words.
"""

from __future__ import annotations

import re


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


MAX_TITLE_WORDS = 12


MAX_TITLE_CHARS = 100


# Sentence case ("Life beside the wall") runs shorter than Title Case.
MAX_SENTENCE_CASE_WORDS = 8


# A sentence-case heading of this many words is worth a second look.
WARN_WORDS = 6


_SMALL_WORDS = _set(
    "a an the and or nor but of in on at to for by with from into onto upon as vs via "
    "per than over under after before since until during about between against "
    "without de la le les el los las del y e et di da von van der den und"
)


# Finite verbs and auxiliaries a sentence has and a title rarely does.
_VERBS = _set(
    "is are was were be been am has have had do does did will would can could should "
    "shall may might must became becomes become began begins begin made makes took "
    "takes gave gives led leads won wins lost loses fell falls rose rises came comes "
    "went goes saw sees found finds left leaves got gets brought brings held holds "
    "kept keeps built builds wrote writes grew grows spread spreads met meets sent "
    "sends ran runs broke breaks began remains remained seems seemed"
)


_QUESTION_WORDS = _set("what why how when where who whom whose which")


# "…ed" after a word that can be a subject: "Azerbaijan joined", "relations soured";
# not after an article, a preposition or an adverb ("of advanced topics",
# "frequently asked questions").
_NOT_SUBJECTS = _SMALL_WORDS | _set("this that these those its their his her our")


_YEAR_AFTER_PREPOSITION_RE = re.compile(
    r"(?i)\b(?:in|on|by|since|until|till|from|during|after|before|around)\s+(?:\d{1,2}\s+\w+\s+)?"
    r"\d{3,4}\b(?!s)"
)


_WORD_EDGES = "\"'“”‘’«»()[]{}*_`.,;:!?…"


def _words(text: str) -> list[str]:
    return [word.strip(_WORD_EDGES) for word in text.split()]


def _is_lower_word(word: str) -> bool:
    letters = [char for char in word if char.isalpha()]
    return bool(letters) and all(char.islower() for char in letters)


def _has_verb(words: list[str]) -> bool:
    lowered = [word.casefold() for word in words]
    if any(word in _VERBS for word in lowered[1:]):
        return True
    for before, word in zip(words, words[1:], strict=False):
        if (
            _is_lower_word(word)
            and len(word) > 4
            and word.endswith("ed")
            and before.casefold() not in _NOT_SUBJECTS
            and not before.casefold().endswith("ly")
        ):
            return True
    return False


def _sentence_case(words: list[str]) -> bool:
    """Whether a word after the first that is not a small word starts in lower case."""
    return any(
        word[:1].isalpha() and word[:1].islower() and word.casefold() not in _SMALL_WORDS
        for word in words[1:]
    )


def reads_as_title(text: str) -> bool:
    """Whether a plain line without final punctuation is a heading rather than text."""
    words = _words(text)
    if len(text) > MAX_TITLE_CHARS or len(words) > MAX_TITLE_WORDS:
        return False
    if not words:
        return True
    # "then the war ended": a sentence cut loose from the line above; not a heading
    # that opens with a number, "2020s" or "1914–18: the war" (round 17, set 21).
    if words[0][:1].isalpha() and _is_lower_word(words[0]):
        return False
    if not _sentence_case(words):
        return True
    if words[0].casefold() in _QUESTION_WORDS:
        return True
    if len(words) > MAX_SENTENCE_CASE_WORDS:
        return False
    if len(words) >= 4 and _has_verb(words):
        return False
    return not (len(words) >= 5 and _YEAR_AFTER_PREPOSITION_RE.search(text))


def looks_like_sentence(text: str) -> bool:
    """Whether a line read as a heading could have been meant as a sentence: one in
    sentence case with a verb or many words. Title Case is a headline's, verbs and
    all ("Jazz Goes Abroad")."""
    words = _words(text)
    if not _sentence_case(words):
        return len(words) > MAX_SENTENCE_CASE_WORDS
    return len(words) >= WARN_WORDS or (len(words) >= 3 and _has_verb(words))
