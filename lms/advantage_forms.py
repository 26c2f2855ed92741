"""Forms of the LTI Advantage pages: the deep-linking picker, the LMS roster's
fetch and confirm, and sending failed grades again."""

from __future__ import annotations

from dataclasses import asdict

from django import forms
from django.core import signing
from django.utils.translation import gettext, gettext_lazy
from lti_tool.models import LtiContext

from lectures.models import Course, Lecture
from quizzes.models import Quiz

from .advantage_models import GradePost
from .deep_linking import Linkable
from .nrps import Member

ROSTER_MAX_AGE = 60 * 60
ROSTER_EXPIRED = gettext_lazy(
    "This preview is more than an hour old. Fetch the members again; nothing was changed."
)
ROSTER_TAMPERED = gettext_lazy(
    "This preview could not be read. Fetch the members again; nothing was changed."
)


class DeepLinkForm(forms.Form):
    """The lecture or quiz to link; cleans to the Lecture or Quiz, of the course only."""

    target = forms.ChoiceField(
        label=gettext_lazy("Link to"),
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose a lecture or a quiz to link."),
            "invalid_choice": gettext_lazy("Choose a lecture or a quiz of this course."),
        },
    )

    def __init__(self, *args, content: list[Linkable], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._targets: dict[str, Lecture | Quiz] = {}
        choices = []
        for item in content:
            lecture = item.lecture
            label = (
                lecture.title
                if lecture.published
                else gettext("%(title)s (draft)") % {"title": lecture.title}
            )
            self._targets[f"lecture-{lecture.pk}"] = lecture
            choices.append(
                (f"lecture-{lecture.pk}", gettext("Lecture: %(title)s") % {"title": label})
            )
            for quiz in item.quizzes:
                self._targets[f"quiz-{quiz.pk}"] = quiz
                quiz_label = gettext("Quiz: %(title)s (%(lecture)s)") % {
                    "title": quiz.title,
                    "lecture": lecture.title,
                }
                choices.append((f"quiz-{quiz.pk}", quiz_label))
        self.fields["target"].choices = choices

    def clean_target(self) -> Lecture | Quiz:
        return self._targets[self.cleaned_data["target"]]


class ContextField(forms.ModelChoiceField):
    def label_from_instance(self, obj: LtiContext) -> str:
        return obj.title or obj.label or obj.id_on_platform


class RosterFetchForm(forms.Form):
    context = ContextField(
        queryset=LtiContext.objects.none(),
        label=gettext_lazy("LMS course"),
        empty_label=None,
        error_messages={
            "invalid_choice": gettext_lazy("Choose one of the LMS courses linked to this course.")
        },
    )

    def __init__(self, *args, contexts, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["context"].queryset = contexts


def _signer(user) -> signing.TimestampSigner:
    # Salted with the account, so one instructor's preview cannot be posted by another.
    return signing.TimestampSigner(salt=f"lms.roster:{user.pk}")


def roster_sign(*, user, course: Course, context: LtiContext, members: list[Member]) -> str:
    """The preview's hidden value: the member list as fetched, signed and dated, so
    the confirmation applies what the instructor saw (re-planned against the
    database as it is then), not a second fetch that may differ."""
    payload = {
        "course": course.pk,
        "context": context.pk,
        "members": [asdict(member) for member in members],
    }
    return _signer(user).sign_object(payload, compress=True)


class RosterConfirmForm(forms.Form):
    """Confirms a previewed member list; `payload` cleans to {"context", "members"}."""

    payload = forms.CharField(
        widget=forms.HiddenInput, error_messages={"required": ROSTER_TAMPERED}
    )

    def __init__(self, *args, user, course: Course, contexts, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user, self.course, self.contexts = user, course, contexts

    def clean_payload(self) -> dict:
        try:
            payload = _signer(self.user).unsign_object(
                self.cleaned_data["payload"], max_age=ROSTER_MAX_AGE
            )
        except signing.SignatureExpired:
            raise forms.ValidationError(ROSTER_EXPIRED, code="expired") from None
        except signing.BadSignature:
            raise forms.ValidationError(ROSTER_TAMPERED, code="tampered") from None
        context = self.contexts.filter(pk=payload.get("context")).first()
        if payload.get("course") != self.course.pk or context is None:
            raise forms.ValidationError(
                gettext("That LMS course is no longer linked to this course. Nothing was changed."),
                code="context",
            )
        return {"context": context, "members": [Member(**m) for m in payload["members"]]}


class GradeRetryForm(forms.Form):
    """Which failed grades to send again: one, or (left empty) every failed one."""

    post = forms.ModelChoiceField(
        queryset=GradePost.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": gettext_lazy("That grade is no longer waiting to be sent again.")
        },
    )

    def __init__(self, *args, failed, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.failed = failed
        self.fields["post"].queryset = failed

    def posts(self):
        post = self.cleaned_data.get("post")
        return self.failed.filter(pk=post.pk) if post else self.failed
