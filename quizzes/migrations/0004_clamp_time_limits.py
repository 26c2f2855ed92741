"""Data: bring each quiz's time limit into one minute to 24 hours (the check
constraint of the next migration). A limit of millions of days made every start
fail; the nearest end keeps what the instructor meant as nearly as it can."""

from datetime import timedelta

from django.db import migrations

SHORTEST = timedelta(minutes=1)
LONGEST = timedelta(hours=24)


def clamp(apps, schema_editor):
    quiz = apps.get_model("quizzes", "Quiz")
    quiz.objects.filter(time_limit__gt=LONGEST).update(time_limit=LONGEST)
    quiz.objects.filter(time_limit__lt=SHORTEST).update(time_limit=SHORTEST)


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0003_question_origin_and_review")]

    operations = [migrations.RunPython(clamp, migrations.RunPython.noop)]
