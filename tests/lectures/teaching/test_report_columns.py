"""The report's lecture columns: one per lecture by default (its sections read), and
the detail columns (sections, action items, best quiz, recall) only for the lecture
the instructor picks under "Show details for", a plain GET field that the sort,
page and filter links keep."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from lectures.models import Enrolment, LectureSummary
from quizzes.models import Quiz
from tests.helpers import SIMPLE_NOTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def lectures(course, make_lecture, student):
    """Two published lectures of `course`; the student read one section of each and
    scored 73 in the first one's quiz."""
    first = course.lectures.get()
    second = make_lecture(SIMPLE_NOTES.replace("Plate Tectonics", "Volcanoes"))
    Quiz.objects.create(lecture=first, title="Plates quiz", published=True)
    for lecture, best in ((first, 73), (second, None)):
        LectureSummary.objects.create(
            user=student, lecture=lecture, course=course, sections_read=1, best_percent=best
        )
    return first, second


def get(client, course, **params):
    url = reverse("lectures:report", args=[course.slug])
    return client.get(f"{url}?{urlencode(params)}" if params else url)


def headers(body: str) -> list[str]:
    """The text of every column header, tags and hidden words stripped."""
    thead = body.split("<thead>", 1)[1].split("</thead>", 1)[0]
    cells = re.findall(r"<th\b[^>]*>(.*?)</th>", thead, re.S)
    plain = (re.sub(r'<span class="visually-hidden">.*?</span>|<[^>]+>', "", c) for c in cells)
    return [" ".join(text.replace("▲", "").replace("▼", "").split()) for text in plain]


def test_by_default_each_lecture_is_one_column_of_sections_read(
    instructor_client, course, lectures
):
    response = get(instructor_client, course)
    assert response.context["details"] is None
    body = response.content.decode()
    assert headers(body) == [
        "Name",
        "Username",
        "Last activity",
        "Plate Tectonics",
        "Volcanoes",
        "Action items done",
        "Readings done",
        "Readings overdue",
        "Overall progress",
    ]
    # The lecture's header sorts by its sections read, and says so to a screen reader.
    first = lectures[0]
    assert f"sort=read-{first.pk}" in body
    assert '<span class="visually-hidden">: sections read</span>' in body
    assert "73%" not in body and "Best quiz" not in body
    # Every choice the form offers is a lecture of this report.
    choices = [value for value, _ in response.context["form"].fields["details"].choices]
    assert choices == ["", first.pk, lectures[1].pk]


def test_the_chosen_lecture_shows_its_detail_columns(instructor_client, course, lectures):
    first, second = lectures
    response = get(instructor_client, course, details=first.pk)
    assert response.context["details"] == first.pk
    body = response.content.decode()
    assert headers(body) == [
        "Name",
        "Username",
        "Last activity",
        "Plate Tectonics",
        "Volcanoes",
        "Action items done",
        "Readings done",
        "Readings overdue",
        "Overall progress",
        "Sections read",
        "Action items",
        "Best quiz",
        "Recall",
    ]
    assert "73%" in body and "no reviews" in body
    assert f'<option value="{first.pk}" selected>' in body
    # Its sort links keep the choice; the other lecture stays one column.
    assert f"sort=quiz-{first.pk}" in body and f"sort=quiz-{second.pk}" not in body
    row = re.search(r"<tbody>\s*<tr[^>]*>(.*?)</tr>", body, re.S).group(1)
    assert row.count("<td") == 2 + (4 + 1) + 4


def test_sort_filter_and_page_links_keep_the_choice_but_not_the_csv(
    instructor_client, course, lectures
):
    first = lectures[0]
    response = get(instructor_client, course, details=first.pk, sort="username")
    for link in response.context["sorts"].values():
        assert f"details={first.pk}" in link.url
    assert "details" not in response.context["csv_url"]  # the CSV has every column
    # The select is inside the filter form, so filtering sends it again.
    body = response.content.decode()
    form = body.split('id="report-filters"', 1)[1].split("</form>", 1)[0]
    assert 'name="details"' in form


@pytest.mark.parametrize("value", ["999999", "x", "-1", ""])
def test_an_unknown_lecture_is_ignored(instructor_client, course, lectures, value):
    response = get(instructor_client, course, details=value)
    assert response.status_code == 200
    assert response.context["details"] is None
    assert "Best quiz" not in response.content.decode()


def test_another_courses_lecture_is_ignored(instructor_client, course, lectures, foreign_lecture):
    response = get(instructor_client, course, details=foreign_lecture.pk)
    assert response.status_code == 200
    assert response.context["details"] is None
    assert "Best quiz" not in response.content.decode()
    assert all("details" not in link.url for link in response.context["sorts"].values())


def test_a_draft_lecture_of_the_course_is_ignored(instructor_client, course, lectures):
    draft = lectures[1]
    draft.published = False
    draft.save(update_fields=["published"])
    response = get(instructor_client, course, details=draft.pk)
    assert response.context["details"] is None


def test_details_cost_no_query(
    instructor_client, course, lectures, django_assert_num_queries, enrol_many
):
    # The detail cells come from the rows the compact page reads already.
    with django_assert_num_queries(12) as compact:
        get(instructor_client, course)
    with django_assert_num_queries(len(compact)):
        get(instructor_client, course, details=lectures[0].pk)


@pytest.fixture
def enrol_many(course, make_user):
    for i in range(30):
        Enrolment.objects.create(course=course, user=make_user(f"s{i:02}"))
