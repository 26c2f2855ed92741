from django.urls import path

from . import views

app_name = "quizzes"

quiz = "courses/<slug:course>/<slug:lecture>/quizzes/<int:pk>/"

urlpatterns = [
    path(quiz, views.quiz_detail, name="quiz_detail"),
    path(f"{quiz}start/", views.quiz_start, name="quiz_start"),
    path("attempts/<int:pk>/", views.attempt_detail, name="attempt_detail"),
    path("attempts/<int:pk>/questions/<int:number>/", views.attempt_answer, name="attempt_answer"),
    path("attempts/<int:pk>/answers/", views.attempt_answer_all, name="attempt_answer_all"),
    path("attempts/<int:pk>/submit/", views.attempt_submit, name="attempt_submit"),
]
