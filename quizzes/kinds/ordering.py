"""Ordering: put items in their order, giving each its place (1 first).

Each choice is one item with its place in `order_key`. Response: {"order": [<choice
id>, ...]}, first to last. The share of items in their right place is the share of
the points earned.

The items are always shuffled, uniformly: the stored order is usually the answer,
and a rule such as "never the stored order" would itself be a tell (with two items
it would always show the reverse of the answer).
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from django import forms
from django.db.models import Q
from django.utils.translation import gettext, ngettext, pgettext

from ..models import Choice, Question
from .base import KeyRow, QuestionKind, Sheet, Shuffle, Tally, ids


def in_order(choices: list[Choice]) -> list[Choice]:
    return sorted(choices, key=lambda c: (c.order_key or 0, c.pk))


def at(place: int, item: Choice) -> Q:
    """The answers that put `item` at `place` (1 first)."""
    return Q(**{f"response__order__{place - 1}": item.pk})


class Ordering(QuestionKind):
    value = Question.Kind.ORDERING
    template_name = "quizzes/kinds/ordering.html"
    shuffle = Shuffle.ALWAYS
    lines_are_ordered = True

    def fields(self, sheet: Sheet) -> dict[str, forms.Field]:
        places = [("", "—")] + [(str(i), str(i)) for i in range(1, len(sheet.choices) + 1)]
        return {
            sheet.item_name(c): forms.ChoiceField(choices=places, required=False, label=c.text)
            for c in sheet.choices
        }

    def initial(self, sheet: Sheet, response: dict) -> dict:
        order = response.get("order") or []
        return {
            sheet.item_name(c): str(order.index(c.pk) + 1) for c in sheet.choices if c.pk in order
        }

    def clean(self, sheet: Sheet, data: dict) -> None:
        places = [data.get(name) for name in sheet.items_by_name() if data.get(name)]
        if len(places) != len(set(places)):
            raise forms.ValidationError(gettext("Give each item a different place."))

    def response(self, sheet: Sheet, data: dict) -> dict:
        items = sheet.items_by_name()
        placed = sorted((int(data[name]), c.pk) for name, c in items.items() if data.get(name))
        return {"order": [pk for _, pk in placed]} if placed else {}

    def score(self, choices: list[Choice], response: dict) -> Fraction:
        expected = [c.pk for c in in_order(choices)]
        if not expected:
            return Fraction(0)
        given = ids(response.get("order"))
        right = sum(1 for a, b in zip(given, expected, strict=False) if a == b)
        return Fraction(right, len(expected))

    def correct_response(self, choices: list[Choice]) -> dict:
        return {"order": [c.pk for c in in_order(choices)]}

    def describe(self, choices: list[Choice], response: dict) -> list[str]:
        by_id = {c.pk: c for c in choices}
        return [by_id[pk].text for pk in response.get("order") or [] if pk in by_id]

    def tallies(self, choices: list[Choice]) -> list[Tally]:
        # Each item at each place, as graded: the places a response gives, in order.
        ordered = in_order(choices)
        return [
            Tally(
                item,
                pgettext("ordering question", "place %(place)d") % {"place": place},
                ordered[place - 1] == item,
                at(place, item),
            )
            for item in ordered
            for place in range(1, len(ordered) + 1)
        ]

    def key_problems(self, rows: list[KeyRow]) -> list[str]:
        n = len(rows)
        problems = []
        if n < 2:
            problems.append(
                gettext("An ordering question needs at least two items; it has %(n)d.") % {"n": n}
            )
        for row in rows:
            if row.order_key is None:
                problems.append(
                    gettext("“%(item)s” has no order key: give it its place, 1 first.")
                    % {"item": row.text}
                )
        keys = Counter(row.order_key for row in rows if row.order_key is not None)
        for key, count in sorted(keys.items()):
            if count > 1:
                problems.append(
                    ngettext(
                        "The order key %(key)d is used %(count)d time; each item needs its own.",
                        "The order key %(key)d is used %(count)d times; each item needs its own.",
                        count,
                    )
                    % {"key": key, "count": count}
                )
        return problems

    def key_summary(self, choices: list[Choice]) -> str:
        # Unlike grading, an item without its place yet goes last, where it stands out.
        ordered = sorted(choices, key=lambda c: (c.order_key is None, c.order_key or 0, c.pk))
        return " → ".join(c.text for c in ordered)
