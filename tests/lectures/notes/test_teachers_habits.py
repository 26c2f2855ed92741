"""The notes format reads what teachers type (issue 17): numbered and nested items,
lead-ins ending in ":", sentences without a full stop, dashes inside glossary
names, lower-case and dotted aliases; body_items; the warnings that name a line."""

from __future__ import annotations

import pytest

from lectures.notes import (
    BodyItem,
    NotesError,
    ParsedTerm,
    body_items,
    format_notes,
    normalise_text,
    parse_notes,
    text_problem,
)
from lectures.notes.prose import extract_events
from lectures.notes.titles import reads_as_title
from tests.helpers import without_lines


def _lecture(text: str):
    return parse_notes("Intro\n" + text)


def _body(text: str) -> str:
    lecture = _lecture(text)
    assert [s.title for s in lecture.sections] == ["Intro"]
    return lecture.sections[0].body


def _round_trips(text: str):
    first = parse_notes(text)
    exported = format_notes(first)
    second = parse_notes(exported)
    assert without_lines(second) == without_lines(first)
    assert format_notes(second) == exported
    return exported


# --------------------------------------------------------------------------- numbered items


@pytest.mark.parametrize("marker", ["1.", "2)", "12.", "a.", "b)", "C)"])
def test_numbered_items_are_list_items_kept_numbered(marker):
    assert _body(f"{marker} The point.\n") == f"{marker} The point."
    assert body_items(f"{marker} The point.") == [BodyItem("The point.", None, 0, marker, "item")]


@pytest.mark.parametrize(
    "line",
    [
        "1945. The war ended.",  # a year opening a sentence
        "A. Lincoln was president.",  # an initial
        "3.5 million people left.",
        "1.The point.",
    ],
)
def test_numbers_that_are_not_markers_stay_text(line):
    assert body_items(_body(f"{line}\n")) == [BodyItem(line, None, 0, None, "paragraph")]


def test_a_numbered_item_before_any_heading_names_the_line():
    with pytest.raises(NotesError) as excinfo:
        parse_notes("1. First point.\nOverview\n")
    assert excinfo.value.line == 1


def test_numbered_action_items_and_terms_lose_only_their_markers():
    lecture = parse_notes("Homework\n1. Read chapter 1.\n2) Write.\nGlossary\n1. A — one.\n")

    assert lecture.action_items == ["Read chapter 1.", "Write."]
    assert lecture.terms == [ParsedTerm("A", "", "one.", 5)]


# --------------------------------------------------------------------------- nested items

NESTED = (
    "Causes\n"
    "- Politics changed.\n"
    "  - The old party lost.\n"
    "\t1. First in 1921.\n"
    "      a) Deeper still.\n"
    "    2. Second.\n"
    " - A slip of one space is not nesting.\n"
    "A paragraph ends the list.\n"
    "  - So this item is at the top.\n"
)


def test_indented_items_nest_under_the_item_above():
    body = parse_notes(NESTED).sections[0].body

    assert body == (
        "- Politics changed.\n"
        "  - The old party lost.\n"
        "    1. First in 1921.\n"
        "      a) Deeper still.\n"
        "    2. Second.\n"
        "- A slip of one space is not nesting.\n"
        "A paragraph ends the list.\n"
        "- So this item is at the top."
    )
    assert body_items(body) == [
        BodyItem("Politics changed.", None, 0, None, "item"),
        BodyItem("The old party lost.", "Politics changed.", 1, None, "item"),
        BodyItem("First in 1921.", "The old party lost.", 2, "1.", "item"),
        BodyItem("Deeper still.", "First in 1921.", 3, "a)", "item"),
        BodyItem("Second.", "The old party lost.", 2, "2.", "item"),
        BodyItem("A slip of one space is not nesting.", None, 0, None, "item"),
        BodyItem("A paragraph ends the list.", None, 0, None, "paragraph"),
        BodyItem("So this item is at the top.", None, 0, None, "item"),
    ]


def test_nested_and_numbered_lists_round_trip():
    exported = _round_trips(NESTED + "Overview\n1. One.\n  - Under one.\nGlossary\n- A — b.\n")

    assert "\n  - The old party lost.\n    1. First in 1921.\n" in exported
    assert "Overview\n1. One.\n  - Under one.\n" in exported


def test_normalise_text_nests_and_numbers_as_an_import_would():
    text = "- Parent.\r\n\t* Child.\r\n      3) Grandchild.\r\n1. Top."

    assert normalise_text(text) == "- Parent.\n  - Child.\n    3) Grandchild.\n1. Top."
    assert parse_notes(f"Intro\n{text}\n").sections[0].body == normalise_text(text)


# --------------------------------------------------------------------------- lead-ins


def test_a_line_ending_in_a_colon_inside_a_section_is_a_lead_in():
    lecture = parse_notes(
        "Causes of the War\nDates to remember:\n- 1914: war.\nBackground :\nIt began.\n"
    )

    assert [(s.title, s.body) for s in lecture.sections] == [
        ("Causes of the War", "Dates to remember:\n- 1914: war.\nBackground :\nIt began.")
    ]
    assert [item.kind for item in body_items(lecture.sections[0].body)] == [
        "lead_in",
        "item",
        "lead_in",
        "paragraph",
    ]


def test_a_lead_in_in_the_overview_stays_in_the_overview():
    lecture = parse_notes("Overview\nThis lecture covers:\n- the causes.\nCauses\n- One.\n")

    assert lecture.overview == "This lecture covers:\n- the causes."


@pytest.mark.parametrize("heading", ["Key Terms:", "Glossary:", "Action Items:", "Summary:"])
def test_a_special_heading_with_a_colon_still_starts_its_part(heading):
    lecture = parse_notes(f"Causes\n- One.\n{heading}\n- A — b.\n")

    assert [s.title for s in lecture.sections] == ["Causes"]
    assert lecture.sections[0].body == "- One."


def test_headings_written_with_colons_stay_headings():
    lecture = parse_notes(
        "Overview:\nAn overview.\nBackground:\n- One.\nCauses of the war:\n- Two.\n"
    )

    assert lecture.overview == "An overview."
    assert [(s.title, s.body) for s in lecture.sections] == [
        ("Background", "- One."),
        ("Causes of the war", "- Two."),
    ]


def test_a_colon_line_with_nothing_after_it_is_a_heading():
    lecture = parse_notes("Intro\n- One.\nEmpty part:\n\n-\n# Next\n- Two.\nLast:\n")

    assert [s.title for s in lecture.sections] == ["Intro", "Empty part", "Next", "Last"]


def test_lead_ins_round_trip():
    _round_trips("Causes\nDates:\n- 1914.\nOverview\nIt covers:\n1. This.\n")


def test_text_problem_accepts_a_lead_in_and_refuses_what_would_read_as_a_heading():
    assert text_problem("Dates to remember:\n- 1914.") is None
    assert "Line 2 of the text ends in “:” with nothing after it" in text_problem(
        "- 1914.\nDates to remember:"
    )
    assert "names a heading of the notes format" in text_problem("Key Terms:\n- A — b.")


# --------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    "line",
    [
        "The war ended in 1918 after many battles",
        "Azerbaijan joined NATO's Partnership for Peace in 1994",
        "the city was rebuilt",
        "Relations soured after the ceasefire",
        "The wall fell in the autumn of 1989",
        "A long line that goes on and on with many words in it and no stop at all",
    ],
)
def test_a_sentence_without_a_full_stop_is_a_paragraph_and_keeps_its_date(line):
    body = _body(f"- Point.\n{line}\n")

    assert body == f"- Point.\n{line}"
    if any(char.isdigit() for char in line):
        assert extract_events(body_items(body)[1].text)


@pytest.mark.parametrize(
    "line",
    [
        "Causes of the War",
        "Life beside the wall",
        "Bretton Woods, 1944–1971",
        "The Sensation Novel of the 1860s",
        "mRNA Vaccines",
        "Frequently asked questions",
        "How the war ended",
        "Пример",
        "Jazz Goes Abroad",
        "C#",
    ],
)
def test_a_short_line_that_reads_as_a_title_is_a_heading(line):
    assert reads_as_title(line)
    assert [s.title for s in parse_notes(f"Intro\n- Point.\n{line}\n- Two.\n").sections] == [
        "Intro",
        line,
    ]


def test_a_long_title_is_written_with_a_hash_and_reads_back():
    title = "The war ended in 1918 after many battles"
    exported = _round_trips(f"# {title}\n- Point.\n")

    assert exported == f"# {title}\n- Point.\n"


# --------------------------------------------------------------------------- glossary


@pytest.mark.parametrize(
    ("line", "term", "alias", "definition"),
    [
        (
            "Hardy–Weinberg principle — a law of allele frequencies.",
            "Hardy–Weinberg principle",
            "",
            "a law of allele frequencies.",
        ),
        ("X-ray – a ray.", "X-ray", "", "a ray."),
        ("Sykes–Picot Agreement - a treaty.", "Sykes–Picot Agreement", "", "a treaty."),
        ("Ratio—a number.", "Ratio", "", "a number."),
        ("Beats per minute (bpm) — a rate.", "Beats per minute", "bpm", "a rate."),
        ("United Nations (U.N.): a body.", "United Nations", "U.N.", "a body."),
        ("Organization (CSTO) — an alliance.", "Organization", "CSTO", "an alliance."),
        ("Treaty of Kars (1921) — a treaty.", "Treaty of Kars (1921)", "", "a treaty."),
        ("Mercury (planet) — the first planet.", "Mercury (planet)", "", "the first planet."),
    ],
)
def test_glossary_separators_and_aliases_as_teachers_write_them(line, term, alias, definition):
    lecture = parse_notes(f"Key Terms\n- {line}\n")

    assert lecture.terms == [ParsedTerm(term, alias, definition, 2)]


def test_dashed_terms_round_trip():
    _round_trips("Key Terms\n- Hardy–Weinberg principle — a law.\n- X-ray – a ray.\n")


# --------------------------------------------------------------------------- warnings


def test_warnings_name_each_line_that_could_be_read_two_ways():
    lecture = parse_notes(
        "Overview\n"
        "Intro text.\n"
        "Azerbaijan joined NATO\n"  # 3: a heading with a verb
        "- Point.\n"
        "The wall fell in the autumn of 1989\n"  # 5: text, not a heading
        "Key Terms\n"
        "- Hardy–Weinberg principle — a law.\n"  # 7: a dash in the name
        "- CSTO–an alliance.\n"  # 8: the unspaced dash taken as separator
        "- X-ray — a ray.\n"  # a hyphen: no warning
    )

    assert [(w.line, w.message.split(";")[0]) for w in lecture.warnings] == [
        (3, '"Azerbaijan joined NATO" was read as a heading'),
        (
            5,
            '"The wall fell in the autumn of 1989" was read as text, not a heading, as it '
            "reads as a sentence",
        ),
        (7, 'the term "Hardy–Weinberg principle" holds a dash, read as part of its name'),
        (
            8,
            'glossary entry "CSTO–an alliance." has no spaced separator, so the unspaced '
            "dash was read as one: write “Term — definition”",
        ),
    ]
    assert [(t.term, t.definition) for t in lecture.terms][1] == ("CSTO", "an alliance.")
    assert str(lecture.warnings[0]).startswith('line 3: "Azerbaijan joined NATO"')


def test_body_lines_map_to_file_lines():
    lecture = parse_notes("Intro\n\n- One.\n\n  - Two.\nText.\n")

    assert lecture.sections[0].body_lines == [3, 5, 6]
