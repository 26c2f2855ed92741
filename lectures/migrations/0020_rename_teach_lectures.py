"""Data for 0019: a lecture slugged "teach" would sit where the course's teaching
page now is (/courses/<course>/teach/) and could never be opened; it becomes
"teach-lecture" (numbered if that is taken) before 0019 reserves the slug, as 0007
did for the course's other pages."""

from django.db import migrations


def rename(apps, schema_editor):
    Lecture = apps.get_model("lectures", "Lecture")
    for lecture in Lecture.objects.filter(slug="teach"):
        base = slug = "teach-lecture"
        n = 2
        while Lecture.objects.filter(course_id=lecture.course_id, slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        lecture.slug = slug
        lecture.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("lectures", "0019_announcements_mail_preferences_reminders")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
