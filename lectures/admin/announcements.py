"""The admin of announcements: correcting or removing one already posted.

Announcements are posted on the course's announcements page, which mails them;
here an instructor fixes a typo or takes one down (neither mails anyone), in their
own courses only."""

from __future__ import annotations

from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from lectures.admin_scoping import InstructorScopedMixin
from lectures.models import Announcement


@admin.register(Announcement)
class AnnouncementAdmin(InstructorScopedMixin, admin.ModelAdmin):
    list_display = ["created", "course", "author", "excerpt"]
    list_filter = [("course", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["course", "author"]
    search_fields = ["body"]
    fields = ["course", "author", "created", "body"]
    readonly_fields = ["course", "author", "created"]

    def has_add_permission(self, request, *args) -> bool:
        # Posting is the course page's job: it mails the students.
        return False

    @admin.display(description=gettext_lazy("announcement"))
    def excerpt(self, obj: Announcement) -> str:
        return Truncator(" ".join(obj.body.split())).chars(80)
