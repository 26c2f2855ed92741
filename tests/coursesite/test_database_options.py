"""The PostgreSQL connection's options from the environment: JIT off unless
DJANGO_PG_JIT says otherwise (see coursesite/settings.py for why), and options
given in DATABASE_URL kept beside it.

Each case imports the settings in a subprocess with its own environment; no
database is reached.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.helpers import ROOT

PG_URL = "postgres://user@db.invalid:5432/site"


def options(**env: str) -> dict:
    script = (
        "import json; from coursesite import settings; "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    )
    child = subprocess.run(
        [sys.executable, "-c", script],
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SECRET_KEY": "x",
            "DJANGO_ENV_FILE": "",
            **env,
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(child.stdout.strip().splitlines()[-1])


def test_postgresql_connections_turn_jit_off():
    assert options(DATABASE_URL=PG_URL)["options"] == "-c jit=off"


def test_jit_can_be_left_to_the_server():
    assert "options" not in options(DATABASE_URL=PG_URL, DJANGO_PG_JIT="1")


def test_options_from_the_url_are_kept():
    url = f"{PG_URL}?options=-c%20statement_timeout%3D5000"
    assert options(DATABASE_URL=url)["options"] == "-c statement_timeout=5000 -c jit=off"


def test_sqlite_gets_no_postgresql_options():
    assert "options" not in options(DATABASE_URL="sqlite:///x.sqlite3")
