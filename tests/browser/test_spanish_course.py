"""A student whose browser asks for Spanish studies the Spanish demo course (issue 20),
with JavaScript on and off: from the dashboard to its lecture (the notes' own
headings), its glossary and timeline (BC dates first), its quiz taken to the end
from the key (the result in Spanish, its plurals right), and a card of the course's
review. Every page is in Spanish, carries its content's language, has nothing serious
for axe and no page-level sideways scroll on a phone.

Without JavaScript axe audits a copy of the page served again in a tab of its own
(test_accessibility.AxeWithoutJavaScript: axe cannot run in a page without JavaScript).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from lectures.models import ReviewLog
from quizzes import services
from quizzes.grading import correct_response
from quizzes.kinds.matching import option_label
from quizzes.models import Attempt, Question, Quiz

from .conftest import save_screenshot
from .test_accessibility import AxeWithoutJavaScript, serious_violations
from .test_spanish_pages import log_in_in_spanish

COURSE = "Demo: Historia de España"
LECTURE = "La Guerra de la Independencia española"
QUIZ = "La Guerra de la Independencia española: comprueba lo que sabes"
PHONE = {"width": 390, "height": 844}
# Words only the English interface would show (a phrase missed by the catalogue).
ENGLISH = re.compile(
    r"\b(Question|Answer|Save|Next|Previous|Submit|Your|Show|Search|Read|Mark|"
    r"Overview|Key terms|Sections|Glossary|Timeline|Review|Passed|correct|points?)\b"
)

# The main region's text, hidden text included, but not what is marked as in another
# language (an English course's announcement on the dashboard).
SPANISH_TEXT = """main => {
  const copy = main.cloneNode(true);
  copy.querySelectorAll("[lang]:not([lang|=es]), script, template").forEach(e => e.remove());
  return copy.textContent;
}"""
# How far the page itself scrolls sideways (a table in its own scroll box does not count).
SIDEWAYS = "(e => e.scrollWidth - e.clientWidth)(document.scrollingElement)"


class SpanishChecks:
    """What each page of the walk must be, collected so that one run names every page
    with a problem: in Spanish (what is not marked as in another language holds no
    English word), no page-level sideways scroll on a phone, nothing serious for axe."""

    def __init__(self, browser: Browser, *, javascript: bool, shots: Path) -> None:
        self.javascript = javascript
        self.shots = shots
        self.found: list[str] = []
        self._axe_without_javascript = AxeWithoutJavaScript(browser)

    def __call__(self, page: Page) -> None:
        expect(page.locator("html")).to_have_attribute("lang", "es")
        name = page.locator("main h1").inner_text()
        if english := sorted(set(ENGLISH.findall(page.locator("main").evaluate(SPANISH_TEXT)))):
            self.found.append(f"{name}: English on the page: {', '.join(english)}")
        if (overflow := page.evaluate(SIDEWAYS)) > 0:
            self.found.append(f"{name}: scrolls sideways by {overflow}px at {PHONE['width']}px")
        slug = re.sub(r"\W+", "-", name.lower()).strip("-")[:40]
        suffix = "js" if self.javascript else "no-js"
        save_screenshot(page, self.shots / f"es-course-{slug}-{suffix}.png")
        if self.javascript:
            problems = serious_violations(page)
        else:
            problems = self._axe_without_javascript(page)
        self.found += [f"{name}: {problem}" for problem in problems]

    def close(self) -> None:
        self._axe_without_javascript.close()

    def assert_clean(self) -> None:
        assert not self.found, "\n".join(self.found)


def answer_from_key(page: Page, number: int, question: Question) -> None:
    """Answer question `number` rightly through its visible labels (the page carries no
    hint of the right answer: the key is read from the database)."""
    group = page.get_by_role("group", name=re.compile(rf"^Pregunta {number}\b"))
    expect(group).to_be_visible()
    expect(group).to_have_attribute("lang", "es")
    right, by_pk = correct_response(question), {c.pk: c for c in question.choices.all()}
    kind = question.kind
    if kind in (Question.Kind.SINGLE, Question.Kind.TRUE_FALSE):
        group.get_by_label(by_pk[right["choice"]].text, exact=True).check()
    elif kind == Question.Kind.MULTIPLE:
        for pk in right["choices"]:
            group.get_by_label(by_pk[pk].text, exact=True).check()
    elif kind == Question.Kind.SHORT_ANSWER:
        group.get_by_role("textbox").fill(right["text"])
    elif kind == Question.Kind.MATCHING:
        for left, pk in right["pairs"].items():
            text = by_pk[pk].match_text
            listed = group.locator(".match-answers li").filter(has_text=text)
            option = option_label(listed.locator(".match-letter").inner_text(), text)
            group.get_by_label(by_pk[int(left)].text, exact=True).select_option(label=option)
    elif kind == Question.Kind.ORDERING:
        for place, pk in enumerate(right["order"], 1):
            group.get_by_label(by_pk[pk].text, exact=True).select_option(label=str(place))
    else:
        raise AssertionError(f"question {number}: no answer is scripted for {kind}")


def button(page: Page, name: str) -> Locator:
    return page.get_by_role("button", name=name, exact=True)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_spanish_student_studies_the_spanish_course(
    demo, new_context, browser: Browser, javascript: bool, screenshot_dir: Path
):
    checks = SpanishChecks(browser, javascript=javascript, shots=screenshot_dir)
    page = new_context(locale="es-ES", java_script_enabled=javascript, viewport=PHONE).new_page()
    try:
        walk(page, checks, javascript)
    finally:
        checks.close()
    checks.assert_clean()


def walk(page: Page, check: SpanishChecks, javascript: bool) -> None:
    log_in_in_spanish(page)
    check(page)

    # The dashboard lists the course; the course page its lecture.
    page.get_by_role("link", name=COURSE, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE)
    check(page)
    page.get_by_role("link", name=LECTURE, exact=True).click()

    # The lecture: the notes' sections, in the notes' words and language.
    expect(page.get_by_role("heading", level=1)).to_have_text(LECTURE)
    main = page.get_by_role("main")
    for heading in ("Resumen", "Antecedentes", "Las Cortes de Cádiz", "Términos clave", "Tareas"):
        expect(main.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    section = page.locator("section#antecedentes")
    expect(section.locator("[lang=es]").first).to_contain_text("Carlos IV")
    expect(page.locator("#key-terms [lang=es]")).to_contain_text("Afrancesados")
    quizzes = page.get_by_role("region", name="Comprueba lo que has entendido")
    expect(quizzes).to_contain_text(QUIZ)
    check(page)

    # The glossary: every key term of the notes.
    tabs = page.get_by_role("navigation", name="Lección", exact=True)
    tabs.get_by_role("link", name="Glosario", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Glosario")
    expect(page.locator(".result-count")).to_have_text("6 términos.")
    terms = page.locator("dl.terms[lang=es] dfn")
    expect(terms).to_contain_text(["Afrancesados", "Cortes de Cádiz", "Soberanía nacional"])
    check(page)
    page.get_by_label("Buscar términos").fill("Pepa")
    button(page, "Buscar").click()
    expect(page.locator(".result-count")).to_contain_text("1 término")
    expect(terms).to_have_text(["La Pepa"])

    # The timeline: in order, the sieges of antiquity (BC) before 1805.
    tabs.get_by_role("link", name="Cronología", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cronología")
    events = page.locator("ol.timeline > li")
    expect(events.first.locator("[lang=es]")).to_contain_text("Sagunto")
    expect(events.nth(1).locator("[lang=es]")).to_contain_text("Numancia")
    whens = events.locator(".timeline-when").all_inner_texts()
    assert whens[:2] == ["219 a. C.", "133 a. C."], whens
    years = [int(found[0]) for when in whens[2:] if (found := re.findall(r"\b\d{4}\b", when))]
    assert len(years) > 10 and years == sorted(years), whens
    check(page)

    # The quiz, every question answered from the key, then submitted.
    tabs = page.get_by_role("navigation", name="Lección", exact=True)
    tabs.get_by_role("link", name="Lección", exact=True).click()
    page.get_by_role("region", name="Comprueba lo que has entendido").get_by_role(
        "link", name=QUIZ, exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(QUIZ)
    check(page)
    button(page, "Empezar el cuestionario").click()
    quiz = Quiz.objects.get(title=QUIZ)
    questions = services.questions_for(quiz)
    total = len(questions)
    check(page)
    for number, question in enumerate(questions, 1):
        answer_from_key(page, number, question)
        if number < total:
            page.get_by_role("button", name=re.compile(r"^Guardar y seguir")).click()
            expect(
                page.get_by_role("group", name=re.compile(rf"^Pregunta {number + 1}\b"))
            ).to_be_visible()
    button(page, "Terminar…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("¿Entregar tu intento?")
    expect(page.get_by_role("main")).to_contain_text(
        f"Has respondido {total} de {total} preguntas."
    )
    check(page)
    button(page, "Entregar y ver mi resultado").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tu resultado")
    attempt = Attempt.objects.get(quiz=quiz, user__username="student")
    assert attempt.percent == 100
    expect(page.locator(".result-score")).to_have_text("100% · Aprobado ✓")
    verdicts = page.locator(".review-item .verdict")
    expect(verdicts).to_have_count(total)
    for question, verdict in zip(questions, verdicts.all(), strict=True):
        points = question.points
        word = "punto" if points == 1 else "puntos"
        expect(verdict).to_have_text(f"✓ Correcta · {points} de {points} {word}")
    expect(page.locator(".review-item h2 [lang=es]")).to_have_count(total)
    check(page)

    # The course's review: a key term's card, answered and rated.
    page.goto("/")
    page.get_by_role(
        "link", name=re.compile(rf"tarjetas? para repasar ahora\W+en {COURSE}$")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Repaso: {COURSE}")
    expect(page.locator("#review-front")).to_have_attribute("lang", "es")
    check(page)
    page.get_by_role("button", name=re.compile(r"^Mostrar la respuesta")).click()
    expect(page.locator("#review-back")).to_have_attribute("lang", "es")
    check(page)
    front = page.locator("#review-front").inner_text()
    page.evaluate("window.__notReloaded = true")
    page.get_by_role("button", name=re.compile(r"^Bien\b")).click()
    # The next card (or the end of the round) in place of the rated one.
    expect(page.get_by_role("button", name=re.compile(r"^Bien\b"))).to_have_count(0)
    rated = ReviewLog.objects.get(user__username="student", card__lecture__course__slug="demo-es")
    assert (rated.card.front, rated.rating) == (front, ReviewLog.Rating.GOOD)
    # With JavaScript htmx swaps the card; without, the form posts and redirects.
    assert page.evaluate("window.__notReloaded === true") is javascript
    check(page)
