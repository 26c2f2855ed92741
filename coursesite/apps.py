"""The project's own app configuration: Django's admin on the site's AdminSite."""

from django.contrib.admin import apps as admin_apps


class CourseAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on the site's own AdminSite (coursesite/admin_site.py);
    named in INSTALLED_APPS in place of django.contrib.admin."""

    default_site = "coursesite.admin_site.CourseAdminSite"
