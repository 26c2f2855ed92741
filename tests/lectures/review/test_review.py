"""Spaced-repetition review (issue 11): cards from the notes, when they fall due,
scheduling by the fsrs package, the review pages, and who may see which card."""

from __future__ import annotations

import datetime as dt

import fsrs
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from lectures.models import Card, CardState, Course, Enrolment, Lecture, ReviewLog
from lectures.review import queue, scheduling
from lectures.review.cards import lecture_opened
from lectures.review.ratings import review_record
from lectures.study.progress import progress_set
from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db

NOTES = """Title: Ocean Floors
Overview
How the deep sea was mapped.
Mapping
- The Challenger expedition began sounding the deep ocean in 1872.
- Marie Tharp drew the first map of the Atlantic floor in 1957.
Spreading
- Harry Hess proposed seafloor spreading in 1962.
- Sailors feared sea monsters around 1500.
Key Terms
- Subduction — one plate sliding under another.
- Mid-Ocean Ridge (MOR) — where new crust forms.
- Trench — the deepest part of the ocean floor.
"""

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _no_fuzz(settings):
    # FSRS's fuzz is random by design; exact schedules need it off.
    settings.REVIEW_FUZZ = False


@pytest.fixture
def ocean(make_lecture, student, instructor):
    lecture = make_lecture(NOTES, course="ocean")
    lecture.course.instructors.add(instructor)
    Enrolment.objects.create(course=lecture.course, user=student)
    return lecture


def read_all(user, lecture: Lecture) -> None:
    lecture_opened(user=user, lecture=lecture)
    for section in lecture.sections.all():
        progress_set(user=user, obj=section, done=True)


def states(user) -> dict[str, CardState]:
    return {s.card.front: s for s in CardState.objects.filter(user=user).select_related("card")}


# -- cards from the notes ------------------------------------------------------------------


def test_import_makes_a_card_per_term_and_per_certain_event(ocean):
    cards = {card.front: card for card in ocean.cards.all()}
    assert cards["Mid-Ocean Ridge"].back == "MOR — where new crust forms."
    assert cards["Subduction"].kind == Card.Kind.TERM
    events = {front: card for front, card in cards.items() if card.kind == Card.Kind.EVENT}
    # The date is left out of the question and is the answer; "around 1500" has no
    # certain answer and gives no card.
    assert sorted(card.back for card in events.values()) == ["1872", "1957", "1962"]
    hess = next(card for card in events.values() if card.back == "1962")
    assert "1962" not in hess.front and "Harry Hess proposed seafloor spreading" in hess.front
    assert hess.section.title == "Spreading"
    assert all(card.section is None for card in cards.values() if card.kind == Card.Kind.TERM)


def test_a_changed_definition_updates_its_card_and_keeps_its_history(make_lecture, ocean, student):
    read_all(student, ocean)
    card = ocean.cards.get(front="Trench")
    state = CardState.objects.get(user=student, card=card)
    review_record(user=student, state=state, rating=3, rep=0)

    make_lecture(NOTES.replace("the deepest part", "a long, deep part"), course="ocean")

    card.refresh_from_db()
    assert card.back == "a long, deep part of the ocean floor."
    assert not card.retired
    assert CardState.objects.get(user=student, card=card).reps == 1
    assert ReviewLog.objects.filter(user=student, card=card).count() == 1


def test_a_removed_term_retires_its_card_and_its_return_brings_it_back(
    make_lecture, ocean, student, client
):
    read_all(student, ocean)
    card = ocean.cards.get(front="Trench")
    state = CardState.objects.get(user=student, card=card)
    # Easy: due again in days, so not among today's cards either way.
    review_record(user=student, state=state, rating=4, rep=0)
    before = queue.due_count(student, timezone.now())

    make_lecture(NOTES.replace("- Trench — the deepest part of the ocean floor.\n", ""), "ocean")
    card.refresh_from_db()
    assert card.retired and card.term is None
    assert CardState.objects.get(user=student, card=card).retired  # out of the queue's index
    # A retired card is no longer counted or shown, and its history stays.
    assert queue.due_count(student, timezone.now()) == before
    assert ReviewLog.objects.filter(card=card).count() == 1
    client.login(username="student", password=PASSWORD)
    response = client.get(reverse("lectures:review"), {"answer": card.pk})
    assert response.status_code == 404

    make_lecture(NOTES, course="ocean")
    card.refresh_from_db()
    assert not card.retired and card.term.term == "Trench"
    back = CardState.objects.get(user=student, card=card)
    assert back.reps == 1 and not back.retired


def test_an_event_removed_from_the_notes_retires_its_card(make_lecture, ocean):
    make_lecture(NOTES.replace("- Harry Hess proposed seafloor spreading in 1962.\n", ""), "ocean")
    assert ocean.cards.get(back="1962").retired
    assert ocean.cards.filter(retired=False).count() == 5


def test_editing_an_event_in_the_admin_changes_its_card(ocean, instructor, client):
    event = ocean.events.get(when_label="1957")
    client.force_login(instructor)
    url = reverse("admin:lectures_timelineevent_change", args=[event.pk])
    form = {
        "lecture": ocean.pk,
        "section": event.section_id,
        "when_label": "1957",
        "start_year": "1957",
        "start_precision": "year",
        "status": "shown",
        "text": "Marie Tharp drew the Atlantic floor's first map in 1957.",
    }
    assert client.post(url, form).status_code == 302
    front = "Marie Tharp drew the Atlantic floor's first map in ____."
    assert ocean.cards.get(event=event).front == front
    client.post(reverse("admin:lectures_timelineevent_delete", args=[event.pk]), {"post": "yes"})
    assert ocean.cards.get(back="1957").retired


# -- when cards fall due -------------------------------------------------------------------


def test_terms_are_due_once_the_lecture_is_opened_and_events_once_their_section_is_read(
    ocean, student, client
):
    client.login(username="student", password=PASSWORD)
    assert not CardState.objects.filter(user=student).exists()

    client.get(ocean.get_absolute_url())
    assert set(states(student)) == {"Subduction", "Mid-Ocean Ridge", "Trench"}

    spreading = ocean.sections.get(title="Spreading")
    url = reverse("lectures:section_mark_read", args=["ocean", ocean.slug, spreading.pk])
    client.post(url, {"done": "1"})
    fronts = set(states(student))
    assert len(fronts) == 4
    assert any("Harry Hess" in front for front in fronts)
    assert not any("Tharp" in front for front in fronts)  # Mapping is not read yet


def test_opening_a_lecture_twice_adds_nothing_more(ocean, student, client):
    client.login(username="student", password=PASSWORD)
    client.get(ocean.get_absolute_url())
    first = {s.pk: s.due for s in CardState.objects.filter(user=student)}
    client.get(ocean.get_absolute_url())
    assert {s.pk: s.due for s in CardState.objects.filter(user=student)} == first


def test_instructors_get_no_cards(ocean, instructor, client):
    client.force_login(instructor)
    client.get(ocean.get_absolute_url())
    assert not CardState.objects.filter(user=instructor).exists()


def test_a_superuser_gets_cards_only_in_courses_they_are_enrolled_in(ocean, make_user, client):
    root = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(root)
    client.get(ocean.get_absolute_url())
    assert not CardState.objects.filter(user=root).exists()
    Enrolment.objects.create(course=ocean.course, user=root)
    client.get(ocean.get_absolute_url())
    assert CardState.objects.filter(user=root).count() == 3


def test_a_term_added_later_is_due_for_students_who_opened_the_lecture(
    make_lecture, ocean, student
):
    read_all(student, ocean)
    make_lecture(NOTES + "- Abyss — the deep ocean below 3,000 metres.\n", course="ocean")
    assert "Abyss" in states(student)


# -- scheduling by fsrs --------------------------------------------------------------------


def test_fsrs_states_after_a_sequence_of_ratings_match_the_package(ocean, student):
    lecture_opened(user=student, lecture=ocean)
    state = CardState.objects.get(user=student, card__front="Subduction")
    expected = fsrs.Card(card_id=1, due=START)
    scheduler = fsrs.Scheduler(desired_retention=0.9, enable_fuzzing=False)
    moment = START
    # Again, Good, Good, Hard, Easy, Again, Good, each when the last one made it due
    # (and the third an hour early, which the scheduler takes from "now").
    for number, rating in enumerate([1, 3, 3, 2, 4, 1, 3]):
        if number == 3:
            moment -= dt.timedelta(hours=1)
        expected, _ = scheduler.review_card(expected, fsrs.Rating(rating), moment)
        outcome = review_record(
            user=student, state=state, rating=rating, rep=state.reps, now=moment
        )
        assert outcome.counted
        state = outcome.state
        state.refresh_from_db()
        assert state.state == expected.state
        assert state.step == expected.step
        assert state.stability == pytest.approx(expected.stability)
        assert state.difficulty == pytest.approx(expected.difficulty)
        assert state.due == expected.due
        assert state.last_review == expected.last_review
        moment = max(expected.due, moment + dt.timedelta(minutes=1))
    logs = list(ReviewLog.objects.filter(user=student).order_by("rep"))
    assert [log.rating for log in logs] == [1, 3, 3, 2, 4, 1, 3]
    assert [log.rep for log in logs] == list(range(1, 8))
    assert logs[-1].due == state.due and logs[-1].stability == state.stability


def test_the_desired_retention_is_a_setting(ocean, student, settings):
    lecture_opened(user=student, lecture=ocean)
    rows = list(CardState.objects.filter(user=student).order_by("pk")[:2])
    settings.REVIEW_DESIRED_RETENTION = 0.9
    a = rows[0]
    for rating in (3, 3, 3):
        a = review_record(user=student, state=a, rating=rating, rep=a.reps, now=a.due).state
    settings.REVIEW_DESIRED_RETENTION = 0.8
    b = rows[1]
    for rating in (3, 3, 3):
        b = review_record(user=student, state=b, rating=rating, rep=b.reps, now=b.due).state
    # Asking for less recall spaces reviews further apart.
    assert b.due - b.last_review > a.due - a.last_review


def test_a_card_not_yet_due_is_reviewed_and_scheduled_from_now(ocean, student):
    lecture_opened(user=student, lecture=ocean)
    state = CardState.objects.filter(user=student).first()
    state = review_record(user=student, state=state, rating=4, rep=0, now=START).state
    assert state.due > START + dt.timedelta(days=1)
    early = START + dt.timedelta(hours=2)
    outcome = review_record(user=student, state=state, rating=3, rep=1, now=early)
    assert outcome.counted
    assert outcome.state.last_review == early
    assert outcome.state.due > early


def test_due_counts_over_thirty_days_follow_the_forecast(ocean, student):
    with time_machine.travel(START, tick=False):
        read_all(student, ocean)
        for n, state in enumerate(CardState.objects.filter(user=student).order_by("pk")):
            rating = [1, 2, 3, 4, 3, 3][n % 6]
            review_record(user=student, state=state, rating=rating, rep=0)
        figures = queue.card_figures(student, timezone.now())
        assert figures.total == 6 and figures.new == 0
        forecast = [count for _day, count in figures.forecast]
        assert len(forecast) == scheduling.FORECAST_DAYS
    # Nobody reviews for a month: each day, the cards due are those the forecast
    # gave to that day and every day before it (on the first, those still in
    # learning come back later that day, counted apart).
    for day in range(scheduling.FORECAST_DAYS):
        with time_machine.travel(START + dt.timedelta(days=day), tick=False):
            now = timezone.now()
            counts = queue.due_counts(student, now)
            figures = queue.card_figures(student, now)
            assert counts.now + counts.later_today == sum(forecast[: day + 1]), day
            assert (figures.due_now, figures.later_today) == (counts.now, counts.later_today)
            assert figures.due_today == sum(forecast[: day + 1])
            assert sum(queue.due_by_lecture(student, now).values()) == counts.now
            # All but the card rated Easy are in learning, back within minutes.
            assert counts.later_today == (5 if day == 0 else 0)


# -- the review pages ----------------------------------------------------------------------


@pytest.fixture
def reviewer(ocean, student, client):
    read_all(student, ocean)
    client.login(username="student", password=PASSWORD)
    return client


def rate(client, state: CardState, rating="3", rep=None, **headers):
    data = {"card": state.card_id, "rep": state.reps if rep is None else rep, "rating": rating}
    return client.post(reverse("lectures:review"), data, headers=headers)


def test_the_review_page_shows_the_card_due_soonest_then_its_answer(reviewer, student):
    first = queue.next_card(student, timezone.now())
    response = reviewer.get(reverse("lectures:review"))
    page = response.content.decode()
    assert "6 cards due now." in page
    assert first.card_front in page
    assert first.card_back not in page
    assert "Show answer <kbd>Space</kbd>" in page

    response = reviewer.get(reverse("lectures:review"), {"answer": first.card_id})
    page = response.content.decode()
    assert first.card_back in page
    for label, key in (("Again", 1), ("Hard", 2), ("Good", 3), ("Easy", 4)):
        assert f"{label} <kbd>{key}</kbd>" in page


def test_rating_without_javascript_redirects_back_and_says_when_it_is_next_due(reviewer, student):
    state = queue.next_card(student, timezone.now())
    response = rate(reviewer, state, "4")
    assert response.status_code == 302
    assert response.url == reverse("lectures:review")
    page = reviewer.get(response.url).content.decode()
    assert f"“{state.card_front}” is next due on" in page
    assert "5 cards due now." in page
    state.refresh_from_db()
    assert state.reps == 1 and state.due > timezone.now() + dt.timedelta(days=1)


def test_rating_with_htmx_swaps_the_next_card_and_updates_the_counts(reviewer, student):
    state = queue.next_card(student, timezone.now())
    response = rate(reviewer, state, "3", HX_Request="true")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="review-card"' in page
    following = queue.next_card(student, timezone.now())
    assert following.card_front in page
    # Out of band: the page's count and the navigation's.
    assert 'id="review-due-count" hx-swap-oob="innerHTML"' in page
    assert '<div id="review-status" hx-swap-oob="innerHTML"><p class="message' in page
    assert 'id="nav-review"' in page and "<html" not in page


def _counts_on(page: str) -> str:
    return page.split('id="review-due-count"', 1)[1].split(">", 1)[1].split("</span>", 1)[0]


def test_the_count_goes_down_as_a_student_rates_cards(reviewer, student):
    """Cards rated Good come back within minutes: later today, counted apart from
    those due now, so the count a student sees falls with each card they rate."""
    CardState.objects.filter(user=student).update(due=START - dt.timedelta(hours=1))
    with time_machine.travel(START, tick=False):
        seen = [_counts_on(reviewer.get(reverse("lectures:review")).content.decode())]
        for rated in range(1, 7):
            state = queue.next_card(student, timezone.now())
            page = rate(reviewer, state, "3", HX_Request="true").content.decode()
            seen.append(_counts_on(page))
            badge = f'<span class="badge">{6 - rated}<span class="visually-hidden"> due now'
            assert (badge in page) == (rated < 6)
        assert seen[0] == "6 cards due now."
        assert seen[1] == "5 cards due now. 1 more comes back later today."
        assert seen[-1] == "No cards due now. 6 more come back later today."
        assert "All done for now" in page and "the first at 09:10" in page
        assert queue.next_card(student, timezone.now()) is None
    # Ten minutes on, they are due again.
    with time_machine.travel(START + dt.timedelta(minutes=10), tick=False):
        page = reviewer.get(reverse("lectures:review")).content.decode()
        assert _counts_on(page) == "6 cards due now."


def test_a_review_posted_twice_counts_once(reviewer, student):
    state = queue.next_card(student, timezone.now())
    rate(reviewer, state, "3", rep=0)
    response = rate(reviewer, state, "3", rep=0, HX_Request="true")
    assert response.status_code == 200
    assert "counted once" in response.content.decode()
    state.refresh_from_db()
    assert state.reps == 1
    assert ReviewLog.objects.filter(user=student, card_id=state.card_id).count() == 1


@pytest.mark.parametrize("rating", ["0", "5", "-1", "good", "", "3.5"])
def test_ratings_other_than_the_four_are_refused(reviewer, student, rating):
    state = queue.next_card(student, timezone.now())
    for headers in ({}, {"HX_Request": "true"}):
        response = rate(reviewer, state, rating, **headers)
        assert response.status_code == 400
        assert "Again, Hard, Good or Easy" in response.content.decode()
    state.refresh_from_db()
    assert state.reps == 0 and not ReviewLog.objects.exists()


def test_a_garbled_card_number_is_refused(reviewer):
    assert reviewer.get(reverse("lectures:review"), {"answer": "x"}).status_code == 400
    response = reviewer.post(reverse("lectures:review"), {"card": "x", "rep": 0, "rating": 3})
    assert response.status_code == 400


def test_the_review_page_allows_get_and_post_only(reviewer):
    assert reviewer.put(reverse("lectures:review")).status_code == 405


def test_nothing_due_says_when_the_next_card_is(reviewer, student):
    now = timezone.now()
    while (state := queue.next_card(student, now)) is not None:
        review_record(user=student, state=state, rating=4, rep=state.reps, now=now)
    page = reviewer.get(reverse("lectures:review")).content.decode()
    assert "Nothing to review right now" in page
    assert "Your next card is due on" in page
    assert "No cards due now." in page and "later today" not in page


def test_the_empty_state_explains_where_cards_come_from(student_client):
    page = student_client.get(reverse("lectures:review")).content.decode()
    assert "Nothing to review right now" in page
    assert "once you open it" in page


def test_the_course_review_page_shows_only_that_course(reviewer, student, course):
    # `course` ("geo") is the student's too; its cards come once they open it.
    lecture_opened(user=student, lecture=course.lectures.get())
    geo = reverse("lectures:course_review", args=["geo"])
    page = reviewer.get(geo).content.decode()
    assert "2 cards due now." in page
    state = queue.next_card(student, timezone.now(), course)
    assert state.course_title == course.title and state.lecture_id == course.lectures.get().pk
    # A card of another course is a 404 there.
    ocean_state = CardState.objects.filter(user=student, card__lecture__course__slug="ocean")[0]
    assert reviewer.get(geo, {"answer": ocean_state.card_id}).status_code == 404
    assert rate_at(reviewer, geo, ocean_state).status_code == 404


def rate_at(client, url, state):
    return client.post(url, {"card": state.card_id, "rep": state.reps, "rating": "3"})


# -- access --------------------------------------------------------------------------------


def test_another_students_card_is_a_404(reviewer, ocean, other_student, client):
    Enrolment.objects.create(course=ocean.course, user=other_student)
    card = ocean.cards.first()
    client.logout()
    client.login(username="other_student", password=PASSWORD)
    # Enrolled, but the card has not become due for them: not theirs yet.
    assert client.get(reverse("lectures:review"), {"answer": card.pk}).status_code == 404
    state = CardState.objects.get(card=card, user__username="student")
    assert rate_at(client, reverse("lectures:review"), state).status_code == 404
    assert ReviewLog.objects.count() == 0


def test_cards_of_a_course_left_or_a_lecture_unpublished_are_hidden(reviewer, student, ocean):
    assert queue.due_count(student, timezone.now()) == 6
    Lecture.objects.filter(pk=ocean.pk).update(published=False)
    assert queue.due_count(student, timezone.now()) == 0
    Lecture.objects.filter(pk=ocean.pk).update(published=True)
    Enrolment.objects.filter(user=student).delete()
    assert queue.due_count(student, timezone.now()) == 0
    state = CardState.objects.filter(user=student).first()
    assert reviewer.get(reverse("lectures:review"), {"answer": state.card_id}).status_code == 404
    # Enrolled again, their schedule is where they left it.
    Enrolment.objects.create(course=ocean.course, user=student)
    assert queue.due_count(student, timezone.now()) == 6


def test_the_review_pages_need_a_login(client, course):
    for url in (reverse("lectures:review"), reverse("lectures:course_review", args=["geo"])):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


# -- counts on the other pages -------------------------------------------------------------


def test_dashboard_navigation_and_progress_page_agree(reviewer, student):
    state = queue.next_card(student, timezone.now())
    review_record(user=student, state=state, rating=4, rep=0)
    dashboard = reviewer.get(reverse("lectures:dashboard")).content.decode()
    assert "5 cards</strong> to review now" in dashboard
    assert "5 cards to review now" in dashboard  # the course's line
    assert '<span class="badge">5<span class="visually-hidden"> due now' in dashboard
    progress = reviewer.get(reverse("lectures:progress")).content.decode()
    assert '<dt>Due now</dt><dd class="due-now">5</dd>' in progress
    assert "<dt>Learned</dt><dd>1</dd>" in progress
    assert "<dt>Not yet reviewed</dt><dd>5</dd>" in progress
    assert '<svg viewBox="0 0 640 140" role="img"' in progress
    assert progress.count('<rect class="bar"') == scheduling.FORECAST_DAYS
    assert '<th scope="row">Today</th><td>5</td>' in progress


# -- query budgets -------------------------------------------------------------------------


def add_cards(lecture: Lecture, user, n: int) -> None:
    """`n` more term cards, due now for `user`."""
    terms = "".join(f"- Extra term {i} — definition number {i}.\n" for i in range(n))
    from lectures.content.imports import lecture_import

    lecture_import(course_slug=lecture.course.slug, data=NOTES + terms)
    assert CardState.objects.filter(user=user).count() >= n


@pytest.mark.parametrize("extra", [0, 60])
def test_next_card_and_recording_a_review_take_fixed_queries(
    reviewer, student, ocean, django_assert_num_queries, extra
):
    add_cards(ocean, student, extra)
    url = reverse("lectures:review")
    reviewer.get(url)
    state = queue.next_card(student, timezone.now())
    # The session and user; the card due soonest; the due count.
    with django_assert_num_queries(4):
        reviewer.get(url, headers={"HX-Request": "true"})
    # The session and user; the card with access; its update and log (in a
    # savepoint here: the test runs in a transaction); the next card; the due count.
    with django_assert_num_queries(9):
        rate(reviewer, state, "3", HX_Request="true")
    state.refresh_from_db()
    assert state.reps == 1


# -- commands --------------------------------------------------------------------------------


def test_sync_cards_makes_cards_for_lectures_imported_before_review(ocean, student):
    import io

    from django.core.management import call_command

    spreading = ocean.sections.get(title="Spreading")
    progress_set(user=student, obj=spreading, done=True)
    # As before review cards existed: the reading is recorded, no card is.
    Card.objects.all().delete()
    out = io.StringIO()
    call_command("sync_cards", stdout=out)
    assert "ocean/ocean-floors: 6 cards created, 0 changed, 0 retired" in out.getvalue()
    assert [s.card.back for s in CardState.objects.filter(user=student)] == ["1962"]
    call_command("sync_cards", "--course", "ocean", stdout=out)
    assert CardState.objects.filter(user=student).count() == 1


def test_sync_cards_names_a_missing_course(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="no course “nope”"):
        call_command("sync_cards", "--course", "nope")


def test_the_demo_gives_its_other_students_a_review_history(db, client, settings):
    import io

    from django.core.management import call_command

    call_command("seed_demo", "--students", "1", stdout=io.StringIO())
    call_command("seed_demo", "--students", "1", stdout=io.StringIO())  # idempotent
    student1 = Course.objects.get(slug="demo").enrolments.get(user__username="student1").user
    reviews = ReviewLog.objects.filter(user=student1)
    assert reviews.exists()
    assert reviews.values("card", "rep").distinct().count() == reviews.count()
    # The demo student starts fresh: their cards come as they read.
    assert not CardState.objects.filter(user__username="student").exists()
    client.login(username="instructor", password="demo-pass-123")
    page = client.get(reverse("lectures:report_student", args=["demo", student1.pk]))
    assert "Recall estimate: <strong>" in page.content.decode()


# -- cards through any sequence of re-imports ------------------------------------------------

TERMS = ["Abyss", "Basalt", "Crust", "Delta", "Estuary"]
YEARS = ["1872", "1912", "1957", "1962"]


def notes_of(terms: dict[str, str], years: list[str]) -> str:
    bullets = "".join(f"- The survey number {y[-2:]} was published in {y}.\n" for y in years)
    glossary = "".join(f"- {term} — {definition}.\n" for term, definition in terms.items())
    bullets = bullets or "- Nothing dated here.\n"
    return f"Title: Surveys\nSurveys\n{bullets}Key Terms\n{glossary}"


@hypothesis_settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    versions=st.lists(
        st.tuples(
            st.dictionaries(st.sampled_from(TERMS), st.sampled_from(["one", "two"]), min_size=1),
            st.lists(st.sampled_from(YEARS), unique=True),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_cards_follow_the_notes_through_any_sequence_of_imports(make_lecture, student, versions):
    """Whatever is added, changed, removed and brought back: the live cards are
    exactly the notes' terms and events, and each term or dated bullet keeps one
    card, and the student's schedule for it, from its first import on."""
    course = Course.objects.get_or_create(slug="surveys", defaults={"title": "Surveys"})[0]
    Enrolment.objects.get_or_create(course=course, user=student)
    # Examples share the database: each starts from no lecture.
    course.lectures.all().delete()
    first_card: dict[str, int] = {}
    for terms, years in versions:
        lecture = make_lecture(notes_of(terms, years), course="surveys")
        read_all(student, lecture)
        live = {card.front: card for card in lecture.cards.filter(retired=False)}
        assert {f for f, c in live.items() if c.kind == "term"} == set(terms)
        assert sorted(c.back for c in live.values() if c.kind == "event") == sorted(years)
        for card in live.values():
            key = card.back if card.kind == "event" else card.front
            assert first_card.setdefault(key, card.pk) == card.pk
            if card.kind == "term":
                assert card.back == f"{terms[card.front]}."
        states = CardState.objects.filter(user=student, card__lecture=lecture)
        assert set(states.values_list("card_id", flat=True)) == set(first_card.values())
        assert lecture.cards.filter(retired=True).count() == len(first_card) - len(live)
