"""Data: move the dates an instructor typed outside 1970-2199 to the nearest end, so
that the check constraints of the next migration can be added, and the pages that
showed such a date (one past Python's last year cannot be read back) work again.

Done in SQL (an UPDATE per bound), never reading a value into Python. A due date in
year 9999 stays "far in the future", one in year 1 "long overdue". The range is
written out here, as coursesite.bounds had it, so that this migration never changes.
"""

from datetime import UTC, datetime

from django.db import migrations

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2199, 12, 31, 23, 59, tzinfo=UTC)
FIELDS = [("ReadingAssignment", "due_at"), ("ReadingDue", "due_at"), ("Enrolment", "joined")]


def clamp(apps, schema_editor):
    for model_name, field in FIELDS:
        model = apps.get_model("lectures", model_name)
        model.objects.filter(**{f"{field}__gt": LATEST}).update(**{field: LATEST})
        model.objects.filter(**{f"{field}__lt": EARLIEST}).update(**{field: EARLIEST})


class Migration(migrations.Migration):
    dependencies = [("lectures", "0023_review_queue_index_with_state")]

    operations = [migrations.RunPython(clamp, migrations.RunPython.noop)]
