"""/lti/ pages of LTI Advantage's services: the deep-linking picker, the LMS roster,
and the grades the LMS did not take (included by lms.urls)."""

from django.urls import path

from . import deep_link_views, grade_views, roster_views

urlpatterns = [
    path("deep-link/<str:token>/", deep_link_views.deep_link, name="deep_link"),
    path("courses/<slug:course>/roster/", roster_views.roster, name="roster"),
    path(
        "courses/<slug:course>/roster/confirm/", roster_views.roster_confirm, name="roster_confirm"
    ),
    path("courses/<slug:course>/grades/", grade_views.grades, name="grades"),
    path("courses/<slug:course>/grades/retry/", grade_views.grades_retry_view, name="grades_retry"),
]
