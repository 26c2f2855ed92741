from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class LmsConfig(AppConfig):
    name = "lms"
    label = "lms"
    verbose_name = gettext_lazy("LMS (LTI 1.3)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # imported here: these modules use models, which load after the app configs.
        from quizzes.signals import attempt_scored

        # imported here: as above, the app registry must be ready first.
        from . import content_links, deep_link_requests, grades, landing

        # Scores go to LMS gradebooks; quizzes announces them without importing lms.
        attempt_scored.connect(grades.attempt_scored_received, dispatch_uid="lms.grades")
        landing.RESOURCE_LINK_TARGETS.append(content_links.link_target_url)
        landing.DEEP_LINKING_PAGES.append(deep_link_requests.deep_linking_page)
