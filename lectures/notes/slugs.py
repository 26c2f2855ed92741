"""URL slugs made from titles, and what makes a slug unusable in a URL."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.text import slugify

SLUG_MAX_LENGTH = 80


FALLBACK_SLUG = "section"


# Dash punctuation that slugify() would drop, joining the words on either side:
# hyphens, figure dash, en and em dashes, horizontal bar, minus sign, two- and
# three-em dashes, small em dash.
_DASHES = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58", "-")
)


def slug_for(title: str) -> str:
    """The URL slug derived from a title: "Sykes–Picot Agreement" -> "sykes-picot-agreement".

    At most 80 characters, and "" for a title with no latin letters or digits.
    Every slug made from a title (lectures and sections) comes from here.
    """
    return slugify(title.translate(_DASHES))[:SLUG_MAX_LENGTH].strip("-")


def slug_problem(slug: str) -> str | None:
    """Why `slug` cannot be a course or lecture slug in a URL, or None.

    Phrased to follow the value's name: "the course slug “a b” is not a valid slug: …".
    """
    try:
        validate_slug(slug)
    except ValidationError:
        return (
            f"“{slug[:40]}” is not a valid slug: use only letters, digits, hyphens and "
            "underscores, with no spaces"
        )
    if len(slug) > SLUG_MAX_LENGTH:
        return f"“{slug[:40]}…” is longer than {SLUG_MAX_LENGTH} characters"
    return None


def base_slug(title: str) -> str:
    return slug_for(title) or FALLBACK_SLUG


def claim_slug(base: str, taken: set[str], start: int = 2) -> tuple[str, int]:
    if base not in taken:
        return base, start
    number = start
    while True:
        suffix = f"-{number}"
        candidate = base[: SLUG_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
        number += 1
        if candidate not in taken:
            return candidate, number


def unique_slug(title: str, taken: set[str]) -> str:
    """Slug for title that is not in taken: "slug", then "slug-2", "slug-3", ...

    At most 80 characters; a title with no latin letters or digits gets "section".
    taken is not modified.
    """
    return claim_slug(base_slug(title), taken)[0]
