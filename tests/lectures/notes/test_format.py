"""The lecture notes format: parse_notes, format_notes and extract_events (no database)."""

from __future__ import annotations

import datetime

import pytest

from lectures.notes import (
    NotesError,
    ParsedLecture,
    ParsedSection,
    ParsedTerm,
    check_size,
    format_notes,
    heading_problem,
    is_alias,
    line_problem,
    normalise_heading,
    normalise_text,
    parse_notes,
    section_kind,
    slug_for,
    slug_problem,
    term_problem,
    text_problem,
    unique_slug,
)
from lectures.notes.prose import extract_events
from tests.helpers import SAMPLE, without_lines


def _assert_round_trips(data: bytes | str) -> str:
    first = parse_notes(data)
    exported = format_notes(first)
    second = parse_notes(exported)
    assert without_lines(second) == without_lines(first)
    assert format_notes(second) == exported
    return exported


def _body(text: str) -> str:
    """Body of the only section of a file with one heading, "Intro"."""
    lecture = parse_notes("Intro\n" + text)
    assert [s.title for s in lecture.sections] == ["Intro"]
    return lecture.sections[0].body


# --------------------------------------------------------------------------- the sample


def test_sample_file():
    lecture = parse_notes(SAMPLE.read_bytes())

    assert lecture.title == ""
    assert lecture.overview == (
        "This lecture reviews the deterioration of Russia-Azerbaijan relations, tracing their "
        "historical background, the causes of recent tensions, and discussing potential "
        "outcomes and implications for the region."
    )
    assert [(s.title, s.slug, s.line) for s in lecture.sections] == [
        ("Historical Background", "historical-background", 3),
        ("Shifts in the Relationship", "shifts-in-the-relationship", 10),
        ("Recent Crisis and Breakdown", "recent-crisis-and-breakdown", 15),
        ("Possible Future Directions", "possible-future-directions", 19),
    ]
    assert [len(s.body.split("\n")) for s in lecture.sections] == [6, 4, 3, 4]
    assert lecture.sections[0].body.split("\n")[0] == (
        "- Azerbaijan was part of Persia until the 19th century, then annexed by Imperial Russia."
    )
    assert lecture.sections[3].body.split("\n")[-1] == (
        "- Azerbaijan’s choice between non-alignment and Western alignment remains open, "
        "affected by regional developments and domestic politics."
    )
    assert [(t.term, t.alias, t.line) for t in lecture.terms] == [
        ("Nagorno-Karabakh", "", 25),
        ("Collective Security Treaty Organization", "CSTO", 26),
        ("Non-Aligned Movement", "NAM", 27),
        ("BRICS", "", 28),
    ]
    assert lecture.terms[1].definition == "a Russia-led military alliance of former Soviet states."
    assert lecture.action_items == [
        "Review the evolution of Russia-Azerbaijan relations and key turning points.",
        "Read about the Nagorno-Karabakh conflicts and Azerbaijan’s foreign policy strategies.",
    ]


def test_sample_file_round_trips():
    exported = _assert_round_trips(SAMPLE.read_bytes())

    # The sample already uses the export's headings, bullets and separators; the
    # export only adds a blank line before each heading and a final newline.
    expected = SAMPLE.read_text(encoding="utf-8")
    for heading in (
        "Historical Background",
        "Shifts in the Relationship",
        "Recent Crisis and Breakdown",
        "Possible Future Directions",
        "Key Terms & Definitions",
        "Action Items / Next Steps",
    ):
        expected = expected.replace(f"\n{heading}\n", f"\n\n{heading}\n")
    assert exported == expected + "\n"


# --------------------------------------------------------------------------- headings


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("# Background", "Background"),
        ("## Background", "Background"),
        ("###### Background", "Background"),
        ("#Background", "Background"),
        ("# # Background", "Background"),
        ("Background", "Background"),
        ("# Background:", "Background"),
        ("# The war ended.", "The war ended."),
        ("# Why?", "Why?"),
        ("Causes of the war, 1991-1994", "Causes of the war, 1991-1994"),
        ("**Bold heading**", "**Bold heading**"),
        ("See [the map](https://example.com)", "See [the map](https://example.com)"),
        ("Title: not the first line", "Title: not the first line"),
        ("C#", "C#"),
        ("***", "***"),
    ],
)
def test_heading_lines(line, title):
    lecture = parse_notes(f"Intro\n- Point.\n{line}\n- Another point.\n")

    assert [s.title for s in lecture.sections] == ["Intro", title]
    assert lecture.sections[1].line == 3
    assert lecture.sections[1].body == "- Another point."


@pytest.mark.parametrize(
    "line",
    [
        "The war ended.",
        "Why did it end?",
        "It ended!",
        "And then…",
        '"It ended."',
        "He said “stop.”",
        "It was over.’",
        "(It was over.)",
        "[Read later.]",
        "The end.»",
        "**This matters.**",
        "_Quietly._",
    ],
)
def test_sentence_lines_are_paragraphs(line):
    assert _body(f"{line}\n") == line


def test_heading_starts_a_new_section_and_later_lines_belong_to_it():
    lecture = parse_notes("First\nOne.\nSecond\nTwo.\n- Three.\n")

    assert [(s.title, s.body, s.line) for s in lecture.sections] == [
        ("First", "One.", 1),
        ("Second", "Two.\n- Three.", 3),
    ]


def test_empty_section_is_allowed():
    lecture = parse_notes("Empty\nFull\n- Point.\n")

    assert [(s.title, s.body) for s in lecture.sections] == [("Empty", ""), ("Full", "- Point.")]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Overview", "overview"),
        ("overview:", "overview"),
        ("# OVERVIEW", "overview"),
        ("Summary", "overview"),
        ("Key Terms & Definitions", "glossary"),
        ("Key terms and definitions", "glossary"),
        ("Key Terms", "glossary"),
        ("## Glossary", "glossary"),
        ("Definitions:", "glossary"),
        ("Action Items / Next Steps", "actions"),
        ("Action items and next steps", "actions"),
        ("Action Items", "actions"),
        ("Next Steps", "actions"),
        ("Homework", "actions"),
        ("Historical Background", "section"),
        ("Key Terms in Context", "section"),
    ],
)
def test_heading_synonyms(heading, kind):
    title = heading.lstrip("# ").rstrip(":")
    assert section_kind(title) == kind

    content = "- Term — the text." if kind == "glossary" else "- The text."
    lecture = parse_notes(f"{heading}\n{content}\n")

    slug = lecture.sections[0].slug if lecture.sections else ""
    assert (
        without_lines(lecture)
        == {
            "overview": ("", "- The text.", [], [], []),
            "glossary": ("", "", [], [("Term", "", "the text.")], []),
            "actions": ("", "", [], [], ["The text."]),
            "section": ("", "", [(title, slug, "- The text.")], [], []),
        }[kind]
    )


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("Key Terms & Definitions", "key terms and definitions"),
        ("Action Items / Next Steps", "action items next steps"),
        ("  NEXT   steps!! ", "next steps"),
        ("Q&A", "q and a"),
        ("Key-Terms_(draft)", "key terms draft"),
    ],
)
def test_normalise_heading(text, normalised):
    assert normalise_heading(text) == normalised


# --------------------------------------------------------------------------- bullets, paragraphs


@pytest.mark.parametrize("prefix", ["- ", "* ", "• ", "-   ", "-\t"])
def test_bullet_prefixes_are_normalised_to_a_dash(prefix):
    assert _body(f"{prefix}A point\n") == "- A point"


@pytest.mark.parametrize(
    ("line", "body"),
    [
        ("**bold** opening.", "**bold** opening."),
        ("*italic* opening.", "*italic* opening."),
        ("-5 degrees is cold.", "-5 degrees is cold."),
        ("- - nested dash.", "- - nested dash."),
    ],
)
def test_marker_without_a_space_is_not_a_bullet(line, body):
    assert _body(f"{line}\n") == body


def test_bare_bullet_markers_are_skipped():
    assert _body("- One.\n-\n*\n•\n- Two.\n") == "- One.\n- Two."


def test_paragraphs_and_bullets_keep_their_order_and_indentation_is_dropped():
    text = "A paragraph line.\n  - An indented bullet\n\n\tAnother paragraph.\n* Star bullet.\n"

    assert _body(text) == (
        "A paragraph line.\n- An indented bullet\nAnother paragraph.\n- Star bullet."
    )


def test_inline_markdown_and_html_are_kept_verbatim():
    lines = [
        "- **Bold**, *italic*, `code` and [a link](https://example.com/a_b?c=1).",
        "<script>alert(1)</script> is shown as text.",
        "- [mail](mailto:a@example.com) and [bad](javascript:alert(1)) stay as written.",
    ]

    assert _body("\n".join(lines)) == "\n".join(lines)


def test_overview_collects_paragraphs_bullets_and_later_overview_headings():
    lecture = parse_notes("Overview\nFirst line.\n* A bullet\nBody\n- Point.\nSummary\nMore.\n")

    assert lecture.overview == "First line.\n- A bullet\nMore."
    assert [(s.title, s.body) for s in lecture.sections] == [("Body", "- Point.")]


def test_action_items_accept_bullets_and_paragraph_lines():
    lecture = parse_notes("Homework\n- Read chapter 1.\nWrite a summary.\n• Review the map\n")

    assert lecture.action_items == ["Read chapter 1.", "Write a summary.", "Review the map"]


def test_glossary_and_actions_can_appear_more_than_once():
    lecture = parse_notes("Glossary\n- A — one.\nNext Steps\n- Do.\nGlossary\n- B — two.\n")

    assert [t.term for t in lecture.terms] == ["A", "B"]
    assert lecture.action_items == ["Do."]


# --------------------------------------------------------------------------- encoding, lines, title


def test_bom_is_stripped_from_bytes_and_text():
    for data in (b"\xef\xbb\xbfTitle: T\nOverview\nText.\n", "\ufeffTitle: T\nOverview\nText.\n"):
        lecture = parse_notes(data)
        assert (lecture.title, lecture.overview) == ("T", "Text.")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings(newline):
    data = newline.join(["Overview", "Text.", "", "Section", "- a."]).encode()

    lecture = parse_notes(data)

    assert lecture.overview == "Text."
    assert [(s.title, s.body, s.line) for s in lecture.sections] == [("Section", "- a.", 4)]


def test_last_line_without_newline():
    assert parse_notes("Overview\nText.").overview == "Text."


@pytest.mark.parametrize(
    ("first", "title"),
    [
        ("Title: The Lecture", "The Lecture"),
        ("title:   Spaced out  ", "Spaced out"),
        ("TITLE:Tight", "Tight"),
        ("Title: Ends with a full stop.", "Ends with a full stop."),
        ("\n\n  Title: After blank lines", "After blank lines"),
    ],
)
def test_title_line(first, title):
    lecture = parse_notes(f"{first}\nOverview\nText.\n")

    assert lecture.title == title
    assert lecture.sections == []


def test_title_line_later_in_the_file_is_a_heading():
    lecture = parse_notes("Overview\nText.\nTitle: Late\n- Point.\n")

    assert lecture.title == ""
    assert [s.title for s in lecture.sections] == ["Title: Late"]


# --------------------------------------------------------------------------- glossary


@pytest.mark.parametrize(
    "line",
    [
        "- Term — the definition.",
        "- Term—the definition.",
        "- Term – the definition.",
        "- Term–the definition.",
        "- Term - the definition.",
        "- Term: the definition.",
        "* Term — the definition.",
        "Term — the definition.",
    ],
)
def test_glossary_separators(line):
    lecture = parse_notes(f"Glossary\n{line}\n")

    assert lecture.terms == [ParsedTerm("Term", "", "the definition.", 2)]


@pytest.mark.parametrize(
    ("line", "term", "alias", "definition"),
    [
        ("- Nagorno-Karabakh - a region.", "Nagorno-Karabakh", "", "a region."),
        ("- Russia-led bloc — an alliance.", "Russia-led bloc", "", "an alliance."),
        ("- Ratio: a — b.", "Ratio", "", "a — b."),
        ("- Start 10:30 — the start time.", "Start 10:30", "", "the start time."),
        ("- Pact — a treaty - signed: 1994.", "Pact", "", "a treaty - signed: 1994."),
        (
            "- Collective Security Treaty Organization (CSTO) — an alliance.",
            "Collective Security Treaty Organization",
            "CSTO",
            "an alliance.",
        ),
        ("- Messenger RNA (mRNA): a molecule.", "Messenger RNA", "mRNA", "a molecule."),
        ("- Treaty of Kars (1921) — a treaty.", "Treaty of Kars (1921)", "", "a treaty."),
        ("- Note (see below) — a remark.", "Note (see below)", "", "a remark."),
        ("- (CSTO) — an alliance.", "(CSTO)", "", "an alliance."),
    ],
)
def test_glossary_terms_and_aliases(line, term, alias, definition):
    lecture = parse_notes(f"Key Terms\n{line}\n")

    assert lecture.terms == [ParsedTerm(term, alias, definition, 2)]


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (
            b"Overview\nCaf\xe9 society.\n",
            2,
            "the file is not UTF-8 text (bad byte at column 4); save it as UTF-8",
        ),
        (
            b"Overview\r\nText.\r\n\r\n- \xff\r\n",
            4,
            "the file is not UTF-8 text (bad byte at column 3); save it as UTF-8",
        ),
        (
            b"Overview\rText.\r- a\xff\r",
            3,
            "the file is not UTF-8 text (bad byte at column 4); save it as UTF-8",
        ),
        (
            b"\xef\xbb\xbf\xffOverview\n",
            1,
            "the file is not UTF-8 text (bad byte at column 1); save it as UTF-8",
        ),
        (
            "\n- First point.\nOverview\n",
            2,
            '"First point." comes before any heading; '
            'start the file with a heading such as "Overview"',
        ),
        (
            "Title: T\nThis is a sentence.\nOverview\n",
            2,
            '"This is a sentence." comes before any heading; '
            'start the file with a heading such as "Overview"',
        ),
        (
            "Overview\nText.\nGlossary\n- BRICS is a grouping.\n",
            4,
            'glossary entry "BRICS is a grouping." has no separator between term and '
            'definition; write "Term — definition"',
        ),
        (
            "Glossary\n- Armenia-Azerbaijan border.\n",
            2,
            'glossary entry "Armenia-Azerbaijan border." has no separator between term and '
            'definition; write "Term — definition"',
        ),
        (
            "Key Terms\n- BRICS — a grouping.\n\n- brics (BR) — a duplicate.\n",
            4,
            'the term "brics" is already defined on line 2',
        ),
        (
            "Glossary\n- — a definition.\n",
            2,
            'glossary entry "— a definition." has no term before the separator',
        ),
        (
            "Glossary\n- Term —\n",
            2,
            'glossary entry "Term —" has no definition after the separator',
        ),
        ("Overview\nText.\n#\n", 3, 'this heading has no text; write a title after the "#"'),
        ("Overview\nText.\n## :\n", 3, 'this heading has no text; write a title after the "#"'),
        (
            "Homework\n- Read chapter 1.\n- Write.\n* Read chapter 1.\n",
            4,
            'the action item "Read chapter 1." is already listed on line 2',
        ),
    ],
)
def test_errors_name_the_line(data, line, message):
    with pytest.raises(NotesError) as excinfo:
        parse_notes(data)

    assert excinfo.value.line == line
    assert excinfo.value.message == message
    assert str(excinfo.value) == f"line {line}: {message}"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", 'the file is empty; start it with a heading such as "Overview"'),
        (" \n\t\r\n  ", 'the file is empty; start it with a heading such as "Overview"'),
        (b"\xef\xbb\xbf\r\n", 'the file is empty; start it with a heading such as "Overview"'),
        (
            "Title: Only a title\n",
            'the file has no headings or content; add a heading such as "Overview" '
            "with text under it",
        ),
        (
            "Overview\n\nGlossary\n",
            'the file has no headings or content; add a heading such as "Overview" '
            "with text under it",
        ),
    ],
)
def test_whole_file_errors_have_no_line(data, message):
    with pytest.raises(NotesError) as excinfo:
        parse_notes(data)

    assert excinfo.value.line is None
    assert str(excinfo.value) == message


def test_long_text_is_shortened_in_messages():
    with pytest.raises(NotesError) as excinfo:
        parse_notes("- " + "word " * 40 + "end.\n")

    assert str(excinfo.value).startswith('line 1: "word word ')
    assert '…" comes before any heading' in str(excinfo.value)
    assert len(str(excinfo.value)) < 160


def test_notes_error_is_a_value_error():
    err = NotesError("a glossary bullet needs a separator", 7)

    assert isinstance(err, ValueError)
    assert (err.message, err.line) == ("a glossary bullet needs a separator", 7)
    assert str(err) == "line 7: a glossary bullet needs a separator"
    assert str(NotesError("the file is empty")) == "the file is empty"


# --------------------------------------------------------------------------- slugs


def test_duplicate_section_titles_get_unique_slugs():
    text = "Example\n- a.\nExample 2\n- b.\n# Example!\n- c.\nПример\n- d.\n# ...\n- e.\n"

    lecture = parse_notes(text)

    assert [(s.title, s.slug) for s in lecture.sections] == [
        ("Example", "example"),
        ("Example 2", "example-2"),
        ("Example!", "example-3"),
        ("Пример", "section"),
        ("...", "section-2"),
    ]


def test_unique_slug():
    taken = {"hello-world", "hello-world-2"}

    assert unique_slug("Hello, World", set()) == "hello-world"
    assert unique_slug("Hello, World", {"hello-world"}) == "hello-world-2"
    assert unique_slug("Hello, World", taken) == "hello-world-3"
    assert taken == {"hello-world", "hello-world-2"}
    assert unique_slug("!!!", set()) == "section"
    assert unique_slug("Привет", {"section"}) == "section-2"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Sykes–Picot Agreement", "sykes-picot-agreement"),
        ("Sykes—Picot", "sykes-picot"),
        ("Russia – Azerbaijan", "russia-azerbaijan"),
        ("Pre\u2010war and non\u2011aligned", "pre-war-and-non-aligned"),
        ("1961\u20121989", "1961-1989"),
        ("A\u2015B \u2e3a C\ufe58D", "a-b-c-d"),
        ("\u22125 degrees", "5-degrees"),
        ("Nagorno-Karabakh", "nagorno-karabakh"),
        ("Café — Culture", "cafe-culture"),
        ("— –", ""),
    ],
)
def test_slug_for_turns_dashes_into_hyphens(title, slug):
    assert slug_for(title) == slug


def test_section_slugs_turn_dashes_into_hyphens():
    lecture = parse_notes("Sykes–Picot Agreement\n- Signed.\nBritain — France\n- Carved up.\n")

    assert [s.slug for s in lecture.sections] == ["sykes-picot-agreement", "britain-france"]


@pytest.mark.parametrize("slug", ["geo", "plate-tectonics", "unit_2", "A1", "x" * 80])
def test_slug_problem_accepts_url_slugs(slug):
    assert slug_problem(slug) is None


@pytest.mark.parametrize(
    ("slug", "problem"),
    [
        ("spaced slug", "“spaced slug” is not a valid slug"),
        ("", "“” is not a valid slug"),
        ("café", "use only letters, digits, hyphens and underscores"),
        ("a/b", "is not a valid slug"),
        ("x" * 81, "is longer than 80 characters"),
    ],
)
def test_slug_problem_refuses_what_a_url_cannot_hold(slug, problem):
    assert problem in slug_problem(slug)


def test_unique_slug_stays_within_80_characters():
    title = "word " * 30
    first = unique_slug(title, set())

    assert len(first) == 79  # cut at 80, then the dangling "-" is dropped
    assert first.endswith("word")
    second = unique_slug(title, {first})
    assert second == first[:78] + "-2"
    assert len(second) == 80


# --------------------------------------------------------------------------- export


def test_format_notes_writes_the_documented_layout():
    lecture = ParsedLecture(
        title="Russia and Azerbaijan",
        overview="First line.\n- A bullet",
        sections=[
            ParsedSection("Background", "background", "- Point one.\nA sentence."),
            ParsedSection("Empty", "empty", ""),
        ],
        terms=[
            ParsedTerm("Collective Security Treaty Organization", "CSTO", "an alliance."),
            ParsedTerm("BRICS", "", "a grouping."),
        ],
        action_items=["Read chapter 1."],
    )

    assert format_notes(lecture) == (
        "Title: Russia and Azerbaijan\n"
        "\n"
        "Overview\n"
        "First line.\n"
        "- A bullet\n"
        "\n"
        "Background\n"
        "- Point one.\n"
        "A sentence.\n"
        "\n"
        "Empty\n"
        "\n"
        "Key Terms & Definitions\n"
        "- Collective Security Treaty Organization (CSTO) — an alliance.\n"
        "- BRICS — a grouping.\n"
        "\n"
        "Action Items / Next Steps\n"
        "- Read chapter 1.\n"
    )


def test_format_notes_skips_missing_parts():
    lecture = ParsedLecture(sections=[ParsedSection("Only", "only", "- Point.")])

    assert format_notes(lecture) == "Only\n- Point.\n"


@pytest.mark.parametrize(
    ("title", "line"),
    [
        ("Background", "Background"),
        ("C#", "C#"),
        ("The war ended.", "# The war ended."),
        ("Why?", "# Why?"),
        ("“Stop!”", "# “Stop!”"),
        ("- Dash", "# - Dash"),
        ("* Star", "# * Star"),
        ("-", "# -"),
        ("Title: Not the title", "# Title: Not the title"),
    ],
)
def test_format_notes_marks_headings_that_would_be_misread(title, line):
    lecture = ParsedLecture(sections=[ParsedSection(title, "s", "- Point.")])

    exported = format_notes(lecture)

    assert exported == f"{line}\n- Point.\n"
    assert [s.title for s in parse_notes(exported).sections] == [title]


EVERY_FEATURE = (
    "\ufeffTitle: Every Feature: A Test\r\n"
    "\r\n"
    "## Summary:\r\n"
    "The first overview line.\r\n"
    "• An overview bullet\r\n"
    "Introduction\r\n"
    "- A **bold** bullet with `code` and [a link](https://example.com).\r\n"
    "* A star bullet\r\n"
    "A paragraph that ends “like this.”\r\n"
    "   \t\r\n"
    "# Why does it matter?\r\n"
    "It matters!\r\n"
    "### Title: A Section, Not The Title\r\n"
    "Empty Section:\r\n"
    "# * Star Title\r\n"
    "- Point.\r\n"
    "Introduction\r\n"
    "- Second section with the same title.\r\n"
    "Пример\r\n"
    "- A Cyrillic heading.\r\n"
    "Key Terms & Definitions\r\n"
    "- Nagorno-Karabakh — a region.\r\n"
    "- Collective Security Treaty Organization (CSTO)–an alliance.\r\n"
    "* Treaty of Kars (1921) - a treaty.\r\n"
    "Ratio: a number – with a dash.\r\n"
    "Overview\r\n"
    "A later overview line.\r\n"
    "Homework\r\n"
    "- Read chapter 1.\r\n"
    "Write a summary.\r\n"
    "Glossary\r\n"
    "- Mixed (MX): late entry.\r\n"
    "Next Steps\r\n"
    "• Review the map"
).encode()


def test_every_feature_file():
    lecture = parse_notes(EVERY_FEATURE)

    assert lecture.title == "Every Feature: A Test"
    assert lecture.overview == (
        "The first overview line.\n- An overview bullet\nA later overview line."
    )
    assert [(s.title, s.slug, s.body, s.line) for s in lecture.sections] == [
        (
            "Introduction",
            "introduction",
            "- A **bold** bullet with `code` and [a link](https://example.com).\n"
            "- A star bullet\n"
            "A paragraph that ends “like this.”",
            6,
        ),
        ("Why does it matter?", "why-does-it-matter", "It matters!", 11),
        ("Title: A Section, Not The Title", "title-a-section-not-the-title", "", 13),
        ("Empty Section", "empty-section", "", 14),
        ("* Star Title", "star-title", "- Point.", 15),
        ("Introduction", "introduction-2", "- Second section with the same title.", 17),
        ("Пример", "section", "- A Cyrillic heading.", 19),
    ]
    assert [(t.term, t.alias, t.definition, t.line) for t in lecture.terms] == [
        ("Nagorno-Karabakh", "", "a region.", 22),
        ("Collective Security Treaty Organization", "CSTO", "an alliance.", 23),
        ("Treaty of Kars (1921)", "", "a treaty.", 24),
        ("Ratio", "", "a number – with a dash.", 25),
        ("Mixed", "MX", "late entry.", 32),
    ]
    assert lecture.action_items == ["Read chapter 1.", "Write a summary.", "Review the map"]


def test_every_feature_file_round_trips():
    exported = _assert_round_trips(EVERY_FEATURE)

    assert exported.startswith("Title: Every Feature: A Test\n\nOverview\n")
    assert "\n# Why does it matter?\nIt matters!\n" in exported
    assert "\n# Title: A Section, Not The Title\n\nEmpty Section\n\n# * Star Title\n" in exported
    assert exported.endswith(
        "Action Items / Next Steps\n- Read chapter 1.\n- Write a summary.\n- Review the map\n"
    )


def test_round_trip_of_a_lecture_without_title_or_overview():
    _assert_round_trips("# Title: Looks Like A Title\n- Point.\nGlossary\n- A: b.\n")


# --------------------------------------------------------------------------- events


def _first_day(when) -> datetime.date:
    return datetime.date(when.year, when.month or 1, when.day or 1)


def _events(text: str) -> list[tuple[str, datetime.date]]:
    return [(e.when_label, _first_day(e.start)) for e in extract_events(text)]


D = datetime.date


@pytest.mark.parametrize(
    ("text", "events"),
    [
        ("December 2024: a plane was shot down.", [("December 2024", D(2024, 12, 1))]),
        ("Talks in June 2025 failed.", [("June 2025", D(2025, 6, 1))]),
        (
            "Dec 2024 and Sept 2023 and Feb. 2022.",
            [
                ("December 2024", D(2024, 12, 1)),
                ("September 2023", D(2023, 9, 1)),
                ("February 2022", D(2022, 2, 1)),
            ],
        ),
        ("It joined in 1994.", [("1994", D(1994, 1, 1))]),
        ("The 2020 war.", [("2020", D(2020, 1, 1))]),
        # A bound or a state of affairs is not an event (issue 10).
        ("post-1991 politics", []),
        ("Chaired NAM (2019-2023).", [("2019–2023", D(2019, 1, 1))]),
        ("Chaired NAM 2019–2023.", [("2019–2023", D(2019, 1, 1))]),
        ("From 2019 to 2023.", [("2019–2023", D(2019, 1, 1))]),
        ("From 2019 — 2023.", [("2019–2023", D(2019, 1, 1))]),
        ("On 12 December 2024 it fell.", [("12 December 2024", D(2024, 12, 12))]),
        ("On 1st March, 2022.", [("1 March 2022", D(2022, 3, 1))]),
        ("On December 12, 2024 it fell.", [("12 December 2024", D(2024, 12, 12))]),
        ("On Dec. 3rd 2024.", [("3 December 2024", D(2024, 12, 3))]),
        ("Signed 2024-12-12.", [("12 December 2024", D(2024, 12, 12))]),
        ("Until the 19th century.", []),
        ("A 21st-century problem.", []),
        ("The 1st Century began.", [("1st century", D(1, 1, 1))]),
        ("The 1990s and the 1980’s.", [("1990s", D(1990, 1, 1)), ("1980s", D(1980, 1, 1))]),
        ("31 February 2024 is not a day.", [("February 2024", D(2024, 2, 1))]),
        ("2020-2020 is one year.", [("2020", D(2020, 1, 1))]),
        ("2023-2019 is backwards.", [("2023", D(2023, 1, 1)), ("2019", D(2019, 1, 1))]),
        (
            "In 2020, again in 2020, and in 2023.",
            [("2020", D(2020, 1, 1)), ("2023", D(2023, 1, 1))],
        ),
        ("In 1994 and 1999.", [("1994", D(1994, 1, 1)), ("1999", D(1999, 1, 1))]),
        ("1000 and 2199 are the limits.", [("1000", D(1000, 1, 1)), ("2199", D(2199, 1, 1))]),
        # Only capitalised month names count, so the verbs "may" and "march" do not.
        # (After the date, so "may" does not make the statement speculative.)
        ("Crowds march 2024 onwards, as they may.", [("2024", D(2024, 1, 1))]),
    ],
)
def test_extract_events(text, events):
    assert _events(text) == events


@pytest.mark.parametrize(
    "text",
    [
        "After a brief independence post-WWI.",
        "It cost $2000 and 12000 troops.",
        "Numbers 1,2024 and 2024.5 and 20245.",
        "Growth of 1500% or 2024 %.",
        "0999 and 2200 are out of range.",
        "Code A2024 and 2024B.",
    ],
)
def test_extract_events_ignores_non_dates(text):
    assert _events(text) == []


def test_event_text_is_the_whole_bullet():
    [event] = extract_events("  December 2024: a plane was shot down.  ")

    assert event.text == "December 2024: a plane was shot down."


def test_sample_events():
    lecture = parse_notes(SAMPLE.read_bytes())
    bullets = [
        line.removeprefix("- ") for section in lecture.sections for line in section.body.split("\n")
    ]

    found = [(e.when_label, _first_day(e.start)) for b in bullets for e in extract_events(b)]

    # "until the 19th century" and "until 1991" are bounds, not events.
    assert found == [
        ("1994", D(1994, 1, 1)),
        ("1999", D(1999, 1, 1)),
        ("2011", D(2011, 1, 1)),
        ("2019–2023", D(2019, 1, 1)),
        ("2020", D(2020, 1, 1)),
        ("2020", D(2020, 1, 1)),
        ("2023", D(2023, 1, 1)),
        ("December 2024", D(2024, 12, 1)),
        ("June 2025", D(2025, 6, 1)),
    ]


# --------------------------------------------------------------------------- control characters


@pytest.mark.parametrize(
    ("data", "line", "column", "code"),
    [
        (b"Overview\nText.\nab\x00cd.\n", 3, 3, "U+0000"),
        ("Overview\r\nText.\r\n\x01Start.\r\n", 3, 1, "U+0001"),
        ("Overview\rText.\r- a\x0c\r", 3, 4, "U+000C"),
        ("\ufeffOver\x1fview\n", 1, 5, "U+001F"),
        ("Overview\nText.\x0b\n", 2, 6, "U+000B"),
    ],
)
def test_control_characters_are_refused_with_line_and_column(data, line, column, code):
    with pytest.raises(NotesError) as excinfo:
        parse_notes(data)

    assert excinfo.value.line == line
    assert excinfo.value.message == (
        f"the file contains a control character ({code}) at column {column}; "
        "save it as plain UTF-8 text"
    )


BIDI_OVERRIDES = [chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


@pytest.mark.parametrize("char", BIDI_OVERRIDES)
def test_bidirectional_overrides_are_refused_with_line_and_column(char):
    with pytest.raises(NotesError) as excinfo:
        parse_notes(f"Overview\nText.\n- Pay {char}0001$ now.\n".encode())

    assert excinfo.value.line == 3
    assert excinfo.value.message == (
        f"the file contains a bidirectional-override character (U+{ord(char):04X}) "
        "at column 7; remove it"
    )


def test_right_to_left_text_and_direction_marks_are_allowed():
    # Only the overrides are refused: RTL scripts order themselves, and the marks
    # (U+200E, U+200F) cannot reorder text around them.
    lecture = parse_notes("Overview\nשלום, عالم\u200f.\n")

    assert lecture.overview == "שלום, عالم\u200f."


@pytest.mark.parametrize("char", ["\u202e", "\u2067"])
def test_admin_field_checks_refuse_bidirectional_overrides(char):
    code = f"U+{ord(char):04X}"
    one_line = (
        f"Remove a bidirectional-override character ({code}): the notes format cannot hold it."
    )

    assert line_problem(f"Evil {char}eltit") == one_line
    assert heading_problem(f"Evil {char}eltit") == one_line
    assert term_problem(f"Te{char}rm") == one_line
    assert text_problem(f"Fine.\nA {char}sentence.") == (
        f"Line 2 of the text contains a bidirectional-override character ({code}) "
        "at column 3: remove it."
    )


def test_tabs_and_line_ends_are_not_control_characters():
    lecture = parse_notes("Overview\r\n\tText\twith tabs.\r\n")

    assert lecture.overview == "Text\twith tabs."


# --------------------------------------------------------------------------- line numbers


def test_title_and_action_item_lines_are_recorded():
    lecture = parse_notes(
        "\nTitle: T\nHomework\n- One.\n\n- Two.\nOverview\nText.\nNext Steps\nThree.\n"
    )

    assert lecture.title_line == 2
    assert lecture.action_items == ["One.", "Two.", "Three."]
    assert lecture.action_item_lines == [4, 6, 10]


def test_title_line_is_none_without_a_title_line():
    assert parse_notes("Overview\nText.\n").title_line is None


# --------------------------------------------------------------------------- helpers for validation


@pytest.mark.parametrize(
    ("line", "tail"),
    [("- Foo:— a definition.", ":"), ("- Foo -– a definition.", "-")],
)
def test_term_that_would_be_cut_when_exported_is_refused(line, tail):
    with pytest.raises(NotesError) as excinfo:
        parse_notes(f"Glossary\n{line}\n")

    assert excinfo.value.line == 2
    assert f'ends in "{tail}"' in excinfo.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CSTO", True),
        ("mRNA", True),
        ("G7", True),
        ("1921", False),
        ("see below", False),
        ("csto", True),
        ("bpm", True),
        ("U.N.", True),
        ("planet", False),
        ("see", False),
        ("A—B", False),
        ("A:B", True),
        ("(AB)", False),
        ("", False),
    ],
)
def test_is_alias(text, expected):
    assert is_alias(text) is expected


@pytest.mark.parametrize(
    ("term", "alias", "problem"),
    [
        ("Nagorno-Karabakh", "", None),
        ("Start 10:30", "", None),
        ("Treaty of Kars (1921)", "", None),
        ("(CSTO)", "", None),
        ("Treaty (CSTO)", "AB", None),
        ("Treaty (CSTO)", "", "“Treaty (CSTO)” ends in “(CSTO)”"),
        ("Ratio: part", "", "contains “: ”"),
        ("A — B", "", "contains “—”"),
        ("A–B", "", None),
        ("Hardy–Weinberg principle", "", None),
        ("A - B", "", "contains “ - ”"),
        ("Foo:", "", "contains “: ”"),
        ("Foo -", "", "contains “ - ”"),
        ("Two\nlines", "", "one line"),
        ("Bell\x07", "", "U+0007"),
    ],
)
def test_term_problem(term, alias, problem):
    found = term_problem(term, alias)
    if problem is None:
        assert found is None
    else:
        assert problem in found


@pytest.mark.parametrize(
    ("title", "problem"),
    [
        ("Background", None),
        ("C#", None),
        ("The war ended.", None),
        ("- Dash", None),
        ("Title: Not the title", None),
        ("#Intro", "would be read back as “Intro”"),
        ("Intro:", "would be read back as “Intro”"),
        ("## :", "needs some text"),
        (
            "Homework",
            "“Homework” is a reserved heading in the notes format (it holds action items)",
        ),
        ("Key Terms!", "(it holds the glossary)"),
        ("Two\nlines", "one line"),
    ],
)
def test_heading_problem(title, problem):
    found = heading_problem(title)
    if problem is None:
        assert found is None
    else:
        assert problem in found


def test_text_problem_names_the_line_read_as_a_heading():
    assert text_problem("- A bullet\r\n\r\nA sentence.\n* Star") is None
    assert text_problem("First.\n\nNo full stop") == (
        "Line 3 of the text would be read as a heading when the notes are exported: "
        "end it with . ! ? … or start it with “- ” for a bullet."
    )
    assert "Line 2 of the text starts with “#”" in text_problem("First.\n# Not a sentence.")
    assert "Line 1 of the text contains a control character (U+0000)" in text_problem("A\x00.")


def test_normalise_text_stores_text_as_an_import_would():
    text = "  - A bullet\r\n\r\n* Star.\r\n   A sentence.  \r\n-\r\n• Dot"

    assert normalise_text(text) == "- A bullet\n- Star.\nA sentence.\n- Dot"
    assert parse_notes(f"Intro\n{text}\n").sections[0].body == normalise_text(text)


# --------------------------------------------------------------------------- limits

MB = 1024 * 1024


def _sections(count: int) -> str:
    return "".join(f"Part {number}\n- Point {number}.\n" for number in range(1, count + 1))


def test_default_limits_are_2_mb_and_500_sections(settings):
    assert (settings.NOTES_MAX_BYTES, settings.NOTES_MAX_SECTIONS) == (2 * MB, 500)


@pytest.mark.parametrize(
    ("size", "limit", "message"),
    [
        (int(9.5 * MB), 2 * MB, "the file is 9.5 MB; the limit is 2 MB"),
        # Sizes that round alike are written out, or the message would contradict itself.
        (2 * MB + 1, 2 * MB, "the file is 2,097,153 bytes; the limit is 2,097,152 bytes"),
        (1536, 1000, "the file is 1.5 KB; the limit is 1000 bytes"),
    ],
)
def test_check_size_names_the_size_and_the_limit(size, limit, message):
    check_size(limit, limit)
    with pytest.raises(NotesError) as excinfo:
        check_size(size, limit)

    assert excinfo.value.line is None
    assert str(excinfo.value) == f"{message}, so split the lecture into smaller files"


def test_file_over_the_size_limit_is_refused_before_it_is_decoded(settings):
    settings.NOTES_MAX_BYTES = 100
    # Not UTF-8 either: the size is checked first, so decoding never starts.
    with pytest.raises(NotesError, match="^the file is 209 bytes; the limit is 100 bytes"):
        parse_notes(b"Overview\n" + b"\xff" * 200)
    # Text is measured as the UTF-8 it would be in a file: 69 characters, 129 bytes.
    with pytest.raises(NotesError, match="^the file is 129 bytes"):
        parse_notes("Overview\n" + "é" * 60)
    assert parse_notes(b"Overview\nText.\n", max_bytes=16).overview == "Text."


def test_section_limit_counts_sections_only(settings):
    settings.NOTES_MAX_SECTIONS = 3
    notes = f"Overview\nText.\n{_sections(3)}Key Terms\n- A — b.\nHomework\n- Read.\n"

    assert len(parse_notes(notes).sections) == 3
    with pytest.raises(NotesError) as excinfo:
        parse_notes(_sections(4))

    assert excinfo.value.line == 7
    assert excinfo.value.message == (
        "the file has more than 3 sections; the limit is 3, so split the lecture into smaller files"
    )
    assert len(parse_notes(_sections(4), max_sections=4).sections) == 4


def test_section_limit_stops_reading_at_the_first_section_over_it():
    # A glossary error right after heading 501 would be reported if parsing went on.
    notes = _sections(501) + "Glossary\n- no separator here\n" + _sections(50_000)

    with pytest.raises(NotesError) as excinfo:
        parse_notes(notes)

    assert excinfo.value.line == 1001
    assert "more than 500 sections" in excinfo.value.message
