"""Spanish dates for the timeline (issue 20): which dates a Spanish bullet names, as
what values, and which are events sure enough to show students."""

from __future__ import annotations

import pytest

from lectures.notes.prose import (
    When,
    date_spans,
    events,
    extract_events,
    is_uncertain,
    spoken_span,
    without_date,
)


def read(text: str) -> list[tuple[str, When, When | None, bool]]:
    return [(e.when_label, e.start, e.end, e.sure) for e in extract_events(text, language="es")]


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        # A day, a month, a year.
        (
            "El pueblo de Madrid se levantó el 3 de mayo de 1808.",
            "3 de mayo de 1808",
            When(1808, "day", 5, 3),
            None,
        ),
        (
            "El 1.º de enero de 1959 triunfó la revolución.",
            "1.º de enero de 1959",
            When(1959, "day", 1, 1),
            None,
        ),
        (
            "Diciembre de 2024: se firmó el acuerdo.",
            "Diciembre de 2024",
            When(2024, "month", 12),
            None,
        ),
        ("La huelga empezó en julio del 1936.", "julio del 1936", When(1936, "month", 7), None),
        ("Colón llegó a América en 1492.", "1492", When(1492), None),
        (
            "Los musulmanes entraron en la península en el año 711 d. C.",
            "711 d. C.",
            When(711),
            None,
        ),
        # Eras: BC negative, however the abbreviation is spaced.
        ("Roma fue fundada en el 753 a. C.", "753 a. C.", When(-753), None),
        ("Sagunto fue sitiada en el 219 a.C. por Aníbal.", "219 a.C.", When(-219), None),
        (
            "Numancia cayó en el 133 a. de C. tras un largo asedio.",
            "133 a. de C.",
            When(-133),
            None,
        ),
        ("Augusto murió en el 14 d. C.", "14 d. C.", When(14), None),
        # Centuries, with their qualifiers.
        ("En el siglo XIX España perdió sus colonias.", "siglo XIX", When(1800, "century"), None),
        (
            "El teatro de Mérida se construyó en el siglo I a. C.",
            "siglo I a. C.",
            When(-100, "century"),
            None,
        ),
        (
            "A finales del siglo XVIII la Ilustración llegó a España.",
            "finales del siglo XVIII",
            When(1700, "century", qualifier="late"),
            None,
        ),
        (
            "A principios del siglo XX se modernizó la industria.",
            "principios del siglo XX",
            When(1900, "century", qualifier="early"),
            None,
        ),
        (
            "A mediados del siglo V a. C. Atenas vivió su apogeo.",
            "mediados del siglo V a. C.",
            When(-500, "century", qualifier="mid"),
            None,
        ),
        # Decades.
        (
            "En la década de 1960 crecieron las protestas.",
            "década de 1960",
            When(1960, "decade"),
            None,
        ),
        (
            "El turismo creció a finales de la década de 1960.",
            "finales de la década de 1960",
            When(1960, "decade", qualifier="late"),
            None,
        ),
        # Approximate dates: sure of the event, not of its date.
        (
            "Hacia 1500 la imprenta se extendió por Europa.",
            "1500",
            When(1500, approximate=True),
            None,
        ),
        ("Leonardo pintó el cuadro c. 1503.", "c. 1503", When(1503, approximate=True), None),
        (
            "Alrededor de 1450 Gutenberg inventó la imprenta.",
            "1450",
            When(1450, approximate=True),
            None,
        ),
        # Spans.
        ("La Guerra Civil duró de 1936 a 1939.", "1936–1939", When(1936), When(1939)),
        ("La guerra se libró entre 1936 y 1939.", "1936–1939", When(1936), When(1939)),
        ("La dictadura duró desde 1939 hasta 1975.", "1939–1975", When(1939), When(1975)),
        ("La Guerra Civil (1936-1939) dividió el país.", "1936–1939", When(1936), When(1939)),
        (
            "La Segunda Guerra Púnica (218-201 a. C.) enfrentó a Roma y Cartago.",
            "218–201 a. C.",
            When(-218),
            When(-201),
        ),
        (
            "El sitio duró desde diciembre de 1808 hasta febrero de 1809.",
            "diciembre de 1808–febrero de 1809",
            When(1808, "month", 12),
            When(1809, "month", 2),
        ),
        # As the README lists them.
        ("La batalla fue el 3/5/1808.", "3/5/1808", When(1808, "day", 5, 3), None),
        ("En el s. XIX creció Madrid.", "s. XIX", When(1800, "century"), None),
        ("Alejandro murió en el 323 antes de Cristo.", "323 antes de Cristo", When(-323), None),
        ("En torno a 1500 llegó la imprenta.", "1500", When(1500, approximate=True), None),
        ("El Imperio de Occidente cayó en el año 476.", "476", When(476), None),
        # Deep time, in years before present.
        (
            "Los dinosaurios se extinguieron hace 66 millones de años.",
            "hace 66 millones de años",
            When(66_000_000, "deep"),
            None,
        ),
        (
            "Hace 13.800 millones de años se formó el universo.",
            "Hace 13.800 millones de años",
            When(13_800_000_000, "deep"),
            None,
        ),
        (
            "Hace 2,5 millones de años aparecieron los primeros Homo.",
            "Hace 2,5 millones de años",
            When(2_500_000, "deep"),
            None,
        ),
        (
            "Los primeros humanos llegaron hace unos 15.000 años.",
            "hace 15.000 años",
            When(15_000, "deep", approximate=True),
            None,
        ),
    ],
)
def test_a_spanish_date_is_read_as_one_sure_event(text, label, start, end):
    assert read(text) == [(label, start, end, True)]


@pytest.mark.parametrize(
    "text",
    [
        "1500 soldados murieron en la batalla.",  # a count
        "Napoleón mantuvo en España a unos 300.000 soldados.",
        "La ley 1936 regula el comercio.",  # a name
        "Franco gobernó hasta 1975.",  # a bound, no event
        "El proyecto debe terminar antes de 2030.",
        "Hace 500 años que se fundó la ciudad.",  # relative to when the notes were written
        "El imperio cayó en el 476.",  # a small number with no "año" or era
        "La entrada cuesta 1500 euros al año.",
        "El 3 de mayo es fiesta en Madrid.",  # no year
    ],
)
def test_what_is_no_event(text):
    assert read(text) == []


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Desde 1978 España es una monarquía parlamentaria.", "1978"),  # a state from then on
        ("Quizá la ciudad fue fundada en 1100.", "1100"),  # hedged
        ("Está previsto inaugurar el museo en 2030.", "2030"),  # a plan
        ("Los Beatles triunfaron en los años sesenta.", "años sesenta"),  # which century?
        ("El rock llegó en los años 60.", "años 60"),
        # A year naming something: is it the date of this sentence's event?
        ("El artículo 14 de la Constitución de 1978 proclama la igualdad.", "1978"),
        # One end of a span of days.
        ("Entre el 17 y el 19 de marzo de 1808 tuvo lugar el motín.", "19 de marzo de 1808"),
        ("En 1936 tropas sublevadas cruzaron el Estrecho.", "1936"),  # or 1936 troops?
    ],
)
def test_what_is_unsure_is_a_suggestion(text, label):
    [(found, _start, _end, sure)] = read(text)
    assert (found, sure) == (label, False)


def test_a_decade_by_its_tens_takes_the_century_the_notes_name():
    [(label, start, _end, sure)] = read("Tras la crisis de 1929, los años treinta fueron duros.")[
        1:
    ]
    assert (label, start, sure) == ("años treinta", When(1930, "decade"), False)
    # The two dates share a sentence, hence unsure: the century itself was taken from 1929.


def test_several_dates_in_one_sentence_are_suggestions_and_sentences_split():
    assert [(label, sure) for label, _s, _e, sure in read("Nació en 1746 y murió en 1828.")] == [
        ("1746", False),
        ("1828", False),
    ]
    found = extract_events(
        "Goya pintó el cuadro en 1814; la obra se expuso en el Prado en 1872.", language="es"
    )
    assert [(e.when_label, e.text, e.sure) for e in found] == [
        ("1814", "Goya pintó el cuadro en 1814", True),
        ("1872", "La obra se expuso en el Prado en 1872.", True),
    ]


def test_the_dates_of_a_sample_timeline_sort_bc_first():
    bullets = [
        "La Guerra Civil duró de 1936 a 1939.",
        "Roma fue fundada en el 753 a. C.",
        "En el siglo XIX España perdió sus colonias.",
        "Los dinosaurios se extinguieron hace 66 millones de años.",
        "Augusto murió en el 14 d. C.",
    ]
    found = [e for text in bullets for e in extract_events(text, language="es")]
    ordered = [e.when_label for e in sorted(found, key=lambda e: e.start.sort_key)]
    assert ordered == [
        "hace 66 millones de años",
        "753 a. C.",
        "14 d. C.",
        "siglo XIX",
        "1936–1939",
    ]


def test_english_is_the_default_and_reads_as_before():
    text = "Rome was founded in 753 BC, and Augustus died in AD 14."
    assert extract_events(text) == events.extract_events(text)
    assert extract_events(text, language="en") == events.extract_events(text)
    # Spanish words are not English dates: "mayo" is no month to the English reading.
    assert [e.when_label for e in extract_events("Se levantó el 3 de mayo de 1808.")] == ["1808"]


def test_date_left_out_or_blanked_in_spanish():
    text = "El pueblo de Madrid se levantó el 3 de mayo de 1808 contra los franceses."
    assert without_date(text, "3 de mayo de 1808", "es") == (
        "El pueblo de Madrid se levantó el ____ contra los franceses."
    )
    assert without_date("Diciembre de 2024: se firmó el acuerdo.", "Diciembre de 2024", "es") == (
        "Se firmó el acuerdo."
    )
    assert date_spans("Roma fue fundada en el 753 a. C.", "es") == [(23, 32, "753 a. C.")]
    assert is_uncertain("Hacia 1500 la imprenta llegó.", "1500", "es")
    assert not is_uncertain("En 1500 la imprenta llegó.", "1500", "es")


@pytest.mark.parametrize(
    ("start", "end", "spoken"),
    [
        (When(1808, "day", 5, 3), None, "3 de mayo de 1808"),
        (When(2024, "month", 12), None, "diciembre de 2024"),
        (When(-753), None, "753 a. C."),
        (When(79), None, "79 d. C."),
        (When(1500, approximate=True), None, "hacia 1500"),
        (When(1700, "century", qualifier="late"), None, "finales del siglo XVIII"),
        (When(-500, "century"), None, "el siglo V a. C."),
        (When(1960, "decade", qualifier="early"), None, "principios de la década de 1960"),
        (When(66_000_000, "deep", approximate=True), None, "hace unos 66 millones de años"),
        (When(15_000, "deep"), None, "hace 15.000 años"),
        (When(1936), When(1939), "de 1936 a 1939"),
        (When(1945, "month", 3), When(1945, "month", 5), "de marzo a mayo de 1945"),
        (When(-218), When(-201), "de 218 a 201 a. C."),
        (When(-27), When(14), "de 27 a. C. a 14 d. C."),
        (When(1800, "century"), When(1900, "century"), "del siglo XIX al siglo XX"),
    ],
)
def test_a_date_is_said_in_spanish(start, end, spoken):
    assert spoken_span(start, end, "es") == spoken
