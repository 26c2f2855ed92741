"""seed_demo's second course, taught in Spanish (issue 20): its lecture imported in
Spanish, its generated quiz published with Spanish prompts, the demo student
enrolled in both courses; and running it again changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from lectures.models import Course, Enrolment, TimelineEvent
from quizzes.models import Quiz
from tests.catalogue import use_compiled_catalogue

pytestmark = pytest.mark.django_db


def seed() -> str:
    out, err = StringIO(), StringIO()
    call_command("seed_demo", "--students", "1", stdout=out, stderr=err)
    # With the catalogue compiled, no warning that the quiz was drafted in English.
    assert err.getvalue() == ""
    return out.getvalue()


def test_seed_demo_makes_a_spanish_course_with_its_quiz(tmp_path, settings):
    use_compiled_catalogue(tmp_path, settings)
    output = seed()
    course = Course.objects.get(slug="demo-es")
    assert course.language == "es"
    # Its own teacher, so that `instructor` still teaches one course.
    assert list(course.instructors.values_list("username", flat=True)) == ["profesora"]
    assert Course.objects.get(slug="demo").instructors.get().username == "instructor"
    assert set(
        Enrolment.objects.filter(user__username="student").values_list("course__slug", flat=True)
    ) == {"demo", "demo-es"}
    lecture = course.lectures.get()
    assert lecture.published
    assert lecture.overview.startswith("Esta clase repasa la Guerra de la Independencia")
    assert lecture.terms.filter(term="Afrancesados").exists()
    assert lecture.action_items.count() == 3
    assert lecture.events.filter(
        when_label="2 de mayo de 1808", status=TimelineEvent.Status.SHOWN
    ).exists()
    assert lecture.events.filter(when_label="133 a. C.").get().start.year == -133
    # One suggestion for the instructor to confirm: a state from 1814 on.
    assert list(
        lecture.events.filter(status=TimelineEvent.Status.SUGGESTED).values_list(
            "when_label", flat=True
        )
    ) == ["1814"]
    quiz = Quiz.objects.get(lecture=lecture)
    assert quiz.published and quiz.generated
    assert quiz.title == "La Guerra de la Independencia española: comprueba lo que sabes"
    prompts = list(quiz.questions.values_list("prompt", flat=True))
    assert "Relaciona cada término con su definición." in prompts
    assert all(not p.startswith(("Which", "Match", "Put", "True")) for p in prompts)
    assert quiz.get_absolute_url() in output and course.get_absolute_url() in output

    question_pks = set(quiz.questions.values_list("pk", flat=True))
    seed()
    assert Quiz.objects.get(lecture=lecture).pk == quiz.pk
    assert set(quiz.questions.values_list("pk", flat=True)) == question_pks
    assert Course.objects.filter(slug="demo-es").count() == 1
    assert Enrolment.objects.filter(course=course).count() == 1
