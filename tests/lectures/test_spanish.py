"""What the lectures app says in Python, in Spanish for a Spanish reader and unchanged
in English: form errors, model checks, the import's summary, the roster, the report's
CSV, and mail, which is written in each reader's own language whoever sends it."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from lectures.content.report import Entry, ImportReport
from lectures.mail import languages
from lectures.mail.notices import reminders_send
from lectures.models import Course, Enrolment, Lecture, MailPreferences, Reading, ReviewLog
from lectures.teaching.assignments import assignment_save
from lectures.teaching.forms import AnnouncementForm
from lectures.teaching.roster import Outcome, roster_apply, roster_plan
from lectures.teaching.roster_csv import roster_parse
from quizzes.models import Quiz
from tests.translations import catalogues  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogues")]


def test_a_form_error_in_each_language():
    with translation.override("es"):
        spanish = [str(error) for error in AnnouncementForm({"body": "  "}).errors["body"]]
    english = [str(error) for error in AnnouncementForm({"body": "  "}).errors["body"]]
    assert spanish == ["Escribe el anuncio antes de publicarlo."]
    assert english == ["Write the announcement before posting it."]


def test_a_models_check_names_what_is_wrong_in_spanish(course, make_lecture):
    other = make_lecture(course="bio").course
    reading = Reading(course=other, title="Plates", lecture=course.lectures.get())
    with translation.override("es"), pytest.raises(ValidationError) as refused:
        reading.full_clean()
    assert refused.value.message_dict["lecture"] == [
        f"«Plate Tectonics» es una lección de otro curso: elige una de «{other.title}»."
    ]


def test_choices_and_names_follow_the_language():
    with translation.override("es"):
        assert [label for _value, label in ReviewLog.Rating.choices] == [
            "Otra vez",
            "Difícil",
            "Bien",
            "Fácil",
        ]
        assert str(Quiz.Feedback.NEVER.label) == "Nunca (solo la puntuación)"
        assert str(Quiz._meta.verbose_name_plural) == "cuestionarios"
    assert str(Quiz.Feedback.NEVER.label) == "Never (score only)"


def report(**entries) -> ImportReport:
    lecture = Lecture(title="Ríos", slug="rios", course=Course(title="Geo", slug="geo"))
    return ImportReport(lecture=lecture, **entries)


@pytest.mark.parametrize(
    ("created", "archived", "spanish"),
    [
        (
            [Entry("section", "A")],
            [],
            "Se actualizó la lección «Ríos» (geo/rios): se creó 1 sección.",
        ),
        (
            [Entry("section", "A"), Entry("section", "B"), Entry("term", "T")],
            [Entry("action item", "X")],
            "Se actualizó la lección «Ríos» (geo/rios): se crearon 2 secciones y 1 término; "
            "se archivó 1 tarea.",
        ),
    ],
)
def test_the_import_summary_counts_in_spanish(created, archived, spanish):
    with translation.override("es"):
        assert report(created=created, archived=archived).summary() == spanish


def test_import_entries_read_in_the_readers_language_and_count_in_english():
    entry = Entry("section", "Drift", "restored")
    # What the summary counts and a pending upload stores stays the English text.
    assert entry == "section “Drift” (restored)" and entry.startswith("section “")
    assert str(entry) == "section “Drift” (restored)"
    with translation.override("es"):
        assert str(entry) == "sección «Drift» (recuperada)"


def test_the_roster_preview_in_spanish(course):
    plan = roster_plan(
        course=course,
        rows=roster_parse("username,email\nada,ada@example.com\nbob,bob@example.com\n,\n").rows,
    )
    with translation.override("es"):
        assert plan.summary() == (
            "2 cuentas nuevas, 0 cuentas existentes inscritas, 0 ya inscritas, 0 filas rechazadas."
        )
        assert str(Outcome.NEW) == "cuenta nueva"
    assert str(Outcome.NEW) == "new account" and Outcome.NEW == "new account"


def csv_header(response) -> list[str]:
    body = b"".join(response.streaming_content).decode("utf-8")
    return next(csv.reader(io.StringIO(body[1:])))


def test_the_csv_speaks_the_language_of_the_instructor_who_downloads_it(instructor_client, course):
    url = reverse("lectures:report_csv", args=[course.slug])
    response = instructor_client.get(url, HTTP_ACCEPT_LANGUAGE="es")
    # Streamed after the view returned, when the request's language is gone.
    spanish = csv_header(response)
    english = csv_header(instructor_client.get(url))
    assert spanish[:4] == ["Nombre", "Nombre de usuario", "Correo electrónico", "Grupos"]
    assert spanish[-2:] == ["Con retraso", "Motivo del retraso"]
    assert english[:4] == ["Name", "Username", "Email", "Cohorts"]
    assert len(spanish) == len(english)


@pytest.fixture
def spanish_reader(monkeypatch, other_student, course):
    """`other_student`, enrolled in `course`, has chosen Spanish; `student` has not."""
    Enrolment.objects.create(course=course, user=other_student)
    monkeypatch.setattr(languages, "chosen_languages", lambda ids: {other_student.pk: "es"})
    return other_student


def test_an_announcement_is_mailed_in_each_readers_language(
    instructor_client, course, spanish_reader, django_capture_on_commit_callbacks
):
    # The instructor writes in Spanish: the mail's language is each reader's.
    with django_capture_on_commit_callbacks(execute=True):
        instructor_client.post(
            reverse("lectures:announcements", args=[course.slug]),
            {"body": "Examen el viernes."},
            HTTP_ACCEPT_LANGUAGE="es",
        )
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {
        "student@example.com": "Geo: an announcement from instructor",
        "other_student@example.com": "Geo: un anuncio de instructor",
    }


def test_the_site_default_for_a_reader_who_chose_nothing(settings, student):
    assert languages.languages_of([student.pk]) == {student.pk: "en-gb"}
    assert languages.languages_of([student.pk], fallback="es-mx") == {student.pk: "es"}
    assert languages.languages_of([student.pk], fallback="xx") == {student.pk: "en-gb"}


def test_reminders_and_assignment_mail_in_each_readers_language(
    course, student, spanish_reader, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to("2027-03-01 08:00Z", tick=False)
    work = Reading.objects.create(course=course, title="Capítulo 3", url="https://e.org/3")
    with django_capture_on_commit_callbacks(execute=True):
        assignment_save(
            readings=[work],
            students=[student, spanish_reader],
            cohorts=[],
            due_at=timezone.now() + timedelta(hours=10),
            note="",
            assigned_by=None,
            site_url="https://courses.example.org",
        )
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(now=timezone.now(), site_url="https://courses.example.org")
    subjects = sorted((message.to[0], message.subject) for message in mail.outbox)
    assert subjects == [
        ("other_student@example.com", "Novedad en Geo: Capítulo 3"),
        ("other_student@example.com", "Vence pronto: Capítulo 3"),
        ("student@example.com", "Due soon: Capítulo 3"),
        ("student@example.com", "New in Geo: Capítulo 3"),
    ]


def test_a_new_students_welcome_in_their_language(
    course, monkeypatch, django_capture_on_commit_callbacks
):
    # Chosen before the account exists only in this test's make-believe: the point is
    # that each new account's mail is rendered in its own language.
    monkeypatch.setattr(languages, "chosen_languages", lambda ids: dict.fromkeys(ids, "es"))
    with django_capture_on_commit_callbacks(execute=True):
        roster_apply(
            course=course,
            rows=roster_parse("username,email\nada,ada@example.com\n").rows,
            site_url="https://courses.example.org",
        )
    assert [message.subject for message in mail.outbox] == ["Tu cuenta para Geo"]


def test_an_accounts_chosen_language_is_its_mail_language(student, other_student):
    MailPreferences.objects.create(user=other_student, language="es")
    assert languages.languages_of([student.pk, other_student.pk]) == {
        student.pk: "en-gb",
        other_student.pk: "es",
    }


def test_a_spanish_courses_announcement_is_spanish_for_a_reader_who_chose_nothing(
    instructor_client, course, django_capture_on_commit_callbacks
):
    Course.objects.filter(pk=course.pk).update(language="es")
    with django_capture_on_commit_callbacks(execute=True):
        instructor_client.post(
            reverse("lectures:announcements", args=[course.slug]), {"body": "Examen el viernes."}
        )
    assert [message.subject for message in mail.outbox] == ["Geo: un anuncio de instructor"]
