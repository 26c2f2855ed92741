"""Data for 0019: a lecture slugged "announcements" could never be opened once the
course's announcements page takes that address; it becomes "announcements-lecture"
(numbered if that is taken) before 0019 forbids the slug."""

from django.db import migrations


def rename(apps, schema_editor):
    Lecture = apps.get_model("lectures", "Lecture")
    for lecture in Lecture.objects.filter(slug="announcements"):
        base = slug = f"{lecture.slug}-lecture"
        n = 2
        while Lecture.objects.filter(course_id=lecture.course_id, slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        lecture.slug = slug
        lecture.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("lectures", "0017_timeline_event_doubt")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
