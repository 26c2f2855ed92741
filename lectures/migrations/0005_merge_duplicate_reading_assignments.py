"""Data for 0006: one assignment per (reading, student) and per (reading, cohort).

Where the same reading was assigned twice to the same person or cohort, the
newest assignment stays (its due date is the one last given) and the others go.
Its own migration, so PostgreSQL never alters a table with pending trigger events.
"""

from django.db import migrations
from django.db.models import Count


def merge_duplicates(apps, schema_editor):
    ReadingAssignment = apps.get_model("lectures", "ReadingAssignment")
    for target in ("student", "cohort"):
        repeated = (
            ReadingAssignment.objects.filter(**{f"{target}__isnull": False})
            .values("reading", target)
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
        )
        for row in repeated:
            same = ReadingAssignment.objects.filter(
                reading=row["reading"], **{target: row[target]}
            ).order_by("-created", "-pk")
            ReadingAssignment.objects.filter(pk__in=list(same.values_list("pk", flat=True)[1:])).delete()


class Migration(migrations.Migration):
    dependencies = [("lectures", "0004_one_teacher_rule_valid_slugs_pending_uploads")]

    operations = [migrations.RunPython(merge_duplicates, migrations.RunPython.noop)]
