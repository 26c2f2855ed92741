"""A timeline date said in Spanish, as a screen reader should say it ("finales del
siglo XVIII", "de marzo a mayo de 1945", "de 27 a. C. a 14 d. C."): the Spanish
counterpart of eras.When.spoken and eras.spoken_span."""

from __future__ import annotations

from .eras import When
from .spanish_dates import to_roman

MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]

# "principios de la década de 1960", "finales del siglo XVIII".
_QUALIFIERS = {"early": "principios", "mid": "mediados", "late": "finales"}
_CALENDAR = ("day", "month", "year")


def _deep(years: int) -> str:
    for size, word in ((1_000_000_000, "mil millones"), (1_000_000, "millones")):
        if years >= size:
            amount = f"{years / size:.3f}".rstrip("0").rstrip(".").replace(".", ",")
            unit = "millón" if amount == "1" and size == 1_000_000 else word
            return f"{amount} {unit} de años"
    return f"{years:,} años".replace(",", ".")


def _year(year: int, era: bool) -> str:
    if year < 0:
        return f"{-year} a. C."
    return f"{year} d. C." if era or year < 1000 else str(year)


def _parts(when: When, era: bool) -> list[str]:
    parts = []
    if when.day is not None:
        parts.append(str(when.day))
    if when.month is not None:
        parts.append(MONTHS[when.month - 1])
    parts.append(_year(when.year, era))
    return parts


def spoken(when: When, era: bool = False) -> str:
    """The date in Spanish words ("el siglo V a. C.", "3 de mayo de 1808")."""
    about = "hacia " if when.approximate else ""
    if when.precision == "deep":
        return ("hace unos " if when.approximate else "hace ") + _deep(when.year)
    qualifier = _QUALIFIERS.get(when.qualifier, "")
    if when.precision == "decade":
        first = _year(when.year if when.year > 0 else when.year + 9, False)
        decade = f"la década de {first}"
        return about + (f"{qualifier} de {decade}" if qualifier else decade)
    if when.precision == "century":
        number = when.year // 100 + 1 if when.year > 0 else -when.year // 100
        century = f"siglo {to_roman(number)}" + (" a. C." if when.year < 0 else "")
        return about + (f"{qualifier} del {century}" if qualifier else f"el {century}")
    return about + " de ".join(_parts(when, era))


def spoken_span(start: When, end: When | None) -> str:
    """A date or span in Spanish words, naming its real ends: "de marzo a mayo de
    1945", "de 494 a 287 a. C.", "de 27 a. C. a 14 d. C."."""
    if end is None:
        return spoken(start)
    if start.precision not in _CALENDAR or end.precision not in _CALENDAR:
        said = f"de {spoken(start)} a {spoken(end)}"
        # "de el siglo XIX a el siglo XX" contracts, as Spanish always does.
        return said.replace("de el ", "del ", 1).replace(" a el ", " al ", 1)
    crosses = start.year < 0 < end.year
    first, last = _parts(start, crosses), _parts(end, crosses)
    about = "hacia " if start.approximate else ""
    if start.year == end.year:
        first = first[:-1]
        if start.month == end.month and start.day is not None and end.day is not None:
            first = first[:-1]
    elif start.year < 0 and end.year < 0:
        first[-1] = str(-start.year)
    if not first:
        return about + " de ".join(last)
    return f"{about}de {' de '.join(first)} a {' de '.join(last)}"
