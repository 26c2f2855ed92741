"""A development checkout's `.env`: the settings `make run` wrote, for manage.py.

`make run` writes `.env` once (DJANGO_DEBUG=1 and a secret key of its own), so that
the README's commands typed in a new shell (import_lecture, enrol_students, …) run
as the development server does, with the same key: a set-password link that
enrol_students mails is one the development server accepts.

When it is read, and why so little:
- by manage.py only. gunicorn (coursesite.wsgi, coursesite.asgi) and the tests never
  read it: a `.env` left in a checkout must never turn DEBUG on in production;
- only when the environment sets no DJANGO_SECRET_KEY: an environment that sets it
  (production's environment file, CI, `make test`, `make serve`) is configured, and
  gets nothing from a file it did not name;
- and then only the variables the environment does not set: the environment wins.

DJANGO_ENV_FILE names another file ("" reads none). The file is parsed by
python-dotenv (quotes, comments, `export` prefixes), which is small, has no
dependencies, and is the format's reference reader.
"""

from __future__ import annotations

import os
from pathlib import Path

from dotenv import dotenv_values

DEFAULT_PATH = Path(__file__).resolve().parent.parent / ".env"


def read_env_file() -> list[str]:
    """Set the `.env` file's variables that the environment lacks (see the module's
    docstring for when); return the names set."""
    if os.environ.get("DJANGO_SECRET_KEY"):
        return []
    path = os.environ.get("DJANGO_ENV_FILE", str(DEFAULT_PATH))
    if not path or not Path(path).is_file():
        return []
    added = []
    for name, value in dotenv_values(path).items():
        if value is not None and name not in os.environ:
            os.environ[name] = value
            added.append(name)
    return added
