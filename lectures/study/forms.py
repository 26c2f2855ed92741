"""Forms of the student's pages."""

from __future__ import annotations

from django import forms


class ProgressToggleForm(forms.Form):
    """The state the student wants, not a flip: a double click or two tabs agree."""

    done = forms.TypedChoiceField(
        choices=[("1", "done"), ("0", "not done")], coerce=lambda v: v == "1"
    )


class GlossarySearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, strip=True)
