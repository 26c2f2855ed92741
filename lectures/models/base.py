"""What every content model shares: refusing values the notes format could not carry back."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from lectures.notes import line_problem, normalise_text, text_problem


class NotesFormatChecked(models.Model):
    """Refuses values the notes format cannot carry, so export then import is exact.

    Subclasses define `_notes_problems(names) -> {field: message}` for the fields
    in `names`. This runs in clean_fields() rather than clean() because only it
    knows which fields a form leaves out (the changelist's list_editable forms):
    an error on a field the form lacks is a crash, not a message.
    """

    class Meta:
        abstract = True

    def _notes_problems(self, names: set[str]) -> dict[str, str]:
        raise NotImplementedError

    def clean_fields(self, exclude=None) -> None:
        try:
            super().clean_fields(exclude=exclude)
            errors = {}
        except ValidationError as exc:
            errors = exc.error_dict
        names = {f.name for f in self._meta.concrete_fields} - set(exclude or ()) - set(errors)
        for name, message in self._notes_problems(names).items():
            errors[name] = [ValidationError(message, code="notes_format")]
        if errors:
            raise ValidationError(errors)


def one_line_problem(instance: models.Model, name: str, required: bool = True) -> str | None:
    """Strip the field as an import would, then say what stops it being one notes line."""
    value = getattr(instance, name).strip()
    setattr(instance, name, value)
    if required and not value:
        return instance._meta.get_field(name).error_messages["blank"]
    return line_problem(value)


def text_stored_problem(instance: models.Model, name: str) -> str | None:
    """Store a body or overview as an import would, or say which line it cannot carry."""
    value = getattr(instance, name)
    problem = text_problem(value)
    if problem is None:
        setattr(instance, name, normalise_text(value))
    return problem


def problems_found(**problems: str | None) -> dict[str, str]:
    return {name: problem for name, problem in problems.items() if problem}
