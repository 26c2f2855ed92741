"""Taking a quiz: start or resume, answer question by question, submit once, review.

One question per screen works with and without JavaScript (htmx swaps the panel;
without it the same form posts and redirects); `?view=all` puts every question
in one form. Grading happens only in services.attempt_submit.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coursesite.htmx import wants_fragment
from lectures.content.rendering import render_inline

from . import access, selectors, services
from .forms import AnswerForm
from .grading import correct_response
from .kinds import kind_for
from .models import Attempt, Question, Quiz

MAX_POST_FIELDS = 400
UNAVAILABLE = gettext_lazy(
    "This quiz has been withdrawn by your instructor; answers can no longer be saved."
)
CHOOSE_FIRST = gettext_lazy("Choose an answer before checking it.")


@require_GET
@login_required
def quiz_detail(request: HttpRequest, course: str, lecture: str, pk: int) -> HttpResponse:
    quiz = access.get_quiz_for_user(request.user, course, lecture, pk)
    attempts = list(selectors.past_attempts(request.user, quiz))
    submitted = [a for a in attempts if not a.is_open]
    open_attempt = next((a for a in attempts if a.is_open), None)
    used_up = bool(quiz.max_attempts) and len(submitted) >= quiz.max_attempts
    # A teacher may try the quiz outside its dates (services.attempt_start).
    shut = "" if quiz.lecture.teaching else quiz.shut_reason(timezone.now())
    context = {
        "quiz": quiz,
        "lecture": quiz.lecture,
        "course": quiz.lecture.course,
        "question_count": quiz.questions.count(),
        "attempts": attempts,
        "open_attempt": open_attempt,
        "best": max((a.percent or 0 for a in submitted), default=None),
        "submitted_any": bool(submitted),
        "remaining": quiz.max_attempts - len(submitted) if quiz.max_attempts else None,
        "used_up": used_up and open_attempt is None,
        "shut": shut,
    }
    return render(request, "quizzes/quiz_detail.html", context)


@require_POST
@login_required
def quiz_start(request: HttpRequest, course: str, lecture: str, pk: int) -> HttpResponse:
    quiz = access.get_quiz_for_user(request.user, course, lecture, pk)
    try:
        attempt = services.attempt_start(quiz=quiz, user=request.user)
    except services.AttemptError as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(quiz.get_absolute_url())
    return HttpResponseRedirect(attempt.get_absolute_url())


def _question_context(attempt: Attempt, questions: list[Question], answers: dict, number: int):
    question = questions[number - 1]
    answer = answers.get(question.pk)
    form = AnswerForm(
        attempt=attempt, question=question, initial_response=answer.response if answer else None
    )
    return {
        "number": number,
        "question": question,
        "prompt_html": render_inline(question.prompt),
        "form": form,
        "answer": answer,
        "feedback": _immediate_feedback(attempt, question, answer),
    }


def _immediate_feedback(attempt: Attempt, question: Question, answer) -> dict | None:
    if attempt.quiz.feedback != Quiz.Feedback.IMMEDIATE or not (answer and answer.checked):
        return None
    return {
        "is_correct": answer.is_correct,
        "partial": _verdict(answer.is_correct, answer.points_awarded) == "partial",
        "right": _describe(question, correct_response(question)),
        "explanation": question.explanation,
    }


def _verdict(is_correct: bool | None, points) -> str:
    """ "correct", "partial" (some points, not all) or "wrong"."""
    if is_correct:
        return "correct"
    return "partial" if points else "wrong"


def _describe(question: Question, response: dict | None) -> list[str]:
    """A response in words, for feedback and review."""
    response = response if isinstance(response, dict) else {}
    return kind_for(question).describe(list(question.choices.all()), response)


def _progress(questions: list[Question], answers: dict) -> dict:
    answered = sum(1 for q in questions if q.pk in answers and answers[q.pk].response)
    return {"answered": answered, "total": len(questions)}


def _attempt_page(
    request: HttpRequest, attempt: Attempt, number: int | None = None, notice: str = ""
) -> HttpResponse:
    questions = services.questions_for(attempt.quiz)
    answers = {a.question_id: a for a in attempt.answers.all()}
    view_all = request.GET.get("view") == "all" and number is None
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "lecture": attempt.quiz.lecture,
        "course": attempt.quiz.lecture.course,
        "questions": questions,
        "answered_ids": {pk for pk, a in answers.items() if a.response},
        "progress": _progress(questions, answers),
        "view_all": view_all,
        "notice": notice,
    }
    if not questions:
        return render(request, "quizzes/attempt_detail.html", context)
    if view_all:
        context["panels"] = [
            _question_context(attempt, questions, answers, n) for n in range(1, len(questions) + 1)
        ]
    else:
        if number is None:
            try:
                number = int(request.GET.get("q", "1"))
            except ValueError:
                number = 1
        number = min(max(number, 1), len(questions))
        context.update(_question_context(attempt, questions, answers, number))
    template = "quizzes/attempt_detail.html"
    if wants_fragment(request) and not view_all:
        template += "#question-response"
    return render(request, template, context)


@require_GET
@login_required
def attempt_detail(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = services.attempt_close_if_expired(access.get_attempt_for_user(request.user, pk))
    if not attempt.is_open:
        return _review(request, attempt)
    return _attempt_page(request, attempt)


def _review(request: HttpRequest, attempt: Attempt) -> HttpResponse:
    quiz = attempt.quiz
    questions = services.questions_for(quiz)
    answers = {a.question_id: a for a in attempt.answers.all()}
    show_answers = quiz.feedback != Quiz.Feedback.NEVER
    rows = []
    for number, question in enumerate(questions, start=1):
        answer = answers.get(question.pk)
        is_correct = answer.is_correct if answer else False
        points = (answer.points_awarded if answer else None) or 0
        rows.append(
            {
                "number": number,
                "question": question,
                "kind": kind_for(question),
                "prompt_html": render_inline(question.prompt),
                "given": _describe(question, answer.response if answer else None),
                "is_correct": is_correct,
                "verdict": _verdict(is_correct, points),
                "points": points,
                "right": _describe(question, correct_response(question)) if show_answers else [],
            }
        )
    context = {
        "attempt": attempt,
        "quiz": quiz,
        "lecture": quiz.lecture,
        "course": quiz.lecture.course,
        "rows": rows,
        "show_answers": show_answers,
    }
    return render(request, "quizzes/attempt_review.html", context)


def _closed(request: HttpRequest, attempt: Attempt, message: str) -> HttpResponse:
    """A post to a submitted or timed-out attempt changes nothing and says why."""
    messages.error(request, message)
    if wants_fragment(request):
        return HttpResponse(status=204, headers={"HX-Redirect": attempt.get_absolute_url()})
    return HttpResponseRedirect(attempt.get_absolute_url())


@require_POST
@login_required
def attempt_answer(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    attempt = access.get_attempt_for_user(request.user, pk)
    if len(request.POST) > MAX_POST_FIELDS:
        return HttpResponseBadRequest(gettext("Too many fields."))
    questions = services.questions_for(attempt.quiz)
    if not 1 <= number <= len(questions):
        return HttpResponseBadRequest(gettext("There is no such question in this quiz."))
    question = questions[number - 1]
    if not access.may_answer(request.user, attempt):
        return _closed(request, attempt, UNAVAILABLE)
    form = AnswerForm(request.POST, attempt=attempt, question=question)
    nav, target = _nav(request.POST.get("nav", "next"), number, len(questions))
    if not form.is_valid():
        if not wants_fragment(request):
            messages.error(
                request,
                gettext("That answer was not understood: %(errors)s") % {"errors": _errors(form)},
            )
            return HttpResponseRedirect(f"{attempt.get_absolute_url()}?q={number}")
        return _attempt_page(request, attempt, number)
    answer_exists = attempt.answers.filter(question=question, checked=True).exists()
    check = nav == "check" and attempt.quiz.feedback == Quiz.Feedback.IMMEDIATE
    if check and not answer_exists and form.is_blank():
        # Checking locks the answer and shows the key: never for an empty answer.
        if not wants_fragment(request):
            messages.error(request, CHOOSE_FIRST)
            return HttpResponseRedirect(f"{attempt.get_absolute_url()}?q={number}")
        return _attempt_page(request, attempt, number, notice=CHOOSE_FIRST)
    try:
        if not answer_exists:
            services.answer_save(
                attempt=attempt, question=question, response=form.response(), check=check
            )
    except services.AttemptError as exc:
        return _closed(request, attempt, str(exc))
    if nav == "submit":
        confirm = reverse("quizzes:attempt_submit", args=[attempt.pk])
        if wants_fragment(request):
            return HttpResponse(status=204, headers={"HX-Redirect": confirm})
        return HttpResponseRedirect(confirm)
    if wants_fragment(request):
        response = _attempt_page(request, attempt, target)
        response["HX-Push-Url"] = f"{attempt.get_absolute_url()}?q={target}"
        return response
    return HttpResponseRedirect(f"{attempt.get_absolute_url()}?q={target}")


def _nav(value: str, number: int, total: int) -> tuple[str, int]:
    """(action, question to show next) for the button pressed: "prev", "next",
    "check", "save", "submit", or "goto-N" from the question list (an N out of
    range just saves)."""
    if value.startswith("goto-"):
        try:
            place = int(value.removeprefix("goto-"))
        except ValueError:
            place = 0
        return ("goto", place) if 1 <= place <= total else ("save", number)
    target = {"prev": number - 1, "next": number + 1}.get(value, number)
    return value, min(max(target, 1), total)


def _errors(form: AnswerForm) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@require_POST
@login_required
def attempt_answer_all(request: HttpRequest, pk: int) -> HttpResponse:
    """The one-page form: save every answer given, then go on to submit if asked."""
    attempt = access.get_attempt_for_user(request.user, pk)
    if len(request.POST) > MAX_POST_FIELDS:
        return HttpResponseBadRequest(gettext("Too many fields."))
    if not access.may_answer(request.user, attempt):
        return _closed(request, attempt, UNAVAILABLE)
    questions = services.questions_for(attempt.quiz)
    forms = [AnswerForm(request.POST, attempt=attempt, question=q) for q in questions]
    bad = [f for f in forms if not f.is_valid()]
    if bad:
        messages.error(
            request,
            gettext("Some answers were not understood: %(errors)s") % {"errors": _errors(bad[0])},
        )
        return HttpResponseRedirect(f"{attempt.get_absolute_url()}?view=all")
    checked = set(attempt.answers.filter(checked=True).values_list("question_id", flat=True))
    try:
        for form in forms:
            if form.question.pk not in checked:
                services.answer_save(
                    attempt=attempt, question=form.question, response=form.response()
                )
    except services.AttemptError as exc:
        return _closed(request, attempt, str(exc))
    if request.POST.get("nav") == "submit":
        return HttpResponseRedirect(reverse("quizzes:attempt_submit", args=[attempt.pk]))
    messages.success(request, gettext("Your answers are saved."))
    return HttpResponseRedirect(f"{attempt.get_absolute_url()}?view=all")


@require_http_methods(["GET", "POST"])
@login_required
def attempt_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST grades, once."""
    attempt = access.get_attempt_for_user(request.user, pk)
    if request.method == "GET":
        if not attempt.is_open:
            return HttpResponseRedirect(attempt.get_absolute_url())
        questions = services.questions_for(attempt.quiz)
        answers = {a.question_id: a for a in attempt.answers.all()}
        context = {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "lecture": attempt.quiz.lecture,
            "course": attempt.quiz.lecture.course,
            "progress": _progress(questions, answers),
            "unanswered": [
                n
                for n, q in enumerate(questions, start=1)
                if not (q.pk in answers and answers[q.pk].response)
            ],
        }
        return render(request, "quizzes/attempt_submit.html", context)
    if attempt.is_open and not access.may_answer(request.user, attempt):
        return _closed(request, attempt, UNAVAILABLE)
    result = services.attempt_submit(attempt=attempt)
    if not result.graded_now:
        messages.info(request, gettext("This attempt was already submitted; its grade stands."))
    elif result.attempt.late and result.attempt.ended_by_closing:
        messages.warning(
            request,
            gettext(
                "The quiz closed before you submitted: the answers you saved before it closed "
                "were graded."
            ),
        )
    elif result.attempt.late:
        messages.warning(
            request,
            gettext("Time was up before you submitted: answers saved by the deadline were graded."),
        )
    return HttpResponseRedirect(attempt.get_absolute_url())
