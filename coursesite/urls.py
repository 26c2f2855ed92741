"""Root URL map; the apps own their pages (see DESIGN.md's URL map)."""

from django.contrib import admin
from django.urls import include, path

from lectures import views as lecture_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("healthz", lecture_views.healthz, name="healthz"),
    path("", include("quizzes.urls")),
    path("", include("lectures.urls")),
]
