"""What every question kind provides, and the pieces the kinds share.

A kind is a stateless object, one per `Question.Kind` value (see quizzes.kinds for
the registry). Its methods are pure: they take the question's choices (a list, so
prefetched choices cost no query) or one attempt's `Sheet`, and a response dict,
and never touch the database themselves.

Choices reach the page only as per-attempt tokens (an HMAC of the attempt and the
choice), in the order `presented` gives, so the page carries no id, flag or order
that tells which answer is right, and a tampered value simply fails validation.
"""

from __future__ import annotations

import enum
import random
from dataclasses import dataclass
from fractions import Fraction
from typing import ClassVar

from django import forms
from django.db.models import Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext, ngettext

from ..models import Attempt, Choice, Question


def token(attempt: Attempt, choice_id: int, side: str = "c") -> str:
    """A choice's name on this attempt's page; `side` keeps a matching question's
    left items ("l") and right answers ("r") apart from plain choices ("c")."""
    return salted_hmac(
        f"quizzes.choice.{side}", f"{attempt.pk}:{attempt.seed}:{choice_id}"
    ).hexdigest()[:16]


def ids(values) -> list[int]:
    """The integer ids in a stored list; anything else in it is ignored."""
    out = []
    for value in values if isinstance(values, list) else []:
        if isinstance(value, int) and not isinstance(value, bool):
            out.append(value)
    return out


@dataclass(frozen=True)
class KeyRow:
    """One choice of an answer key as the admin posted or saved it."""

    text: str
    is_correct: bool = False
    match_text: str = ""
    order_key: int | None = None

    @classmethod
    def of(cls, choice: Choice) -> KeyRow:
        return cls(choice.text, choice.is_correct, choice.match_text, choice.order_key)


def ticked(n: int) -> str:
    if n == 0:
        return gettext("none is ticked")
    return ngettext("%(n)d is ticked", "%(n)d are ticked", n) % {"n": n}


@dataclass(frozen=True)
class Tally:
    """One count a quiz's results make of a question's answers (quizzes.results): the
    answers that gave `given` for `item`. For a choice that is picking it (`given`
    is ""); for a matching pair, the match given to its item; for an ordering item,
    the place given to it. `correct` says whether that is the key's; `condition`
    selects those answers (a filter on Answer, evaluated by the database)."""

    item: Choice
    given: str
    correct: bool
    condition: Q


@dataclass(frozen=True)
class ListedAnswer:
    label: str  # "A", "B", …: what the items' menus offer
    text: str


class Shuffle(enum.Enum):
    """When a kind's choices are shown in an order of the attempt's own."""

    NEVER = "never"
    IF_QUIZ_SAYS = "if the quiz says so"
    ALWAYS = "always"


@dataclass(frozen=True)
class Sheet:
    """One question as one attempt shows it: its choices in the attempt's order."""

    attempt: Attempt
    question: Question
    choices: list[Choice]

    @property
    def name(self) -> str:
        """The name of the question's one field, and the prefix of its item fields."""
        return f"q{self.question.pk}"

    def token(self, choice_id: int, side: str = "c") -> str:
        return token(self.attempt, choice_id, side)

    def item_name(self, choice: Choice) -> str:
        """The field of one item of a matching or ordering question."""
        return f"{self.name}-{self.token(choice.pk, 'l')}"

    def items_by_name(self) -> dict[str, Choice]:
        """A matching or ordering question's item fields and their choices, in order."""
        return {self.item_name(c): c for c in self.choices}

    def options(self) -> list[tuple[str, str]]:
        return [(self.token(c.pk), c.text) for c in self.choices]

    def by_token(self) -> dict[str, Choice]:
        return {self.token(c.pk): c for c in self.choices}


class QuestionKind:
    """One kind of question: how it is asked, answered, graded and checked.

    Responses are stored in choice ids, in the shape each kind's module documents.
    Methods that take `choices` want `list(question.choices.all())`; those that take
    a `response` want a dict (callers turn anything else into `{}`).
    """

    value: ClassVar[str]
    # Holds the partials `answer-fields` (the student's inputs, given `form` and
    # `question`) and `preview` (the admin's preview, given `item`, `q`, `show_answers`).
    template_name: ClassVar[str]
    shuffle: ClassVar[Shuffle] = Shuffle.IF_QUIZ_SAYS
    # An answer that is a sequence reads as a numbered list on review pages.
    lines_are_ordered: ClassVar[bool] = False
    # The response key of an answer typed in: the results count its commonest texts
    # (a kind with choices to count says so in `tallies` instead).
    typed_key: ClassVar[str | None] = None

    @property
    def fields_template(self) -> str:
        return f"{self.template_name}#answer-fields"

    @property
    def preview_template(self) -> str:
        return f"{self.template_name}#preview"

    def presented(self, attempt: Attempt, question: Question, salt: str = "") -> list[Choice]:
        """The question's choices in this attempt's order (`salt` draws another order
        for the same attempt, as a matching question's right-hand side needs)."""
        choices = list(question.choices.all())
        if self.shuffle is Shuffle.NEVER:
            return choices
        if attempt.quiz.shuffle or self.shuffle is Shuffle.ALWAYS:
            random.Random(f"{attempt.seed}:{question.pk}:{salt}").shuffle(choices)
        return choices

    # -- the answer form ---------------------------------------------------------

    def fields(self, sheet: Sheet) -> dict[str, forms.Field]:
        """The answer form's fields, in the order the page shows them."""
        raise NotImplementedError

    def initial(self, sheet: Sheet, response: dict) -> dict:
        """The fields' values that show a stored response again."""
        raise NotImplementedError

    def listed_answers(self, sheet: Sheet) -> list[ListedAnswer]:
        """Answers the page lists once, above the items whose menus name them by
        label (a matching question's); [] for a kind that lists none."""
        return []

    def clean(self, sheet: Sheet, data: dict) -> None:
        """Raise forms.ValidationError for an answer the fields accept one by one
        but not together."""

    def response(self, sheet: Sheet, data: dict) -> dict:
        """The cleaned form data as a response to store; {} for no answer."""
        raise NotImplementedError

    # -- grading -------------------------------------------------------------------

    def score(self, choices: list[Choice], response: dict) -> Fraction:
        """The share of the question's points earned, exactly, from 0 to 1."""
        raise NotImplementedError

    def correct_response(self, choices: list[Choice]) -> dict:
        """The full-marks response."""
        raise NotImplementedError

    def describe(self, choices: list[Choice], response: dict) -> list[str]:
        """A response in words, one line each, for feedback and review; [] for none."""
        raise NotImplementedError

    # -- results -------------------------------------------------------------------

    def tallies(self, choices: list[Choice]) -> list[Tally]:
        """What the quiz's results count among this question's answers, item by item
        in the order the results show them; [] for a kind with nothing to count."""
        return []

    # -- the answer key --------------------------------------------------------------

    def key_problems(self, rows: list[KeyRow]) -> list[str]:
        """What stops these rows from forming a gradable key; [] if nothing."""
        raise NotImplementedError

    def key_summary(self, choices: list[Choice]) -> str:
        """The key at a glance, for the admin (`choices` is never empty)."""
        return " · ".join(f"✓ {c.text}" if c.is_correct else c.text for c in choices)


class Unrecognised(QuestionKind):
    """A stored kind that no module knows (only a row edited by hand can hold one).

    It asks and accepts nothing and scores nothing, as the `if` chains that came
    before the kinds did, so one bad row cannot stop a whole attempt's submission.
    """

    value = ""
    template_name = "quizzes/kinds/unrecognised.html"

    def fields(self, sheet: Sheet) -> dict[str, forms.Field]:
        return {}

    def initial(self, sheet: Sheet, response: dict) -> dict:
        return {}

    def response(self, sheet: Sheet, data: dict) -> dict:
        return {}

    def score(self, choices: list[Choice], response: dict) -> Fraction:
        return Fraction(0)

    def correct_response(self, choices: list[Choice]) -> dict:
        return {}

    def describe(self, choices: list[Choice], response: dict) -> list[str]:
        return []

    def key_problems(self, rows: list[KeyRow]) -> list[str]:
        return []
