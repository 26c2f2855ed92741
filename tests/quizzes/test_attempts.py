"""Taking a quiz: start, resume, answer, submit once, review; and every way to cheat."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from quizzes import services
from quizzes.forms import token
from quizzes.models import Answer, Attempt, Quiz

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def start(client, quiz) -> Attempt:
    lecture = quiz.lecture
    url = reverse("quizzes:quiz_start", args=[lecture.course.slug, lecture.slug, quiz.pk])
    response = client.post(url)
    attempt = Attempt.objects.latest("pk")
    assert response.status_code == 302 and response.url == attempt.get_absolute_url()
    return attempt


def answer_url(attempt, number):
    return reverse("quizzes:attempt_answer", args=[attempt.pk, number])


def choice(quiz, position, text):
    return quiz.questions.get(position=position).choices.get(text=text)


def field(quiz, position):
    return f"q{quiz.questions.get(position=position).pk}"


def submit(client, attempt):
    return client.post(reverse("quizzes:attempt_submit", args=[attempt.pk]))


# --- starting and resuming -------------------------------------------------


def test_quiz_page_offers_start_and_lists_attempts(student_client, quiz):
    body = student_client.get(quiz.get_absolute_url()).content.decode()
    assert "Start the quiz" in body
    assert "<dt>Questions</dt><dd>6</dd>" in body and "<dt>Pass mark</dt><dd>50%</dd>" in body
    assert "You have not tried this quiz yet." in body


def test_start_then_resume_returns_the_same_open_attempt(student_client, quiz):
    first = start(student_client, quiz)
    second = start(student_client, quiz)
    assert first.pk == second.pk
    assert Attempt.objects.count() == 1
    assert "Resume your attempt" in student_client.get(quiz.get_absolute_url()).content.decode()


def test_unpublished_quiz_and_foreign_attempt_are_404(student_client, other_client, quiz):
    attempt = start(student_client, quiz)
    assert other_client.get(attempt.get_absolute_url()).status_code == 404
    assert other_client.post(answer_url(attempt, 1), {}).status_code == 404
    assert (
        other_client.post(reverse("quizzes:attempt_submit", args=[attempt.pk])).status_code == 404
    )
    Quiz.objects.filter(pk=quiz.pk).update(published=False)
    assert student_client.get(quiz.get_absolute_url()).status_code == 404


def test_unenrolled_user_cannot_see_quiz(client, make_user, quiz):
    make_user("outsider")
    client.login(username="outsider", password="correct-horse-battery")
    assert client.get(quiz.get_absolute_url()).status_code == 404


def test_max_attempts_enforced(student_client, quiz):
    Quiz.objects.filter(pk=quiz.pk).update(max_attempts=1)
    attempt = start(student_client, quiz)
    submit(student_client, attempt)
    lecture = quiz.lecture
    url = reverse("quizzes:quiz_start", args=[lecture.course.slug, lecture.slug, quiz.pk])
    response = student_client.post(url, follow=True)
    assert "You have used all 1 attempt at this quiz." in response.content.decode()
    assert Attempt.objects.count() == 1


# --- answering ------------------------------------------------------------


def test_answer_saved_and_shown_again_after_reload(student_client, quiz):
    attempt = start(student_client, quiz)
    right = choice(quiz, 0, "A plate sliding under another")
    response = student_client.post(
        answer_url(attempt, 1), {field(quiz, 0): token(attempt, right.pk), "nav": "next"}
    )
    assert response.url == f"{attempt.get_absolute_url()}?q=2"
    assert Answer.objects.get(attempt=attempt).response == {"choice": right.pk}
    page = student_client.get(f"{attempt.get_absolute_url()}?q=1").content.decode()
    assert re.search(rf'value="{token(attempt, right.pk)}"[^>]*checked', page)
    assert "1 of 6 answered" in page


def test_htmx_answer_returns_next_question_panel_and_nav(student_client, quiz):
    attempt = start(student_client, quiz)
    response = student_client.post(
        answer_url(attempt, 3),
        {field(quiz, 2): token(attempt, choice(quiz, 2, "True").pk), "nav": "next"},
        headers=HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert body.lstrip().startswith('<section id="question-panel"')
    assert "Who proposed continental drift?" in body
    assert (
        'id="question-nav" class="question-nav card" aria-label="Questions" hx-swap-oob="true"'
        in body
    )
    assert 'aria-live="polite" hx-swap-oob="true"' in body
    assert response["HX-Push-Url"] == f"{attempt.get_absolute_url()}?q=4"


def test_tampered_choice_token_is_refused_and_saves_nothing(student_client, quiz):
    attempt = start(student_client, quiz)
    other_question_choice = choice(quiz, 2, "True")
    for value in ["12", "deadbeefdeadbeef", token(attempt, other_question_choice.pk)]:
        response = student_client.post(
            answer_url(attempt, 1), {field(quiz, 0): value, "nav": "next"}, follow=True
        )
        assert "That answer was not understood" in response.content.decode()
    assert not Answer.objects.exists()


def test_token_of_another_attempt_does_not_work(student_client, other_client, quiz):
    theirs = start(other_client, quiz)
    mine = start(student_client, quiz)
    right = choice(quiz, 0, "A plate sliding under another")
    student_client.post(answer_url(mine, 1), {field(quiz, 0): token(theirs, right.pk)})
    assert not Answer.objects.filter(attempt=mine).exists()


def test_oversized_and_out_of_range_posts_are_400(student_client, quiz):
    attempt = start(student_client, quiz)
    big = {f"junk{i}": "x" for i in range(500)}
    assert student_client.post(answer_url(attempt, 1), big).status_code == 400
    assert student_client.post(answer_url(attempt, 99), {}).status_code == 400
    long_text = {field(quiz, 3): "x" * 5000, "nav": "next"}
    response = student_client.post(answer_url(attempt, 4), long_text, follow=True)
    assert "not understood" in response.content.decode()
    assert not Answer.objects.exists()


def test_all_on_one_page_without_javascript(student_client, quiz):
    attempt = start(student_client, quiz)
    page = student_client.get(f"{attempt.get_absolute_url()}?view=all").content.decode()
    assert page.count('<fieldset class="question"') == 6
    sub = choice(quiz, 4, "Subduction")
    data = {
        field(quiz, 0): token(attempt, choice(quiz, 0, "A volcano").pk),
        field(quiz, 3): "wegener",
        f"{field(quiz, 4)}-{token(attempt, sub.pk, 'l')}": token(attempt, sub.pk, "r"),
        "nav": "submit",
    }
    response = student_client.post(reverse("quizzes:attempt_answer_all", args=[attempt.pk]), data)
    assert response.url == reverse("quizzes:attempt_submit", args=[attempt.pk])
    confirm = student_client.get(response.url).content.decode()
    assert "answered <strong>3 of 6</strong>" in confirm, re.findall(
        r"answered <strong>[^<]+", confirm
    )
    submit(student_client, attempt)
    attempt.refresh_from_db()
    # Short answer 1 + one matching pair of three (2 points × 1/3) out of 8 points.
    assert str(attempt.score) == "1.67"
    assert attempt.percent == 20


# --- the question list: jumping saves first ------------------------------------


def test_question_list_buttons_save_before_jumping(student_client, quiz):
    attempt = start(student_client, quiz)
    right = choice(quiz, 0, "A plate sliding under another")
    response = student_client.post(
        answer_url(attempt, 1), {field(quiz, 0): token(attempt, right.pk), "nav": "goto-3"}
    )
    assert response.url == f"{attempt.get_absolute_url()}?q=3"
    assert Answer.objects.get(attempt=attempt).response == {"choice": right.pk}

    true = choice(quiz, 2, "True")
    response = student_client.post(
        answer_url(attempt, 3),
        {field(quiz, 2): token(attempt, true.pk), "nav": "goto-6"},
        headers=HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert response["HX-Push-Url"] == f"{attempt.get_absolute_url()}?q=6"
    assert "Order these, earliest first." in body
    assert "2 of 6 answered" in body
    assert Answer.objects.filter(attempt=attempt).count() == 2


@pytest.mark.parametrize("nav", ["goto-0", "goto-7", "goto-x", "goto-", "goto--1"])
def test_question_list_target_out_of_range_just_saves(student_client, quiz, nav):
    attempt = start(student_client, quiz)
    right = choice(quiz, 0, "A plate sliding under another")
    response = student_client.post(
        answer_url(attempt, 1), {field(quiz, 0): token(attempt, right.pk), "nav": nav}
    )
    assert response.url == f"{attempt.get_absolute_url()}?q=1"
    assert Answer.objects.get(attempt=attempt).response == {"choice": right.pk}


def test_question_list_is_buttons_of_the_question_form(student_client, quiz):
    attempt = start(student_client, quiz)
    right = choice(quiz, 0, "A plate sliding under another")
    student_client.post(answer_url(attempt, 1), {field(quiz, 0): token(attempt, right.pk)})
    page = student_client.get(f"{attempt.get_absolute_url()}?q=2").content.decode()
    nav = page[
        page.index('<nav id="question-nav"') : page.index("</nav>", page.index("question-nav"))
    ]
    assert "<a " not in nav
    buttons = re.findall(r"<button [^>]*>.*?</button>", nav)
    assert len(buttons) == 7  # the hidden default and one per question
    assert buttons[1] == (
        '<button type="submit" form="question-form" name="nav" value="goto-1"'
        ' class="question-link is-answered">1<span class="visually-hidden"> (answered)</span>'
        '<span aria-hidden="true">✓</span></button>'
    )
    assert buttons[2] == (
        '<button type="submit" form="question-form" name="nav" value="goto-2"'
        ' aria-current="step" class="question-link">2</button>'
    )
    assert '<form id="question-form" method="post"' in page
    # Enter in a text box presses the form's first submit button in document order,
    # which the question list now precedes: a hidden "save and next" comes first.
    first = re.search(r'<button type="submit"[^>]*>', page[page.index("<main") :]).group()
    assert first == (
        '<button type="submit" form="question-form" name="nav" value="next" hidden tabindex="-1">'
    )


def test_ordering_needs_distinct_places(student_client, quiz):
    attempt = start(student_client, quiz)
    question = quiz.questions.get(position=5)
    data = {f"q{question.pk}-{token(attempt, c.pk, 'l')}": "1" for c in question.choices.all()}
    response = student_client.post(answer_url(attempt, 6), data, follow=True)
    assert "Give each item a different place." in response.content.decode()
    assert not Answer.objects.exists()


# --- integrity: nothing on the page gives the answer away -------------------


def test_question_pages_carry_no_tell(student_client, quiz):
    Quiz.objects.filter(pk=quiz.pk).update(shuffle=True)
    attempt = start(student_client, quiz)
    all_ids = {str(c.pk) for q in quiz.questions.all() for c in q.choices.all()}
    for number in range(1, 7):
        page = student_client.get(f"{attempt.get_absolute_url()}?q={number}").content.decode()
        form = page[
            page.index('<section id="question-panel"') : page.index(
                "</section>", page.index('<section id="question-panel"')
            )
        ]
        assert "correct" not in form.lower()
        assert "data-" not in form
        hidden = re.findall(r'<input type="hidden"[^>]*name="([^"]+)"', form)
        assert hidden == ["csrfmiddlewaretoken"]
        for kind, value in re.findall(r'type="(radio|checkbox)"[^>]*value="([^"]*)"', form):
            assert re.fullmatch(r"[0-9a-f]{16}", value), (kind, value)
        for name in re.findall(r'name="(q[^"]+)"', form):
            assert re.fullmatch(r"q\d+(-[0-9a-f]{16})?", name), name
            assert name.split("-")[-1] not in all_ids
    # Matching: no select's name shares a token with the option it should get.
    page = student_client.get(f"{attempt.get_absolute_url()}?q=5").content.decode()
    names = set(re.findall(r'name="q\d+-([0-9a-f]{16})"', page))
    options = set(re.findall(r'<option value="([0-9a-f]{16})"', page))
    assert names and options and not names & options


def test_matching_and_ordering_are_shuffled_uniformly_even_with_two_items(quiz, student):
    """Any rule on the shown order (say, never the right one) is itself a tell."""
    from collections import Counter

    from quizzes.forms import presented

    ordering = quiz.questions.get(position=5)
    ordering.choices.filter(order_key=3).delete()
    matching = quiz.questions.get(position=4)
    shown, pairs = Counter(), Counter()
    for seed in range(400):
        attempt = Attempt(pk=seed + 1, quiz=quiz, user=student, seed=seed)
        shown[tuple(c.order_key for c in presented(attempt, ordering))] += 1
        left = [c.pk for c in presented(attempt, matching)]
        right = [c.pk for c in presented(attempt, matching, salt="right")]
        pairs[sum(a == b for a, b in zip(left, right, strict=True))] += 1
    # Both orders of the two items appear about equally often.
    assert set(shown) == {(1, 2), (2, 1)} and min(shown.values()) > 140
    # Row i lines up with its own definition no more often than chance (1 of 3 rows).
    assert 0.2 < sum(k * v for k, v in pairs.items()) / (3 * 400) < 0.47


def test_shuffle_orders_choices_per_attempt(student_client, quiz, student):
    quiz.shuffle = True
    question = quiz.questions.get(position=0)
    orders = set()
    for seed in range(8):
        attempt = Attempt(pk=1000 + seed, quiz=quiz, user=student, seed=seed)
        from quizzes.forms import presented

        orders.add(tuple(c.pk for c in presented(attempt, question)))
    assert len(orders) > 1


def test_true_false_is_never_shuffled(student_client, quiz, student):
    from quizzes.forms import presented

    Quiz.objects.filter(pk=quiz.pk).update(shuffle=True)
    quiz.refresh_from_db()
    question = quiz.questions.get(position=2)
    for seed in range(40):
        attempt = Attempt(pk=2000 + seed, quiz=quiz, user=student, seed=seed)
        assert [c.text for c in presented(attempt, question)] == ["True", "False"]
    attempt = start(student_client, quiz)
    page = student_client.get(f"{attempt.get_absolute_url()}?q=3").content.decode()
    assert page.index("<span>True</span>") < page.index("<span>False</span>")


def test_hints_do_not_repeat_the_prompt(student_client, quiz):
    attempt = start(student_client, quiz)
    matching = student_client.get(f"{attempt.get_absolute_url()}?q=5").content.decode()
    assert "Match the terms." in matching and 'class="hint"' not in matching
    ordering = student_client.get(f"{attempt.get_absolute_url()}?q=6").content.decode()
    assert '<p class="hint">Give each item its place, 1 first.</p>' in ordering


def test_a_matching_questions_answers_are_listed_whole_and_the_menus_offer_letters(
    student_client, quiz
):
    """A long definition is cut off in a phone's drop-down: the answers are listed in
    full, lettered, and each item's menu offers the letters with the first words."""
    long = "the lithosphere of one tectonic plate sinking beneath another into the mantle"
    matching = quiz.questions.get(position=4)
    matching.choices.filter(text="Subduction").update(match_text=long)
    attempt = start(student_client, quiz)
    page = student_client.get(f"{attempt.get_absolute_url()}?q=5").content.decode()
    listed = re.findall(r'<span class="match-letter">(\w+)</span> <span>([^<]+)</span>', page)
    assert [label for label, _text in listed] == ["A", "B", "C"]
    assert {text for _label, text in listed} == {long, "new crust", "old supercontinent"}
    letter_of = {text: label for label, text in listed}
    options = re.findall(r'<option value="\w+">([^<]+)</option>', page)
    assert f"{letter_of[long]}: the lithosphere of one tecton…" in options
    assert f"{letter_of['new crust']}: new crust" in options
    assert all(len(option) <= 33 for option in options)
    # Each item's menu is labelled by its item, the list by its heading.
    assert 'aria-labelledby="q' in page and "Answers to choose from" in page


def test_glossary_terms_are_not_linked_on_quiz_pages(student_client, quiz):
    attempt = start(student_client, quiz)
    page = student_client.get(f"{attempt.get_absolute_url()}?q=1").content.decode()
    assert "What is subduction?" in page
    assert "term-link" not in page


# --- submitting ---------------------------------------------------------------


def test_submit_grades_once_and_review_shows_answers(student_client, quiz):
    attempt = start(student_client, quiz)
    right = choice(quiz, 0, "A plate sliding under another")
    student_client.post(answer_url(attempt, 1), {field(quiz, 0): token(attempt, right.pk)})
    assert (
        "Submit your attempt?"
        in student_client.get(reverse("quizzes:attempt_submit", args=[attempt.pk])).content.decode()
    )
    submit(student_client, attempt)
    attempt.refresh_from_db()
    assert attempt.submitted_at and attempt.percent == 12 and attempt.passed is False
    review = student_client.get(attempt.get_absolute_url()).content.decode()
    assert "12% · Not passed ✗" in review
    assert "The right answer" in review and "Wegener" in review
    assert "Subduction: one plate slides under another." in review
    assert f'href="{quiz.lecture.get_absolute_url()}#drift">Re-read “Drift”' in review

    response = submit(student_client, attempt)
    assert response.status_code == 302
    followed = student_client.get(response.url).content.decode()
    assert "already submitted; its grade stands" in followed
    attempt.refresh_from_db()
    assert attempt.percent == 12


def test_review_marks_partial_credit_and_lists_an_order(student_client, quiz):
    ordering = quiz.questions.get(position=5)
    ordering.explanation = "First Pangaea formed.\nThen it broke up."
    ordering.save()
    attempt = start(student_client, quiz)
    sub, ridge, pangaea = (choice(quiz, 4, t) for t in ("Subduction", "Ridge", "Pangaea"))
    pairs = {sub: sub, ridge: pangaea, pangaea: ridge}  # one pair of three right
    data = {
        f"{field(quiz, 4)}-{token(attempt, left.pk, 'l')}": token(attempt, right.pk, "r")
        for left, right in pairs.items()
    }
    student_client.post(answer_url(attempt, 5), data)
    places = {"Pangaea breaks up": "1", "Pangaea forms": "2", "Wegener's proposal": "3"}
    data = {
        f"{field(quiz, 5)}-{token(attempt, choice(quiz, 5, text).pk, 'l')}": place
        for text, place in places.items()
    }
    student_client.post(answer_url(attempt, 6), data)
    submit(student_client, attempt)
    review = " ".join(student_client.get(attempt.get_absolute_url()).content.decode().split())
    # Matching and ordering each earn a third of their 2 points: partly, not "not", correct.
    partly = '<p class="verdict is-partial">◐ Partly correct · 0.67 of 2 points</p>'
    assert review.count(partly) == 2 and "Not correct · 0.67" not in review
    assert '<p class="verdict is-wrong">✗ Not correct · 0 of 1 point</p>' in review
    assert (
        '<ol lang="en"><li>Pangaea breaks up</li><li>Pangaea forms</li>'
        "<li>Wegener&#x27;s proposal</li></ol>" in review
    )
    assert (
        '<ol lang="en"><li>Pangaea forms</li><li>Pangaea breaks up</li>'
        "<li>Wegener&#x27;s proposal</li></ol>" in review
    )
    assert '<p class="explanation">First Pangaea formed.<br>Then it broke up.</p>' in review


def test_posts_to_a_submitted_attempt_change_nothing(student_client, quiz):
    attempt = start(student_client, quiz)
    submit(student_client, attempt)
    right = choice(quiz, 0, "A plate sliding under another")
    response = student_client.post(
        answer_url(attempt, 1), {field(quiz, 0): token(attempt, right.pk)}, follow=True
    )
    assert "can no longer change" in response.content.decode()
    htmx = student_client.post(
        answer_url(attempt, 1), {field(quiz, 0): token(attempt, right.pk)}, headers=HTMX
    )
    assert htmx.status_code == 204 and htmx["HX-Redirect"] == attempt.get_absolute_url()
    attempt.refresh_from_db()
    assert attempt.percent == 0
    assert not Answer.objects.filter(attempt=attempt, response__has_key="choice").exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_grade_one_attempt_once(quiz, student):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race is exercised on PostgreSQL")
    attempt = services.attempt_start(quiz=quiz, user=student)
    barrier = threading.Barrier(4)
    results = []

    def go():
        barrier.wait()
        try:
            results.append(services.attempt_submit(attempt=attempt).graded_now)
        finally:
            connection.close()

    threads = [threading.Thread(target=go) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, False, False, True]
    assert Attempt.objects.filter(submitted_at__isnull=False).count() == 1


def test_second_open_attempt_is_refused_by_the_database(quiz, student):
    from django.db import IntegrityError, transaction

    Attempt.objects.create(quiz=quiz, user=student)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(quiz=quiz, user=student)


def test_answer_unique_per_question_in_database(quiz, student):
    from django.db import IntegrityError, transaction

    attempt = Attempt.objects.create(quiz=quiz, user=student)
    question = quiz.questions.first()
    Answer.objects.create(attempt=attempt, question=question)
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(attempt=attempt, question=question)


# --- time limit ----------------------------------------------------------------


def test_time_limit_refuses_late_saves_and_grades_as_of_deadline(student_client, quiz):
    Quiz.objects.filter(pk=quiz.pk).update(time_limit=timedelta(minutes=10))
    right = choice(quiz, 0, "A plate sliding under another")
    true = choice(quiz, 2, "True")
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        attempt = start(student_client, quiz)
        assert attempt.deadline == attempt.started_at + timedelta(minutes=10)
        student_client.post(answer_url(attempt, 1), {field(quiz, 0): token(attempt, right.pk)})
        traveller.shift(timedelta(minutes=11))
        response = student_client.post(
            answer_url(attempt, 3), {field(quiz, 2): token(attempt, true.pk)}, follow=True
        )
        assert "Time is up" in response.content.decode()
        submit(student_client, attempt)
    attempt.refresh_from_db()
    assert attempt.late is True
    assert attempt.submitted_at == attempt.deadline
    assert attempt.score == 1  # only the answer saved before the deadline


def test_time_limit_is_told_in_minutes(student_client, quiz):
    Quiz.objects.filter(pk=quiz.pk).update(time_limit=timedelta(minutes=15))
    body = student_client.get(quiz.get_absolute_url()).content.decode()
    assert "<dt>Time limit</dt><dd>15 minutes</dd>" in body
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        attempt = start(student_client, quiz)
        page = student_client.get(attempt.get_absolute_url()).content.decode()
        assert "(about 15 minutes left when this page loaded)" in page
        traveller.shift(timedelta(minutes=14, seconds=30))
        page = student_client.get(attempt.get_absolute_url()).content.decode()
        assert "(less than a minute left when this page loaded)" in page
    assert "seconds" not in page


@pytest.mark.parametrize(
    ("limit", "words"),
    [
        (timedelta(minutes=15), "15 minutes"),
        (timedelta(minutes=1), "1 minute"),
        (timedelta(hours=1, minutes=30), "1 hour 30 minutes"),
        (timedelta(hours=2), "2 hours"),
        (timedelta(seconds=45), "45 seconds"),
        (None, ""),
    ],
)
def test_duration_in_words(limit, words):
    from quizzes.templatetags.quiz_format import duration

    assert duration(limit) == words


def test_expired_attempt_is_closed_when_opened(student_client, quiz):
    Quiz.objects.filter(pk=quiz.pk).update(time_limit=timedelta(minutes=5))
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        attempt = start(student_client, quiz)
        traveller.shift(timedelta(minutes=6))
        page = student_client.get(attempt.get_absolute_url()).content.decode()
    assert "Your result" in page and "when the time limit ran out" in page


# --- feedback modes -----------------------------------------------------------


def test_immediate_feedback_announces_and_locks_the_answer(student_client, quiz):
    Quiz.objects.filter(pk=quiz.pk).update(feedback=Quiz.Feedback.IMMEDIATE)
    attempt = start(student_client, quiz)
    wrong = choice(quiz, 0, "A volcano")
    right = choice(quiz, 0, "A plate sliding under another")
    response = student_client.post(
        answer_url(attempt, 1),
        {field(quiz, 0): token(attempt, wrong.pk), "nav": "check"},
        headers=HTMX,
    )
    body = response.content.decode()
    assert "✗ Not quite." in body and "The answer: A plate sliding under another" in body
    assert '<fieldset class="question" lang="en" disabled>' in body
    assert 'aria-live="polite" hx-swap-oob="true">Not quite.</div>' in body
    student_client.post(
        answer_url(attempt, 1), {field(quiz, 0): token(attempt, right.pk), "nav": "check"}
    )
    answer = Answer.objects.get(attempt=attempt)
    assert answer.response == {"choice": wrong.pk} and answer.is_correct is False


def test_checking_a_blank_answer_is_refused_and_locks_nothing(student_client, quiz):
    Quiz.objects.filter(pk=quiz.pk).update(feedback=Quiz.Feedback.IMMEDIATE)
    attempt = start(student_client, quiz)
    response = student_client.post(answer_url(attempt, 1), {"nav": "check"}, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert (
        '<p class="quiz-notice js-focus" tabindex="-1">Choose an answer before checking it.</p>'
        in body
    )
    assert (
        'aria-live="polite" hx-swap-oob="true">Choose an answer before checking it.</div>' in body
    )
    assert "Not quite" not in body and "The answer:" not in body
    assert '<fieldset class="question" lang="en">' in body and "Check answer" in body
    assert "HX-Push-Url" not in response

    response = student_client.post(answer_url(attempt, 1), {"nav": "check"})
    assert response.url == f"{attempt.get_absolute_url()}?q=1"
    page = student_client.get(response.url).content.decode()
    assert "Choose an answer before checking it." in page and "Not quite" not in page
    assert not Answer.objects.exists()

    # An answer can still be checked afterwards.
    right = choice(quiz, 0, "A plate sliding under another")
    student_client.post(
        answer_url(attempt, 1), {field(quiz, 0): token(attempt, right.pk), "nav": "check"}
    )
    answer = Answer.objects.get()
    assert (answer.checked, answer.is_correct) == (True, True)


def test_on_submit_feedback_shows_nothing_before_submit(student_client, quiz):
    attempt = start(student_client, quiz)
    wrong = choice(quiz, 0, "A volcano")
    response = student_client.post(
        answer_url(attempt, 1),
        {field(quiz, 0): token(attempt, wrong.pk), "nav": "check"},
        headers=HTMX,
    )
    assert "Not quite" not in response.content.decode()
    assert Answer.objects.get().checked is False


def test_never_feedback_hides_right_answers_in_review(student_client, quiz):
    Quiz.objects.filter(pk=quiz.pk).update(feedback=Quiz.Feedback.NEVER)
    attempt = start(student_client, quiz)
    submit(student_client, attempt)
    review = student_client.get(attempt.get_absolute_url()).content.decode()
    assert "0% · Not passed" in review
    assert "The right answer" not in review and "Wegener" not in review
    assert "chosen not to show the answers" in review


# --- best scores elsewhere ----------------------------------------------------


def test_best_score_shows_on_lecture_dashboard_and_progress(student_client, quiz):
    for picked in ("A volcano", "A plate sliding under another"):
        attempt = start(student_client, quiz)
        student_client.post(
            answer_url(attempt, 1), {field(quiz, 0): token(attempt, choice(quiz, 0, picked).pk)}
        )
        submit(student_client, attempt)
    lecture_page = student_client.get(quiz.lecture.get_absolute_url()).content.decode()
    assert "Plates quiz" in lecture_page and "best 12%" in lecture_page
    assert "Plates quiz: best 12%" in student_client.get("/").content.decode()
    assert "Plates quiz: best 12%" in student_client.get("/progress/").content.decode()


def test_untried_and_draft_quizzes(student_client, quiz):
    body = student_client.get(quiz.lecture.get_absolute_url()).content.decode()
    assert "not tried yet" in body
    Quiz.objects.filter(pk=quiz.pk).update(published=False)
    body = student_client.get(quiz.lecture.get_absolute_url()).content.decode()
    assert "Plates quiz" not in body


def test_leaving_the_course_hides_attempts(student_client, student, quiz):
    from lectures.models import Enrolment

    attempt = start(student_client, quiz)
    Enrolment.objects.filter(user=student).delete()
    assert student_client.get(attempt.get_absolute_url()).status_code == 404
    assert submit(student_client, attempt).status_code == 404


def test_withdrawn_quiz_takes_no_more_answers(student_client, quiz):
    attempt = start(student_client, quiz)
    Quiz.objects.filter(pk=quiz.pk).update(published=False)
    right = choice(quiz, 0, "A plate sliding under another")
    response = student_client.post(
        answer_url(attempt, 1), {field(quiz, 0): token(attempt, right.pk)}, follow=True
    )
    assert "withdrawn by your instructor" in response.content.decode()
    submit(student_client, attempt)
    assert not Answer.objects.exists()
    attempt.refresh_from_db()
    assert attempt.is_open
