"""python manage.py backup [--dir DIR] [--keep N] [--database ALIAS]

A consistent snapshot of the database, taken while the site keeps serving, as
Kolibri takes one before an upgrade. Each backup is a folder named for its UTC
time, `2026-12-01T170500Z/`, holding the database file and a `manifest.json`:

    {"format": 1, "engine": "sqlite", "database": "/srv/site/db.sqlite3",
     "created": "2026-12-01T17:05:00Z", "migrations": {"auth": "0012_…", …},
     "file": "db.sqlite3", "size": 1234567, "sha256": "…", "django": "5.2.19"}

`migrations` holds the latest applied migration of each app, so a restore can
tell whether the backup is behind the code.

- SQLite: Python's sqlite3 online backup API copies every page within one read
  transaction; in WAL mode that snapshot does not block the site's writers, and
  writes committed meanwhile are simply not in it.
- PostgreSQL: `pg_dump --format=custom`, which dumps from one snapshot too. The
  connection settings come from the database's settings; the password travels in
  PGPASSWORD (Django's own `dbshell` mapping), never on the command line.

A backup is written into a hidden `.partial-…` folder in the backup directory and
renamed only once its file and manifest are complete and synced, so a crash leaves
nothing that looks like a backup. A backup holds every account's password hash and
every student's work: its folder is 0700 and its files 0600, created so (never
readable by others, not even while being written), and a backup directory this
command creates is 0700. Afterwards the oldest backups beyond --keep are
deleted; only folders named like ours that hold a manifest.json are considered.

`restore` (the sibling command) reads what this module writes; the manifest's
names and the helpers both commands share live here.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder
from django.template.defaultfilters import filesizeformat
from django.utils.translation import ngettext

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
# connection.vendor -> the database file's name inside a backup folder.
FILE_NAMES = {"sqlite": "db.sqlite3", "postgresql": "db.dump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
STAMP_FORMAT = "%Y-%m-%dT%H%M%SZ"
# A backup folder: its UTC time, and "-2", "-3"… when two land in the same second.
FOLDER_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{6}Z)(?:-(\d+))?$")
PARTIAL_PREFIX = ".partial-"
# Owner only (see the module's docstring).
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def default_backup_dir() -> Path:
    return Path(getattr(settings, "BACKUP_DIR", settings.BASE_DIR / "backups"))


def engine_name(vendor: str) -> str:
    return ENGINE_NAMES.get(vendor, vendor)


def supported_connection(alias: str) -> BaseDatabaseWrapper:
    """The connection for `alias`, refused unless it is a kind we can back up."""
    if alias not in connections:
        raise CommandError(f"There is no database “{alias}” in settings.DATABASES.")
    connection = connections[alias]
    if connection.vendor not in FILE_NAMES:
        raise CommandError(
            f"The database “{alias}” is {connection.display_name}; backup and restore "
            "handle only SQLite and PostgreSQL."
        )
    return connection


def sqlite_path(connection: BaseDatabaseWrapper) -> Path:
    """The SQLite database file, refusing an in-memory database: it lives only in
    the process that opened it, so another process can neither read nor replace it."""
    name = str(connection.settings_dict["NAME"])
    if connection.is_in_memory_db():
        raise CommandError(
            f"The database “{connection.alias}” is in memory ({name}); there is no file "
            "to back up or restore."
        )
    return Path(name)


def sqlite_timeout(connection: BaseDatabaseWrapper) -> float:
    """How long to wait for a lock: the site's own busy timeout, so a backup or
    restore queues behind a writer instead of failing with "database is locked"."""
    return float(connection.settings_dict.get("OPTIONS", {}).get("timeout", 20))


def pg_command(program: str, connection: BaseDatabaseWrapper) -> tuple[list[str], dict[str, str]]:
    """The start of a pg_dump / pg_restore command line for this database, and the
    environment to run it in.

    The environment comes from Django's `dbshell` mapping (PGPASSWORD, PGSSLMODE,
    PGSERVICE…), so the password is never visible in `ps`. --no-password makes a
    missing password an error rather than a prompt that would hang under cron.
    """
    from django.db.backends.postgresql.client import DatabaseClient

    path = shutil.which(program)
    if path is None:
        raise CommandError(
            f"{program} was not found on PATH. Install the PostgreSQL client tools "
            "(the server's major version or newer) and try again."
        )
    settings_dict = connection.settings_dict
    _, env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    args = [path, "--no-password"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [flag, str(settings_dict[key])]
    if settings_dict.get("NAME"):
        args += ["--dbname", str(settings_dict["NAME"])]
    return args, {**os.environ, **(env or {})}


def run_pg(args: list[str], env: dict[str, str], what: str) -> str:
    """Run a PostgreSQL client program; its complaint becomes a CommandError."""
    try:
        result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise CommandError(f"Could not run {args[0]}: {exc.strerror}.") from None
    if result.returncode != 0:
        detail = result.stderr.strip() or f"exit status {result.returncode}"
        raise CommandError(f"{what} failed: {detail}")
    return result.stdout


def create_private(path: Path) -> None:
    """An empty file only its owner may read or write, for a program to fill: the
    sqlite3 backup API and pg_dump both keep an existing file's permissions."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


def _private_opener(path: str, flags: int) -> int:
    return os.open(path, flags, PRIVATE_FILE)


def file_sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def fsync_path(path: Path) -> None:
    """Flush a file's (or a directory's entries') data to disk, so that after a power
    cut a renamed backup folder never holds less than its manifest promises."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def human_size(size: int) -> str:
    return filesizeformat(size).replace("\xa0", " ")


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The folder's manifest, or None when it has no readable one."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def backup_folders(directory: Path) -> list[Path]:
    """Our backups in `directory`, oldest first: folders named by their time that
    hold a manifest.json. Anything else (a user's own folder, a crashed
    `.partial-…`) is never listed, so never pruned."""
    found = []
    for entry in directory.iterdir():
        match = FOLDER_NAME.match(entry.name)
        if match and entry.is_dir() and (entry / MANIFEST).is_file():
            found.append((match[1], int(match[2] or 1), entry))
    return [entry for *_, entry in sorted(found)]


def migration_state(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """The latest applied migration of each app, by when it was applied."""
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return {}
    latest = dict(recorder.migration_qs.order_by("applied", "id").values_list("app", "name"))
    return dict(sorted(latest.items()))


class Command(BaseCommand):
    help = (
        "Write a consistent snapshot of the database, while the site is serving, into a "
        "new dated folder of the backup directory, then delete the oldest backups beyond "
        "--keep."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dir",
            dest="directory",
            metavar="DIR",
            type=Path,
            default=None,
            help="directory to hold the backup folders (default: the BACKUP_DIR setting, "
            "else backups/ in the project)",
        )
        parser.add_argument(
            "--keep",
            metavar="N",
            type=int,
            default=7,
            help="how many backups to keep, this one included (default: 7)",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="the database alias to back up (default: “default”)",
        )

    def handle(self, *args, directory=None, keep=7, database=DEFAULT_DB_ALIAS, **options) -> None:
        if keep < 1:
            raise CommandError("--keep must be at least 1: the backup just made is kept.")
        connection = supported_connection(database)
        directory = directory or default_backup_dir()
        if directory.exists() and not directory.is_dir():
            raise CommandError(
                f"Cannot write backups to {directory}: it is a file, not a directory."
            )
        try:
            # A directory that exists keeps the permissions its owner gave it; each
            # backup folder in it is 0700 all the same (mkdtemp makes it so).
            directory.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
            partial = Path(tempfile.mkdtemp(prefix=PARTIAL_PREFIX, dir=directory))
        except OSError as exc:
            raise CommandError(
                f"Cannot write backups to {directory}: {exc.strerror or exc}."
            ) from None

        created = datetime.now(UTC).replace(microsecond=0)
        try:
            manifest = self._write(connection, partial, created)
            folder = self._publish(partial, directory, created)
        except BaseException as exc:
            # Whatever stopped us (pg_dump, a full disk, Ctrl-C), no half backup stays.
            shutil.rmtree(partial, ignore_errors=True)
            if isinstance(exc, OSError):
                raise CommandError(
                    f"The backup failed and was removed: {exc.strerror or exc} "
                    f"({exc.filename or directory})."
                ) from None
            if isinstance(exc, sqlite3.Error | DatabaseError):
                raise CommandError(
                    f"The backup failed and was removed: the database said “{exc}”."
                ) from None
            raise

        removed, failures = self._prune(directory, keep, folder)
        line = (
            f"Backed up {manifest['database']} to {folder}{os.sep} ({human_size(manifest['size'])})"
        )
        if removed:
            line += ngettext(
                "; removed %(n)d older backup", "; removed %(n)d older backups", removed
            ) % {"n": removed}
        self.stdout.write(line + ".")
        if failures:
            raise CommandError(
                "The backup is complete, but these older backups could not be removed: "
                + "; ".join(failures)
            )

    def _write(
        self, connection: BaseDatabaseWrapper, partial: Path, created: datetime
    ) -> dict[str, Any]:
        """The snapshot and its manifest, written and synced inside `partial`."""
        vendor = connection.vendor
        target = partial / FILE_NAMES[vendor]
        if vendor == "sqlite" and not sqlite_path(connection).is_file():
            # Checked before Django connects, which would create an empty database.
            raise CommandError(f"There is no SQLite database at {sqlite_path(connection)}.")
        # Read just before the snapshot: running `migrate` during a backup is not supported.
        migrations = migration_state(connection)
        create_private(target)
        if vendor == "sqlite":
            database = str(sqlite_path(connection))
            self._sqlite_snapshot(connection, target)
        else:
            database = str(connection.settings_dict["NAME"])
            args, env = pg_command("pg_dump", connection)
            run_pg([*args, "--format=custom", "--file", str(target)], env, "pg_dump")
        # Had a program replaced the file rather than filled it, it is private again.
        target.chmod(PRIVATE_FILE)
        fsync_path(target)
        manifest = {
            "format": MANIFEST_FORMAT,
            "engine": vendor,
            "database": database,
            "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "migrations": migrations,
            "file": target.name,
            "size": target.stat().st_size,
            "sha256": file_sha256(target),
            "django": django.get_version(),
        }
        with open(partial / MANIFEST, "x", encoding="utf-8", opener=_private_opener) as f:
            json.dump(manifest, f, indent=2)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        return manifest

    def _sqlite_snapshot(self, connection: BaseDatabaseWrapper, target: Path) -> None:
        # mode=rw: a missing database file is an error, not a new empty database.
        source = sqlite3.connect(
            f"{sqlite_path(connection).resolve().as_uri()}?mode=rw",
            uri=True,
            timeout=sqlite_timeout(connection),
        )
        copy = sqlite3.connect(target)
        try:
            # pages=-1 (the default) copies everything in one step, within one read
            # transaction: a consistent snapshot. Copying in smaller steps would
            # restart whenever the site commits a write.
            source.backup(copy)
            # A self-contained file: no -wal/-shm beside it, readable on read-only media.
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
            source.close()

    def _publish(self, partial: Path, directory: Path, created: datetime) -> Path:
        """Rename the finished backup to its dated name; a second backup in the same
        second (or a concurrent one) gets "-2", "-3"…"""
        stamp = created.strftime(STAMP_FORMAT)
        for n in range(1, 100):
            folder = directory / (stamp if n == 1 else f"{stamp}-{n}")
            try:
                # Linux renames a directory onto an existing empty one; never let that
                # happen to a folder someone else made.
                if folder.exists():
                    continue
                partial.rename(folder)
            except OSError as exc:
                if exc.errno in (errno.EEXIST, errno.ENOTEMPTY):
                    continue
                raise
            fsync_path(directory)
            return folder
        raise CommandError(f"Too many backups named {stamp} in {directory}.")

    def _prune(self, directory: Path, keep: int, newest: Path) -> tuple[int, list[str]]:
        """Delete our oldest backups so that `keep` remain, never the one just made."""
        older = [folder for folder in backup_folders(directory) if folder != newest]
        doomed = older[: max(0, len(older) - (keep - 1))]
        failures = []
        for folder in doomed:
            try:
                shutil.rmtree(folder)
            except OSError as exc:
                failures.append(f"{folder} ({exc.strerror or exc})")
        return len(doomed) - len(failures), failures
