from django.urls import path

from .review import views as review_views
from .study import views
from .teaching import (
    announcement_views,
    assign_views,
    preview_views,
    report_views,
    teach_views,
    timeline_views,
)

app_name = "lectures"

lecture = "courses/<slug:course>/<slug:lecture>/"
teach = "courses/<slug:course>/teach/"
teach_lecture = f"{teach}lectures/<slug:lecture>/"
as_student = f"{teach}as-student/"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("progress/", views.progress, name="progress"),
    path("review/", review_views.review_all, name="review"),
    path("courses/<slug:course>/", views.course_detail, name="course_detail"),
    # Before the lecture pattern: "assign" would otherwise read as a lecture slug.
    path("courses/<slug:course>/assign/", assign_views.assign, name="assign"),
    path(
        "courses/<slug:course>/assign/<int:pk>/",
        assign_views.assignment_edit,
        name="assignment_edit",
    ),
    path(
        "courses/<slug:course>/assign/<int:pk>/withdraw/",
        assign_views.assignment_withdraw,
        name="assignment_withdraw",
    ),
    path(
        "courses/<slug:course>/announcements/",
        announcement_views.announcements,
        name="announcements",
    ),
    # The teaching page and what is done from it; "teach" is a reserved lecture slug.
    path(teach, teach_views.teach, name="teach"),
    path(f"{teach}import/", teach_views.notes_import, name="teach_import"),
    path(f"{teach}import/confirm/", teach_views.notes_import_confirm, name="teach_import_confirm"),
    path(f"{teach}readings/new/", teach_views.reading_new, name="teach_reading_new"),
    path(f"{teach_lecture}publish/", teach_views.lecture_publish, name="teach_publish"),
    path(f"{teach_lecture}unpublish/", teach_views.lecture_unpublish, name="teach_unpublish"),
    path(f"{teach_lecture}quiz/", teach_views.generate_quiz, name="teach_generate_quiz"),
    path(
        f"{teach_lecture}readings/",
        teach_views.readings_from_lecture_view,
        name="teach_readings_from_lecture",
    ),
    path(f"{teach}quizzes/<int:pk>/publish/", teach_views.quiz_publish, name="teach_quiz_publish"),
    path(
        f"{teach}quizzes/<int:pk>/unpublish/",
        teach_views.quiz_unpublish,
        name="teach_quiz_unpublish",
    ),
    path(f"{teach}quizzes/<int:pk>/dates/", teach_views.quiz_dates, name="teach_quiz_dates"),
    # "View as a student": read-only copies of the student pages (preview_views).
    path(as_student, preview_views.course, name="student_view_course"),
    path(f"{as_student}<slug:lecture>/", preview_views.lecture_detail, name="student_view_lecture"),
    path(
        f"{as_student}<slug:lecture>/glossary/",
        preview_views.glossary,
        name="student_view_glossary",
    ),
    path(
        f"{as_student}<slug:lecture>/timeline/",
        preview_views.timeline,
        name="student_view_timeline",
    ),
    path(
        f"{as_student}<slug:lecture>/quizzes/<int:pk>/",
        preview_views.quiz_detail,
        name="student_view_quiz",
    ),
    path("courses/<slug:course>/report/", report_views.report, name="report"),
    path("courses/<slug:course>/review/", review_views.course_review, name="course_review"),
    path("courses/<slug:course>/report.csv", report_views.report_csv, name="report_csv"),
    path(
        "courses/<slug:course>/report/students/<int:pk>/",
        report_views.report_student,
        name="report_student",
    ),
    path(
        "courses/<slug:course>/report/quizzes/<int:pk>/",
        report_views.report_quiz,
        name="report_quiz",
    ),
    path(
        "courses/<slug:course>/report/quizzes/<int:quiz>/attempts/<int:pk>/",
        report_views.report_attempt,
        name="report_attempt",
    ),
    path(lecture, views.lecture_detail, name="lecture_detail"),
    path(f"{lecture}glossary/", views.glossary, name="glossary"),
    path(f"{lecture}timeline/", views.timeline, name="timeline"),
    path(
        f"{lecture}timeline/suggestions/<int:pk>/confirm/",
        timeline_views.suggestion_confirm,
        name="suggestion_confirm",
    ),
    path(
        f"{lecture}timeline/suggestions/<int:pk>/dismiss/",
        timeline_views.suggestion_dismiss,
        name="suggestion_dismiss",
    ),
    path(f"{lecture}sections/<int:pk>/read/", views.section_mark_read, name="section_mark_read"),
    path(f"{lecture}items/<int:pk>/done/", views.item_mark_done, name="item_mark_done"),
    path(
        "courses/<slug:course>/readings/<int:pk>/done/",
        views.reading_mark_done,
        name="reading_mark_done",
    ),
]
