"""The timeline after an instructor's deletions, and in the import's summary
(issue 10): a deleted event stays deleted while its bullet is unchanged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lectures.content.imports import lecture_import
from lectures.models import TimelineEvent, TimelineTombstone
from tests.helpers import PASSWORD, SIMPLE_NOTES

pytestmark = pytest.mark.django_db

DATED = SIMPLE_NOTES.replace(
    "- Matching fossils on distant coasts.\n",
    "- Matching fossils on distant coasts.\n- In 1968 the seafloor was mapped.\n",
)


@pytest.fixture
def root_client(client, make_user):
    make_user("root", is_staff=True, is_superuser=True)
    client.login(username="root", password=PASSWORD)
    return client


def labels(lecture) -> list[str]:
    return list(lecture.events.order_by("sort_key").values_list("when_label", flat=True))


def test_an_event_deleted_in_the_admin_stays_deleted_on_reimport(root_client, make_lecture):
    lecture = make_lecture(DATED)
    assert labels(lecture) == ["1912", "1968"]
    event = lecture.events.get(when_label="1968")
    url = reverse("admin:lectures_timelineevent_delete", args=[event.pk])
    assert root_client.post(url, {"post": "yes"}).status_code == 302
    report = lecture_import(course_slug="geo", data=DATED)
    assert labels(lecture) == ["1912"]
    assert not report.events_created
    # Its bullet changes: the tombstone has nothing left to hold back, the event returns.
    changed = DATED.replace("In 1968 the seafloor was mapped", "In 1968 the seafloor was charted")
    report = lecture_import(course_slug="geo", data=changed)
    assert labels(lecture) == ["1912", "1968"]
    assert report.events_created == ["1968: In 1968 the seafloor was charted."]
    assert not TimelineTombstone.objects.exists()


def test_bulk_deletion_in_the_admin_makes_tombstones_too(root_client, make_lecture):
    lecture = make_lecture(DATED)
    listing = reverse("admin:lectures_timelineevent_changelist")
    picked = list(lecture.events.values_list("pk", flat=True))
    data = {"action": "delete_selected", "_selected_action": picked, "post": "yes"}
    assert root_client.post(listing, data).status_code == 302
    lecture_import(course_slug="geo", data=DATED)
    assert labels(lecture) == []


def test_an_event_added_by_hand_and_deleted_leaves_no_tombstone(root_client, make_lecture):
    lecture = make_lecture(DATED)
    mine = TimelineEvent.objects.create(
        lecture=lecture, when_label="2000", start_year=2000, text="Mine."
    )
    root_client.post(
        reverse("admin:lectures_timelineevent_delete", args=[mine.pk]), {"post": "yes"}
    )
    assert not TimelineTombstone.objects.exists()


def test_the_import_summary_names_the_events_it_made_changed_and_removed(make_lecture):
    report = lecture_import(course_slug="geo", data=DATED)
    assert report.events_created == [
        "1912: Pangaea broke up in the Jurassic, in 1912 Wegener proposed drift.",
        "1968: In 1968 the seafloor was mapped.",
    ]
    assert report.summary().endswith("Timeline events: 2 created.")
    report = lecture_import(
        course_slug="geo", data=DATED.replace("- In 1968 the seafloor was mapped.\n", "")
    )
    assert report.events_removed == ["1968: In 1968 the seafloor was mapped."]
    assert "Timeline events: 1 removed." in report.summary()
    assert "  timeline events removed: 1" in report.lines()
