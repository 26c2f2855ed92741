"""Production static files: hashed, compressed names that whitenoise serves."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.templatetags.static import static


def test_collectstatic_writes_hashed_compressed_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", stdout=StringIO())
    url = static("css/site.css")
    assert url.startswith("/static/css/site.") and url.endswith(".css")
    assert url != "/static/css/site.css"
    hashed = tmp_path / url.removeprefix("/static/")
    assert hashed.exists()
    assert hashed.with_name(hashed.name + ".gz").exists()
    assert (tmp_path / "django_htmx" / "htmx-2.min.js").exists()
