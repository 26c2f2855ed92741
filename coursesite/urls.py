"""Root URL map; the apps own their pages (see DESIGN.md's URL map)."""

from django.contrib import admin
from django.urls import include, path

from coursesite import health
from lectures.accounts import views as account_views

# Login throttling needs no wrapping here: django-axes works in the authentication
# backend, under the site's and the admin's login forms alike (lectures/accounts.py).
urlpatterns = [
    path("admin/", admin.site.urls),
    # Ahead of django.contrib.auth.urls, whose own view it replaces.
    path(
        "accounts/password_reset/",
        account_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/preferences/", account_views.preferences, name="preferences"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("healthz", health.healthz, name="healthz"),
    path("lti/", include("lms.urls")),
    # Lectures first: its course pages (/courses/<course>/report/quizzes/<id>/) would
    # otherwise read as a quiz of a lecture called "report".
    path("", include("lectures.urls")),
    path("", include("quizzes.urls")),
]
