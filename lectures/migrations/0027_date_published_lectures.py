"""Date the lectures published before Lecture.published_at existed.

There is no record of when they were published (a lecture has no creation time,
and `updated` moves with every edit), so each published lecture is dated its
course's behind_after_days before the migration: it counts towards "behind" at
once, as every published lecture did before, and no student's standing changes
with the upgrade. Drafts keep the migration's time; publishing one dates it anew.
"""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone


def date_published_lectures(apps, schema_editor):
    Course = apps.get_model("lectures", "Course")
    Lecture = apps.get_model("lectures", "Lecture")
    now = timezone.now()
    for course_id, days in Course.objects.values_list("pk", "behind_after_days"):
        Lecture.objects.filter(course_id=course_id, published=True).update(
            published_at=now - timedelta(days=days)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("lectures", "0026_course_behind_after_days_lecture_published_at"),
    ]

    operations = [
        migrations.RunPython(date_published_lectures, migrations.RunPython.noop, elidable=True),
    ]
