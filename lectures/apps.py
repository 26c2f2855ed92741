from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class LecturesConfig(AppConfig):
    default = True  # this module also holds the admin's config below
    name = "lectures"
    verbose_name = "Courses and lectures"


class CourseAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on the site's own AdminSite (lectures/admin_site.py);
    named in INSTALLED_APPS in place of django.contrib.admin."""

    default = False
    default_site = "lectures.admin_site.CourseAdminSite"
