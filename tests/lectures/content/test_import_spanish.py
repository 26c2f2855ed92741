"""A course taught in Spanish (issue 20): its notes' headings and dates are read in
Spanish on import, its timeline sorts them (BC included), its export writes Spanish
headings and reads back the same, and its review cards ask in Spanish."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from lectures.content import lecture_export
from lectures.content.imports import lecture_import
from lectures.models import Card, Course, Enrolment, TimelineEvent
from lectures.notes import NotesError
from lectures.notes.prose import When

SAMPLE = Path(settings.BASE_DIR) / "content" / "guerra-de-la-independencia.txt"

NOTES = """Title: Hispania romana
Resumen
Una clase breve sobre la Hispania romana y su memoria.
Conquista
- Sagunto fue sitiada por Aníbal en el 219 a. C.
- Numancia cayó ante Roma en el 133 a. C.
- Augusto terminó la conquista de Hispania en el 19 a. C.
Memoria
- La Guerra de la Independencia duró de 1808 a 1814.
- Los madrileños se levantaron el 2 de mayo de 1808.
- A finales del siglo XIX se excavaron las ruinas de Numancia.
- Hacia 1500 los humanistas redescubrieron a los autores latinos.
- Desde 1882 Numancia es monumento nacional.
Términos clave
- Hispania — nombre romano de la península ibérica.
Tareas / Próximos pasos
- Lee el capítulo sobre la conquista romana.
"""


def timeline(lecture) -> list[tuple[str, When, When | None, str]]:
    return [
        (e.when_label, e.start, e.end, e.status) for e in lecture.events.order_by("sort_key", "pk")
    ]


@pytest.mark.django_db
def test_spanish_notes_import_with_their_headings_and_dates():
    lecture = lecture_import(course_slug="historia", data=NOTES, language="es").lecture
    assert lecture.course.language == "es"
    assert lecture.overview == "Una clase breve sobre la Hispania romana y su memoria."
    assert list(lecture.sections.values_list("title", flat=True)) == ["Conquista", "Memoria"]
    assert list(lecture.terms.values_list("term", flat=True)) == ["Hispania"]
    assert list(lecture.action_items.values_list("text", flat=True)) == [
        "Lee el capítulo sobre la conquista romana."
    ]
    shown, suggested = TimelineEvent.Status.SHOWN, TimelineEvent.Status.SUGGESTED
    assert timeline(lecture) == [
        ("219 a. C.", When(-219), None, shown),
        ("133 a. C.", When(-133), None, shown),
        ("19 a. C.", When(-19), None, shown),
        ("1500", When(1500, approximate=True), None, shown),
        ("1808–1814", When(1808), When(1814), shown),
        ("2 de mayo de 1808", When(1808, "day", 5, 2), None, shown),
        # The late 19th century sorts at 1875.
        ("finales del siglo XIX", When(1800, "century", qualifier="late"), None, shown),
        # A state from 1882 on, not an event: waiting for an instructor.
        ("1882", When(1882), None, suggested),
    ]


@pytest.mark.django_db
def test_the_same_notes_in_an_english_course_read_no_spanish_dates():
    lecture = lecture_import(course_slug="history", data=NOTES).lecture
    assert lecture.course.language == "en"
    labels = set(lecture.events.values_list("when_label", flat=True))
    # The headings are read whatever the language; the dates are not.
    assert lecture.terms.count() == 1
    assert "2 de mayo de 1808" not in labels and "219 a. C." not in labels


@pytest.mark.django_db
def test_the_timeline_page_lists_spanish_events_in_order(client, student):
    lecture = lecture_import(course_slug="historia", data=NOTES, language="es").lecture
    Enrolment.objects.create(course=lecture.course, user=student)
    client.force_login(student)
    page = client.get(reverse("lectures:timeline", args=["historia", lecture.slug]))
    assert page.status_code == 200
    html = page.content.decode()
    order = ["219 a. C.", "133 a. C.", "1808–1814", "2 de mayo de 1808", "finales del siglo XIX"]
    assert all(label in html for label in order)
    assert [html.index(label) for label in order] == sorted(html.index(label) for label in order)
    assert "1882" not in html  # a suggestion: students do not see it


@pytest.mark.django_db
def test_export_of_a_spanish_course_round_trips():
    first = lecture_import(course_slug="uno", data=SAMPLE.read_bytes(), language="es").lecture
    exported = lecture_export(first)
    assert "\nTérminos clave\n" in exported and "\nTareas / Próximos pasos\n" in exported
    assert exported.split("\n")[2] == "Resumen"
    second = lecture_import(course_slug="dos", data=exported, language="es").lecture
    assert lecture_export(second) == exported
    assert timeline(second) == timeline(first)
    # Re-importing the export into the first lecture changes nothing.
    report = lecture_import(course_slug="uno", data=exported)
    assert not (report.created or report.updated or report.archived or report.events_created)


@pytest.mark.django_db
def test_review_cards_of_a_spanish_lecture_blank_the_spanish_date():
    lecture = lecture_import(course_slug="historia", data=NOTES, language="es").lecture
    fronts = dict(
        Card.objects.filter(lecture=lecture, kind=Card.Kind.EVENT).values_list("back", "front")
    )
    assert fronts["2 de mayo de 1808"] == "Los madrileños se levantaron el ____."
    assert fronts["133 a. C."] == "Numancia cayó ante Roma en el ____"
    # An approximate date has no certain answer: no card.
    assert "1500" not in fronts


@pytest.mark.django_db
def test_import_command_creates_a_spanish_course(tmp_path):
    path = tmp_path / "notas.txt"
    path.write_text(NOTES, encoding="utf-8")
    call_command(
        "import_lecture", str(path), "--course", "historia", "--language", "es", stdout=StringIO()
    )
    course = Course.objects.get(slug="historia")
    assert course.language == "es"
    assert course.lectures.get().events.filter(when_label="219 a. C.").exists()
    # An existing course keeps its language.
    call_command(
        "import_lecture", str(path), "--course", "historia", "--language", "en", stdout=StringIO()
    )
    course.refresh_from_db()
    assert course.language == "es"
    with pytest.raises(CommandError):
        call_command("import_lecture", str(path), "--course", "x", "--language", "fr")


@pytest.mark.django_db
def test_an_unknown_language_is_refused_and_nothing_written():
    with pytest.raises(NotesError, match="not one of en, es"):
        lecture_import(course_slug="historia", data=NOTES, language="fr")
    assert not Course.objects.exists()


@pytest.mark.django_db
def test_the_database_refuses_a_language_the_site_does_not_ship():
    with pytest.raises(IntegrityError), transaction.atomic():
        Course.objects.create(title="Français", slug="fr", language="fr")
    assert Course.objects.create(title="Historia", slug="historia").language == "en"


@pytest.mark.django_db
def test_the_admin_sets_a_course_language(client, make_user):
    admin = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    page = client.get(reverse("admin:lectures_course_add"))
    assert 'name="language"' in page.content.decode()
    response = client.post(
        reverse("admin:lectures_course_add"),
        {"title": "Historia", "slug": "historia", "language": "es", "behind_after_days": 7},
    )
    assert response.status_code == 302
    assert Course.objects.get(slug="historia").language == "es"


@pytest.mark.django_db
def test_changing_a_course_language_in_the_admin_reads_its_dates_again(client, make_user):
    lecture = lecture_import(course_slug="historia", data=NOTES).lecture
    assert not lecture.events.filter(when_label="219 a. C.").exists()
    admin = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    course = lecture.course
    response = client.post(
        reverse("admin:lectures_course_change", args=[course.pk]),
        {"title": course.title, "slug": course.slug, "language": "es", "behind_after_days": 7},
    )
    assert response.status_code == 302
    assert lecture.events.filter(when_label="219 a. C.", start_year=-219).exists()
    assert Card.objects.filter(lecture=lecture, back="2 de mayo de 1808").exists()


@pytest.mark.django_db
def test_a_span_is_said_in_the_page_language():
    lecture = lecture_import(course_slug="historia", data=NOTES, language="es").lecture
    war = lecture.events.get(when_label="1808–1814")
    with translation.override("es"):
        assert war.spoken_when == "de 1808 a 1814"
    with translation.override("en"):
        assert war.spoken_when == "from 1808 to 1814"
