"""Forms for lecture pages and the admin's notes upload."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import FileExtensionValidator
from django.db.models import Q
from django.utils import timezone

from .models import Course, PendingUpload
from .notes import NotesError, check_size


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
        # The import checks again, but only after the view has read the whole file.
        try:
            check_size(upload.size)
        except NotesError as exc:
            raise forms.ValidationError(f"{upload.name}: {exc}. Nothing was imported.") from None
        return upload


PENDING_UPLOAD_SECONDS = 3600
UPLOAD_EXPIRED = "This upload has expired; upload the file again."


def pending_upload_store(*, user, payload: dict) -> str:
    """Keep an upload awaiting confirmation in the database; returns its token.

    Expired uploads are swept here, so the table holds at most an hour of them.
    """
    now = timezone.now()
    PendingUpload.objects.filter(expires_at__lte=now).delete()
    token = secrets.token_urlsafe(24)
    PendingUpload.objects.create(
        user=user,
        token=token,
        course_id=payload["course_id"],
        filename=payload["filename"][:255],
        data=payload["data"],
        title=payload["title"],
        slug=payload["slug"],
        prune=payload["prune"],
        approved=payload.get("approved") or [],
        expires_at=now + timedelta(seconds=PENDING_UPLOAD_SECONDS),
    )
    return token


class NotesConfirmForm(forms.Form):
    """Confirms an upload kept server-side; `token` cleans to its stored payload.

    The payload gains "course" (re-checked against `courses`, which may have shrunk
    since the upload) and "pending" (the row, to delete once used). Another user's
    token, or an expired one, finds nothing.
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
        pending = PendingUpload.objects.filter(
            user=self.user, token=self.cleaned_data["token"], expires_at__gt=timezone.now()
        ).first()
        if pending is None:
            raise forms.ValidationError(UPLOAD_EXPIRED)
        course = self.courses.filter(pk=pending.course_id).first()
        if course is None:
            raise forms.ValidationError(
                "You can no longer import into that course. Nothing was imported."
            )
        return {
            "data": bytes(pending.data),
            "filename": pending.filename,
            "course_id": pending.course_id,
            "title": pending.title,
            "slug": pending.slug,
            "prune": pending.prune,
            "approved": pending.approved,
            "course": course,
            "pending": pending,
        }


class StudentAccountField(forms.CharField):
    """An account to enrol, named by its exact username or email address.

    Staff and superuser accounts are refused with the same message as a missing
    one, so an instructor cannot enrol (or discover) the site's administrators.
    """

    default_error_messages = {
        "missing": "There is no student account with that username or email address.",
        "ambiguous": "Several accounts share that email address; enter the username instead.",
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", "Username or email")
        kwargs.setdefault("max_length", 254)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        # The admin passes the current user's id for an existing enrolment.
        user = get_user_model().objects.filter(pk=value).first() if isinstance(value, int) else None
        return user.get_username() if user else value

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        users = get_user_model().objects.filter(
            Q(username=value) | Q(email__iexact=value),
            is_active=True,
            is_staff=False,
            is_superuser=False,
        )
        found = list(users[:2])
        by_username = [u for u in found if u.get_username() == value]
        if by_username:
            return by_username[0]
        if not found:
            raise forms.ValidationError(self.error_messages["missing"], code="missing")
        if len(found) > 1:
            raise forms.ValidationError(self.error_messages["ambiguous"], code="ambiguous")
        return found[0]


class ProgressToggleForm(forms.Form):
    """The state the student wants, not a flip: a double click or two tabs agree."""

    done = forms.TypedChoiceField(
        choices=[("1", "done"), ("0", "not done")], coerce=lambda v: v == "1"
    )


class GlossarySearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, strip=True)
