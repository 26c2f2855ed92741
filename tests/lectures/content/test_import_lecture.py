"""import_lecture / export_lecture commands and the import service behind them."""

from __future__ import annotations

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from lectures.content.exports import lecture_export
from lectures.content.imports import lecture_import
from lectures.models import (
    ActionItem,
    ActionItemProgress,
    Course,
    GlossaryTerm,
    Lecture,
    Section,
    SectionProgress,
    TimelineEvent,
)
from lectures.notes import NotesError
from tests.helpers import SAMPLE, SIMPLE_NOTES, snapshot

pytestmark = pytest.mark.django_db


def run_import(*args: str) -> str:
    out = StringIO()
    call_command("import_lecture", *args, stdout=out)
    return out.getvalue()


def test_import_sample_creates_course_and_whole_lecture():
    output = run_import(str(SAMPLE), "--course", "politics")

    course = Course.objects.get(slug="politics")
    lecture = course.lectures.get()
    assert lecture.title == "Russia Azerbaijan Relations"
    assert lecture.slug == "russia-azerbaijan-relations"
    assert lecture.overview.startswith("This lecture reviews the deterioration")
    assert list(lecture.sections.values_list("title", flat=True)) == [
        "Historical Background",
        "Shifts in the Relationship",
        "Recent Crisis and Breakdown",
        "Possible Future Directions",
    ]
    assert lecture.terms.get(alias="CSTO").term == "Collective Security Treaty Organization"
    assert lecture.action_items.count() == 2
    labels = list(lecture.events.values_list("when_label", flat=True))
    # "until the 19th century" is a bound, not an event (issue 10).
    assert labels[0] == "1994"
    assert "December 2024" in labels and "June 2025" in labels
    assert "Created course" in output and "created: " in output


def test_title_and_slug_options_win_over_file():
    run_import(str(SAMPLE), "--course", "c", "--title", "Baku and Moscow", "--slug", "baku")
    lecture = Lecture.objects.get()
    assert (lecture.title, lecture.slug) == ("Baku and Moscow", "baku")


def test_title_line_names_the_lecture(make_lecture):
    lecture = make_lecture()
    assert (lecture.title, lecture.slug) == ("Plate Tectonics", "plate-tectonics")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfeOverview\n", "line 1"),
        (b"", "empty"),
        (b"- a bullet first\nOverview\n", "line 1"),
        (b"Overview\nText.\nKey Terms\n- Nothing to separate\n", "line 4"),
        (b"Key Terms\n- A \xe2\x80\x94 one\n- a \xe2\x80\x94 two\n", "line 3"),
        (b"Overview\nText.\nDrift\n- A nul \x00 byte.\n", "line 4"),
    ],
)
def test_malformed_file_exits_nonzero_names_line_and_writes_nothing(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError) as excinfo:
        run_import(str(path), "--course", "new-course")
    assert message in str(excinfo.value)
    assert "nothing was imported" in str(excinfo.value)
    assert not Course.objects.exists()
    assert not Lecture.objects.exists()


def test_error_on_reimport_leaves_existing_lecture_untouched(make_lecture):
    lecture = make_lecture()
    before = snapshot(lecture)
    broken = SIMPLE_NOTES.replace("- Subduction — one", "- Subduction without separator")
    with pytest.raises(NotesError):
        make_lecture(broken)
    assert snapshot(lecture) == before


def test_unreadable_path_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        run_import(str(tmp_path / "missing.txt"), "--course", "c")


def test_command_subprocess_prints_one_line_on_stderr_without_traceback(tmp_path):
    import os
    import subprocess
    import sys

    path = tmp_path / "bad.txt"
    path.write_text("- stray bullet\n", encoding="utf-8")
    database = tmp_path / "x.sqlite3"
    result = subprocess.run(
        [sys.executable, "manage.py", "import_lecture", str(path), "--course", "x"],
        cwd=settings.BASE_DIR,
        # Never the developer's own database; SQLite creates the file on first connect.
        env={**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SECRET_KEY": "t"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "line 1" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not database.exists()


@pytest.mark.parametrize(
    ("content", "options"),
    [
        (b"- stray bullet\n", {}),
        (b"Overview\nText.\n", {"title": "T" * 201}),
        (b"Overview\nText.\n", {"title": "!!!"}),
    ],
)
def test_refused_file_never_reaches_the_database(django_assert_num_queries, content, options):
    # Not even a savepoint: parsing and validation come before the transaction.
    with django_assert_num_queries(0), pytest.raises(NotesError):
        lecture_import(course_slug="x", data=content, **options)


def test_reimport_keeps_primary_keys_and_progress(make_lecture, student):
    lecture = make_lecture()
    section = lecture.sections.get(slug="drift")
    item = lecture.action_items.get(text="Read chapter 3.")
    term = lecture.terms.get(term="Subduction")
    SectionProgress.objects.create(user=student, section=section)
    ActionItemProgress.objects.create(user=student, item=item)

    edited = SIMPLE_NOTES.replace("a few centimetres", "several centimetres").replace(
        "one plate sliding", "a plate sliding"
    )
    report = lecture_import(course_slug="geo", data=edited)

    section.refresh_from_db()
    assert "several centimetres" in section.body
    assert lecture.sections.get(slug="drift").pk == section.pk
    assert lecture.terms.get(term="Subduction").pk == term.pk
    assert lecture.action_items.get(text="Read chapter 3.").pk == item.pk
    assert SectionProgress.objects.filter(user=student, section=section).exists()
    assert ActionItemProgress.objects.filter(user=student, item=item).exists()
    assert report.updated == ["section “Drift” (updated)", "term “Subduction”"]
    assert report.created == [] and report.archived == []


def test_unchanged_reimport_reports_nothing_and_keeps_event_keys(make_lecture):
    lecture = make_lecture()
    events = set(TimelineEvent.objects.values_list("pk", flat=True))
    report = lecture_import(course_slug="geo", data=SIMPLE_NOTES)
    assert (report.created, report.updated, report.archived, report.removed) == ([], [], [], [])
    assert set(TimelineEvent.objects.values_list("pk", flat=True)) == events
    assert report.lecture.pk == lecture.pk


def test_removed_section_is_archived_then_restored(make_lecture, student):
    lecture = make_lecture()
    evidence = lecture.sections.get(slug="evidence")
    SectionProgress.objects.create(user=student, section=evidence)
    without = SIMPLE_NOTES.replace("Evidence\n- Matching fossils on distant coasts.\n", "")

    report = lecture_import(course_slug="geo", data=without)
    evidence.refresh_from_db()
    assert evidence.archived is True
    assert report.archived == ["section “Evidence”"]
    assert list(lecture.sections.visible().values_list("slug", flat=True)) == ["drift"]

    lecture_import(course_slug="geo", data=SIMPLE_NOTES)
    evidence.refresh_from_db()
    assert evidence.archived is False
    assert SectionProgress.objects.filter(section=evidence, user=student).exists()


def test_prune_deletes_removed_sections(tmp_path, make_lecture):
    make_lecture()
    path = tmp_path / "notes.txt"
    path.write_text(SIMPLE_NOTES.replace("Evidence\n- Matching fossils on distant coasts.\n", ""))
    output = run_import(str(path), "--course", "geo", "--prune")
    assert not Section.objects.filter(slug="evidence").exists()
    assert "removed: 1" in output


def test_removed_terms_and_items_are_deleted(make_lecture):
    lecture = make_lecture()
    notes = SIMPLE_NOTES.replace("- Sketch a plate boundary.\n", "").replace(
        "- Mid-Ocean Ridge (MOR) — where new crust forms.\n", ""
    )
    lecture_import(course_slug="geo", data=notes)
    assert list(lecture.terms.values_list("term", flat=True)) == ["Subduction"]
    assert list(ActionItem.objects.values_list("text", flat=True)) == ["Read chapter 3."]


def test_renamed_section_in_admin_survives_export_and_reimport(make_lecture):
    lecture = make_lecture()
    drift = lecture.sections.get(slug="drift")
    drift.title = "Continental Drift"
    drift.save()
    lecture_import(course_slug="geo", data=lecture_export(lecture))
    assert lecture.sections.get(pk=drift.pk).title == "Continental Drift"
    assert not lecture.sections.filter(archived=True).exists()


def test_export_then_import_gives_back_the_same_lecture(tmp_path):
    run_import(str(SAMPLE), "--course", "one")
    first = Lecture.objects.get(course__slug="one")
    exported = StringIO()
    call_command("export_lecture", "one", first.slug, stdout=exported)

    path = tmp_path / "export.txt"
    path.write_text(exported.getvalue(), encoding="utf-8")
    run_import(str(path), "--course", "two")
    second = Lecture.objects.get(course__slug="two")

    assert snapshot(second) == snapshot(first)
    assert lecture_export(second) == exported.getvalue()


def test_export_to_file_and_unknown_lecture(tmp_path, make_lecture):
    lecture = make_lecture()
    target = tmp_path / "out.txt"
    call_command("export_lecture", "geo", lecture.slug, "--output", str(target), stderr=StringIO())
    text = target.read_text(encoding="utf-8")
    assert text.startswith("Title: Plate Tectonics\n")
    assert "- Mid-Ocean Ridge (MOR) — where new crust forms." in text
    with pytest.raises(CommandError, match="no lecture"):
        call_command("export_lecture", "geo", "nope")


def test_overlong_heading_is_refused_with_its_line(make_lecture):
    # With "#": a plain line this long is a paragraph, not a heading.
    notes = "Title: Long\nOverview\nShort.\n# " + "A" * 300 + "\n- bullet.\n"
    with pytest.raises(NotesError, match="line 4"):
        make_lecture(notes)
    assert not Lecture.objects.exists()


def test_glossary_terms_unique_case_insensitively_in_database(make_lecture):
    from django.db import IntegrityError, transaction

    lecture = make_lecture()
    with pytest.raises(IntegrityError), transaction.atomic():
        GlossaryTerm.objects.create(lecture=lecture, term="SUBDUCTION", definition="dup")


def test_nul_byte_is_refused_before_the_database_sees_it(make_lecture):
    with pytest.raises(NotesError, match=r"line 2: .*control character \(U\+0000\) at column 2"):
        make_lecture("Overview\nA\x00b.\n")
    assert not Lecture.objects.exists()


def test_reimport_keeps_identical_dated_bullets_as_they_are(make_lecture):
    notes = "Title: Nineties\nHistory\n- In 1991 things happened.\n- In 1991 things happened.\n"
    lecture = make_lecture(notes)
    events = sorted(lecture.events.values_list("pk", flat=True))
    assert len(events) == 2

    for _ in range(3):
        report = lecture_import(course_slug="geo", data=notes)
        assert (report.created, report.updated, report.removed) == ([], [], [])
        assert sorted(lecture.events.values_list("pk", flat=True)) == events


def test_reimport_drops_one_of_two_identical_dated_bullets(make_lecture):
    twice = "Title: Nineties\nHistory\n- In 1991 things happened.\n- In 1991 things happened.\n"
    lecture = make_lecture(twice)
    lecture_import(course_slug="geo", data=twice.replace("- In 1991 things happened.\n", "", 1))
    assert lecture.events.count() == 1


def test_first_imports_racing_for_the_same_lecture_update_instead_of_failing(
    make_lecture, monkeypatch
):
    from lectures.content import imports as services

    lecture = make_lecture()
    # Another import created the lecture after this one first looked and found none.
    look_up = services._lecture_for_update
    calls = []

    def first_look_misses(course, slug):
        calls.append(slug)
        return None if len(calls) == 1 else look_up(course, slug)

    monkeypatch.setattr(services, "_lecture_for_update", first_look_misses)
    report = lecture_import(
        course_slug="geo", data=SIMPLE_NOTES.replace("How continents", "Why continents")
    )

    assert report.lecture.pk == lecture.pk
    assert report.lecture_created is False
    assert Lecture.objects.count() == 1
    lecture.refresh_from_db()
    assert lecture.overview.startswith("Why continents")
    assert calls == ["plate-tectonics", "plate-tectonics"]


def test_overlong_action_item_is_refused_with_its_line(make_lecture):
    notes = SIMPLE_NOTES.replace("- Sketch a plate boundary.", "- " + "x" * 501)
    with pytest.raises(NotesError) as excinfo:
        make_lecture(notes)
    assert excinfo.value.line == 14
    assert "action item" in excinfo.value.message
    assert not Lecture.objects.exists()


def test_overlong_title_is_refused_with_the_line_of_its_title_line(make_lecture):
    with pytest.raises(NotesError) as excinfo:
        make_lecture("\nTitle: " + "T" * 201 + "\nOverview\nText.\n")
    assert excinfo.value.line == 2
    with pytest.raises(NotesError) as excinfo:
        make_lecture("Overview\nText.\n", title="T" * 201)
    assert excinfo.value.line is None


def test_title_option_with_a_control_character_or_line_break_is_refused(make_lecture):
    for title in ("Plate\x01Tectonics", "Plate\nTectonics"):
        with pytest.raises(NotesError, match="is not one line of plain text"):
            make_lecture("Overview\nText.\n", title=title)
    assert not Lecture.objects.exists()


def test_summary_counts_what_changed_by_kind(make_lecture):
    notes = b"Title: Rivers\nOverview\nWater.\nDeltas\n- Silt.\nFloods\n- Rain.\n"
    report = lecture_import(course_slug="geo", data=notes)
    assert report.summary() == (
        "Created course “Geo” and lecture “Rivers” (geo/rivers): 2 sections created."
    )

    report = lecture_import(course_slug="geo", data=SIMPLE_NOTES)
    assert report.summary() == (
        "Created lecture “Plate Tectonics” (geo/plate-tectonics): 2 sections, "
        "2 terms and 2 action items created. Timeline events: 1 created."
    )

    edited = (
        SIMPLE_NOTES.replace("Evidence\n- Matching fossils on distant coasts.\n", "")
        .replace("a few centimetres", "several centimetres")
        .replace("- Sketch a plate boundary.\n", "")
        .replace("Key Terms\n", "Key Terms\n- Rift — a crack.\n")
    )
    report = lecture_import(course_slug="geo", data=edited)
    assert report.summary() == (
        "Updated lecture “Plate Tectonics” (geo/plate-tectonics): 1 term created; "
        "1 section updated; 1 section archived; 1 action item removed."
    )

    report = lecture_import(course_slug="geo", data=SIMPLE_NOTES)
    assert report.summary() == (
        "Updated lecture “Plate Tectonics” (geo/plate-tectonics): 1 action item created; "
        "1 section updated; 1 section restored; 1 term removed."
    )

    report = lecture_import(course_slug="geo", data=SIMPLE_NOTES)
    assert report.summary() == (
        "Updated lecture “Plate Tectonics” (geo/plate-tectonics): "
        "no sections, terms or action items changed."
    )


def test_command_output_lists_every_change(tmp_path, make_lecture):
    make_lecture()
    path = tmp_path / "notes.txt"
    path.write_text(SIMPLE_NOTES.replace("- Sketch a plate boundary.\n", ""), encoding="utf-8")
    assert run_import(str(path), "--course", "geo").splitlines() == [
        "Updated lecture “Plate Tectonics” (geo/plate-tectonics).",
        "  created: 0",
        "  updated: 0",
        "  archived: 0",
        "  removed: 1",
        "    - action item “Sketch a plate boundary.”",
    ]


def test_dry_run_reports_and_writes_nothing(tmp_path, make_lecture):
    lecture = make_lecture()
    before = snapshot(lecture)
    path = tmp_path / "notes.txt"
    path.write_text(SIMPLE_NOTES.replace("Evidence\n- Matching fossils on distant coasts.\n", ""))
    output = run_import(str(path), "--course", "geo", "--dry-run")
    assert output.startswith("Dry run: nothing was written.")
    assert "archived: 1" in output and "section “Evidence”" in output
    assert snapshot(lecture) == before


# --------------------------------------------------------------------------- slugs


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--course", "spaced slug"),
        ("--course", "café"),
        ("--slug", "spaced slug"),
        ("--slug", "a/b"),
    ],
)
def test_command_refuses_a_bad_slug_before_any_work(
    tmp_path, django_assert_num_queries, option, value
):
    options = {"--course": "geo", "--slug": "plates", option: value}
    # A missing file: the slug is refused before the command looks for it.
    with django_assert_num_queries(0), pytest.raises(CommandError) as excinfo:
        run_import(
            str(tmp_path / "missing.txt"), *(part for pair in options.items() for part in pair)
        )

    assert str(excinfo.value) == (
        f"{option} “{value}” is not a valid slug: use only letters, digits, hyphens and "
        "underscores, with no spaces; nothing was imported"
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"course_slug": "spaced slug"}, "the course slug “spaced slug” is not a valid slug"),
        ({"course_slug": ""}, "the course slug “” is not a valid slug"),
        ({"slug": "spaced slug"}, "the lecture slug “spaced slug” is not a valid slug"),
        ({"slug": "x" * 81}, "the lecture slug “xxxx"),
    ],
)
def test_import_refuses_a_bad_slug_before_the_database(django_assert_num_queries, options, message):
    with django_assert_num_queries(0), pytest.raises(NotesError) as excinfo:
        lecture_import(**{"course_slug": "geo", "data": SIMPLE_NOTES, **options})

    assert str(excinfo.value).startswith(message)


DASHED_NOTES = """Title: Sykes–Picot Agreement
Overview
How Britain and France divided the Ottoman Middle East.
Britain — France Talks
- Signed in May 1916.
Legacy
- Borders drawn with a ruler.
"""


def test_dashes_in_titles_become_hyphens_in_slugs(make_lecture):
    lecture = make_lecture(DASHED_NOTES)

    assert lecture.slug == "sykes-picot-agreement"
    assert list(lecture.sections.values_list("slug", flat=True)) == [
        "britain-france-talks",
        "legacy",
    ]


def test_reimport_of_a_lecture_slugged_before_dashes_became_hyphens_keeps_it(make_lecture, student):
    # The slugs an import made before: slugify() dropped the dashes.
    lecture = make_lecture(DASHED_NOTES)
    Lecture.objects.filter(pk=lecture.pk).update(slug="sykespicot-agreement")
    talks = lecture.sections.get(slug="britain-france-talks")
    Section.objects.filter(pk=talks.pk).update(slug="britainfrance-talks")
    SectionProgress.objects.create(user=student, section=talks)

    report = lecture_import(course_slug="geo", data=DASHED_NOTES.replace("May 1916", "16 May 1916"))

    assert report.lecture.pk == lecture.pk and not report.lecture_created
    assert Lecture.objects.get().slug == "sykespicot-agreement"
    talks.refresh_from_db()
    assert (talks.slug, talks.archived) == ("britainfrance-talks", False)
    assert "16 May 1916" in talks.body
    assert report.updated == ["section “Britain — France Talks” (updated)"]
    assert report.created == [] and report.archived == []
    assert SectionProgress.objects.filter(user=student, section=talks).exists()
