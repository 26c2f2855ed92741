"""Text shown in the reader's language though it is made before anyone reads it.

fmt() makes a message lazily, for the notes format's errors and warnings and the
date checks: they are built once, often outside any request (or compared, under
override("en")), and shown on a page in its reader's language.

translated_reason() shows reasons stored in English in the database (a timeline
event's doubt, a quiz question's needs_review) in the reader's language.

The stored text stays English, a stable key that needs no data migration: every
reason is an English msgid marked with gettext_noop where it is made, and is
translated here when shown. A reason built from a template with values in it is
matched back against its template, so the values survive the translation."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from django.utils.functional import lazy
from django.utils.translation import gettext


def _interpolate(message: Any, params: dict) -> str:
    return str(message) % params


_lazy_interpolate = lazy(_interpolate, str)


def fmt(message: Any, **params: Any) -> Any:
    """`message` (a gettext_lazy msgid) % `params`, done when the text is shown."""
    return _lazy_interpolate(message, params)


_PLACEHOLDER_RE = re.compile(r"%\((\w+)\)s")


@cache
def _pattern(template: str) -> re.Pattern[str]:
    parts = _PLACEHOLDER_RE.split(template)
    # split() alternates literal text and placeholder names.
    regex = "".join(
        re.escape(part) if index % 2 == 0 else f"(?P<{part}>.*)" for index, part in enumerate(parts)
    )
    return re.compile(regex, re.DOTALL)


def translated_reason(text: str, templates: tuple[str, ...] = ()) -> str:
    """`text` in the active language: the translation of the template among
    `templates` it was made from, else of `text` itself (unchanged if the catalogue
    does not know it, so a reason stored by an older release still shows)."""
    if not text:
        return ""  # gettext("") is the catalogue's header.
    for template in templates:
        match = _pattern(template).fullmatch(text)
        if match:
            return gettext(template) % match.groupdict()
    return gettext(text)
