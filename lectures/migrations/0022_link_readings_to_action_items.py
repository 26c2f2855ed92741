"""Data: link the readings made from action items before 0019 to their items.

Until then a reading made from an action item was recognised by its title (the
item's text, or that text shortened with "…" and kept whole in the note). Each
such reading of the item's lecture is linked now, when exactly one reading and
one item match, so that making readings from the lecture again does not make a
second one. What students did of either is left as it is: their next tick on one
marks both.
"""

from collections import defaultdict

from django.db import migrations


def link(apps, schema_editor):
    ActionItem = apps.get_model("lectures", "ActionItem")
    Reading = apps.get_model("lectures", "Reading")
    candidates = Reading.objects.filter(
        action_item__isnull=True, lecture__isnull=False, url="", section__isnull=True
    )
    by_text = defaultdict(list)
    for reading in candidates.only("pk", "lecture_id", "title", "note"):
        shortened = reading.title.endswith("…") and reading.note
        text = reading.note if shortened else reading.title
        by_text[(reading.lecture_id, text)].append(reading)
    taken = set(Reading.objects.filter(action_item__isnull=False).values_list("action_item_id"))
    for item in ActionItem.objects.only("pk", "lecture_id", "text").iterator():
        readings = by_text.get((item.lecture_id, item.text), [])
        if len(readings) == 1 and (item.pk,) not in taken:
            Reading.objects.filter(pk=readings[0].pk).update(action_item_id=item.pk)


class Migration(migrations.Migration):
    dependencies = [("lectures", "0021_reading_action_item_teach_slug")]

    operations = [migrations.RunPython(link, migrations.RunPython.noop)]
