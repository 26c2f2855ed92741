"""Timeline dates of any era (issue 17): an event's start and end become a signed
year with optional month and day, a precision, an approximate flag and a qualifier,
sorted by a key the database computes; the old DateFields go. `carry_over` keeps
each existing event's year, month and day, and reads its label for the precision."""

import django.db.models.expressions
import django.db.models.functions.comparison
import django.db.models.lookups
from django.db import migrations, models

from lectures.notes.prose.dates import find_mentions

_DETAIL = ("year", "month", "day")


def approximate_in(text: str, label: str) -> bool:
    """The bullet text says the date `label` approximately ("c. 1503", "around 1503"),
    as the old labels, without their "c.", did not."""
    return any(
        mention.when.approximate and mention.label.removeprefix("c. ") == label
        for mention in find_mentions(text)
    )


def implied_precision(value) -> str:
    """The precision the old date fields imply: the first of a month or year was
    how a month or a year was stored."""
    if value.day != 1:
        return "day"
    return "month" if value.month != 1 else "year"


def converted(label: str, text: str, start, end) -> dict:
    """The new columns of an event stored with the dates `start` and `end` (or None)
    and the label `label`: the dates' year, month and day, at the precision the
    label reads as (or the dates imply, if the label reads as another date)."""
    mentions = find_mentions(label)
    read = mentions[0] if len(mentions) == 1 else None
    columns = {}
    for prefix, value, when in (
        ("start", start, read.when if read else None),
        ("end", end, read.end_when if read else None),
    ):
        if value is None:
            columns.update({f"{prefix}_year": None, f"{prefix}_month": None, f"{prefix}_day": None})
            columns.update({f"{prefix}_precision": "", f"{prefix}_approximate": False})
            columns[f"{prefix}_qualifier"] = ""
            continue
        precision = implied_precision(value)
        qualifier, approximate = "", False
        if when is not None and when.first_year <= value.year <= when.last_year:
            approximate = when.approximate
            if when.precision in ("decade", "century"):
                precision, qualifier = when.precision, when.qualifier
            elif when.precision in _DETAIL and _DETAIL.index(when.precision) > _DETAIL.index(
                precision
            ):
                # "1 January 1990" was stored as a year would be.
                precision = when.precision
        columns.update(
            {
                f"{prefix}_year": value.year,
                f"{prefix}_month": value.month if precision in ("month", "day") else None,
                f"{prefix}_day": value.day if precision == "day" else None,
                f"{prefix}_precision": precision,
                f"{prefix}_approximate": approximate or approximate_in(text, label),
                f"{prefix}_qualifier": qualifier,
            }
        )
    return columns


def carry_over(apps, schema_editor):
    TimelineEvent = apps.get_model("lectures", "TimelineEvent")
    events = list(TimelineEvent.objects.only("when_label", "text", "sort_key", "end_key"))
    fields = set()
    for event in events:
        for name, value in converted(
            event.when_label, event.text, event.sort_key, event.end_key
        ).items():
            setattr(event, name, value)
            fields.add(name)
    if events:
        TimelineEvent.objects.bulk_update(events, sorted(fields), batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("lectures", "0015_glossary_definition_bounded"),
    ]

    operations = [
        migrations.AddField(
            model_name="timelineevent",
            name="end_approximate",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="timelineevent",
            name="end_day",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="timelineevent",
            name="end_month",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="timelineevent",
            name="end_precision",
            field=models.CharField(
                blank=True,
                choices=[
                    ("day", "day"),
                    ("month", "month"),
                    ("year", "year"),
                    ("decade", "decade"),
                    ("century", "century"),
                    ("deep", "deep"),
                ],
                help_text="Of a span's end.",
                max_length=8,
            ),
        ),
        migrations.AddField(
            model_name="timelineevent",
            name="end_qualifier",
            field=models.CharField(
                blank=True,
                choices=[("", "—"), ("early", "early"), ("mid", "mid"), ("late", "late")],
                max_length=5,
            ),
        ),
        migrations.AddField(
            model_name="timelineevent",
            name="end_year",
            field=models.BigIntegerField(
                blank=True, help_text="Where a span ends, if it is one.", null=True
            ),
        ),
        migrations.AddField(
            model_name="timelineevent",
            name="start_approximate",
            field=models.BooleanField(default=False, help_text="“c. 221 BC”"),
        ),
        migrations.AddField(
            model_name="timelineevent",
            name="start_day",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="timelineevent",
            name="start_month",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="timelineevent",
            name="start_precision",
            field=models.CharField(
                choices=[
                    ("day", "day"),
                    ("month", "month"),
                    ("year", "year"),
                    ("decade", "decade"),
                    ("century", "century"),
                    ("deep", "deep"),
                ],
                default="year",
                max_length=8,
            ),
        ),
        migrations.AddField(
            model_name="timelineevent",
            name="start_qualifier",
            field=models.CharField(
                blank=True,
                choices=[("", "—"), ("early", "early"), ("mid", "mid"), ("late", "late")],
                help_text="Of a decade or century.",
                max_length=5,
            ),
        ),
        migrations.AddField(
            model_name="timelineevent",
            name="start_year",
            field=models.BigIntegerField(
                help_text="BC is negative (221 BC is -221; there is no year 0); for deep time, years before present (66000000).",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="timelineevent",
            name="status",
            field=models.CharField(
                choices=[("shown", "shown"), ("suggested", "suggested (students do not see it)")],
                default="shown",
                help_text="A suggestion is an event the import was unsure of: students see it once confirmed.",
                max_length=9,
            ),
        ),
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="timelineevent",
            name="timelineevent_span_ends_after_it_starts",
        ),
        migrations.RemoveIndex(
            model_name="timelineevent",
            name="lectures_ti_lecture_fb084a_idx",
        ),
        migrations.RemoveField(
            model_name="timelineevent",
            name="end_key",
        ),
        migrations.RemoveField(
            model_name="timelineevent",
            name="sort_key",
        ),
        migrations.AlterField(
            model_name="timelineevent",
            name="start_year",
            field=models.BigIntegerField(
                help_text="BC is negative (221 BC is -221; there is no year 0); for deep time, years before present (66000000)."
            ),
        ),
        migrations.AddField(
            model_name="timelineevent",
            name="sort_key",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Case(
                    models.When(
                        start_precision="deep",
                        then=django.db.models.expressions.CombinedExpression(
                            django.db.models.expressions.CombinedExpression(
                                models.Value(1950), "-", models.F("start_year")
                            ),
                            "*",
                            models.Value(10000),
                        ),
                    ),
                    default=django.db.models.expressions.CombinedExpression(
                        django.db.models.expressions.CombinedExpression(
                            django.db.models.expressions.CombinedExpression(
                                django.db.models.expressions.CombinedExpression(
                                    django.db.models.expressions.CombinedExpression(
                                        models.F("start_year"),
                                        "+",
                                        models.Case(
                                            models.When(start_year__lt=0, then=models.Value(1)),
                                            default=models.Value(0),
                                        ),
                                    ),
                                    "+",
                                    models.Case(
                                        models.When(
                                            start_precision="decade",
                                            start_qualifier="early",
                                            then=models.Value(2),
                                        ),
                                        models.When(
                                            start_precision="decade",
                                            start_qualifier="mid",
                                            then=models.Value(5),
                                        ),
                                        models.When(
                                            start_precision="decade",
                                            start_qualifier="late",
                                            then=models.Value(7),
                                        ),
                                        models.When(
                                            start_precision="century",
                                            start_qualifier="early",
                                            then=models.Value(10),
                                        ),
                                        models.When(
                                            start_precision="century",
                                            start_qualifier="mid",
                                            then=models.Value(50),
                                        ),
                                        models.When(
                                            start_precision="century",
                                            start_qualifier="late",
                                            then=models.Value(75),
                                        ),
                                        default=models.Value(0),
                                    ),
                                ),
                                "*",
                                models.Value(10000),
                            ),
                            "+",
                            django.db.models.expressions.CombinedExpression(
                                django.db.models.functions.comparison.Coalesce(
                                    models.F("start_month"), models.Value(0)
                                ),
                                "*",
                                models.Value(100),
                            ),
                        ),
                        "+",
                        django.db.models.functions.comparison.Coalesce(
                            models.F("start_day"), models.Value(0)
                        ),
                    ),
                    output_field=models.BigIntegerField(),
                ),
                output_field=models.BigIntegerField(),
            ),
        ),
        migrations.AddIndex(
            model_name="timelineevent",
            index=models.Index(
                fields=["lecture", "sort_key"], name="lectures_ti_lecture_fb084a_idx"
            ),
        ),
        migrations.AlterField(
            model_name="timelineevent",
            name="when_label",
            field=models.CharField(
                help_text="As shown, e.g. “December 2024”, “c. 221 BC”, “mid-18th century”.",
                max_length=80,
            ),
        ),
        migrations.AddConstraint(
            model_name="timelineevent",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("end_year__isnull", True),
                    django.db.models.lookups.GreaterThanOrEqual(
                        models.Case(
                            models.When(
                                end_precision="deep",
                                then=django.db.models.expressions.CombinedExpression(
                                    django.db.models.expressions.CombinedExpression(
                                        models.Value(1950), "-", models.F("end_year")
                                    ),
                                    "*",
                                    models.Value(10000),
                                ),
                            ),
                            default=django.db.models.expressions.CombinedExpression(
                                django.db.models.expressions.CombinedExpression(
                                    django.db.models.expressions.CombinedExpression(
                                        django.db.models.expressions.CombinedExpression(
                                            django.db.models.expressions.CombinedExpression(
                                                models.F("end_year"),
                                                "+",
                                                models.Case(
                                                    models.When(
                                                        end_year__lt=0, then=models.Value(1)
                                                    ),
                                                    default=models.Value(0),
                                                ),
                                            ),
                                            "+",
                                            models.Case(
                                                models.When(
                                                    end_precision="decade",
                                                    end_qualifier="early",
                                                    then=models.Value(2),
                                                ),
                                                models.When(
                                                    end_precision="decade",
                                                    end_qualifier="mid",
                                                    then=models.Value(5),
                                                ),
                                                models.When(
                                                    end_precision="decade",
                                                    end_qualifier="late",
                                                    then=models.Value(7),
                                                ),
                                                models.When(
                                                    end_precision="century",
                                                    end_qualifier="early",
                                                    then=models.Value(10),
                                                ),
                                                models.When(
                                                    end_precision="century",
                                                    end_qualifier="mid",
                                                    then=models.Value(50),
                                                ),
                                                models.When(
                                                    end_precision="century",
                                                    end_qualifier="late",
                                                    then=models.Value(75),
                                                ),
                                                default=models.Value(0),
                                            ),
                                        ),
                                        "*",
                                        models.Value(10000),
                                    ),
                                    "+",
                                    django.db.models.expressions.CombinedExpression(
                                        django.db.models.functions.comparison.Coalesce(
                                            models.F("end_month"), models.Value(0)
                                        ),
                                        "*",
                                        models.Value(100),
                                    ),
                                ),
                                "+",
                                django.db.models.functions.comparison.Coalesce(
                                    models.F("end_day"), models.Value(0)
                                ),
                            ),
                            output_field=models.BigIntegerField(),
                        ),
                        models.Case(
                            models.When(
                                start_precision="deep",
                                then=django.db.models.expressions.CombinedExpression(
                                    django.db.models.expressions.CombinedExpression(
                                        models.Value(1950), "-", models.F("start_year")
                                    ),
                                    "*",
                                    models.Value(10000),
                                ),
                            ),
                            default=django.db.models.expressions.CombinedExpression(
                                django.db.models.expressions.CombinedExpression(
                                    django.db.models.expressions.CombinedExpression(
                                        django.db.models.expressions.CombinedExpression(
                                            django.db.models.expressions.CombinedExpression(
                                                models.F("start_year"),
                                                "+",
                                                models.Case(
                                                    models.When(
                                                        start_year__lt=0, then=models.Value(1)
                                                    ),
                                                    default=models.Value(0),
                                                ),
                                            ),
                                            "+",
                                            models.Case(
                                                models.When(
                                                    start_precision="decade",
                                                    start_qualifier="early",
                                                    then=models.Value(2),
                                                ),
                                                models.When(
                                                    start_precision="decade",
                                                    start_qualifier="mid",
                                                    then=models.Value(5),
                                                ),
                                                models.When(
                                                    start_precision="decade",
                                                    start_qualifier="late",
                                                    then=models.Value(7),
                                                ),
                                                models.When(
                                                    start_precision="century",
                                                    start_qualifier="early",
                                                    then=models.Value(10),
                                                ),
                                                models.When(
                                                    start_precision="century",
                                                    start_qualifier="mid",
                                                    then=models.Value(50),
                                                ),
                                                models.When(
                                                    start_precision="century",
                                                    start_qualifier="late",
                                                    then=models.Value(75),
                                                ),
                                                default=models.Value(0),
                                            ),
                                        ),
                                        "*",
                                        models.Value(10000),
                                    ),
                                    "+",
                                    django.db.models.expressions.CombinedExpression(
                                        django.db.models.functions.comparison.Coalesce(
                                            models.F("start_month"), models.Value(0)
                                        ),
                                        "*",
                                        models.Value(100),
                                    ),
                                ),
                                "+",
                                django.db.models.functions.comparison.Coalesce(
                                    models.F("start_day"), models.Value(0)
                                ),
                            ),
                            output_field=models.BigIntegerField(),
                        ),
                    ),
                    _connector="OR",
                ),
                name="timelineevent_span_ends_after_it_starts",
                violation_error_message="A span ends on or after its start.",
            ),
        ),
        migrations.AddConstraint(
            model_name="timelineevent",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("start_precision__in", ("day", "month", "year", "decade", "century", "deep")),
                    models.Q(
                        ("start_month__isnull", True),
                        ("start_month__range", (1, 12)),
                        _connector="OR",
                    ),
                    models.Q(
                        ("start_day__isnull", True), ("start_day__range", (1, 31)), _connector="OR"
                    ),
                    models.Q(
                        models.Q(("start_precision", "deep"), ("start_year__gt", 0)),
                        models.Q(
                            models.Q(("start_precision", "deep"), _negated=True),
                            models.Q(("start_year", 0), _negated=True),
                        ),
                        _connector="OR",
                    ),
                ),
                name="timelineevent_start_valid",
                violation_error_message="The start needs a valid precision, month (1–12), day (1–31) and year (no year 0).",
            ),
        ),
        migrations.AddConstraint(
            model_name="timelineevent",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("end_year__isnull", True),
                    models.Q(
                        (
                            "end_precision__in",
                            ("day", "month", "year", "decade", "century", "deep"),
                        ),
                        models.Q(
                            ("end_month__isnull", True),
                            ("end_month__range", (1, 12)),
                            _connector="OR",
                        ),
                        models.Q(
                            ("end_day__isnull", True), ("end_day__range", (1, 31)), _connector="OR"
                        ),
                        models.Q(
                            models.Q(("end_precision", "deep"), ("end_year__gt", 0)),
                            models.Q(
                                models.Q(("end_precision", "deep"), _negated=True),
                                models.Q(("end_year", 0), _negated=True),
                            ),
                            _connector="OR",
                        ),
                    ),
                    _connector="OR",
                ),
                name="timelineevent_end_valid",
                violation_error_message="The end needs a valid precision, month (1–12), day (1–31) and year (no year 0).",
            ),
        ),
        migrations.AddConstraint(
            model_name="timelineevent",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["shown", "suggested"])),
                name="timelineevent_status_valid",
            ),
        ),
    ]
