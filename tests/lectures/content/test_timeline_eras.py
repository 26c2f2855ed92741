"""Timeline events of any era in the database (issue 17): sorted by the database
itself, BC and deep time included; existing events carried over by the migration;
and suggestions (events the import was unsure of) kept from students until an
instructor confirms them."""

from __future__ import annotations

import datetime
import importlib
from dataclasses import replace

import pytest
from django.urls import reverse

from lectures.content.imports import lecture_import
from lectures.content.timeline import event_confirm, event_dismiss
from lectures.models import TimelineEvent
from lectures.notes.prose import When, extract_events, languages
from lectures.study.selectors import timeline_events
from quizzes.generation.source import Source

pytestmark = pytest.mark.django_db


ERAS = [
    ("1961-08-13", When(1961, "day", 8, 13)),
    ("AD 14", When(14)),
    ("66 million years ago", When(66_000_000, "deep")),
    ("late 1770s", When(1770, "decade", qualifier="late")),
    ("3000 BC", When(-3000)),
    ("mid-18th century", When(1700, "century", qualifier="mid")),
    ("11,700 years ago", When(11_700, "deep")),
    ("220s BC", When(-229, "decade")),
    ("4th century BC", When(-400, "century")),
    ("1 BC", When(-1)),
    ("AD 1", When(1)),
    ("August 1961", When(1961, "month", 8)),
]


def test_the_database_sorts_every_era_on_one_line(make_lecture):
    lecture = make_lecture()
    lecture.events.all().delete()
    for label, start in ERAS:
        event = TimelineEvent(lecture=lecture, when_label=label, text=f"Then: {label}.")
        event.start = start
        event.save()

    ordered = list(timeline_events(lecture).values_list("when_label", flat=True))

    assert ordered == [
        "66 million years ago",
        "11,700 years ago",
        "3000 BC",
        "4th century BC",
        "220s BC",
        "1 BC",
        "AD 1",
        "AD 14",
        "mid-18th century",
        "late 1770s",
        "August 1961",
        "1961-08-13",
    ]
    # The database's key is the reader's, to the unit.
    stored = dict(lecture.events.values_list("when_label", "sort_key"))
    assert stored == {label: start.sort_key for label, start in ERAS}


# --------------------------------------------------------------------------- migration


def test_the_migration_reads_each_old_events_precision_from_its_label():
    migration = importlib.import_module("lectures.migrations.0016_timeline_dates_of_any_era")
    d = datetime.date

    def start(label, text, old, end=None):
        columns = migration.converted(label, text, old, end)
        return (
            columns["start_year"],
            columns["start_month"],
            columns["start_day"],
            columns["start_precision"],
            columns["start_approximate"],
            columns["end_year"],
            columns["end_precision"],
        )

    assert start("1961", "In 1961.", d(1961, 1, 1)) == (1961, None, None, "year", False, None, "")
    assert start("August 1961", "x", d(1961, 8, 1)) == (1961, 8, None, "month", False, None, "")
    assert start("1 January 1990", "x", d(1990, 1, 1)) == (1990, 1, 1, "day", False, None, "")
    assert start("1990s", "x", d(1990, 1, 1))[3] == "decade"
    assert start("19th century", "x", d(1800, 1, 1))[:4] == (1800, None, None, "century")
    assert start("1503", "Painted c. 1503.", d(1503, 1, 1))[4] is True
    assert start("1961–1989", "x", d(1961, 1, 1), d(1989, 1, 1))[5:] == (1989, "year")
    # A label an instructor wrote in words keeps what the old dates said.
    assert start("Spring 1912", "x", d(1912, 3, 1)) == (1912, 3, None, "month", False, None, "")


# --------------------------------------------------------------------------- suggestions

NOTES = "Title: Rome\nKings\n- Rome was founded in 753 BC.\n- The Republic began in 509 BC.\n"


@pytest.fixture
def unsure_of_509(monkeypatch):
    """The extractor (issue 17's judgement part) doubts the Republic's date."""

    def doubting(text, *args, **kwargs):
        return [
            replace(event, sure=False, doubt="a legend") if "509" in event.when_label else event
            for event in extract_events(text, *args, **kwargs)
        ]

    monkeypatch.setattr(languages, "extract_events", doubting)


def rome():
    return lecture_import(course_slug="rome", data=NOTES).lecture


def test_an_unsure_event_is_a_suggestion_students_do_not_see(unsure_of_509):
    lecture = rome()

    assert dict(lecture.events.values_list("when_label", "status")) == {
        "753 BC": "shown",
        "509 BC": "suggested",
    }
    assert list(timeline_events(lecture).values_list("when_label", flat=True)) == ["753 BC"]
    everything = timeline_events(lecture, suggested=True).values_list("when_label", flat=True)
    assert list(everything) == ["753 BC", "509 BC"]


def test_a_suggestion_gives_no_review_card_and_no_quiz_question(unsure_of_509):
    lecture = rome()

    assert [card.back for card in lecture.cards.filter(retired=False, kind="event")] == ["753 BC"]
    assert [event.label for event in Source.load(lecture).events] == ["753 BC"]


def test_a_confirmed_suggestion_stays_shown_while_its_bullet_is_unchanged(unsure_of_509):
    lecture = rome()
    suggestion = lecture.events.get(when_label="509 BC")

    event_confirm(event=suggestion)
    rome()

    assert lecture.events.get(pk=suggestion.pk).status == "shown"
    assert sorted(card.back for card in lecture.cards.filter(retired=False, kind="event")) == [
        "509 BC",
        "753 BC",
    ]


def test_a_dismissed_suggestion_stays_gone_while_its_bullet_is_unchanged(unsure_of_509):
    lecture = rome()

    event_dismiss(event=lecture.events.get(when_label="509 BC"))
    rome()

    assert list(lecture.events.values_list("when_label", flat=True)) == ["753 BC"]
    lecture_import(course_slug="rome", data=NOTES.replace("began in", "was founded in"))
    assert lecture.events.filter(when_label="509 BC", status="suggested").exists()


def test_a_suggestion_the_extractor_grows_sure_of_is_shown(unsure_of_509, monkeypatch):
    lecture = rome()
    monkeypatch.setattr(languages, "extract_events", extract_events)

    rome()

    assert set(lecture.events.values_list("status", flat=True)) == {"shown"}


# --------------------------------------------------------------------------- the admin


def test_an_instructor_enters_a_bc_date_in_the_admin(instructor_client, course):
    lecture = course.lectures.get()
    url = reverse("admin:lectures_timelineevent_add")
    form = {
        "lecture": lecture.pk,
        "when_label": "c. 221 BC",
        "start_year": "-221",
        "start_precision": "year",
        "start_approximate": "on",
        "status": "shown",
        "text": "Qin unified China.",
    }

    assert instructor_client.post(url, form).status_code == 302
    event = lecture.events.get(when_label="c. 221 BC")
    assert event.start == When(-221, approximate=True)

    refused = instructor_client.post(url, {**form, "start_year": "0"})
    assert refused.status_code == 200
    assert "There is no year 0: 1 BC is -1, AD 1 is 1." in refused.content.decode()
    backwards = instructor_client.post(
        url, {**form, "end_year": "-300", "end_precision": "year"}
    ).content.decode()
    assert "A span ends on or after its start." in backwards
