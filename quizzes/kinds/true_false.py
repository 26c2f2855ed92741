"""True or false: a single-choice question whose two choices are "True" and "False".

Response: {"choice": <choice id>}, graded, shown and described as a single choice.
Its two options are never shuffled: both are always shown, so "True" then "False",
as stored, tells nothing, and a "False" that comes first only trips readers up.
"""

from __future__ import annotations

from django.utils.translation import gettext

from ..models import Question
from .base import KeyRow, Shuffle, ticked
from .single import Single


class TrueFalse(Single):
    value = Question.Kind.TRUE_FALSE
    shuffle = Shuffle.NEVER

    def key_problems(self, rows: list[KeyRow]) -> list[str]:
        n, n_correct = len(rows), sum(1 for row in rows if row.is_correct)
        problems = []
        if n != 2:
            problems.append(
                gettext(
                    "A true-or-false question needs exactly two choices, “True” and “False”; "
                    "it has %(n)d."
                )
                % {"n": n}
            )
        if n_correct != 1:
            problems.append(
                gettext("A true-or-false question needs exactly one correct choice; %(ticked)s.")
                % {"ticked": ticked(n_correct)}
            )
        return problems
