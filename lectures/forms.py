"""Forms for lecture pages and the admin's notes upload."""

from __future__ import annotations

from django import forms
from django.core.validators import FileExtensionValidator

from .models import Course

MAX_NOTES_BYTES = 10 * 1024 * 1024


class NotesUploadForm(forms.Form):
    course = forms.ModelChoiceField(queryset=Course.objects.none())
    notes = forms.FileField(
        label="Notes file",
        help_text="A UTF-8 text file in the lecture notes format (.txt or .md).",
        validators=[FileExtensionValidator(["txt", "md", "text", "markdown"])],
    )
    title = forms.CharField(
        max_length=200, required=False, help_text="Leave blank to use the file's Title: line."
    )
    slug = forms.SlugField(
        max_length=80,
        required=False,
        help_text="Leave blank to derive it from the title. An existing slug updates that lecture.",
    )
    prune = forms.BooleanField(
        required=False,
        help_text="Delete sections that are gone from the file (default: archive them, "
        "keeping students' progress).",
    )

    def __init__(self, *args, courses=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if courses is not None:
            self.fields["course"].queryset = courses

    def clean_notes(self):
        upload = self.cleaned_data["notes"]
        if upload.size > MAX_NOTES_BYTES:
            raise forms.ValidationError("The file is larger than 10 MB; split the lecture.")
        return upload


class ProgressToggleForm(forms.Form):
    """The state the student wants, not a flip: a double click or two tabs agree."""

    done = forms.TypedChoiceField(
        choices=[("1", "done"), ("0", "not done")], coerce=lambda v: v == "1"
    )


class GlossarySearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, strip=True)
