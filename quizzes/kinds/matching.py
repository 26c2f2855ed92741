"""Matching: pair each item with its match, chosen from a list.

Each choice is one pair: `text` on the left, `match_text` on the right. Response:
{"pairs": {"<left choice id>": <right choice id>, ...}}. The share of pairs matched
is the share of the points earned.

Both sides are always shuffled, each in its own order, and uniformly: the stored
order would give the pairs away, and a rule such as "never the stored order" would
itself be a tell (with two pairs it would always show the wrong one).

The right-hand answers are listed once, lettered, in full, and each item's menu
offers the letters with the answer's first words: a definition of two lines does
not fit a drop-down on a phone, whose closed box shows one short line, while a
list wraps at any width. The menus stay plain selects, so the page needs no
JavaScript, and each option still says more than a bare letter to a screen reader.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from django import forms
from django.db import NotSupportedError
from django.db.models import CharField, F, Func, Q, Value
from django.db.models.lookups import Exact
from django.utils.text import Truncator
from django.utils.translation import gettext

from ..models import Choice, Question
from .base import KeyRow, ListedAnswer, QuestionKind, Sheet, Shuffle, Tally

# An option's text after its letter, in characters: what a phone's closed select
# shows on one line beside the letter.
OPTION_CHARS = 30


def letter(n: int) -> str:
    """A, B, …, Z, AA, AB, …: the label of the answer at index n."""
    label = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


def option_label(label: str, text: str) -> str:
    """An item's menu option: the answer's letter and its first words."""
    return f"{label}: {Truncator(text).chars(OPTION_CHARS)}"


class PairedWith(Func):
    """The id, as text, of the match a response pairs with the item `left` (NULL for
    none). Written out because Django's key transforms read a key of digits as an
    array index on SQLite, and a response's pairs are keyed by choice ids."""

    output_field = CharField()

    def __init__(self, left: int):
        super().__init__(F("response"))
        self.left = int(left)

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"CAST(JSON_EXTRACT({sql}, %s) AS TEXT)", (*params, f'$."pairs"."{self.left}"')

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"({sql} #>> %s)", (*params, ["pairs", str(self.left)])

    def as_sql(self, compiler, connection, **extra):
        raise NotSupportedError(f"Matching results are not written for {connection.vendor}.")


def paired(left: Choice, right: Choice) -> Q:
    """The answers that match the item `left` with `right`'s match."""
    return Q(Exact(PairedWith(left.pk), Value(str(right.pk))))


class Matching(QuestionKind):
    value = Question.Kind.MATCHING
    template_name = "quizzes/kinds/matching.html"
    shuffle = Shuffle.ALWAYS

    def _rights(self, sheet: Sheet) -> list[Choice]:
        return self.presented(sheet.attempt, sheet.question, salt="right")

    def fields(self, sheet: Sheet) -> dict[str, forms.Field]:
        options = [("", "Choose…")] + [
            (sheet.token(c.pk, "r"), option_label(letter(n), c.match_text))
            for n, c in enumerate(self._rights(sheet))
        ]
        return {
            sheet.item_name(c): forms.ChoiceField(choices=options, required=False, label=c.text)
            for c in sheet.choices
        }

    def listed_answers(self, sheet: Sheet) -> list[ListedAnswer]:
        return [ListedAnswer(letter(n), c.match_text) for n, c in enumerate(self._rights(sheet))]

    def initial(self, sheet: Sheet, response: dict) -> dict:
        pairs = response.get("pairs") or {}
        return {
            sheet.item_name(c): sheet.token(pairs[str(c.pk)], "r")
            for c in sheet.choices
            if isinstance(pairs, dict) and pairs.get(str(c.pk))
        }

    def response(self, sheet: Sheet, data: dict) -> dict:
        # The right-hand side holds the same choices in another order.
        rights = {sheet.token(c.pk, "r"): c for c in sheet.choices}
        pairs = {}
        for name, choice in sheet.items_by_name().items():
            right = rights.get(data.get(name) or "")
            if right:
                pairs[str(choice.pk)] = right.pk
        return {"pairs": pairs} if pairs else {}

    def score(self, choices: list[Choice], response: dict) -> Fraction:
        if not choices:
            return Fraction(0)
        pairs = response.get("pairs")
        pairs = pairs if isinstance(pairs, dict) else {}
        right = sum(1 for c in choices if pairs.get(str(c.pk)) == c.pk)
        return Fraction(right, len(choices))

    def correct_response(self, choices: list[Choice]) -> dict:
        return {"pairs": {str(c.pk): c.pk for c in choices}}

    def describe(self, choices: list[Choice], response: dict) -> list[str]:
        pairs = response.get("pairs") or {}
        by_id = {c.pk: c for c in choices}
        out = []
        for left in by_id.values():
            right = by_id.get(pairs.get(str(left.pk)))
            given = right.match_text if right else gettext("(no match)")
            out.append(f"{left.text} → {given}")
        return out if pairs else []

    def tallies(self, choices: list[Choice]) -> list[Tally]:
        # Each item with each match: its own, and every other it could be given.
        return [
            Tally(left, right.match_text, right == left, paired(left, right))
            for left in choices
            for right in choices
        ]

    def key_problems(self, rows: list[KeyRow]) -> list[str]:
        n = len(rows)
        problems = []
        if n < 2:
            problems.append(
                gettext("A matching question needs at least two pairs; it has %(n)d.") % {"n": n}
            )
        for row in rows:
            if not row.match_text.strip():
                problems.append(
                    gettext("“%(item)s” has no match: fill in its match text.") % {"item": row.text}
                )
        repeated = [
            t for t, k in Counter(r.match_text.strip() for r in rows).items() if t and k > 1
        ]
        for text in repeated:
            problems.append(
                gettext(
                    "The match text “%(text)s” appears more than once; students could not "
                    "tell the pairs apart."
                )
                % {"text": text}
            )
        return problems

    def key_summary(self, choices: list[Choice]) -> str:
        return " · ".join(f"{c.text} ↔ {c.match_text or '?'}" for c in choices)
