"""WSGI entry point for production servers."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coursesite.settings")

application = get_wsgi_application()

# Imported once Django is set up; refuses non-UTF-8 requests before Django builds them.
from coursesite.middleware import utf8_only_wsgi  # noqa: E402

application = utf8_only_wsgi(application)
