"""/lti/: the LTI 1.3 endpoints (DESIGN.md URL map; README "LMS (LTI 1.3)")."""

from django.urls import include, path

from . import views

app_name = "lms"

urlpatterns = [
    path("login/", views.oidc_login, name="login"),
    path("launch/", views.launch, name="launch"),
    path("continue/<str:token>/", views.handoff, name="continue"),
    path("jwks/", views.jwks, name="jwks"),
    path("course/", views.link_course, name="link_course"),
    path("register/<str:token>/", views.register, name="register"),
    # Deep linking's picker, the LMS roster, grades not sent (LTI Advantage's services).
    path("", include("lms.advantage_urls")),
]
