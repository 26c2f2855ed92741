"""Students in bulk: the CSV roster's parsing (lectures.teaching.roster_csv), planning and
applying (lectures.teaching.roster), the admin's upload, preview and confirmation, and the
enrol_students command."""

from __future__ import annotations

import math
import re
from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from lectures.admin.forms import ROSTER_EXPIRED, ROSTER_TAMPERED, roster_upload_sign
from lectures.models import Cohort, Enrolment
from lectures.teaching.roster import IN_USE, Outcome, roster_apply, roster_plan
from lectures.teaching.roster_csv import RosterError, roster_parse
from tests.helpers import PASSWORD

UPLOAD_URL = reverse("admin:lectures_enrolment_upload")
CONFIRM_URL = reverse("admin:lectures_enrolment_upload_confirm")
SITE = "https://courses.example.org"
User = get_user_model()


def csv_file(text: str, name: str = "students.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def outcomes(plan) -> dict[str, tuple[Outcome, str]]:
    return {p.row.username or f"line {p.row.line}": (p.outcome, p.reason) for p in plan.rows}


def apply(course, text: str, **kwargs):
    return roster_apply(course=course, rows=roster_parse(text).rows, site_url=SITE, **kwargs)


def enrolled(course) -> set[str]:
    return set(Enrolment.objects.filter(course=course).values_list("user__username", flat=True))


# -- reading the file ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"username,email,first_name,last_name,cohort\nada,ada@example.com,Ada,Lovelace,Group A\n",
        # Excel's "CSV UTF-8" where the comma is a decimal mark: BOM, semicolons, CRLF.
        b"\xef\xbb\xbfUser name;E-mail;First name;Surname;Cohort\r\n"
        b"ada;ada@example.com;Ada;Lovelace;Group A\r\n",
        b'"USERNAME","Email Address","Given name","Last Name","group"\n'
        b'"ada","ADA@Example.COM","Ada","Lovelace","  Group   A "\n\n',
    ],
    ids=["plain", "excel-semicolon-bom", "quoted-other-spellings"],
)
def test_parse_reads_common_spellings_and_dialects(data):
    roster = roster_parse(data)
    (row,) = roster.rows
    assert (row.line, row.username, row.first_name, row.last_name, row.cohort) == (
        2,
        "ada",
        "Ada",
        "Lovelace",
        "Group A",
    )
    # Django's normalisation: the domain is lower-cased, the local part kept.
    assert row.email in {"ada@example.com", "ADA@example.com"}
    assert row.problem == ""


def test_parse_ignores_unknown_columns_and_blank_lines():
    roster = roster_parse("username,phone,email\n\nada,555,ada@example.com\n,,\n")
    assert roster.ignored_columns == ("phone",)
    assert [(row.line, row.username) for row in roster.rows] == [(3, "ada")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"username,email\n", "header row but no students"),
        (b"name,mail\nada,ada@example.com\n", "Missing: username."),
        (b"username,email,e-mail\n", "Two columns name the email"),
        (b"username,email\nad\xe9,x@example.com\n", "Line 2 is not UTF-8 text"),
    ],
)
def test_parse_refuses_a_file_it_cannot_read(data, message):
    with pytest.raises(RosterError, match=re.escape(message)):
        roster_parse(data)


# -- planning and applying -------------------------------------------------------------------


def test_new_and_existing_students_are_enrolled(course, student, make_user):
    """A new account is made without a usable password; an existing one is enrolled
    as it is (its names are not changed); one already enrolled is left alone."""
    make_user("bea", first_name="Bea")
    result = apply(
        course,
        "username,email,first name,last name\n"
        "newbie,newbie@example.com,New,Student\n"
        "bea,,Someone,Else\n"
        "student,student@example.com,,\n",
    )
    assert outcomes(result.plan) == {
        "newbie": (Outcome.NEW, ""),
        "bea": (Outcome.ENROL, ""),
        "student": (Outcome.ALREADY, ""),
    }
    assert enrolled(course) == {"student", "newbie", "bea"}
    newbie = User.objects.get(username="newbie")
    assert (newbie.email, newbie.first_name, newbie.last_name) == (
        "newbie@example.com",
        "New",
        "Student",
    )
    assert not newbie.has_usable_password()
    assert User.objects.get(username="bea").first_name == "Bea"
    assert result.plan.summary() == (
        "1 new account, 1 existing account enrolled, 1 already enrolled, 0 rows refused."
    )


def test_refused_rows_say_why_and_change_nothing(course, make_user):
    make_user("bea")
    make_user("gone", is_active=False)
    make_user("helper", is_staff=True)
    make_user("root", is_superuser=True)
    result = apply(
        course,
        "username,email\n"
        ",nobody@example.com\n"  # line 2
        "bad name!,bad@example.com\n"
        "carl,not-an-email\n"
        "dora,dora@example.com\n"
        "Dora,dora2@example.com\n"
        "eve,DORA@example.com\n"
        "fay,bea@example.com\n"
        "bea,someone-else@example.com\n"
        "gone,\n"
        "helper,\n"
        "root,root@example.com\n"
        "nomail,\n",
    )
    by_line = {p.row.line: (p.outcome, p.reason) for p in result.plan.rows}
    assert by_line == {
        2: (Outcome.REFUSED, "no username"),
        3: (
            Outcome.REFUSED,
            "“bad name!” is not a valid username: Enter a valid username. This value may "
            "contain only letters, numbers, and @/./+/-/_ characters.",
        ),
        4: (Outcome.REFUSED, "“not-an-email” is not a valid email address"),
        5: (Outcome.NEW, ""),
        6: (Outcome.REFUSED, "the username appears again (first on line 5)"),
        7: (Outcome.REFUSED, "the email appears again (first on line 5)"),
        # Another account's email, an email not the account's, a deactivated account,
        # staff and a superuser: one reason for all (test_roster_preview_is_neutral).
        8: (Outcome.REFUSED, IN_USE),
        9: (Outcome.REFUSED, IN_USE),
        10: (Outcome.REFUSED, IN_USE),
        11: (Outcome.REFUSED, IN_USE),
        12: (Outcome.REFUSED, IN_USE),
        13: (Outcome.REFUSED, "a new account needs an email address"),
    }
    # Only dora was added; staff were neither created nor enrolled.
    assert enrolled(course) == {"student", "dora"}
    assert not User.objects.filter(username__in=["carl", "eve", "fay", "nomail"]).exists()
    assert User.objects.get(username="bea").email == "bea@example.com"


def test_a_username_differing_only_in_case_finds_the_account(course, make_user):
    make_user("bea")
    result = apply(course, "username,email\nBEA,bea@example.com\n")
    assert outcomes(result.plan) == {"BEA": (Outcome.ENROL, "")}
    assert enrolled(course) == {"student", "bea"}
    assert not User.objects.filter(username="BEA").exists()


def test_new_students_are_mailed_a_working_set_password_link(
    client, course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = apply(course, "username,email,first name\nnewbie,newbie@example.com,Nina\n")
    assert result.mailed == 1
    (message,) = mail.outbox
    assert message.to == ["newbie@example.com"]
    assert message.subject == "Your account for Geo"
    assert "Hello Nina," in message.body
    assert "course “Geo”" in message.body and "username newbie" in message.body
    link = re.search(r"https://courses\.example\.org(/\S+)", message.body).group(1)
    assert resolve(link).url_name == "password_reset_confirm"

    form = client.get(link, follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    new_password = "a-fresh-passphrase-42"
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert User.objects.get(username="newbie").check_password(new_password)
    # The link is spent once the password is set.
    assert not client.get(link, follow=True).context["validlink"]


def test_a_failing_mail_server_keeps_the_accounts(
    course, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    with django_capture_on_commit_callbacks(execute=True):
        result = apply(course, "username,email\nnewbie,newbie@example.com\n")
    # The task failed, and said so in the log; the upload stands.
    assert result.mailed == 1 and mail.outbox == []
    assert "send_mail_task state=FAILED" in caplog.text
    assert enrolled(course) == {"student", "newbie"}


def test_mails_are_queued_by_the_commit(course, task_queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        apply(course, "username,email\nnewbie,newbie@example.com\n")
    assert len(callbacks) == 1 and task_queue.names() == []
    callbacks[0]()
    assert task_queue.names() == ["send_mail_task"] and mail.outbox == []
    task_queue.run()
    assert [message.to for message in mail.outbox] == [["newbie@example.com"]]


def test_uploading_again_duplicates_nothing(course, django_capture_on_commit_callbacks):
    text = "username,email,cohort\nnewbie,newbie@example.com,Group A\nstudent,,Group A\n"
    with django_capture_on_commit_callbacks(execute=True):
        apply(course, text)
        again = apply(course, text)
    assert outcomes(again.plan) == {
        "newbie": (Outcome.ALREADY, ""),
        "student": (Outcome.ALREADY, ""),
    }
    assert again.plan.cohort_joins == 0 and again.mails == []
    assert len(mail.outbox) == 1
    assert User.objects.filter(username="newbie").count() == 1
    assert Enrolment.objects.filter(course=course).count() == 2
    assert Cohort.objects.get(course=course).members.count() == 2


def test_cohort_names_put_students_in_the_courses_cohorts(course, student, foreign_lecture):
    existing = Cohort.objects.create(course=course, name="Morning")
    Cohort.objects.create(course=foreign_lecture.course, name="Evening")
    result = apply(
        course,
        "username,email,cohort\n"
        "ann,ann@example.com,morning\n"
        "ben,ben@example.com,Evening\n"
        "cat,cat@example.com,EVENING\n"
        "student,,\n",
    )
    assert result.plan.new_cohorts == ["Evening"]
    assert result.plan.cohort_joins == 3
    assert set(existing.members.values_list("username", flat=True)) == {"ann"}
    evening = Cohort.objects.get(course=course, name="Evening")
    assert set(evening.members.values_list("username", flat=True)) == {"ben", "cat"}
    # The other course's cohort of the same name is untouched.
    assert not Cohort.objects.get(course=foreign_lecture.course).members.exists()


def test_queries_do_not_grow_with_the_file(course, django_capture_on_commit_callbacks):
    def queries(first: int, count: int) -> Counter:
        text = "username,email,cohort\n" + "".join(
            f"s{i},s{i}@example.com,Group {i % 3}\n" for i in range(first, first + count)
        )
        with (
            CaptureQueriesContext(connection) as captured,
            django_capture_on_commit_callbacks(execute=True),
        ):
            result = apply(course, text)
        assert result.plan.counts["new"] == count
        return Counter(q["sql"].split()[0] for q in captured.captured_queries)

    queries(0, 3)  # makes the cohorts, so that both runs below do the same work
    small, large = queries(100, 10), queries(1000, 200)
    # Savepoint and release; accounts, enrolments, cohorts, members, cohorts read back;
    # the course's readings locked and the joiners' readings due read (PostgreSQL
    # reads that through a server-side cursor, which is not a SELECT); the new
    # accounts' chosen languages, for their welcome mail.
    assert small["SELECT"] == large["SELECT"] <= 8
    assert small["SAVEPOINT"] == large["SAVEPOINT"] == 1
    # Accounts, enrolments, memberships (no new cohort). Inserts come in batches as
    # large as the database takes: on SQLite, 999 parameters, or 99 accounts.
    assert small["INSERT"] == 3
    # (PostgreSQL has no such limit: max_query_params is None there.)
    per_batch = connection.features.max_query_params or 200 * 10
    assert large["INSERT"] <= 3 + math.ceil(200 * 10 / per_batch)
    assert len(mail.outbox) == 213


def test_the_plan_is_made_again_when_applied(course, make_user):
    """What changed since the preview counts: an account made meanwhile is enrolled."""
    rows = roster_parse("username,email\nlate,late@example.com\n").rows
    assert outcomes(roster_plan(course=course, rows=rows))["late"][0] is Outcome.NEW
    make_user("late")
    result = roster_apply(course=course, rows=rows, site_url=SITE)
    assert outcomes(result.plan)["late"][0] is Outcome.ENROL
    assert User.objects.filter(username="late").count() == 1


# -- the admin ---------------------------------------------------------------------------------


def test_changelist_links_to_the_upload(instructor_client):
    page = instructor_client.get(reverse("admin:lectures_enrolment_changelist"))
    assert f'href="{UPLOAD_URL}"' in page.content.decode()
    assert "Add students from a CSV file" in page.content.decode()


def test_upload_page_offers_only_own_courses(instructor_client, course, foreign_lecture):
    page = instructor_client.get(UPLOAD_URL)
    assert list(page.context["form"].fields["course"].queryset) == [course]
    body = page.content.decode()
    assert '<label for="id_file">CSV file:</label>' in body
    assert '<label for="id_course">Course:</label>' in body


def test_upload_previews_and_confirm_applies(
    instructor_client, course, make_user, django_capture_on_commit_callbacks
):
    make_user("bea")
    text = "username,email\nnewbie,newbie@example.com\nbea,\nhelper!,x@example.com\n"
    preview = instructor_client.post(UPLOAD_URL, {"course": course.pk, "file": csv_file(text)})
    assert preview.status_code == 200
    assert preview.templates[0].name == "admin/lectures/enrolment/roster_preview.html"
    body = preview.content.decode()
    assert "Nothing has been changed yet" in body
    assert "<caption>Refused rows, and why</caption>" in body
    assert '<th scope="row">4</th>' in body and "is not a valid username" in body
    assert "new account" in body and "enrol existing" in body
    assert enrolled(course) == {"student"} and not User.objects.filter(username="newbie")

    payload = preview.context["confirm_form"]["payload"].value()
    with django_capture_on_commit_callbacks(execute=True):
        done = instructor_client.post(CONFIRM_URL, {"payload": payload})
    assert done.status_code == 200
    assert "admin/lectures/enrolment/roster_done.html" in [t.name for t in done.templates]
    body = done.content.decode()
    assert "1 new student will be sent an email" in body
    assert '<th scope="row">4</th>' in body
    assert enrolled(course) == {"student", "newbie", "bea"}
    assert re.search(r"http://testserver/accounts/reset/\S+/", mail.outbox[0].body)


def test_roster_preview_is_neutral(instructor_client, course, make_user):
    """The preview tells an instructor no more about other accounts than the
    single-enrolment form: staff, a superuser, a deactivated account, another's email,
    an email not the account's and look-alike usernames all read alike, and no other
    account's name or state appears on the page."""
    make_user("bea")
    make_user("gone", is_active=False)
    make_user("helper", is_staff=True)
    make_user("root", is_superuser=True)
    make_user("Twin")
    make_user("twin")
    text = (
        "username,email\n"
        "helper,helper@example.com\n"
        "root,\n"
        "gone,gone@example.com\n"
        "fay,bea@example.com\n"
        "bea,other@example.com\n"
        "TWIN,twin@example.com\n"
    )
    preview = instructor_client.post(UPLOAD_URL, {"course": course.pk, "file": csv_file(text)})
    plan = preview.context["plan"]
    assert [(p.outcome, p.reason) for p in plan.rows] == [(Outcome.REFUSED, IN_USE)] * 6
    body = preview.content.decode()
    assert body.count(str(IN_USE)) == 6
    for telling in ("staff", "superuser", "deactivated", "another account", "“Twin”", "only in"):
        assert telling not in body
    # The single-enrolment form: the same answer for staff, superuser and deactivated.
    add = reverse("admin:lectures_enrolment_add")
    answers = {
        name: instructor_client.post(add, {"course": course.pk, "user": name})
        .context["adminform"]
        .form.errors["user"]
        for name in ("helper", "root", "gone", "nobody")
    }
    assert len({tuple(errors) for errors in answers.values()}) == 1, answers


def test_preview_of_a_long_file_lists_refused_rows_and_the_first_200_others(
    instructor_client, course
):
    text = "username,email\n" + "".join(f"s{i},s{i}@example.com\n" for i in range(250))
    text += "bad name,bad@example.com\n"
    preview = instructor_client.post(UPLOAD_URL, {"course": course.pk, "file": csv_file(text)})
    body = preview.content.decode()
    assert "What will happen: the first 200 of 250 rows" in body
    assert "<td>s199</td>" in body and "<td>s200</td>" not in body
    assert "<td>bad name</td>" in body
    assert "New accounts: 250" in body


def test_a_file_that_cannot_be_read_is_a_form_error(instructor_client, course):
    page = instructor_client.post(
        UPLOAD_URL, {"course": course.pk, "file": csv_file("name,mail\nada,a@example.com\n")}
    )
    assert page.templates[0].name == "admin/lectures/enrolment/roster_upload.html"
    (error,) = page.context["form"].errors["file"]
    assert error.startswith("students.csv: The first line must name the columns")
    assert error.endswith("Nothing was changed.")


def test_instructor_of_another_course_is_refused(client, other_instructor, course, foreign_lecture):
    client.login(username=other_instructor.username, password=PASSWORD)
    text = "username,email\nnewbie,newbie@example.com\n"
    page = client.post(UPLOAD_URL, {"course": course.pk, "file": csv_file(text)})
    assert page.status_code == 200
    assert "course" in page.context["form"].errors
    # A signed preview for a course they do not teach is refused too.
    payload = roster_upload_sign(
        user=other_instructor, course=course, roster=roster_parse(text, filename="s.csv")
    )
    page = client.post(CONFIRM_URL, {"payload": payload})
    assert page.context["confirm_form"].errors["payload"] == [
        "You no longer teach that course. Nothing was changed."
    ]
    assert enrolled(course) == {"student"}
    assert not User.objects.filter(username="newbie").exists()


def _signed_preview(instructor_client, course) -> str:
    text = "username,email\nnewbie,newbie@example.com\n"
    preview = instructor_client.post(UPLOAD_URL, {"course": course.pk, "file": csv_file(text)})
    return preview.context["confirm_form"]["payload"].value()


def test_a_tampered_preview_is_refused(instructor_client, instructor, course, other_instructor):
    payload = _signed_preview(instructor_client, course)
    value, timestamp, signature = payload.rsplit(":", 2)
    forged = signing.TimestampSigner(salt="elsewhere").sign_object({"course": course.pk})
    for bogus in (
        f"{value}x:{timestamp}:{signature}",
        forged,
        "",
        # Signed for another account.
        roster_upload_sign(
            user=other_instructor, course=course, roster=roster_parse("username,email\na,\n")
        ),
    ):
        page = instructor_client.post(CONFIRM_URL, {"payload": bogus})
        assert page.templates[0].name == "admin/lectures/enrolment/roster_upload.html"
        assert page.context["confirm_form"].errors["payload"] == [ROSTER_TAMPERED]
        assert 'id="roster-confirm-error"' in page.content.decode()
    assert not User.objects.filter(username__in=["newbie", "a"]).exists()


def test_an_expired_preview_is_refused(instructor_client, course, time_machine):
    time_machine.move_to("2026-01-01 10:00Z")
    payload = _signed_preview(instructor_client, course)
    time_machine.move_to("2026-01-01 11:01Z")
    page = instructor_client.post(CONFIRM_URL, {"payload": payload})
    assert page.context["confirm_form"].errors["payload"] == [ROSTER_EXPIRED]
    assert not User.objects.filter(username="newbie").exists()


def test_confirm_refuses_get(instructor_client):
    assert instructor_client.get(CONFIRM_URL).status_code == 405


def test_students_are_sent_to_the_admin_login(student_client):
    response = student_client.get(UPLOAD_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


# -- the command -------------------------------------------------------------------------------


@pytest.fixture
def roster_file(tmp_path):
    path = tmp_path / "students.csv"
    path.write_text(
        "username;email;cohort\n"
        "newbie;newbie@example.com;Group A\n"
        "student;;\n"
        "bad name;x@example.com;\n",
        encoding="utf-8-sig",
    )
    return path


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("enrol_students", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db(transaction=True)
def test_command_enrols_and_reports_refused_rows_on_stderr(course, roster_file):
    # A real commit: the command reports the mails its commit queued (and the test's
    # task backend sends them at once).
    out, err = run(roster_file, "--course", "geo", "--site-url", SITE)
    assert "1 new account, 0 existing accounts enrolled, 1 already enrolled, 1 row refused" in out
    assert "Set-password mails queued: 1 (the task worker sends them)" in out
    assert err == "line 4: bad name: refused: “bad name” is not a valid username: " + (
        "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ "
        "characters.\n"
    )
    assert enrolled(course) == {"student", "newbie"}
    assert Cohort.objects.get(course=course, name="Group A").members.count() == 1
    assert mail.outbox[0].body.count(f"{SITE}/accounts/reset/") == 1


def test_command_dry_run_writes_nothing(course, roster_file):
    users, cohorts = User.objects.count(), Cohort.objects.count()
    out, err = run(roster_file, "--course", "geo", "--dry-run", "--verbosity", "2")
    assert out.startswith("Dry run: nothing was written.")
    assert "line 2: newbie: new account; joins Group A" in out
    assert "line 4: bad name: refused" in err
    assert (User.objects.count(), Cohort.objects.count()) == (users, cohorts)
    assert enrolled(course) == {"student"} and mail.outbox == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--course", "nope", "--dry-run"], "There is no course “nope”"),
        (["--course", "geo", "--site-url", "not a url"], "--site-url must be"),
        (["--course", "geo"], "--site-url must be"),
    ],
)
def test_command_refuses_an_unknown_course_or_site_url(course, roster_file, args, message):
    with pytest.raises(CommandError, match=message):
        run(roster_file, *args)
    assert enrolled(course) == {"student"}


def test_command_refuses_an_unreadable_file(course, tmp_path):
    with pytest.raises(CommandError, match="cannot read the file"):
        run(tmp_path / "missing.csv", "--course", "geo", "--dry-run")
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("username,email\nzoë,z@example.com\n".encode("latin-1"))
    with pytest.raises(CommandError, match="Line 2 is not UTF-8 text"):
        run(latin1, "--course", "geo", "--dry-run")


def test_command_help_says_refused_rows_are_not_a_failure():
    from lectures.management.commands.enrol_students import Command

    text = " ".join(Command().create_parser("manage.py", "enrol_students").format_help().split())
    assert "they are not a failure: the command exits 1 only if the file cannot be read" in text
