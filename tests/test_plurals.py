"""Counted words read right for one and for several: Django's ngettext, not
hand-made plurals (STYLE.md), so translations can give every language its forms."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lectures.content.report import ImportReport
from lectures.models import Course, Lecture
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
