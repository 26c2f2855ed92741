"""The format's special headings (overview, glossary, action items), matched
without regard to case, accents, punctuation or "&"/"and"/"y", in every language
the site ships (a Spanish course's notes may say "Resumen" or "Summary"); every
other heading starts a section.

Accents are ignored because teachers type fast ("Terminos clave", "Proximos
pasos"), and no heading means one thing with its accents and another without.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext_lazy as _


def _with_and(headings: set[str]) -> frozenset[str]:
    # "Términos clave & definiciones" reads "… and …": Spanish keys match it too.
    return frozenset(headings | {key.replace(" y ", " and ") for key in headings})


OVERVIEW_HEADINGS = _with_and(
    {
        "overview",
        "summary",
        # Spanish
        "resumen",
        "sinopsis",
        "descripcion general",
        "vision general",
    }
)


GLOSSARY_HEADINGS = _with_and(
    {
        "key terms and definitions",
        "key terms",
        "glossary",
        "definitions",
        # Spanish
        "terminos clave",
        "terminos clave y definiciones",
        "glosario",
        "definiciones",
        "vocabulario",
        "vocabulario clave",
    }
)


ACTION_HEADINGS = _with_and(
    {
        "action items next steps",
        "action items and next steps",
        "action items",
        "next steps",
        "homework",
        # Spanish
        "tareas",
        "tareas pendientes",
        "proximos pasos",
        "tareas proximos pasos",
        "tareas y proximos pasos",
        "deberes",
    }
)


# Headings written by format_notes, per language; each must map back to its kind.
OVERVIEW_HEADING = "Overview"


GLOSSARY_HEADING = "Key Terms & Definitions"


ACTIONS_HEADING = "Action Items / Next Steps"


WRITTEN_HEADINGS = {
    "en": (OVERVIEW_HEADING, GLOSSARY_HEADING, ACTIONS_HEADING),
    "es": ("Resumen", "Términos clave", "Tareas / Próximos pasos"),
}


def written_headings(language: str) -> tuple[str, str, str]:
    """(overview, glossary, action items) headings as an export in `language` writes
    them; English for a language without its own."""
    return WRITTEN_HEADINGS.get(language, WRITTEN_HEADINGS["en"])


_NON_WORD_RE = re.compile(r"[\W_]+")


KIND_ROLES = {
    "overview": _("it holds the lecture overview"),
    "glossary": _("it holds the glossary"),
    "actions": _("it holds action items"),
}


def normalise_heading(text: str) -> str:
    """Lowercase, accents dropped, "&" -> "and", punctuation -> space, whitespace
    collapsed."""
    text = unicodedata.normalize("NFD", text.casefold().replace("&", " and "))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return " ".join(_NON_WORD_RE.sub(" ", text).split())


def section_kind(heading: str) -> str:
    """Return "overview", "glossary", "actions" or "section" for a heading's text."""
    key = normalise_heading(heading)
    if key in OVERVIEW_HEADINGS:
        return "overview"
    if key in GLOSSARY_HEADINGS:
        return "glossary"
    if key in ACTION_HEADINGS:
        return "actions"
    return "section"
