"""The language each account's mail is written in.

Mail is written outside any page its reader opened, by a command or while another
person's request is answered (an instructor assigning work), so the active
language says nothing about the reader. Each mail is rendered inside
`translation.override` of its reader's language instead: the one the account chose
for the site (issue 20's preference), else `fallback` (the course's language for a
course's mail, the language of the page that asked for a password reset), else the
site's default, settings.LANGUAGE_CODE.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import translation

from lectures.models import MailPreferences


def chosen_languages(user_ids: Iterable[int]) -> dict[int, str]:
    """The languages these accounts chose for the site (MailPreferences.language), by
    account; an account that chose none (its browser's, the default) is left out."""
    return dict(
        MailPreferences.objects.filter(user_id__in=list(user_ids))
        .exclude(language="")
        .values_list("user_id", "language")
    )


def languages_of(user_ids: Iterable[int], fallback: str | None = None) -> dict[int, str]:
    """Each account's mail language (see the module's docstring): one query for
    all of them, however many."""
    ids = list(user_ids)
    default = _supported(fallback) or _supported(settings.LANGUAGE_CODE)
    chosen = chosen_languages(ids)
    return {pk: _supported(chosen.get(pk)) or default for pk in ids}


def grouped_by_language(
    user_ids: Iterable[int], fallback: str | None = None
) -> dict[str, list[int]]:
    """The accounts by the language their mail is written in, each group in the
    order given: one rendering of a mail per language, not per reader."""
    groups: dict[str, list[int]] = {}
    for pk, language in languages_of(user_ids, fallback).items():
        groups.setdefault(language, []).append(pk)
    return groups


def _supported(language: str | None) -> str | None:
    """The shipped language nearest `language` ("es-mx" is "es"); None for none."""
    if not language:
        return None
    try:
        return translation.get_supported_language_variant(language)
    except LookupError:
        return None
