"""Counted words read right for one and for several: Django's ngettext, not
hand-made plurals (STYLE.md), so translations can give every language its forms."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lectures.content.report import ImportReport
from lectures.models import Course, Lecture
from lectures.teaching.roster import roster_plan
from lectures.teaching.roster_csv import roster_parse
from quizzes.kinds.base import ticked
from quizzes.templatetags.quiz_format import duration, minutes_left


@pytest.mark.parametrize(
    ("limit", "words"),
    [
        (timedelta(hours=1, minutes=1, seconds=1), "1 hour 1 minute 1 second"),
        (timedelta(hours=2, minutes=2, seconds=2), "2 hours 2 minutes 2 seconds"),
    ],
)
def test_a_duration_counts_each_unit(limit, words):
    assert duration(limit) == words


@pytest.mark.parametrize(("seconds", "words"), [(60, "about 1 minute"), (150, "about 2 minutes")])
def test_minutes_left(seconds, words):
    assert minutes_left(seconds) == words


@pytest.mark.parametrize(
    ("created", "flagged", "words"),
    [
        (["section “A”", "term “T”"], ["q"], "1 section and 1 term created. 1 quiz question to"),
        (
            ["section “A”", "section “B”", "action item “X”", "action item “Y”"],
            ["q", "r"],
            "2 sections and 2 action items created. 2 quiz questions to",
        ),
    ],
)
def test_the_import_summary_counts_what_it_did(created, flagged, words):
    lecture = Lecture(title="Rivers", slug="rivers", course=Course(title="Geo", slug="geo"))
    report = ImportReport(lecture=lecture, created=created, questions_flagged=flagged)
    assert words in report.summary()


@pytest.mark.parametrize(
    ("n", "words"), [(0, "none is ticked"), (1, "1 is ticked"), (2, "2 are ticked")]
)
def test_ticked_choices_are_counted(n, words):
    assert ticked(n) == words


@pytest.mark.parametrize(
    ("suggested", "words"),
    [
        (["e"], "1 new event is only suggested: students see it once you confirm it"),
        (["e", "f"], "2 new events are only suggested: students see them once you confirm them"),
    ],
)
def test_the_import_summary_counts_its_suggestions(suggested, words):
    lecture = Lecture(title="Rivers", slug="rivers", course=Course(title="Geo", slug="geo"))
    assert words in ImportReport(lecture=lecture, events_suggested=suggested).summary()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("username,email\nada,ada@example.com\n", "1 new account, 0 existing accounts enrolled"),
        ("username,email\nada,a@e.org\nbo,b@e.org\n,\n", "2 new accounts, 0 existing accounts"),
    ],
)
@pytest.mark.django_db
def test_the_roster_summary_counts_each_outcome(course, text, words):
    plan = roster_plan(course=course, rows=roster_parse(text).rows)
    assert plan.summary().startswith(words)
