"""How an import read the file (issue 17): the outline that `import_lecture
--dry-run` prints, with a warning naming each line that could be read two ways."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from lectures.content.outline import lecture_outline, outline_lines
from lectures.models import Lecture, TimelineEvent
from lectures.notes import parse_notes
from lectures.notes.prose import ParsedEvent, languages
from tests.helpers import SAMPLE

NOTES = (
    "Title: Wars\n"  # 1
    "Overview\n"  # 2
    "This lecture covers:\n"  # 3
    "- the causes.\n"  # 4
    "Causes of the War\n"  # 5
    "Dates to remember:\n"  # 6
    "1. The treaty was signed in 1921.\n"  # 7
    "  a) Its border was redrawn in 1923.\n"  # 8
    "The war ended in 1918 after many battles\n"  # 9
    "Azerbaijan joined NATO\n"  # 10
    "- Point.\n"  # 11
    "Key Terms\n"  # 12
    "- Hardy–Weinberg principle — a law.\n"  # 13
    "- Beats per minute (bpm) — a rate.\n"  # 14
    "Homework\n"  # 15
    "- Read chapter 1.\n"  # 16
)


def test_outline_counts_each_section_and_lists_terms_items_and_events():
    outline = lecture_outline(parse_notes(NOTES))

    assert (outline.overview_items, outline.overview_paragraphs) == (1, 1)
    assert [(s.title, s.line, s.items, s.paragraphs) for s in outline.sections] == [
        ("Causes of the War", 5, 2, 2),
        ("Azerbaijan joined NATO", 10, 1, 0),
    ]
    assert [(e.label, e.text, e.line, e.suggested) for e in outline.events] == [
        ("1921", "The treaty was signed in 1921.", 7, False),
        ("1923", "Its border was redrawn in 1923.", 8, False),
        ("1918", "The war ended in 1918 after many battles", 9, False),
    ]
    assert [(t.name, t.line) for t in outline.terms] == [
        ("Hardy–Weinberg principle", 13),
        ("Beats per minute (bpm)", 14),
    ]
    assert [(i.text, i.line) for i in outline.action_items] == [("Read chapter 1.", 16)]
    assert [w.line for w in outline.warnings] == [9, 10, 13]


def test_outline_text_names_every_part_and_each_warnings_line():
    lines = outline_lines(lecture_outline(parse_notes(NOTES)))

    assert lines[:6] == [
        "How the file was read:",
        "  Overview: 1 item, 1 paragraph",
        "  Section “Causes of the War” (line 5): 2 items, 2 paragraphs, 3 events",
        "    - 1921: The treaty was signed in 1921. (shown, line 7)",
        "    - 1923: Its border was redrawn in 1923. (shown, line 8)",
        "    - 1918: The war ended in 1918 after many battles (shown, line 9)",
    ]
    assert "  Glossary: 2 terms" in lines
    assert "    - Beats per minute (bpm) (line 14)" in lines
    assert "    - Read chapter 1. (line 16)" in lines
    assert "  Timeline: 3 events shown, 0 suggested" in lines
    warnings = lines[lines.index("3 warnings:") + 1 :]
    assert [w.split(":")[:2] for w in warnings] == [
        ["  Warning", " line 9"],
        ["  Warning", " line 10"],
        ["  Warning", " line 13"],
    ]
    assert "holds a dash" in warnings[2]


def test_an_unsure_event_is_listed_as_suggested_and_warned_about(monkeypatch):
    def unsure(text: str, language: str = "en", **_context) -> list[ParsedEvent]:
        # The extractor's doubt is its own business (lectures.notes.prose): here, one
        # unsure event for the one dated item.
        if "1400" not in text:
            return []
        return [ParsedEvent("1400", datetime.date(1400, 1, 1), text, sure=False, doubt="a tally?")]

    # The one reader every lecture's items go through (prose.items_events).
    monkeypatch.setattr(languages, "extract_events", unsure)

    outline = lecture_outline(parse_notes("Fleet\n- A fleet of 1400 ships sailed.\n"))

    assert [(e.label, e.suggested) for e in outline.events] == [("1400", True)]
    assert (outline.shown, outline.suggested) == (0, 1)
    assert [str(w) for w in outline.warnings] == [
        "line 2: the date “1400” is not shown on the timeline because its reading is unsure "
        "(a tally?); it waits as a suggestion for an instructor to confirm"
    ]
    assert "    - 1400: A fleet of 1400 ships sailed. (suggested, line 2)" in outline_lines(outline)


def test_the_sample_reads_without_warnings():
    outline = lecture_outline(parse_notes(SAMPLE.read_bytes()))

    assert outline.warnings == []
    assert outline_lines(outline)[-1] == "No warnings: every line read one way only."


@pytest.mark.django_db
def test_dry_run_prints_the_outline_and_writes_nothing(tmp_path):
    path = tmp_path / "wars.txt"
    path.write_text(NOTES, encoding="utf-8")
    out = StringIO()

    call_command("import_lecture", str(path), "--course", "hist", "--dry-run", stdout=out)

    output = out.getvalue().splitlines()
    assert output[0] == "Dry run: nothing was written."
    assert output[1] == "How the file was read:"
    assert any(line.startswith("  Warning: line 10: ") for line in output)
    assert output.index("The import would do this:") > output.index("3 warnings:")
    assert not Lecture.objects.exists()


@pytest.mark.django_db
def test_a_real_import_names_the_warned_lines_on_stderr(tmp_path):
    path = tmp_path / "wars.txt"
    path.write_text(NOTES, encoding="utf-8")
    out, err = StringIO(), StringIO()

    call_command("import_lecture", str(path), "--course", "hist", stdout=out, stderr=err)

    assert [line.split(":")[1] for line in err.getvalue().splitlines()] == [
        " line 9",
        " line 10",
        " line 13",
    ]
    assert Lecture.objects.get().sections.count() == 2


@pytest.mark.django_db
def test_the_outline_reads_each_item_as_the_timeline_does(make_lecture):
    """What the dry run and the confirm page show is what the import will put on the
    timeline: a nested item read with its parent's words, a section's items with its
    title, and the overview's word on how the notes write their dates (round 15)."""
    notes = (
        "Title: Treaties\n"
        "Overview\n"
        "Slashed dates in these notes are d/m/y.\n"
        "Versailles\n"
        "- The Treaty of Versailles was signed on 28/6/1919.\n"
        "  - It came into force on 10/1/1920.\n"
    )
    outline = lecture_outline(parse_notes(notes))
    lecture = make_lecture(notes)
    shown = {(e.label, e.text, e.suggested) for e in outline.events}
    suggested = TimelineEvent.Status.SUGGESTED
    stored = {(e.when_label, e.text, e.status == suggested) for e in lecture.events.all()}
    assert shown == stored
    assert (
        "10 January 1920",
        "The Treaty of Versailles came into force on 10/1/1920.",
        False,
    ) in shown
