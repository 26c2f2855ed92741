"""Data for 0008: a lecture slugged like one of the course's own pages ("assign",
"report", "review", "readings") could never be opened; it becomes "<slug>-lecture"
(numbered if that is taken) before 0008 forbids those slugs."""

from django.db import migrations

RESERVED = ("assign", "report", "review", "readings")


def rename(apps, schema_editor):
    Lecture = apps.get_model("lectures", "Lecture")
    for lecture in Lecture.objects.filter(slug__in=RESERVED):
        base = slug = f"{lecture.slug}-lecture"
        n = 2
        while Lecture.objects.filter(course_id=lecture.course_id, slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        lecture.slug = slug
        lecture.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("lectures", "0006_reading_assignment_note_and_no_duplicates")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
