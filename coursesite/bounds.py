"""The range a date an instructor types may take.

A date far from today is never meant (a due date in 9999 or in year 1 is a typo),
and near either end of Python's range it is not even storable: with a time zone
other than UTC, 9999-12-31 23:59 becomes a year-10000 instant in UTC, which the
database takes but Python cannot read back, so every page showing it fails. Every
date field an instructor fills is held to this range by its model validators (and
so by its admin and site forms).
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.core.validators import BaseValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2199, 12, 31, 23, 59, tzinfo=UTC)


@deconstructible
class SaneDatetimeValidator(BaseValidator):
    """A datetime between EARLIEST and LATEST, said in the instructor's words."""

    message = _("Enter a date between 1970 and 2199.")
    code = "date_out_of_range"

    def __init__(self, message: str | None = None):
        super().__init__(limit_value=(EARLIEST, LATEST), message=message)

    def compare(self, value, limits) -> bool:
        earliest, latest = limits
        return not earliest <= value <= latest

    def __call__(self, value) -> None:
        if value is not None and self.compare(value, self.limit_value):
            raise ValidationError(self.message, code=self.code)


validate_sane_datetime = SaneDatetimeValidator()
