"""Instructors manage their own courses' content in the admin, and only theirs."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lectures.admin.forms import UPLOAD_EXPIRED
from lectures.content.imports import lecture_import
from lectures.models import ActionItem, ActionItemProgress, Course, Lecture, Section
from tests.helpers import PASSWORD, SIMPLE_NOTES

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:lectures_lecture_import")
CONFIRM_URL = reverse("admin:lectures_lecture_import_confirm")


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/plain")


def test_upload_imports_notes_into_chosen_course(instructor_client, course):
    notes = b"Title: Rivers\nOverview\nWater flows downhill.\nDeltas\n- Sediment settles.\n"
    response = instructor_client.post(
        IMPORT_URL, {"course": course.pk, "notes": upload("rivers.txt", notes)}
    )
    lecture = Lecture.objects.get(course=course, slug="rivers")
    assert response.status_code == 302
    assert response.url == reverse("admin:lectures_lecture_change", args=[lecture.pk])
    assert list(lecture.sections.values_list("title", flat=True)) == ["Deltas"]
    # "geo" has a student: the new lecture waits as a draft (test_course_setup.py).
    assert not lecture.published
    page = instructor_client.get(response.url)
    assert [(m.level_tag, m.message) for m in page.context["messages"]] == [
        (
            "success",
            "Created lecture “Rivers” (geo/rivers): 1 section created. "
            "It is a draft, hidden from students: tick “Published” and save.",
        )
    ]
    assert "Created lecture “Rivers”" in page.content.decode()


def test_upload_into_existing_lecture_sums_up_changes_in_one_message(instructor_client, course):
    notes = SIMPLE_NOTES.replace("Evidence\n- Matching fossils on distant coasts.\n", "").replace(
        "- Sketch a plate boundary.\n", "- Sketch a plate boundary.\n- Name three plates.\n"
    )
    data = {"course": course.pk, "notes": upload("plates.txt", notes.encode())}
    page = instructor_client.post(IMPORT_URL, data)
    token = page.context["confirm_form"]["token"].value()
    response = instructor_client.post(CONFIRM_URL, {"token": token}, follow=True)
    assert [(m.level_tag, m.message) for m in response.context["messages"]] == [
        (
            "success",
            "Updated lecture “Plate Tectonics” (geo/plate-tectonics): 1 action item created; "
            "1 section archived.",
        )
    ]


# Drops the section "Evidence", the term "Mid-Ocean Ridge" and the item "Read chapter 3.".
DESTRUCTIVE_NOTES = (
    SIMPLE_NOTES.replace("Evidence\n- Matching fossils on distant coasts.\n", "")
    .replace("- Mid-Ocean Ridge (MOR) — where new crust forms.\n", "")
    .replace("- Read chapter 3.\n", "")
)


def snapshot(course: Course) -> dict:
    lecture = course.lectures.get()
    return {
        "sections": list(lecture.sections.values_list("pk", "title", "archived")),
        "terms": list(lecture.terms.values_list("pk", "term")),
        "items": list(lecture.action_items.values_list("pk", "text")),
        "ticks": ActionItemProgress.objects.count(),
    }


@pytest.fixture
def ticked(course, student):
    """The student ticked the action item that DESTRUCTIVE_NOTES drops."""
    item = ActionItem.objects.get(lecture__course=course, text="Read chapter 3.")
    return ActionItemProgress.objects.create(user=student, item=item)


def upload_destructive(client, course):
    data = {"course": course.pk, "notes": upload("plates.txt", DESTRUCTIVE_NOTES.encode())}
    return client.post(IMPORT_URL, data)


def test_dry_run_writes_nothing_and_reports_what_the_real_run_does(course, ticked):
    before = snapshot(course)
    counts = (Course.objects.count(), Lecture.objects.count(), Section.objects.count())
    dry = lecture_import(course_slug="geo", data=DESTRUCTIVE_NOTES, prune=True, dry_run=True)
    assert snapshot(course) == before
    assert counts == (Course.objects.count(), Lecture.objects.count(), Section.objects.count())
    new = lecture_import(course_slug="new", data=SIMPLE_NOTES, dry_run=True)
    assert new.course_created and new.created
    assert not Course.objects.filter(slug="new").exists()
    real = lecture_import(course_slug="geo", data=DESTRUCTIVE_NOTES, prune=True)
    assert dry.lines() == real.lines()
    assert dry.removed == [
        "section “Evidence”",
        "term “Mid-Ocean Ridge”",
        "action item “Read chapter 3.”",
    ]
    assert snapshot(course) != before


def test_non_destructive_reupload_imports_directly(instructor_client, course):
    notes = SIMPLE_NOTES.replace("a year.", "each year.")
    data = {"course": course.pk, "notes": upload("plates.txt", notes.encode())}
    response = instructor_client.post(IMPORT_URL, data)
    lecture = course.lectures.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:lectures_lecture_change", args=[lecture.pk])
    assert "each year." in lecture.sections.get(title="Drift").body


def test_destructive_reupload_asks_first_and_changes_nothing(instructor_client, course, ticked):
    before = snapshot(course)
    response = upload_destructive(instructor_client, course)
    assert response.status_code == 200
    assert response.templates[0].name == "admin/lectures/lecture/import_notes_confirm.html"
    body = response.content.decode()
    assert "<li>section “Evidence”</li>" in body
    assert "Students' ticks on removed action items are lost" in body
    assert "Yes, import" in body and "Cancel" in body
    preview = response.context["preview"]
    assert preview.archived == ["section “Evidence”"]
    assert preview.removed == ["term “Mid-Ocean Ridge”", "action item “Read chapter 3.”"]
    for item in (*preview.archived, *preview.removed):
        assert f"<li>{item}</li>" in body
    assert snapshot(course) == before


def test_confirming_applies_the_import(instructor_client, course, ticked):
    page = upload_destructive(instructor_client, course)
    token = page.context["confirm_form"]["token"].value()
    response = instructor_client.post(CONFIRM_URL, {"token": token})
    lecture = course.lectures.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:lectures_lecture_change", args=[lecture.pk])
    assert lecture.sections.get(title="Evidence").archived
    assert list(lecture.terms.values_list("term", flat=True)) == ["Subduction"]
    assert list(lecture.action_items.values_list("text", flat=True)) == ["Sketch a plate boundary."]
    assert ActionItemProgress.objects.count() == 0
    # The upload is spent: confirming twice does not import twice.
    again = instructor_client.post(CONFIRM_URL, {"token": token})
    assert again.context["confirm_form"].errors["token"] == [UPLOAD_EXPIRED]


def test_confirm_asks_again_when_the_lecture_changed_meanwhile(instructor_client, course, ticked):
    token = upload_destructive(instructor_client, course).context["confirm_form"]["token"].value()
    # Someone adds a section the confirmed file does not have: it would be archived too.
    extra = SIMPLE_NOTES.replace("Key Terms\n", "Extra Section\n- Something new.\nKey Terms\n")
    lecture_import(course_slug="geo", data=extra)
    before = snapshot(course)
    again = instructor_client.post(CONFIRM_URL, {"token": token})
    assert again.status_code == 200
    body = again.content.decode()
    assert 'id="import-changed"' in body
    assert "section “Extra Section”" in body and "section “Evidence”" in body
    assert snapshot(course) == before
    # Confirming what is now shown applies it.
    fresh = again.context["confirm_form"]["token"].value()
    assert instructor_client.post(CONFIRM_URL, {"token": fresh}).status_code == 302
    assert course.lectures.get().sections.get(title="Extra Section").archived


def test_confirm_with_another_users_or_a_bogus_token_has_expired(
    client, instructor, make_user, course, ticked
):
    colleague = make_user("colleague", is_staff=True)
    course.instructors.add(colleague)
    client.login(username="colleague", password=PASSWORD)
    token = upload_destructive(client, course).context["confirm_form"]["token"].value()
    client.login(username=instructor.username, password=PASSWORD)
    before = snapshot(course)
    for data in ({"token": token}, {"token": "bogus"}, {"token": "x" * 500}, {}):
        response = client.post(CONFIRM_URL, data)
        assert response.status_code == 200
        assert response.context["confirm_form"].errors["token"] == [UPLOAD_EXPIRED]
        assert str(UPLOAD_EXPIRED) in response.content.decode()
    assert snapshot(course) == before


def test_confirm_rechecks_the_course_is_still_taught(instructor_client, instructor, course):
    page = upload_destructive(instructor_client, course)
    token = page.context["confirm_form"]["token"].value()
    before = snapshot(course)
    # Still an instructor (of another course), no longer of this one.
    Course.objects.create(slug="hist", title="History").instructors.add(instructor)
    course.instructors.remove(instructor)
    response = instructor_client.post(CONFIRM_URL, {"token": token})
    assert response.status_code == 200
    assert response.context["confirm_form"].errors["token"] == [
        "You can no longer import into that course. Nothing was imported."
    ]
    assert snapshot(course) == before


def test_confirm_url_refuses_get(instructor_client, course):
    page = upload_destructive(instructor_client, course)
    token = page.context["confirm_form"]["token"].value()
    before = snapshot(course)
    response = instructor_client.get(CONFIRM_URL, {"token": token})
    assert response.status_code == 405
    assert snapshot(course) == before


def test_upload_error_is_a_form_error_and_writes_nothing(instructor_client, course):
    before = Section.objects.count()
    response = instructor_client.post(
        IMPORT_URL,
        {"course": course.pk, "notes": upload("bad.txt", b"Overview\nOk.\nGlossary\n- Lonely\n")},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["notes"]
    assert errors == [
        'bad.txt: line 4: glossary entry "Lonely" has no separator between term and '
        'definition; write "Term — definition". Nothing was imported.'
    ]
    assert "line 4" in response.content.decode()
    assert Section.objects.count() == before
    assert not Lecture.objects.filter(slug="bad").exists()


def test_upload_over_the_size_limit_is_a_form_error(instructor_client, course):
    before = snapshot(course)
    big = SIMPLE_NOTES.encode() + b"- Padding.\n" * (250 * 1024)  # about 2.7 MB
    response = instructor_client.post(
        IMPORT_URL, {"course": course.pk, "notes": upload("big.txt", big)}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["notes"] == [
        "big.txt: the file is 2.7 MB; the limit is 2 MB, so split the lecture into smaller "
        "files. Nothing was imported."
    ]
    assert snapshot(course) == before


def test_upload_over_the_section_limit_is_a_form_error(instructor_client, course, settings):
    settings.NOTES_MAX_SECTIONS = 1
    before = snapshot(course)
    response = instructor_client.post(
        IMPORT_URL, {"course": course.pk, "notes": upload("notes.txt", SIMPLE_NOTES.encode())}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["notes"] == [
        "notes.txt: line 7: the file has more than 1 section; the limit is 1, so split the "
        "lecture into smaller files. Nothing was imported."
    ]
    assert snapshot(course) == before


def test_upload_into_a_course_not_taught_is_refused(instructor_client, foreign_lecture):
    response = instructor_client.post(
        IMPORT_URL,
        {"course": foreign_lecture.course.pk, "notes": upload("x.txt", SIMPLE_NOTES.encode())},
    )
    assert response.status_code == 200
    assert "course" in response.context["form"].errors
    assert foreign_lecture.course.lectures.count() == 1


def test_upload_page_lists_only_own_courses(instructor_client, course, foreign_lecture):
    response = instructor_client.get(IMPORT_URL)
    choices = list(response.context["form"].fields["course"].queryset)
    assert choices == [course]


def test_download_notes_round_trips(instructor_client, course):
    lecture = course.lectures.get()
    response = instructor_client.get(reverse("admin:lectures_lecture_export", args=[lecture.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="geo-plate-tectonics.txt"'
    assert response.content.decode().startswith("Title: Plate Tectonics\n")


def test_instructor_sees_only_own_lectures(instructor_client, course, foreign_lecture):
    response = instructor_client.get(reverse("admin:lectures_lecture_changelist"))
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == list(course.lectures.all())


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:lectures_lecture_change",
        "admin:lectures_lecture_delete",
        "admin:lectures_lecture_export",
    ],
)
def test_other_instructors_lecture_is_out_of_reach(instructor_client, foreign_lecture, url_name):
    response = instructor_client.get(reverse(url_name, args=[foreign_lecture.pk]), follow=True)
    # The admin answers an out-of-scope object with a redirect to the index and a message,
    # our export view with a 404: either way nothing of the lecture is shown.
    assert foreign_lecture.overview not in response.content.decode()
    assert response.status_code in (200, 404)
    if url_name == "admin:lectures_lecture_export":
        assert response.status_code == 404


def test_instructor_cannot_post_changes_to_foreign_lecture(instructor_client, foreign_lecture):
    url = reverse("admin:lectures_lecture_change", args=[foreign_lecture.pk])
    data = {"title": "Hijacked", "slug": "h", "course": foreign_lecture.course.pk}
    instructor_client.post(url, data)
    foreign_lecture.refresh_from_db()
    assert foreign_lecture.title == "Volcanoes"


def test_instructor_edits_own_lecture_with_inlines(instructor_client, course):
    lecture = course.lectures.get()
    response = instructor_client.get(reverse("admin:lectures_lecture_change", args=[lecture.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Continents drift a few centimetres a year." in body
    assert "Download notes" in body
    course_field = response.context["adminform"].form.fields["course"]
    assert list(course_field.queryset) == [course]
    # Inline rows are editable, not just viewable: their permission is asked of the lecture.
    inlines = response.context["inline_admin_formsets"]
    assert len(inlines) == 4
    assert all(inline.has_change_permission and inline.has_delete_permission for inline in inlines)


def test_staff_without_courses_has_no_content_access(client, make_user, course):
    make_user("helper", is_staff=True)
    client.login(username="helper", password=PASSWORD)
    assert client.get(reverse("admin:lectures_lecture_changelist")).status_code == 403
    assert client.get(IMPORT_URL).status_code == 403


def test_superuser_sees_every_course(client, make_user, course, foreign_lecture):
    make_user("root", is_staff=True, is_superuser=True)
    client.login(username="root", password=PASSWORD)
    response = client.get(reverse("admin:lectures_course_changelist"))
    assert {c.slug for c in response.context["cl"].result_list} == {"geo", "other"}
    assert Course.objects.count() == 2


def test_student_is_sent_to_admin_login(client, student):
    client.login(username=student.username, password=PASSWORD)
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_lecture_change_page_queries_do_not_grow_with_events(instructor_client, course):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lectures.models import TimelineEvent

    lecture = course.lectures.get()
    url = reverse("admin:lectures_lecture_change", args=[lecture.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert instructor_client.get(url).status_code == 200
        return len(queries)

    count()  # the first request also caches content types
    before = count()
    section = lecture.sections.first()
    TimelineEvent.objects.bulk_create(
        TimelineEvent(
            lecture=lecture,
            section=section,
            when_label=f"{1900 + i}",
            start_year=1900 + i,
            text="x",
        )
        for i in range(15)
    )
    assert count() == before


def test_instructor_sees_only_own_courses_in_filters_and_people(
    instructor_client, course, foreign_lecture, make_user
):
    make_user("stranger")
    changelist = instructor_client.get(reverse("admin:lectures_lecture_changelist"))
    assert "Volcanoes" not in changelist.content.decode()
    assert "Other" not in changelist.content.decode()  # the other course's title
    cohort_add = instructor_client.get(reverse("admin:lectures_cohort_add")).content.decode()
    assert "stranger" not in cohort_add and "other_instructor" not in cohort_add
    assert ">student<" in cohort_add
    course_change = instructor_client.get(reverse("admin:lectures_course_change", args=[course.pk]))
    assert "instructors" in course_change.context["adminform"].readonly_fields


def _enrol(client, course, who: str):
    return client.post(
        reverse("admin:lectures_enrolment_add"),
        {"course": course.pk, "user": who, "joined_0": "2026-01-01", "joined_1": "10:00"},
    )


def test_instructor_enrols_by_exact_username_or_email(instructor_client, course, make_user):
    from lectures.models import Enrolment

    make_user("newcomer")
    make_user("second")
    page = instructor_client.get(reverse("admin:lectures_enrolment_add")).content.decode()
    assert "newcomer" not in page
    assert _enrol(instructor_client, course, "newcomer").status_code == 302
    assert _enrol(instructor_client, course, "SECOND@example.com").status_code == 302
    enrolled = set(course.enrolments.values_list("user__username", flat=True))
    assert {"newcomer", "second"} <= enrolled
    # A partial username or address matches nothing, and says nothing more.
    before = Enrolment.objects.count()
    for partial in ("newcom", "example.com", "nobody"):
        response = _enrol(instructor_client, course, partial)
        assert NO_STUDENT in response.content.decode()
    assert Enrolment.objects.count() == before


NO_STUDENT = "There is no student account with that username or email address."


def test_instructor_cannot_enrol_staff_or_superusers(
    instructor_client, course, other_instructor, make_user
):
    make_user("root", is_superuser=True, is_staff=True)
    for who in ("root", "other_instructor", "other_instructor@example.com"):
        response = _enrol(instructor_client, course, who)
        # The same words as for a missing account: nothing tells an admin account apart.
        assert NO_STUDENT in response.content.decode()
    assert not course.enrolments.filter(user__is_staff=True).exists()


def test_enrolment_search_matches_only_exact_usernames_and_emails(
    instructor_client, course, student
):
    url = reverse("admin:lectures_enrolment_changelist")
    for partial in ("stud", "example.com", "@example"):
        assert instructor_client.get(url, {"q": partial}).context["cl"].result_count == 0
    for exact in ("student", "student@example.com"):
        assert instructor_client.get(url, {"q": exact}).context["cl"].result_count == 1


def test_admin_is_branded_for_the_course_site(instructor_client):
    page = instructor_client.get(reverse("admin:index")).content.decode()
    assert "<title>Courses and content | Course site admin</title>" in page
    assert "Course site administration" in page


def test_every_input_of_the_admins_tables_has_a_name(instructor_client, course, student):
    """Tabular inlines and a list's editable columns name their inputs only in a header
    row; split date-times label neither part (browser test: test_admin_accessibility)."""
    from lectures.models import Reading, ReadingAssignment

    lecture = course.lectures.get()
    page = instructor_client.get(reverse("admin:lectures_lecture_change", args=[lecture.pk]))
    body = page.content.decode()
    assert 'aria-label="Definition, glossary term 1"' in body
    assert 'aria-label="Delete, glossary term 1"' in body
    assert 'aria-label="Text, new action item"' in body  # the row "Add another" copies
    # Stacked inlines keep their visible labels alone.
    assert 'aria-label="Body' not in body
    listing = instructor_client.get(reverse("admin:lectures_lecture_changelist"))
    assert 'aria-label="Published, Plate Tectonics"' in listing.content.decode()
    reading = Reading.objects.create(course=course, title="Chapter 2", lecture=lecture)
    assignment = ReadingAssignment.objects.create(reading=reading, student=student)
    url = reverse("admin:lectures_readingassignment_change", args=[assignment.pk])
    body = instructor_client.get(url).content.decode()
    assert 'aria-label="Due at: date"' in body and 'aria-label="Due at: time"' in body
