"""A lecture's items read as prose: the one place the notes format (body_items)
meets the prose reader (prose.items_events).

The import's timeline, the import's outline (`--dry-run` and the admin's confirm
page) and the corpus's scoring all read a lecture's dates through here, so they
read each item alike: a nested item with its parent's words, a top-level one with
its section's title, each after the items before it, and all with the lecture's
overview, where a writer says how the notes write their dates. The outline once
read items bare and could show another text or suggestion than the import stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from .items import BodyItem, body_items
from .prose import ParsedEvent, items_events


class _HasBody(Protocol):
    title: str
    body: str


S = TypeVar("S", bound=_HasBody)


def sections_read(
    sections: Sequence[S], language: str = "en", overview: str = ""
) -> list[tuple[S, BodyItem, list[ParsedEvent]]]:
    """Each item of `sections` (a parsed section or a stored one: anything with a
    title and a body), in order, with the events it dates in `language`."""
    items = [(section, item) for section in sections for item in body_items(section.body)]
    read = items_events(
        [(item.text, item.parent or section.title, item.lead_in) for section, item in items],
        language,
        overview=overview,
        headings=[section.title for section, _item in items],
    )
    return [(section, item, events) for (section, item), events in zip(items, read, strict=True)]
