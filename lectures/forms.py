"""Forms for lecture pages and the admin's notes upload."""

from __future__ import annotations

from django import forms
from django.core.cache import cache
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


PENDING_UPLOAD_SECONDS = 3600
UPLOAD_EXPIRED = "This upload has expired; upload the file again."


def pending_upload_key(user_pk: int, token: str) -> str:
    """The cache key of an upload awaiting confirmation: another user's token misses."""
    return f"notes-upload:{user_pk}:{token}"


class NotesConfirmForm(forms.Form):
    """Confirms an upload kept server-side; `token` cleans to its stored payload.

    The payload gains "course" (re-checked against `courses`, which may have shrunk
    since the upload) and "key" (to delete the entry once used).
    """

    token = forms.CharField(
        widget=forms.HiddenInput,
        max_length=64,
        error_messages={"required": UPLOAD_EXPIRED, "max_length": UPLOAD_EXPIRED},
    )

    def __init__(self, *args, user, courses, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.courses = courses

    def clean_token(self) -> dict:
        key = pending_upload_key(self.user.pk, self.cleaned_data["token"])
        payload = cache.get(key)
        if payload is None:
            raise forms.ValidationError(UPLOAD_EXPIRED)
        course = self.courses.filter(pk=payload["course_id"]).first()
        if course is None:
            raise forms.ValidationError(
                "You can no longer import into that course. Nothing was imported."
            )
        return {**payload, "course": course, "key": key}


class ProgressToggleForm(forms.Form):
    """The state the student wants, not a flip: a double click or two tabs agree."""

    done = forms.TypedChoiceField(
        choices=[("1", "done"), ("0", "not done")], coerce=lambda v: v == "1"
    )


class GlossarySearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, strip=True)
