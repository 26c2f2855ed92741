"""manage.py in a new shell (issue 18, item 9): the README's commands run in a
development checkout from the `.env` that `make run` writes, the environment always
wins over it, the servers never read it, and a missing or wrong setting is one line
naming what to set, never a traceback.

Each case runs manage.py in a subprocess with a clean environment (nothing of the
test run's DJANGO_* variables), the `.env` named by DJANGO_ENV_FILE.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

SAMPLE = ROOT / "content" / "russia-azerbaijan-relations.txt"


def clean_env(tmp_path: Path, env_file: Path | None, **more: str) -> dict[str, str]:
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "DJANGO_ENV_FILE": str(env_file) if env_file else "",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **more,
    }


def manage(env: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *map(str, args)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def make_env_file(directory: Path) -> Path:
    """`.env` as `make run` writes it (the Makefile's own recipe, run in `directory`)."""
    subprocess.run(
        ["make", "-s", "-f", str(ROOT / "Makefile"), "-C", str(directory), ".env"],
        env={"PATH": os.environ["PATH"], "PYTHON": sys.executable},
        check=True,
        capture_output=True,
    )
    return directory / ".env"


def test_make_writes_a_private_env_file_once(tmp_path):
    env_file = make_env_file(tmp_path)
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    lines = dict(line.split("=", 1) for line in env_file.read_text().splitlines())
    assert lines["DJANGO_DEBUG"] == "1" and len(lines["DJANGO_SECRET_KEY"]) >= 50
    before = env_file.read_text()
    make_env_file(tmp_path)
    assert env_file.read_text() == before  # never overwritten: sessions and links stay valid


def test_without_settings_a_command_says_what_to_set_in_one_line(tmp_path):
    result = manage(clean_env(tmp_path, None), "export_lecture", "history", "my-lecture")
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("manage.py: Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1")
    assert "make run" in line


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("DJANGO_DEBUG", "maybe", "DJANGO_DEBUG='maybe' is not a boolean"),
        ("DJANGO_TIME_ZONE", "Mars/Olympus", "DJANGO_TIME_ZONE='Mars/Olympus' is not a time zone"),
        ("DJANGO_EMAIL_PORT", "smtp", "DJANGO_EMAIL_PORT='smtp' must be a whole number"),
        ("DJANGO_LOG_LEVEL", "loud", "DJANGO_LOG_LEVEL='LOUD' is not a log level"),
        ("DATABASE_URL", "nosuch://secret@db/x", "DATABASE_URL is not a database URL"),
        ("DJANGO_REVIEW_RETENTION", "2", "DJANGO_REVIEW_RETENTION='2' must be a number"),
    ],
)
def test_a_wrong_setting_is_one_line_naming_it(tmp_path, name, value, said):
    env = clean_env(tmp_path, None, DJANGO_SECRET_KEY="k" * 50, **{name: value})
    result = manage(env, "check")
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"manage.py: {said}")
    assert "secret@" not in line  # a database URL's credentials are never echoed


def test_the_readmes_commands_run_from_the_env_file(tmp_path):
    env = clean_env(tmp_path, make_env_file(tmp_path))
    assert manage(env, "migrate", "--noinput").returncode == 0
    students = tmp_path / "class.csv"
    students.write_text("username,email\nada,ada@example.com\n")
    commands = [
        ("import_lecture", SAMPLE, "--course", "history", "--slug", "my-lecture"),
        ("export_lecture", "history", "my-lecture", "--output", tmp_path / "notes.txt"),
        ("generate_quiz", "history", "my-lecture"),
        (
            "enrol_students",
            students,
            "--course",
            "history",
            "--site-url",
            "https://e.org",
            "--dry-run",
        ),
    ]
    for command in commands:
        result = manage(env, *command)
        assert result.returncode == 0, (command[0], result.stderr)
        assert "Traceback" not in result.stderr
    assert "Title: " in (tmp_path / "notes.txt").read_text()


def test_the_environment_wins_over_the_env_file(tmp_path):
    env_file = make_env_file(tmp_path)
    with env_file.open("a") as f:
        f.write("DJANGO_TIME_ZONE=Europe/Paris\n")
    show = ("shell", "-c", "from django.conf import settings as s; print(s.TIME_ZONE, s.DEBUG)")
    # Variables the environment lacks come from the file; one it sets is its own.
    assert manage(clean_env(tmp_path, env_file), *show).stdout.split()[-2:] == [
        "Europe/Paris",
        "True",
    ]
    tokyo = clean_env(tmp_path, env_file, DJANGO_TIME_ZONE="Asia/Tokyo")
    assert manage(tokyo, *show).stdout.split()[-2:] == ["Asia/Tokyo", "True"]
    # An environment that sets the secret key is configured: the file is not read at all.
    configured = clean_env(tmp_path, env_file, DJANGO_SECRET_KEY="k" * 50)
    assert manage(configured, *show).stdout.split()[-2:] == ["UTC", "False"]


def test_the_servers_never_read_the_env_file(tmp_path):
    """gunicorn imports coursesite.wsgi: a checkout's .env must never configure it."""
    env = clean_env(tmp_path, make_env_file(tmp_path))
    for module in ("coursesite.wsgi", "coursesite.asgi"):
        result = subprocess.run(
            [sys.executable, "-c", f"import {module}"],
            env={**env, "DJANGO_SETTINGS_MODULE": "coursesite.settings"},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode != 0
        assert "Set DJANGO_SECRET_KEY" in result.stderr
