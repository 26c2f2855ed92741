"""Data for 0004: one meaning of "teaches", and slugs the URLs can carry.

- An enrolment with the old "instructor" role becomes a place in
  Course.instructors (the only rule of who teaches a course), with staff access
  so the admin opens for them; the enrolment itself goes, as they do not study
  the course. Their own progress rows are untouched.
- A course or lecture slug that the URLs' slug converter cannot carry (spaces,
  say, which made every page of the course fail) is rewritten from itself, kept
  unique, before 0004 adds the check constraints.

Each is its own migration so PostgreSQL never alters a table with pending
trigger events from these updates.
"""

import re

from django.conf import settings
from django.db import migrations
from django.utils.text import slugify

VALID = re.compile(r"^[-a-zA-Z0-9_]+\Z")


def instructor_enrolments_to_instructors(apps, schema_editor):
    Enrolment = apps.get_model("lectures", "Enrolment")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    Course = apps.get_model("lectures", "Course")
    teaching = Enrolment.objects.filter(role="instructor")
    for enrolment in teaching.iterator():
        Course.instructors.through.objects.get_or_create(
            course_id=enrolment.course_id, user_id=enrolment.user_id
        )
    User.objects.filter(pk__in=teaching.values("user_id")).update(is_staff=True)
    teaching.delete()


def _fix_slugs(model, siblings) -> None:
    for obj in model.objects.all().iterator():
        if VALID.match(obj.slug or ""):
            continue
        base = slugify(obj.slug.replace("—", "-").replace("–", "-"))[:70] or "untitled"
        slug, n = base, 2
        while siblings(obj).filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        obj.slug = slug
        obj.save(update_fields=["slug"])


def fix_slugs(apps, schema_editor):
    Course = apps.get_model("lectures", "Course")
    Lecture = apps.get_model("lectures", "Lecture")
    _fix_slugs(Course, lambda obj: Course.objects.exclude(pk=obj.pk))
    _fix_slugs(Lecture, lambda obj: Lecture.objects.filter(course_id=obj.course_id).exclude(pk=obj.pk))


class Migration(migrations.Migration):
    dependencies = [
        ("lectures", "0002_timelineevent_edited_source"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(instructor_enrolments_to_instructors, migrations.RunPython.noop),
        migrations.RunPython(fix_slugs, migrations.RunPython.noop),
    ]
