from django.urls import path

from . import views

app_name = "lectures"

lecture = "courses/<slug:course>/<slug:lecture>/"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("progress/", views.progress, name="progress"),
    path("courses/<slug:course>/", views.course_detail, name="course_detail"),
    path(lecture, views.lecture_detail, name="lecture_detail"),
    path(f"{lecture}glossary/", views.glossary, name="glossary"),
    path(f"{lecture}timeline/", views.timeline, name="timeline"),
    path(f"{lecture}sections/<int:pk>/read/", views.section_mark_read, name="section_mark_read"),
    path(f"{lecture}items/<int:pk>/done/", views.item_mark_done, name="item_mark_done"),
]
