"""What LTI Advantage's services remember: which of our pages a platform's link
opens (deep linking), which gradebook column a quiz's scores go to, and each
student's grade on its way there (AGS).

django-lti keeps the platform's side (LtiContext, LtiResourceLink); these tables
join it to our lectures, quizzes and accounts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy
from lti_tool.models import LtiContext, LtiResourceLink

from lectures.models import Lecture
from quizzes.models import Quiz


class ContentLink(models.Model):
    """The lecture or quiz a platform's resource link opens.

    Stored on the link's first launch, from the custom parameter our deep-linking
    response put in it, once the target is known to belong to the launch's course;
    later launches of the link go straight there.
    """

    resource_link = models.OneToOneField(
        LtiResourceLink, on_delete=models.CASCADE, related_name="content_link"
    )
    lecture = models.ForeignKey(Lecture, on_delete=models.CASCADE, null=True, blank=True)
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, null=True, blank=True)
    created = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(lecture__isnull=True, quiz__isnull=False)
                | Q(lecture__isnull=False, quiz__isnull=True),
                name="content_link_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource_link} → {self.quiz or self.lecture}"


class QuizLineItem(models.Model):
    """The gradebook column (AGS line item) of a quiz in a platform's context.

    `url` is the line item's id on the platform: from the launch's AGS claim when
    the link came with its own line item, or found or created (by resourceId) the
    first time a score is posted. Blank until then.
    """

    context = models.ForeignKey(LtiContext, on_delete=models.CASCADE, related_name="+")
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="lms_line_items")
    url = models.URLField(max_length=1000, blank=True)
    created = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["context", "quiz"], name="quiz_line_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.quiz} in {self.context}"


class GradePost(models.Model):
    """One student's grade on one line item, as the platform last heard it or is
    about to: pending (queued or waiting to retry), sent, or failed (retries spent;
    listed for the instructor, who may send it again).

    One row per (line item, student): a new score replaces the pending one, so a
    student submitting three attempts in a minute costs one post, of the score the
    quiz keeps at the time it is sent.
    """

    class Status(models.TextChoices):
        PENDING = "pending", gettext_lazy("Waiting to be sent")
        SENT = "sent", gettext_lazy("Sent")
        FAILED = "failed", gettext_lazy("Failed")

    line_item = models.ForeignKey(QuizLineItem, on_delete=models.CASCADE, related_name="posts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lms_grade_posts"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    tries = models.PositiveSmallIntegerField(default=0)
    # Bumped by every new score, so a retry queued for an older one knows it is stale.
    generation = models.PositiveIntegerField(default=0)
    score_given = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    score_maximum = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    error = models.TextField(blank=True)
    updated = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["line_item", "user"], name="grade_post_unique"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "sent", "failed"]), name="grade_post_status"
            ),
        ]
        indexes = [models.Index(fields=["status", "line_item"])]

    def __str__(self) -> str:
        return f"{self.user} on {self.line_item}: {self.status}"
