"""The Spanish catalogue compiled for a test, wherever the project keeps its .mo
files: the .po is compiled into a temporary LOCALE_PATHS (GNU gettext's msgfmt,
as `compilemessages` does), so a test reads what the .po says now."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from django.conf import settings as django_settings

PO = Path(django_settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"


def use_compiled_catalogue(tmp_path: Path, settings) -> None:
    """Compile the Spanish .po under `tmp_path` and point LOCALE_PATHS at it
    (`settings`: pytest-django's fixture, which restores it and, through Django's
    setting_changed signal, drops the translations already loaded)."""
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(PO, folder / "django.po")
    subprocess.run(
        ["msgfmt", "--check-format", "-o", str(folder / "django.mo"), str(folder / "django.po")],
        check=True,
    )
    settings.LOCALE_PATHS = [tmp_path]
