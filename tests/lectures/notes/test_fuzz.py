"""Fuzzing the notes parser and the Markdown renderer with Hypothesis.

Parser: any text (or bytes) is either a lecture or a NotesError naming a line of
the file, never another exception; a lecture that parses comes back unchanged
through format_notes() and parse_notes(). Renderer: any text with any glossary
renders without raising, to well-formed markup made only of the tags and
attributes that rendering.py's nh3 allow-list and its term links produce.
"""

from __future__ import annotations

import contextlib
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from lectures.content import rendering
from lectures.content.imports import lecture_import
from lectures.content.rendering import (
    TermRef,
    render_body,
    render_inline,
    render_overview,
    term_anchor,
)
from lectures.notes import NotesError, ParsedLecture, format_notes, parse_notes
from lectures.notes.prose import extract_events
from tests.helpers import without_lines

FUZZ = settings(max_examples=200, deadline=None)

# --------------------------------------------------------------------------- notes pieces

# Every code point but surrogates (they have a test of their own, as text cannot
# be encoded with them): C0 controls, bidi overrides, NEL, U+2028 and unassigned
# code points all turn up.
any_char = st.characters(exclude_categories=("Cs",))
any_text = st.text(any_char, max_size=200)
# Characters the format gives a meaning to, over-represented so they meet.
FORMAT_CHARS = list(" \t.,:;!?…\"'”’»›)]}*_-–—#()&/`[]<>\\•")
word_text = st.text(
    st.characters(categories=("L", "N")) | st.sampled_from(FORMAT_CHARS), max_size=30
)
STRANGE = list(
    "\x00\x01\x08\x0b\x0c\x0e\x1b\x1f\x7f\x85\xa0\u2028\u2029\u202a\u202e\u2066\u2069\ufeff\u200b"
)
phrase = st.one_of(
    word_text,
    word_text,
    st.text(any_char, max_size=20),
    st.builds("{}{}{}".format, word_text, st.sampled_from(STRANGE), word_text),
)
dates = st.one_of(
    st.from_regex(
        r"\d{1,2}(st|nd|rd|th)? (January|Feb|Sept|May|December)\.?,? \d{4}", fullmatch=True
    ),
    st.from_regex(r"(January|Dec|Sept|March) \d{1,2}(st|th)?,? \d{4}", fullmatch=True),
    st.from_regex(r"(Jan|February|Oct)\.? \d{4}", fullmatch=True),
    st.from_regex(r"\d{4}-\d\d-\d\d", fullmatch=True),
    st.from_regex(r"\d{4} ?[-–—] ?\d{4}|\d{4} to \d{4}", fullmatch=True),
    st.from_regex(r"\d{1,2}(st|nd|rd|th)[ -][Cc]entury", fullmatch=True),
    st.from_regex(r"\d{3}0['’]?s", fullmatch=True),
    st.from_regex(r"[$€]?\d{4}(%|[.,]\d)?", fullmatch=True),
)
RESERVED_HEADINGS = [
    "Overview",
    "SUMMARY:",
    "# Summary",
    "Key Terms & Definitions",
    "Key terms and definitions:",
    "## KEY TERMS",
    "Glossary",
    "Definitions",
    "Action Items / Next Steps",
    "Action items & next steps",
    "Next Steps:",
    "# Homework",
]
GLOSSARY_HEADINGS = [
    h
    for h in RESERVED_HEADINGS
    if h.strip("# :").lower()
    in {
        "key terms & definitions",
        "key terms and definitions",
        "key terms",
        "glossary",
        "definitions",
    }
]
marker = st.sampled_from(["- ", "* ", "• ", "-", "*", "•", "-\t", "  - ", "-  "])
separator = st.sampled_from([" — ", "—", " – ", "–", " - ", ": ", ":", " -", "- ", " —  "])
sentence_end = st.sampled_from([".", "!", "?", "…", '."', ".)", ".**", "’", ""])
alias = st.from_regex(r"[A-Z][A-Za-z0-9]{0,5}|[a-z]+", fullmatch=True)


@st.composite
def term_line(draw) -> str:
    term = draw(phrase)
    if draw(st.booleans()):
        term = f"{term} ({draw(alias)})"
    return f"{draw(marker)}{term}{draw(separator)}{draw(phrase)}{draw(sentence_end)}"


heading_line = st.one_of(
    st.sampled_from(RESERVED_HEADINGS),
    st.builds("{} {}".format, st.sampled_from(["#", "##", "###", "#"]), phrase),
    st.builds("{}{}".format, phrase, st.sampled_from(["", ":", " :", "::"])),
)
bullet_line = st.builds("{}{}{}".format, marker, phrase, sentence_end)
dated_line = st.builds("{}{} {} {}{}".format, marker, word_text, dates, word_text, sentence_end)
paragraph_line = st.builds("{}{}".format, phrase, st.sampled_from([".", "!", "?", "…", '."']))
long_line = st.builds(
    lambda piece, times, end: piece * times + end,
    st.text(any_char, min_size=1, max_size=4),
    st.integers(2_000, 20_000),
    sentence_end,
)
noise_line = st.one_of(
    st.sampled_from(["", "   ", "\t", "-", "#", "# ", "Title:", "Title: Again", "\ufeff"]),
    st.builds("Title: {}".format, phrase),
    any_text,
)
any_line = st.one_of(
    heading_line, bullet_line, term_line(), dated_line, paragraph_line, noise_line, long_line
)
line_end = st.sampled_from(["\n", "\n", "\r\n", "\r"])


def join_lines(lines: list[str], ends: list[str]) -> str:
    return "".join(line + end for line, end in zip(lines, ends, strict=False))


@st.composite
def notes_lines(draw, lines=any_line, max_size=30) -> str:
    """Lines of any kind in any order, with mixed line ends and maybe a BOM."""
    chosen = draw(st.lists(lines, max_size=max_size))
    ends = draw(st.lists(line_end, min_size=len(chosen), max_size=len(chosen)))
    bom = draw(st.sampled_from(["", "", "\ufeff"]))
    return bom + join_lines(chosen, ends)


@st.composite
def notes_document(draw) -> str:
    """A document shaped like real notes: an optional title, then headings each
    followed by lines that suit them, with the odd stray line mixed in."""
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append(f"Title: {draw(phrase)}")
    for _ in range(draw(st.integers(1, 6))):
        heading = draw(heading_line)
        lines.append(heading)
        if heading in GLOSSARY_HEADINGS:
            body = st.one_of(term_line(), term_line(), term_line(), noise_line)
        else:
            body = st.one_of(bullet_line, dated_line, paragraph_line, noise_line)
        lines.extend(draw(st.lists(body, max_size=6)))
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(long_line))
    ends = draw(st.lists(line_end, min_size=len(lines), max_size=len(lines)))
    bom = draw(st.sampled_from(["", "", "\ufeff"]))
    return bom + join_lines(lines, ends)


# Pieces that usually make a file the parser accepts, for the round trip: no
# control characters, headings that read as headings, entries with a separator.
# Whitespace and invisible characters the format must carry through are kept.
KEPT_CHARS = list("\xa0\x85\u2028\u200b\ufeff")
clean_chars = st.characters(categories=("L", "N")) | st.sampled_from(FORMAT_CHARS + KEPT_CHARS)
letter = st.characters(categories=("L",))
clean_phrase = st.builds("{}{}".format, letter, st.text(clean_chars, max_size=25))
clean_heading = st.one_of(
    st.sampled_from(RESERVED_HEADINGS),
    st.builds(
        "{}{}{}{}{}".format,
        st.sampled_from(["", "", "# ", "##", "Title: "]),
        letter,
        st.text(clean_chars, max_size=20),
        letter,
        st.sampled_from(["", "", ":", " ::"]),
    ),
)
clean_term = st.builds(
    "{}{}{}{}{}".format,
    marker,
    clean_phrase,
    st.sampled_from(["", "", " (CSTO)", " (a1)", "(NAM)"]),
    separator,
    clean_phrase,
)
# Numbered, lettered and indented items, and lead-ins (issue 17).
list_marker = st.sampled_from(
    ["1. ", "2) ", "12. ", "a. ", "b) ", "C) ", "  - ", "\t1. ", "    * ", "      a) ", " - "]
)
clean_line = st.one_of(
    st.builds("{}{}".format, marker, clean_phrase),
    st.builds("{}{}{}".format, list_marker, clean_phrase, sentence_end),
    st.builds("{}{}".format, clean_phrase, st.sampled_from([":", " :"])),
    st.builds("{}{}".format, clean_phrase, st.sampled_from([".", "!", "?", "…", '."', ".)"])),
    dated_line,
    st.sampled_from(["", "  ", "-"]),
)


@st.composite
def clean_document(draw) -> str:
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append(f"Title: {draw(clean_phrase)}")
    for _ in range(draw(st.integers(1, 6))):
        heading = draw(clean_heading)
        lines.append(heading)
        body = clean_term if heading in GLOSSARY_HEADINGS else clean_line
        lines.extend(draw(st.lists(body, max_size=5)))
    ends = draw(st.lists(line_end, min_size=len(lines), max_size=len(lines)))
    bom = draw(st.sampled_from(["", "", "\ufeff"]))
    return bom + join_lines(lines, ends)


notes_text = st.one_of(any_text, notes_lines(), notes_document(), clean_document())


def line_count(text: str) -> int:
    return text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


def parse_or_error(data: bytes | str, lines: int) -> ParsedLecture | NotesError:
    """parse_notes(data), or the NotesError it raised; anything else propagates."""
    try:
        parsed = parse_notes(data)
    except NotesError as error:
        # "Errors name the line": a line of this file, or None for the whole file.
        assert error.line is None or 1 <= error.line <= lines, (error.line, lines)
        assert str(error)
        return error
    assert isinstance(parsed, ParsedLecture)
    return parsed


# --------------------------------------------------------------------------- parser


@FUZZ
@given(text=notes_text)
@example(text="Overview\r\n- a\u2028b.\rGlossary\r\nX (ABC): y")
def test_parse_text_gives_a_lecture_or_a_notes_error(text):
    parse_or_error(text, line_count(text))


@FUZZ
@given(text=st.text(st.characters(categories=("Cs",)) | any_char, max_size=60))
def test_parse_text_with_lone_surrogates_gives_a_lecture_or_a_notes_error(text):
    parse_or_error(f"Overview\n{text}", line_count(text) + 1)


@FUZZ
@given(
    text=notes_text,
    junk=st.binary(min_size=1, max_size=4),
    at=st.integers(0, 1000),
)
def test_parse_bytes_gives_a_lecture_or_a_notes_error(text, junk, at):
    """Bytes that may not be UTF-8 (the command and the upload read bytes)."""
    data = text.encode("utf-8")
    at = min(at, len(data))
    data = data[:at] + junk + data[at:]
    lines = line_count(data.decode("utf-8", "replace"))
    parse_or_error(data, lines)


@FUZZ
@given(text=notes_text)
def test_parse_bytes_and_text_agree(text):
    """Decoding is the only thing the bytes path adds: same lecture, or same error."""
    from_text = parse_or_error(text, line_count(text))
    from_bytes = parse_or_error(text.encode("utf-8"), line_count(text))
    if isinstance(from_text, NotesError):
        assert isinstance(from_bytes, NotesError)
        assert str(from_bytes) == str(from_text)
    else:
        assert isinstance(from_bytes, ParsedLecture)
        assert without_lines(from_bytes) == without_lines(from_text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(text=st.one_of(clean_document(), clean_document(), notes_document()))
@example(text="\ufeff\ufeff\nIntro\nText.")
def test_export_then_reparse_is_a_fixed_point(text):
    parsed = parse_or_error(text, line_count(text))
    assume(isinstance(parsed, ParsedLecture))
    exported = format_notes(parsed)
    reparsed = parse_notes(exported)
    assert without_lines(reparsed) == without_lines(parsed)
    assert format_notes(reparsed) == exported


@pytest.mark.parametrize(
    "text",
    [
        # A second BOM (files concatenated, or saved twice) is a heading "\ufeff".
        "\ufeff\ufeff\nText.",
        "\ufeff\ufeffIntro\nText.",
        "\n\ufeffIntro\nText.",
        "# \ufeffIntro\nText.",
    ],
)
def test_export_keeps_a_first_heading_that_starts_with_a_bom(text):
    """Found by test_export_then_reparse_is_a_fixed_point: format_notes wrote the
    heading plainly on the first line, where parse_notes strips U+FEFF as a BOM,
    so the section came back renamed, or the file did not parse at all."""
    parsed = parse_notes(text)
    assert parsed.sections[0].title.startswith("\ufeff")
    assert without_lines(parse_notes(format_notes(parsed))) == without_lines(parsed)


@FUZZ
@given(text=st.one_of(any_text, dated_line, st.builds("{} {} {}".format, phrase, dates, phrase)))
def test_extract_events_never_raises(text):
    events = extract_events(text)
    labels = [event.when_label for event in events]
    assert len(labels) == len(set(labels))
    # An event's text is its bullet or the part of it the date belongs to (issue 10).
    assert all(event.text.strip() for event in events)
    assert all(event.end is None or event.end.sort_key > event.start.sort_key for event in events)


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.one_of(clean_document(), clean_document(), notes_document()))
def test_lecture_import_raises_only_notes_error(text):
    """The whole importer, as a dry run: the file is refused with NotesError or imported."""
    with contextlib.suppress(NotesError):
        lecture_import(
            course_slug="fuzz", data=text.encode("utf-8"), filename="fuzz.txt", dry_run=True
        )


# --------------------------------------------------------------------------- rendering
#
# Text here is any_char text: lone surrogates are left out because no database
# column can store them (and nh3 refuses them with UnicodeEncodeError).

ALLOWED_TAGS = frozenset(rendering._SANITISE["tags"])
# The attributes nh3 keeps on each tag, plus the rel it adds to every link.
ALLOWED_ATTRIBUTES = {
    tag: frozenset(rendering._SANITISE["attributes"].get(tag, set()))
    | frozenset(rendering._SANITISE["attributes"]["*"])
    | ({"rel"} if tag == "a" and rendering._SANITISE.get("link_rel") else set())
    for tag in ALLOWED_TAGS
}
# The term links render_body() adds after sanitising (its docstring is the contract).
TERM_LINK_ATTRIBUTES = frozenset({"class", "href", "data-term", "title"})
INLINE_TAGS = ALLOWED_TAGS - {"p", "ul", "ol", "li"}
# Browsers ignore these inside a URL scheme ("java\tscript:").
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")


class MarkupChecker(HTMLParser):
    """Collects every way `markup` breaks the renderer's contract."""

    def __init__(
        self,
        terms: tuple[TermRef, ...],
        glossary_url: str,
        tags=ALLOWED_TAGS,
    ):
        super().__init__(convert_charrefs=True)
        self.terms = terms
        self.glossary_url = glossary_url
        self.tags = tags
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.term_link: tuple[dict, list[str]] | None = None
        self.term_links: list[tuple[dict, str]] = []

    def handle_starttag(self, tag, attrs):
        names = [name for name, _ in attrs]
        values = dict(attrs)
        if tag not in self.tags:
            self.problems.append(f"tag <{tag}>")
        if len(names) != len(set(names)):
            self.problems.append(f"duplicate attribute on <{tag}>: {names}")
        for name in names:
            if name.startswith("on") or name == "style":
                self.problems.append(f"attribute {name} on <{tag}>")
        if tag == "a":
            if "a" in self.stack or "code" in self.stack:
                self.problems.append(f"<a> nested inside {self.stack}")
            if values.get("class") == "term-link":
                self.check_term_link(values)
            else:
                self.check_link(values)
        elif not set(names) <= ALLOWED_ATTRIBUTES.get(tag, frozenset()):
            self.problems.append(f"attributes {names} on <{tag}>")
        self.stack.append(tag)

    def check_link(self, values):
        if not set(values) <= ALLOWED_ATTRIBUTES["a"]:
            self.problems.append(f"link attributes {sorted(values)}")
        if values.get("rel") != rendering._SANITISE["link_rel"]:
            self.problems.append(f"link rel {values.get('rel')!r}")
        href = _URL_IGNORED.sub("", values.get("href") or "")
        if urlsplit(href).scheme.lower() not in rendering.ALLOWED_URL_SCHEMES:
            self.problems.append(f"link href {values.get('href')!r}")

    def check_term_link(self, values):
        if set(values) != TERM_LINK_ATTRIBUTES:
            self.problems.append(f"term link attributes {sorted(values)}")
        refs = [
            ref
            for ref in self.terms
            if values.get("data-term") == ref.anchor
            and values.get("href") == f"{self.glossary_url}#{ref.anchor}"
            and values.get("title") == f"{ref.term}: {ref.definition}"
        ]
        if not refs:
            self.problems.append(f"term link to no term: {values}")
        self.term_link = (values, [])

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack}")
            return
        self.stack.pop()
        if tag == "a" and self.term_link is not None:
            values, text = self.term_link
            self.term_links.append((values, "".join(text)))
            self.term_link = None

    def handle_data(self, data):
        if self.term_link is not None:
            self.term_link[1].append(data)

    def handle_comment(self, data):
        self.problems.append(f"comment {data!r}")

    def handle_decl(self, decl):
        self.problems.append(f"declaration {decl!r}")

    def handle_pi(self, data):
        self.problems.append(f"processing instruction {data!r}")

    def unknown_decl(self, data):
        self.problems.append(f"declaration {data!r}")

    def check(self, markup: str) -> MarkupChecker:
        self.feed(markup)
        self.close()
        if self.stack:
            self.problems.append(f"unclosed {self.stack}")
        for values, text in self.term_links:
            # The linked text is the term (any case) or its alias (exact case).
            if not any(
                ref.anchor == values["data-term"]
                and (re.fullmatch(re.escape(ref.term), text, re.IGNORECASE) or text == ref.alias)
                for ref in self.terms
            ):
                self.problems.append(f"term link around {text!r}: {values}")
        return self


def check_markup(markup, terms=(), glossary_url="", tags=ALLOWED_TAGS) -> MarkupChecker:
    checker = MarkupChecker(tuple(terms), glossary_url, tags)
    checker.check(str(markup))
    assert not checker.problems, (checker.problems, str(markup))
    return checker


# Markdown and HTML that try to get something other than text through.
ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<style>*{}</style>",
    '<p style="color:red">',
    "<!-- c -->",
    "<![CDATA[x]]>",
    "<svg onload=alert(1)>",
    "&lt;script&gt;",
    "&#106;avascript:",
    "&amp;",
    "&",
    '"',
    "'",
    "<",
    ">",
    "`",
    "**",
    "*",
    "_",
    "[",
    "]",
    "(",
    ")",
    "![",
    "\\",
]
URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "java%73cript:alert(1)",
    "&#106;avascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "https://example.org/a?b=1&c=<2>",
    'https://example.org/"onmouseover="alert(1)',
    "http://x.org/ 'title'",
    "mailto:a@example.org",
    "HTTPS://EXAMPLE.ORG",
    "//evil.example",
    "/relative",
    "#frag",
]
link = st.builds(
    "{}[{}]({}{}){}".format,
    st.sampled_from(["", "!", "*", "**"]),
    st.text(any_char, max_size=10) | st.sampled_from(ATTACKS),
    st.sampled_from(URLS) | st.text(any_char, max_size=20),
    st.sampled_from(["", ' "title"', " 'onclick=alert(1)'"]),
    st.sampled_from(["", "*", "**"]),
)
markdown_piece = st.one_of(
    st.text(any_char, max_size=15),
    st.sampled_from(ATTACKS),
    link,
    st.sampled_from(
        ["\n", "\r\n", "\n- ", "\n* ", "\n• ", " ", "\u2028", "\x85", "\x00"]
        + ["\n1. ", "\n  - ", "\n\tb) ", "\n    3) "]
    ),
)
markdown_text = st.lists(markdown_piece, max_size=12).map("".join)

# Terms built to break a regex or an attribute: metacharacters, HTML specials,
# Markdown delimiters, letters whose case mapping changes their length.
term_chars = st.characters(categories=("L", "N", "Zs")) | st.sampled_from(
    list(".*+?^$|()[]{}\\/<>&\"'`_#-:;!=İıſKß")
)
# Letters whose case mappings are unusual: "İ".lower() is two characters, "ſ"
# and "K" (Kelvin) match "s" and "k" ignoring case, "ß" upper-cases to "SS".
CASE_TRICKS = list("İıſKßẞǅΣς")
term_text = (
    st.one_of(
        st.text(term_chars, min_size=1, max_size=15),
        st.builds(str.__add__, st.sampled_from(CASE_TRICKS), st.text(term_chars, max_size=10)),
    )
    .map(str.strip)
    .filter(bool)
)


@st.composite
def glossaries(draw) -> tuple[TermRef, ...]:
    """Terms that overlap: some are prefixes, suffixes or extensions of others."""
    names = draw(st.lists(term_text, max_size=4))
    for base in list(names):
        if draw(st.booleans()):
            cut = draw(st.integers(1, len(base)))
            names.append(draw(st.sampled_from([base[:cut], base[-cut:], f"{base} {base}"])).strip())
    refs = []
    for name in dict.fromkeys(n for n in names if n):
        refs.append(
            TermRef(
                term=name,
                alias=draw(st.sampled_from(["", name.upper(), name[:3]]) | alias),
                anchor=term_anchor(name),
                definition=draw(st.text(any_char, max_size=20) | st.sampled_from(ATTACKS)),
            )
        )
    return tuple(refs)


@st.composite
def body_with_terms(draw) -> tuple[str, tuple[TermRef, ...]]:
    """A body whose lines mention the glossary's terms (in any case), among Markdown."""
    terms = draw(glossaries())
    mentions = [ref.term for ref in terms] + [ref.alias for ref in terms if ref.alias]
    pieces = markdown_piece
    if mentions:
        mention = st.sampled_from(mentions).flatmap(
            lambda m: st.sampled_from(
                [
                    m,
                    m.upper(),
                    m.lower(),
                    m.swapcase(),
                    f"**{m}**",
                    f"`{m}`",
                    f"[{m}](https://x.org)",
                ]
            )
        )
        pieces = st.one_of(markdown_piece, mention, mention, st.sampled_from([" ", ". ", "\n- "]))
    body = "".join(draw(st.lists(pieces, max_size=15)))
    return body, terms


glossary_url = st.sampled_from(["", "/courses/c/l/glossary/", '/g?a=1&b="2"'])


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(markdown_text, st.text(any_char)))
def test_render_inline_gives_only_allowed_inline_markup(text):
    check_markup(render_inline(text), tags=INLINE_TAGS)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(markdown_text, st.text(any_char)))
def test_render_overview_gives_only_allowed_markup(text):
    check_markup(render_overview(text))


@settings(max_examples=400, deadline=None)
@given(case=body_with_terms(), url=glossary_url)
@example(
    case=(
        "- [Cold War](https://x.org) and `Cold War` and **Cold** War",
        (TermRef("Cold War", "CW", term_anchor("Cold War"), '"><script>'),),
    ),
    url="",
)
def test_render_body_with_terms_gives_only_allowed_markup(case, url):
    body, terms = case
    check_markup(render_body(body, terms, url), terms, url)


def assert_linked(term: str, as_alias: bool, before: str = "see", after: str = "here"):
    """A term (or alias) between spaces is linked, whatever characters it is made of."""
    if as_alias:
        ref = TermRef(term="zz other", alias=term, anchor="term-zz-other", definition="d")
    else:
        ref = TermRef(term=term, alias="", anchor=term_anchor(term), definition="d")
    markup = render_body(f"- {before} {term} {after}", [ref])
    linked = [text for _values, text in check_markup(markup, [ref]).term_links]
    # The words around it may hold the term too, but the term is always linked.
    if as_alias:
        assert term in linked, str(markup)
    else:
        assert any(re.fullmatch(re.escape(term), t, re.IGNORECASE) for t in linked), str(markup)


# A term is text only while it has no Markdown delimiters.
plain_term = term_text.filter(lambda term: not set(term) & set("*_`[]!"))
words = st.from_regex(r"[a-z ]{0,10}", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(term=plain_term, as_alias=st.booleans(), before=words, after=words)
def test_render_body_links_a_term_standing_on_its_own(term, as_alias, before, after):
    assert_linked(term, as_alias, before, after)


@settings(max_examples=20, deadline=None)
@given(term=st.builds("İ{}".format, plain_term), as_alias=st.booleans())
@example(term="İlham Aliyev", as_alias=False)
def test_render_body_links_a_term_starting_with_dotted_i(term, as_alias):
    assert_linked(term, as_alias)


@FUZZ
@given(
    text=st.builds(
        "{}[{}]({}){}".format,
        st.text(any_char, max_size=8),
        st.text(any_char, max_size=8),
        st.sampled_from(["", " ", "\n", "\t  "]),
        st.text(any_char, max_size=8),
    )
)
@example(text="[text]()")
def test_render_never_links_an_empty_url(text):
    check_markup(render_inline(text), tags=INLINE_TAGS)
    check_markup(render_body(f"- {text}"))
