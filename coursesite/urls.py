"""Root URL map; the apps own their pages (see DESIGN.md's URL map)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django_ratelimit.decorators import ratelimit

from lectures import views as lecture_views


def _login_rate_limited(view):
    """Both login forms (site and admin) share the same guessing limits."""
    view = ratelimit(key="ip", rate=settings.LOGIN_RATE_PER_IP, method="POST")(view)
    return ratelimit(key="post:username", rate=settings.LOGIN_RATE_PER_USERNAME, method="POST")(
        view
    )


admin.site.login = _login_rate_limited(admin.site.login)

urlpatterns = [
    path("accounts/login/", _login_rate_limited(auth_views.LoginView.as_view()), name="login"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("healthz", lecture_views.healthz, name="healthz"),
    path("", include("quizzes.urls")),
    path("", include("lectures.urls")),
]
