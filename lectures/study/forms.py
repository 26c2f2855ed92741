"""Forms of the student's pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import pgettext_lazy


class ProgressToggleForm(forms.Form):
    """The state the student wants, not a flip: a double click or two tabs agree."""

    done = forms.TypedChoiceField(
        choices=[
            ("1", pgettext_lazy("progress", "done")),
            ("0", pgettext_lazy("progress", "not done")),
        ],
        coerce=lambda v: v == "1",
    )


class GlossarySearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, strip=True)
