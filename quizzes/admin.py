"""Instructors' quiz management: questions and their answer keys, preview, results, regrade.

Scoping comes from lectures.admin_scoping: staff see and edit only the quizzes of
the courses they teach. Answers that students submitted are graded once; when the
key changes afterwards, the instructor is told and regrades explicitly.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_lazy, ngettext

from lectures.admin_scoping import InstructorScopedMixin, ScopedInline, limit_section_choices
from lectures.content.rendering import render_inline
from lectures.models import Lecture, Section

from .access import teachers_of_quiz
from .admin_forms import (
    ChoiceFormSet,
    QuestionForm,
    QuestionInlineForm,
    QuestionInlineFormSet,
    question_problems,
)
from .generation import RULES, GenerationError, quiz_generate
from .kinds import kind_for
from .kinds.ordering import in_order
from .models import Attempt, Choice, Question, Quiz
from .publishing import QuizNotReady, quiz_saved, quiz_set_published
from .results import quiz_results
from .selectors import submitted_attempts
from .services import RegradeChange, questions_for, quiz_regrade

# Changes to these make stored grades stale; prompt or explanation edits do not.
QUESTION_KEY_FIELDS = {"kind", "points"}
MAX_LISTED_CHANGES = 20


def _submitted(n: int) -> str:
    return ngettext("%(n)d submitted attempt", "%(n)d submitted attempts", n) % {"n": n}


def _questions(n: int) -> str:
    return ngettext("%(n)d question", "%(n)d questions", n) % {"n": n}


def _stale_key_warning(request: HttpRequest, quiz_id: int) -> None:
    n = submitted_attempts(quiz_id)
    if n:
        messages.warning(
            request,
            format_html(
                gettext(
                    "This quiz has {attempts} graded against the old answer key. "
                    'Use “<a href="{url}">Regrade submitted attempts</a>” to update their scores.'
                ),
                attempts=_submitted(n),
                url=reverse("admin:quizzes_quiz_regrade", args=[quiz_id]),
            ),
        )


def _describe_change(change: RegradeChange, staff: set[int]) -> str:
    def pct(value):
        return "—" if value is None else f"{value}%"

    line = change.attempt.user.get_username()
    if change.attempt.user_id in staff:
        line += gettext(" (instructor)")
    line += f": {pct(change.old_percent)} → "
    line += pct(change.new_percent)
    if change.old_passed != change.new_passed and change.new_passed is not None:
        line += gettext(" (now passed)") if change.new_passed else gettext(" (now failed)")
    return line


def regrade_and_report(request: HttpRequest, quiz: Quiz) -> list[RegradeChange]:
    """Regrade every submitted attempt, instructors' own included (their grades should
    be right too; they are marked so in the report), and say what changed."""
    total = submitted_attempts(quiz.pk)
    changes = sorted(quiz_regrade(quiz=quiz), key=lambda c: c.attempt.user.get_username())
    head = ngettext(
        "“%(quiz)s”: %(n)d submitted attempt regraded.",
        "“%(quiz)s”: %(n)d submitted attempts regraded.",
        total,
    ) % {"quiz": quiz.title, "n": total}
    if not changes:
        messages.success(request, gettext("%(head)s No scores changed.") % {"head": head})
        return changes
    staff = set(teachers_of_quiz(quiz).values_list("pk", flat=True))
    listed = "; ".join(_describe_change(c, staff) for c in changes[:MAX_LISTED_CHANGES])
    more = len(changes) - MAX_LISTED_CHANGES
    if more > 0:
        listed = ngettext("%(listed)s; and %(n)d more", "%(listed)s; and %(n)d more", more) % {
            "listed": listed,
            "n": more,
        }
    changed = ngettext(
        "%(head)s %(n)d score changed: %(listed)s.",
        "%(head)s %(n)d scores changed: %(listed)s.",
        len(changes),
    )
    messages.success(request, changed % {"head": head, "n": len(changes), "listed": listed})
    return changes


# -- answer keys at a glance -----------------------------------------------------


def answer_key_summary(question: Question) -> SafeString | str:
    choices = list(question.choices.all())
    if not choices:
        return gettext("No choices yet: open the question to add them.")
    text = kind_for(question).key_summary(choices)
    problems = question_problems(question)
    if problems:
        return format_html(
            gettext("{key}<br><strong>Needs fixing:</strong> {problems}"),
            key=text,
            problems=" ".join(problems),
        )
    return text


class QuestionInline(ScopedInline, admin.StackedInline):
    model = Question
    form = QuestionInlineForm
    formset = QuestionInlineFormSet
    course_field = "quiz__lecture__course"
    parent_course_field = "lecture__course"
    fields = [
        ("kind", "points", "position"),
        "prompt",
        "section",
        "explanation",
        "answer_key",
        "origin",
        "review",
    ]
    readonly_fields = ["answer_key", "origin", "review"]
    show_change_link = True
    verbose_name_plural = gettext_lazy(
        "questions (edit choices and answers on each question's page)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("choices")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            # This quiz's lecture only; an archived section stays if a question uses it.
            sections = Section.objects.filter(lecture_id=obj.lecture_id).filter(
                Q(archived=False) | Q(questions__quiz=obj)
            )
            limit_section_choices(formset, sections.distinct())
        return formset

    @admin.display(description=gettext_lazy("answer key"))
    def answer_key(self, obj: Question):
        if obj.pk:
            return answer_key_summary(obj)
        return gettext("Save, then open the question to add choices.")

    @admin.display(description=gettext_lazy("made by"))
    def origin(self, obj: Question):
        return question_origin(obj)

    @admin.display(description=gettext_lazy("to review"))
    def review(self, obj: Question):
        return obj.review_reason() or "—"


def question_origin(question: Question) -> SafeString | str:
    """Why a generated question exists: the rule that made it and the notes it was
    made from, so an instructor can judge it (quizzes.generation.RULES)."""
    if not question.rule:
        return gettext("written by hand")
    return format_html(
        gettext("{rule}<br>from: {source}"),
        rule=RULES.get(question.rule, question.rule),
        source=question.source[:500] or "—",
    )


class ChoiceInline(ScopedInline, admin.TabularInline):
    model = Choice
    formset = ChoiceFormSet
    course_field = "question__quiz__lecture__course"
    parent_course_field = "quiz__lecture__course"
    fields = ["text", "is_correct", "match_text", "order_key"]

    def get_extra(self, request, obj=None, **kwargs):
        return 4 if obj is None or not obj.choices.exists() else 0


def _count_of(model, **filters):
    rows = (
        model.objects.filter(quiz=OuterRef("pk"), **filters)
        .order_by()
        .values("quiz")
        .annotate(c=Count("pk"))
        .values("c")
    )
    return Coalesce(Subquery(rows), 0)


@admin.register(Quiz)
class QuizAdmin(InstructorScopedMixin, admin.ModelAdmin):
    course_field = "lecture__course"
    list_display = [
        "title",
        "lecture",
        "course",
        "published",
        "due_at",
        "question_count",
        "attempt_count",
        "generated",
    ]
    list_filter = ["published", "generated", ("lecture__course", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["lecture__course"]
    search_fields = ["title", "lecture__title"]
    fieldsets = [
        (None, {"fields": ["lecture", "title", "description", "published"]}),
        (
            gettext_lazy("Rules"),
            {
                "fields": [
                    ("pass_mark", "max_attempts"),
                    "time_limit",
                    ("shuffle", "feedback"),
                    "grade_kept",
                ]
            },
        ),
        (
            gettext_lazy("Dates"),
            {
                "fields": ["opens_at", "due_at", "closes_at"],
                "description": gettext_lazy(
                    "Each optional, in the site's time zone. Students see them on "
                    "the quiz, the lecture and their dashboard; the report counts a quiz past "
                    "its due date without a submitted attempt as overdue."
                ),
            },
        ),
        (
            gettext_lazy("Origin"),
            {"fields": [("generated", "created")], "classes": ["collapse"]},
        ),
    ]
    readonly_fields = ["generated", "created"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}
    inlines = [QuestionInline]
    actions = ["publish", "unpublish", "regrade", "mark_reviewed"]
    save_on_top = True

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("lecture__course")
            .annotate(
                n_questions=_count_of(Question),
                n_submitted=_count_of(Attempt, submitted_at__isnull=False),
            )
        )

    @admin.display(description=gettext_lazy("course"), ordering="lecture__course__title")
    def course(self, obj: Quiz):
        return obj.lecture.course

    @admin.display(description=gettext_lazy("questions"), ordering="n_questions")
    def question_count(self, obj: Quiz) -> int:
        return obj.n_questions

    @admin.display(description=gettext_lazy("submitted attempts"), ordering="n_submitted")
    def attempt_count(self, obj: Quiz) -> int:
        return obj.n_submitted

    # -- actions ---------------------------------------------------------------

    @admin.action(
        description=gettext_lazy("Mark selected quizzes' questions as reviewed"),
        permissions=["change"],
    )
    def mark_reviewed(self, request: HttpRequest, queryset) -> None:
        cleared = Question.objects.filter(quiz__in=queryset).exclude(needs_review="")
        count = cleared.update(needs_review="")
        self.message_user(
            request,
            ngettext(
                "%(n)d question marked as reviewed.", "%(n)d questions marked as reviewed.", count
            )
            % {"n": count},
        )

    @admin.action(description=gettext_lazy("Publish selected quizzes"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset) -> None:
        """The teaching page's publishing (quizzes.publishing): the same checks, and
        the same mail to the students of a dated quiz."""
        published = 0
        site_url = request.build_absolute_uri("/")
        for quiz in queryset.filter(published=False).order_by("title", "pk"):
            try:
                published += quiz_set_published(quiz=quiz, published=True, site_url=site_url)
            except QuizNotReady as exc:
                self.message_user(
                    request,
                    format_html(
                        gettext(
                            '“{quiz}” was not published: {problems} <a href="{url}">Fix it</a>.'
                        ),
                        quiz=quiz.title,
                        problems=" ".join(exc.problems),
                        url=reverse("admin:quizzes_quiz_change", args=[quiz.pk]),
                    ),
                    messages.ERROR,
                )
        if published:
            done = ngettext("Published %(n)d quiz.", "Published %(n)d quizzes.", published)
            self.message_user(request, done % {"n": published})

    @admin.action(description=gettext_lazy("Unpublish selected quizzes"), permissions=["change"])
    def unpublish(self, request: HttpRequest, queryset) -> None:
        n = sum(
            quiz_set_published(quiz=quiz, published=False)
            for quiz in queryset.filter(published=True)
        )
        self.message_user(
            request, ngettext("Unpublished %(n)d quiz.", "Unpublished %(n)d quizzes.", n) % {"n": n}
        )

    @admin.action(description=gettext_lazy("Regrade submitted attempts…"), permissions=["change"])
    def regrade(self, request: HttpRequest, queryset) -> TemplateResponse | None:
        """Like the delete action: a page listing the quizzes asks first, and its
        "yes" posts the selection back with `post=yes`."""
        if request.POST.get("post") == "yes":
            for quiz in queryset:
                regrade_and_report(request, quiz)
            return None
        quizzes = list(queryset.order_by("title", "pk"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Regrade submitted attempts?"),
            "quizzes": quizzes,
            "submitted": sum(quiz.n_submitted for quiz in quizzes),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/quizzes/quiz/regrade_selected_confirmation.html", context
        )

    # -- pages -----------------------------------------------------------------

    def get_urls(self):
        urls = [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="quizzes_quiz_preview",
            ),
            path(
                "<int:pk>/regrade/",
                self.admin_site.admin_view(self.regrade_view),
                name="quizzes_quiz_regrade",
            ),
        ]
        return urls + super().get_urls()

    def _get_quiz(self, request: HttpRequest, pk: int) -> Quiz:
        quiz = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, quiz):
            raise PermissionDenied
        return quiz

    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        quiz = self._get_quiz(request, pk)
        show_answers = request.GET.get("answers") == "1"
        questions = []
        for number, question in enumerate(questions_for(quiz), 1):
            choices = list(question.choices.all())
            questions.append(
                {
                    "number": number,
                    "question": question,
                    "kind": kind_for(question),
                    "prompt_html": render_inline(question.prompt),
                    "origin": question_origin(question),
                    "choices": choices,
                    # The stored order of matches and items is usually the answer.
                    "matches": sorted(choices, key=lambda c: (c.match_text.casefold(), c.pk)),
                    "places": range(1, len(choices) + 1),
                    "ordered": in_order(choices),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": quiz,
            "title": gettext("Preview: %(quiz)s") % {"quiz": quiz.title},
            "quiz": quiz,
            "questions": questions,
            "show_answers": show_answers,
            "total_points": sum(q["question"].points for q in questions),
        }
        return TemplateResponse(request, "admin/quizzes/quiz/preview.html", context)

    def regrade_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        quiz = self._get_quiz(request, pk)
        if not self.has_change_permission(request, quiz):
            raise PermissionDenied
        change_url = reverse("admin:quizzes_quiz_change", args=[quiz.pk])
        if request.method == "POST":
            regrade_and_report(request, quiz)
            return HttpResponseRedirect(change_url)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "POST"])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": quiz,
            "title": gettext("Regrade “%(quiz)s”?") % {"quiz": quiz.title},
            "quiz": quiz,
            "submitted": submitted_attempts(quiz.pk),
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/quizzes/quiz/regrade_confirm.html", context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            stale = obj.questions.exclude(needs_review="").count()
            if stale and request.method == "GET":
                self.message_user(
                    request,
                    ngettext(
                        "%(n)d question to review: the notes it was made from "
                        "changed (see “to review” on it). Edit it, then use the action "
                        "“Mark selected quizzes' questions as reviewed”.",
                        "%(n)d questions to review: the notes they were made from "
                        "changed (see “to review” on each). Edit them, then use the action "
                        "“Mark selected quizzes' questions as reviewed”.",
                        stale,
                    )
                    % {"n": stale},
                    messages.WARNING,
                )
            # The site's results page counts the same attempts: quizzes.results.
            context["results"] = quiz_results(obj, breakdown=False)
            context["results_url"] = reverse(
                "lectures:report_quiz", args=[obj.lecture.course.slug, obj.pk]
            )
            # Every submitted attempt, instructors' included: all are regraded.
            context["submitted_attempts"] = submitted_attempts(obj.pk)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        quiz = form.instance
        # Published with a due date (ticked here, or a date typed on a published
        # quiz): its students are told it is theirs, once.
        quiz_saved(quiz=quiz, site_url=request.build_absolute_uri("/"))
        if change and _key_changed(
            form, formsets, QUESTION_KEY_FIELDS, parent_fields={"pass_mark"}
        ):
            _stale_key_warning(request, quiz.pk)
        if quiz.published:
            broken = [q for q in quiz.questions.prefetch_related("choices") if question_problems(q)]
            if broken:
                messages.warning(
                    request,
                    format_html(
                        gettext(
                            "This quiz is published, but these questions cannot be graded yet: "
                            "{questions}"
                        ),
                        questions=format_html_join(
                            "; ",
                            '<a href="{}">{}</a>',
                            (
                                (reverse("admin:quizzes_question_change", args=[q.pk]), str(q))
                                for q in broken
                            ),
                        ),
                    ),
                )


def _key_changed(form, formsets, child_fields, parent_fields=frozenset()) -> bool:
    """Whether a save touched anything grading depends on (call after saving)."""
    if set(form.changed_data) & set(parent_fields):
        return True
    for formset in formsets:
        if formset.new_objects or formset.deleted_objects:
            return True
        for _obj, fields in formset.changed_objects:
            if child_fields is None or set(fields) & set(child_fields):
                return True
    return False


@admin.register(Question)
class QuestionAdmin(InstructorScopedMixin, admin.ModelAdmin):
    """Reached from its quiz's page; hidden from the admin index to keep it short."""

    course_field = "quiz__lecture__course"
    form = QuestionForm
    list_display = ["__str__", "quiz", "kind", "points", "position"]
    list_filter = ["kind", ("quiz__lecture__course", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["quiz"]
    search_fields = ["prompt", "quiz__title"]
    fields = ["quiz", "kind", "prompt", "explanation", "section", ("points", "position")]
    inlines = [ChoiceInline]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("quiz__lecture")

    def get_readonly_fields(self, request, obj=None):
        # Answers point at the question; moving it to another quiz would strand them.
        return ["quiz"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "quiz":
            kwargs["queryset"] = self.scoped(request, Quiz.objects.all(), "lecture__course")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and "section" in form.base_fields:
            form.base_fields["section"].queryset = Section.objects.filter(
                Q(archived=False) | Q(pk=obj.section_id), lecture_id=obj.quiz.lecture_id
            ).defer("body")
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["quiz"] = obj.quiz
            context["submitted_attempts"] = submitted_attempts(obj.quiz_id)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change or _key_changed(form, formsets, None, parent_fields=QUESTION_KEY_FIELDS):
            _stale_key_warning(request, form.instance.quiz_id)

    def delete_model(self, request, obj):
        request._question_quiz_id = obj.quiz_id
        super().delete_model(request, obj)
        _stale_key_warning(request, obj.quiz_id)

    def _back_to_quiz(self, quiz_id: int) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:quizzes_quiz_change", args=[quiz_id]))

    def response_post_save_add(self, request, obj):
        return self._back_to_quiz(obj.quiz_id)

    def response_post_save_change(self, request, obj):
        return self._back_to_quiz(obj.quiz_id)

    def response_delete(self, request, obj_display, obj_id):
        response = super().response_delete(request, obj_display, obj_id)
        quiz_id = getattr(request, "_question_quiz_id", None)
        if quiz_id and response.status_code == 302:
            return self._back_to_quiz(quiz_id)
        return response


@admin.action(
    description=gettext_lazy("Generate a draft quiz from the notes"), permissions=["change"]
)
def generate_quiz(modeladmin, request: HttpRequest, queryset) -> None:
    """For LectureAdmin: draft an unpublished quiz per selected lecture."""
    for lecture in queryset.select_related("course"):
        try:
            quiz = quiz_generate(lecture=lecture)
        except GenerationError as exc:
            modeladmin.message_user(
                request,
                gettext("No quiz drafted for “%(lecture)s”: %(problem)s")
                % {"lecture": lecture.title, "problem": exc},
                messages.ERROR,
            )
            continue
        modeladmin.message_user(
            request,
            format_html(
                gettext(
                    'Drafted “<a href="{url}">{quiz}</a>” from “{lecture}” with {questions}. '
                    "It stays unpublished until you review and publish it."
                ),
                url=reverse("admin:quizzes_quiz_change", args=[quiz.pk]),
                quiz=quiz.title,
                lecture=lecture.title,
                questions=_questions(quiz.questions.count()),
            ),
            messages.SUCCESS,
        )


# Quizzes build on lectures, not the other way round: this app adds its action to
# the lecture admin that lectures.admin registered (it is earlier in INSTALLED_APPS).
_lecture_admin = admin.site.get_model_admin(Lecture)
_lecture_admin.actions = [*_lecture_admin.actions, generate_quiz]
