"""Render lecture text (section bodies, the overview, single lines) to safe HTML.

Stored bodies are lines joined with "\\n" (see lectures.notes.body_items): "- text"
lines are bullets and "1. text" numbered items, each a list item (an indented one
in a list inside the item above), every other line is a paragraph. Inside a line
only the inline subset of DESIGN.md ("Lecture notes format") is rendered: **bold**,
*italic*, `code` and [text](url) links to http, https and mailto. Everything else
is shown as text:

- raw HTML is escaped (markdown-it runs with html=False);
- a link to any other URL (javascript:, data:, relative, ...) is not parsed as a
  link, so its Markdown source "[text](url)" stays visible as literal text;
- image syntax "![alt](url)" is shown literally too; no autolinks, no linkify.

The markup is then sanitised with nh3 against an allow-list of exactly the tags
produced here, so a markdown-it bug cannot smuggle anything else through.

render_body() also links glossary terms: every occurrence of a term (its full
name, case-insensitive, or its alias, case-sensitive) in a body becomes

    <a class="term-link" href="{glossary_url}#{anchor}" data-term="{anchor}"
       title="{term}: {definition, cut to 100 characters}">{matched text}</a>

It is a real link, so keyboard and screen-reader users reach the definition in
the glossary; the title is a hover hint for mouse users. The link is styled as a
dotted underline rather than a coloured link, so a paragraph with many terms
still reads as text.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import nh3
from django.core.cache import caches
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline

from lectures.notes import BodyItem, body_items

ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Exactly what the renderer emits; "*": set() drops nh3's default generic
# attributes (title, lang), so a Markdown link title is removed too.
_SANITISE = {
    "tags": {"p", "ul", "ol", "li", "strong", "em", "code", "a"},
    "attributes": {"*": set(), "a": {"href"}, "ol": {"type"}, "li": {"value"}},
    "url_schemes": set(ALLOWED_URL_SCHEMES),
    "link_rel": "noopener noreferrer",
}

_SCHEME_RE = re.compile(r"(?:https?|mailto):", re.IGNORECASE)
# nh3 output is well formed and escapes "<" in text, so a tag is "<...>"; quoted
# attribute values are skipped whole in case one ever contains ">".
_TAG_RE = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9]*)(?:[^>"']|"[^"]*"|'[^']*')*>""")
_NO_LINKING_INSIDE = frozenset({"a", "code"})


@dataclass(frozen=True)
class TermRef:
    """A glossary term as render_body() needs it."""

    term: str  # "Non-Aligned Movement"
    alias: str  # "NAM" or ""
    anchor: str  # id of its glossary entry, e.g. "term-non-aligned-movement"
    definition: str  # plain text


def term_anchor(term: str) -> str:
    """Id of a term's glossary entry: "term-<slug>", or "term-<hash>" for a slugless term."""
    slug = slugify(term)
    if slug:
        return f"term-{slug}"
    # A stable hash (not hash(), which is salted per process) so links survive restarts;
    # casefold because terms are unique without regard to case.
    return "term-" + hashlib.sha256(term.casefold().encode()).hexdigest()[:10]


def _validate_link(url: str) -> bool:
    # markdown-it passes the normalised URL: "java%73cript:" cannot slip past.
    return _SCHEME_RE.match(url) is not None


def _image_as_text(state: StateInline, silent: bool) -> bool:
    # Consuming "![" before the link rule sees "[" keeps image syntax literal
    # instead of rendering "!" followed by a link.
    if not state.src.startswith("![", state.pos):
        return False
    if not silent:
        state.pending += "!["
    state.pos += 2
    return True


def _empty_links_as_text(state: StateCore) -> None:
    # markdown-it links "[text]()" to href="" (the page itself), though an empty
    # destination is no URL at all: shown as the literal text, as a refused
    # scheme is.
    for block in state.tokens:
        children = block.children or []
        depth = 0
        for token in children:
            if token.type == "link_open" and not token.attrGet("href"):
                token.type, token.tag, token.content, token.attrs = "text", "", "[", {}
                depth += 1
            elif token.type == "link_close" and depth:
                token.type, token.tag, token.content = "text", "", "]()"
                depth -= 1


def _make_markdown() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.enable(["emphasis", "backticks", "link"])
    md.inline.ruler.before("link", "image_as_text", _image_as_text)
    md.core.ruler.push("empty_links_as_text", _empty_links_as_text)
    md.validateLink = _validate_link
    return md


_md = _make_markdown()


def _sanitise(markup: str) -> str:
    return nh3.clean(markup, **_SANITISE)


def _list_opening(item: BodyItem) -> str:
    if item.number is None:
        return "<ul>"
    # A lettered list shows letters; its numbers come from each item's value.
    letter = item.number[0]
    if letter.isalpha():
        return '<ol type="a">' if letter.islower() else '<ol type="A">'
    return "<ol>"


def _item_opening(item: BodyItem) -> str:
    if item.number is None:
        return "<li>"
    # The notes' own numbers, kept as written: a list may start at 3 or skip one.
    mark = item.number[:-1]
    value = int(mark) if mark.isdigit() else ord(mark.lower()) - ord("a") + 1
    return f'<li value="{value}">'


def _blocks(body: str) -> str:
    """Unsanitised HTML: runs of items become lists (<ul>, or <ol> for numbered
    ones), an item nested under another a list inside its <li>; other lines a <p> each."""
    parts: list[str] = []
    # The tag of each open list, outermost first; each has one <li> open.
    lists: list[str] = []

    def close(depth: int) -> None:
        while len(lists) > depth:
            parts.append(f"</li></{lists.pop()}>")

    for item in body_items(body):
        if item.kind != "item":
            close(0)
            parts.append(f"<p>{_md.renderInline(item.text)}</p>")
            continue
        tag = "ul" if item.number is None else "ol"
        close(item.depth + 1)
        if len(lists) == item.depth + 1:
            if lists[-1] == tag:
                parts.append("</li>")
            else:
                close(item.depth)
        if len(lists) <= item.depth:
            parts.append(_list_opening(item))
            lists.append(tag)
        parts.append(f"{_item_opening(item)}{_md.renderInline(item.text)}")
    close(0)
    return "".join(parts)


# Every mention of a term carries this much of its definition as a hover hint;
# the whole definition is one click away in the glossary. Copying it whole made a
# 30 KB file of one long definition and many mentions a 50 MB page.
TITLE_EXCERPT = 100


def _excerpt(text: str) -> str:
    if len(text) <= TITLE_EXCERPT:
        return text
    cut = text[: TITLE_EXCERPT - 1]
    # At a word boundary where there is one not too far back.
    space = cut.rfind(" ")
    return (cut[:space] if space > TITLE_EXCERPT // 2 else cut).rstrip() + "…"


@lru_cache(maxsize=64)
def _term_matcher(
    terms: tuple[TermRef, ...], glossary_url: str
) -> tuple[re.Pattern[str] | None, tuple[int, ...], tuple[str, ...]]:
    """One regex for all terms, which term each capture group is, and each term's <a>.

    Cached because a lecture page renders every section with the same terms.
    """
    names: list[tuple[str, bool, int]] = []
    for index, ref in enumerate(terms):
        if ref.term:
            names.append((ref.term, False, index))
        if ref.alias:
            names.append((ref.alias, True, index))
    if not names:
        return None, (), ()
    # Longest first: alternation takes the first alternative that matches, so
    # "Collective Security Treaty Organization" beats "Collective Security".
    names.sort(key=lambda name: -len(name[0]))
    # Grouping by first letter behind a one-character lookahead means a word
    # start tries one group, not every term: ~10x faster with 100 terms.
    groups: dict[str, list[tuple[str, int]]] = {}
    for text, is_alias, index in names:
        alternative = f"({re.escape(text)})" if is_alias else f"((?i:{re.escape(text)}))"
        # "İ".lower() is two characters ("i" and a combining dot), which the text
        # need not hold: such a letter leads its own group, matched as itself.
        first = text[0].lower() if len(text[0].lower()) == 1 else text[0]
        groups.setdefault(first, []).append((alternative, index))
    branches = [
        f"(?=(?i:{re.escape(first)}))(?:{'|'.join(alt for alt, _ in group)})"
        for first, group in groups.items()
    ]
    # (?<!\w) and (?!\w) are Unicode-aware, unlike \b next to "&" or "+".
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(branches) + r")(?!\w)")
    # Capture groups are numbered in pattern order, which is group order.
    group_terms = tuple(index for group in groups.values() for _, index in group)
    openings = tuple(
        '<a class="term-link" href="{href}" data-term="{anchor}" title="{title}">'.format(
            href=html.escape(f"{glossary_url}#{ref.anchor}"),
            anchor=html.escape(ref.anchor),
            title=html.escape(f"{ref.term}: {_excerpt(ref.definition)}"),
        )
        for ref in terms
    )
    return pattern, group_terms, openings


def _link_terms(markup: str, terms: tuple[TermRef, ...], glossary_url: str) -> str:
    """Link every occurrence of every term in the text of sanitised markup.

    Only text between tags is searched, never inside <a> or <code>, so a term
    split by markup ("**Cold** War") is not linked. Text is unescaped before
    matching (so "Q&A" matches "Q&amp;A" and "amp" never matches inside an
    entity) and every piece written back is escaped again, so the output is as
    safe as the nh3 output it started from.
    """
    pattern, group_terms, openings = _term_matcher(terms, glossary_url)
    if pattern is None:
        return markup

    def link_text(text: str) -> str:
        if not text:
            return text
        plain = html.unescape(text)
        pieces: list[str] = []
        last = 0
        for match in pattern.finditer(plain):
            index = group_terms[match.lastindex - 1]
            pieces.append(html.escape(plain[last : match.start()], quote=False))
            pieces.append(f"{openings[index]}{html.escape(match.group(), quote=False)}</a>")
            last = match.end()
        if not pieces:
            return text
        pieces.append(html.escape(plain[last:], quote=False))
        return "".join(pieces)

    out: list[str] = []
    position = 0
    skip_depth = 0
    for tag in _TAG_RE.finditer(markup):
        text = markup[position : tag.start()]
        out.append(text if skip_depth else link_text(text))
        if tag.group(2).lower() in _NO_LINKING_INSIDE:
            skip_depth += -1 if tag.group(1) else 1
        out.append(tag.group())
        position = tag.end()
    tail = markup[position:]
    out.append(tail if skip_depth else link_text(tail))
    return "".join(out)


def render_inline(text: str) -> SafeString:
    """One line of the inline subset as safe HTML, without a <p>."""
    return mark_safe(_sanitise(_md.renderInline(text.strip())))


def render_body(body: str, terms: Sequence[TermRef] = (), glossary_url: str = "") -> SafeString:
    """A section body as safe HTML, with every occurrence of each term linked.

    glossary_url is the page holding the glossary ("" for the same page); each
    term links to glossary_url + "#" + its anchor.
    """
    markup = _sanitise(_blocks(body))
    if terms and markup:
        markup = _link_terms(markup, tuple(terms), glossary_url)
    # Safe: nh3 output, plus term links whose every inserted value is escaped.
    return mark_safe(markup)


def render_overview(text: str) -> SafeString:
    """The lecture overview as safe HTML: render_body() without term linking."""
    return render_body(text)


RENDER_VERSION = "4"  # bump when the markup rendered from the same text changes


def render_bodies(
    bodies: Sequence[str], terms: Sequence[TermRef] = (), glossary_url: str = ""
) -> list[SafeString]:
    """render_body() for many bodies, through the cache.

    Parsing Markdown is most of a long lecture page's time, and its output
    depends only on the text, the terms and the glossary URL: key on their hash,
    so an edit simply misses. One cache round trip for the whole page.
    """
    context = hashlib.sha256(
        repr((RENDER_VERSION, glossary_url, [tuple(vars(t).values()) for t in terms])).encode()
    ).hexdigest()

    def key(body: str) -> str:
        return "body:" + hashlib.sha256(f"{context}\0{body}".encode()).hexdigest()

    keys = [key(body) for body in bodies]
    cache = caches["rendered"]
    cached = cache.get_many(keys)
    missing = {}
    out = []
    for body, body_key in zip(bodies, keys, strict=True):
        markup = cached.get(body_key)
        if markup is None:
            markup = missing[body_key] = str(render_body(body, terms, glossary_url))
        # Safe: only ever stored from render_body()'s output.
        out.append(mark_safe(markup))
    if missing:
        cache.set_many(missing, timeout=24 * 3600)
    return out
