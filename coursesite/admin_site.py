"""The site's admin: Django's, with its titles and a scoped "view on site" redirect.

Django's `/admin/r/<content type>/<id>/` redirects any staff user to any object's
page, which tells an instructor the slugs of other courses' objects. Here it
answers only for objects the user may see in this admin, and 404s for the rest.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.utils.translation import gettext_lazy


class CourseAdminSite(admin.AdminSite):
    site_header = gettext_lazy("Course site administration")
    site_title = gettext_lazy("Course site admin")
    index_title = gettext_lazy("Courses and content")

    def get_urls(self):
        urls = [u for u in super().get_urls() if getattr(u, "name", None) != "view_on_site"]
        scoped = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [scoped, *urls]

    def view_on_site(self, request: HttpRequest, content_type_id: int, object_id: str):
        content_type = ContentType.objects.filter(pk=content_type_id).first()
        model = content_type.model_class() if content_type else None
        model_admin = self._registry.get(model)
        if model_admin is None:
            raise Http404("No such object")
        try:
            obj = model_admin.get_queryset(request).filter(pk=object_id).first()
        except (ValueError, ValidationError):
            obj = None
        if obj is None or not model_admin.has_view_permission(request, obj):
            raise Http404("No such object")
        response: HttpResponse = shortcut(request, content_type_id, object_id)
        return response
