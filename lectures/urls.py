from django.urls import path

from . import views

app_name = "lectures"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("courses/<slug:course>/", views.course_detail, name="course_detail"),
    path("courses/<slug:course>/<slug:lecture>/", views.lecture_detail, name="lecture_detail"),
]
