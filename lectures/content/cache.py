"""What a lecture's pages show that is the same for every student, built once per
version of the lecture and kept in the "rendered" cache.

A lecture page used to read its sections, terms and items and lay out their
markup on every request: most of its server time (issue 9's profile). Now each
request reads only the student's own state (which sections are read, which items
done) and fills it into this.

The key names the lecture, its `updated` stamp and its course's and its own slugs
(the rendered links carry them). Every change to what is shown here moves
`updated`: the admin saves the lecture with its inlines (auto_now), and
lecture_import touches it (`lecture_touch`). An entry is therefore never stale,
and each process may keep its own copy (LocMemCache without Redis): nothing is
ever invalidated, an edit simply builds a new entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import caches
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from lectures.models import Lecture

from .rendering import TermRef, render_bodies, render_overview, term_anchor

# Bump when what is built here changes shape or moves to another module (entries are
# pickles of these classes), so old entries are not read back.
CONTENT_VERSION = "3"
TIMEOUT = 24 * 3600


@dataclass(frozen=True)
class SectionContent:
    pk: int
    slug: str
    title: str
    html: SafeString  # the heading and the rendered body
    toggle_url: str


@dataclass(frozen=True)
class ItemContent:
    pk: int
    text: str
    toggle_url: str


@dataclass(frozen=True)
class TermContent:
    term: str
    alias: str
    definition: str
    anchor: str


@dataclass(frozen=True)
class LectureContent:
    overview_html: SafeString
    sections: tuple[SectionContent, ...]  # the visible ones, in order
    items: tuple[ItemContent, ...]
    terms: tuple[TermContent, ...]
    terms_html: SafeString  # the lecture page's "Key terms" list

    @property
    def size(self) -> int:
        """What the lecture's progress bar counts: its visible sections and items."""
        return len(self.sections) + len(self.items)

    @property
    def section_ids(self) -> frozenset[int]:
        return frozenset(section.pk for section in self.sections)

    @property
    def item_ids(self) -> frozenset[int]:
        return frozenset(item.pk for item in self.items)


def lecture_touch(lecture: Lecture) -> None:
    """Move the lecture's `updated` stamp: its content changed without a save of the
    lecture itself (an import changing only sections, terms or items)."""
    lecture.updated = timezone.now()
    Lecture.objects.filter(pk=lecture.pk).update(updated=lecture.updated)


def lecture_content(lecture: Lecture) -> LectureContent:
    """The lecture's shared content (lecture.course must be loaded), from the cache
    or built and stored: one cache round trip when it is there."""
    key = ":".join(
        [
            "lecture",
            CONTENT_VERSION,
            str(lecture.pk),
            lecture.updated.isoformat(),
            lecture.course.slug,
            lecture.slug,
        ]
    )
    cache = caches["rendered"]
    content = cache.get(key)
    if content is None:
        content = _build(lecture)
        cache.set(key, content, timeout=TIMEOUT)
    return content


def unique_anchors(terms) -> list[str]:
    """Each term's anchor, unique within the lecture ("Q&A" and "QA" would otherwise
    share one)."""
    taken: set[str] = set()
    anchors = []
    for term in terms:
        anchor = base = term_anchor(term.term)
        suffix = 2
        while anchor in taken:
            anchor, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(anchor)
        anchors.append(anchor)
    return anchors


def _build(lecture: Lecture) -> LectureContent:
    course_slug, slug = lecture.course.slug, lecture.slug
    rows = list(lecture.terms.order_by("position", "pk"))  # the instructor's order
    terms = tuple(
        TermContent(term=t.term, alias=t.alias, definition=t.definition, anchor=anchor)
        for t, anchor in zip(rows, unique_anchors(rows), strict=True)
    )
    refs = [
        TermRef(term=t.term, alias=t.alias, anchor=t.anchor, definition=t.definition) for t in terms
    ]
    glossary_url = reverse("lectures:glossary", args=[course_slug, slug])
    # Ordered here: the model's ordering starts with the lecture, a join to sort by.
    visible = list(
        lecture.sections.visible()
        .only("lecture_id", "slug", "title", "body")
        .order_by("position", "pk")
    )
    bodies = render_bodies([s.body for s in visible], refs, glossary_url)
    sections = tuple(
        SectionContent(
            pk=section.pk,
            slug=section.slug,
            title=section.title,
            html=mark_safe(
                render_to_string(
                    "lectures/includes/section_content.html", {"section": section, "body": body}
                )
            ),
            toggle_url=reverse("lectures:section_mark_read", args=[course_slug, slug, section.pk]),
        )
        for section, body in zip(visible, bodies, strict=True)
    )
    items = tuple(
        ItemContent(
            pk=item.pk,
            text=item.text,
            toggle_url=reverse("lectures:item_mark_done", args=[course_slug, slug, item.pk]),
        )
        for item in lecture.action_items.order_by("position", "pk")
    )
    terms_html = render_to_string(
        "lectures/includes/key_terms.html", {"terms": terms, "glossary_url": glossary_url}
    )
    return LectureContent(
        overview_html=render_overview(lecture.overview),
        sections=sections,
        items=items,
        terms=terms,
        terms_html=mark_safe(terms_html),
    )
