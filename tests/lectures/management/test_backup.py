"""The backup and restore commands: a consistent snapshot taken while other threads
commit, keep-N pruning, and the refusals (a changed backup, another engine, a "no"
at the prompt, a directory that cannot be written).

The commands run against the default database, as on a server, so each test
makes the default database a real one they can reach:

- PostgreSQL: it already is. The backup is of pytest-django's test database;
  restores go into a scratch database created and dropped around the test
  (`CREATE DATABASE` over an autocommit connection to `postgres`), with the
  default connection pointed at it meanwhile, so the test database keeps its
  schema and migration records for the tests that follow.
- SQLite: Django keeps the test database in memory, which no file-level backup
  or restore could reach. So `database_on_disk` (tests/conftest.py) clones it,
  with the same sqlite3 backup API, into a file under tmp_path and points the
  default connection at that file for the test. The connection keeps the
  production OPTIONS (IMMEDIATE transactions, the busy timeout, WAL), so the
  commands back up and restore a file database exactly as on a server, while
  other threads write to it. Restores go back into that file.

(A second connection alias would be tidier, but Django's test case refuses
connections to aliases it was not told about when it started.)

Every test needs committed rows that other connections can see (pg_dump, the
sqlite3 backup, the writer threads), so all use transaction=True.
"""

from __future__ import annotations

import errno
import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, closing, contextmanager, nullcontext
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import psycopg
import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from psycopg import sql

from lectures.management.commands import backup as backup_module

User = get_user_model()

pytestmark = pytest.mark.django_db(transaction=True)

ENGINES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL-only behaviour"
)


@contextmanager
def default_pointing_at(name: str) -> Iterator[None]:
    """Point the default connection at another database on the same server for a while."""
    original = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


def admin_connection() -> psycopg.Connection:
    """An autocommit connection to the server's `postgres` database, for CREATE/DROP."""
    params = connection.settings_dict
    kwargs = {key: params[key.upper()] for key in ("host", "port", "user", "password")}
    return psycopg.connect(
        dbname="postgres", autocommit=True, **{k: v for k, v in kwargs.items() if v}
    )


@pytest.fixture
def restore_target(database_on_disk) -> Iterator[Callable[[], AbstractContextManager[None]]]:
    """A context in which the default database is the one to restore into: the live
    file itself on SQLite; on PostgreSQL a scratch database made for the test."""
    if connection.vendor == "sqlite":
        yield nullcontext
        return
    name = f"{connection.settings_dict['NAME']}_restore"
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    with closing(admin_connection()) as admin:
        admin.execute(drop)
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield lambda: default_pointing_at(name)
    with closing(admin_connection()) as admin:
        admin.execute(drop)


def run(command: str, *args: object) -> str:
    out = StringIO()
    call_command(command, *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def take_backup(directory: Path) -> Path:
    """Back up the database into a new folder of `directory` and return the folder."""
    before = set(directory.iterdir()) if directory.exists() else set()
    run("backup", "--dir", directory)
    (folder,) = set(directory.iterdir()) - before
    return folder


def read_manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text())


def usernames() -> set[str]:
    return set(User.objects.values_list("username", flat=True))


def latest_migration(app: str) -> str:
    return MigrationRecorder.Migration.objects.filter(app=app).latest("applied", "id").name


def wait_for(condition: Callable[[], bool], errors: list[BaseException]) -> None:
    deadline = time.monotonic() + 10
    while not condition():
        assert not errors, errors
        assert time.monotonic() < deadline, "the writer threads stopped making progress"
        time.sleep(0.005)


def test_backup_during_concurrent_writes_restores_every_earlier_commit(
    database_on_disk, restore_target, tmp_path
):
    """Four threads each commit pairs of users, one transaction per pair, while the
    backup runs. The restored database holds every pair committed before the backup
    began, none begun after it ended, and never half a pair: one snapshot."""
    began, ended, stop = threading.Event(), threading.Event(), threading.Event()
    # (pair, its commit returned before the backup began, it began after the backup ended)
    log: list[tuple[str, bool, bool]] = []
    errors: list[BaseException] = []

    def write_pairs(writer: int) -> None:
        try:
            i = 0
            while not stop.is_set():
                i += 1
                pair, begun_after = f"w{writer}-{i}-", ended.is_set()
                with transaction.atomic():
                    User.objects.create(username=pair + "a")
                    User.objects.create(username=pair + "b")
                log.append((pair, not began.is_set(), begun_after))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write_pairs, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    try:
        wait_for(lambda: len(log) >= 40, errors)
        began.set()
        out = run("backup", "--dir", tmp_path / "backups")
        ended.set()
        wait_for(lambda: sum(after for *_, after in log) >= 20, errors)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert not errors, errors

    (folder,) = (tmp_path / "backups").iterdir()
    assert re.fullmatch(rf"Backed up \S+ to {re.escape(str(folder))}/ \(\d.* [KM]?B\)\.\n", out)
    manifest = read_manifest(folder)
    assert manifest["engine"] == connection.vendor
    assert manifest["migrations"]["lectures"] == latest_migration("lectures")

    with restore_target():
        out = run("restore", folder, "--noinput")
        restored = usernames()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                assert cursor.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
                assert cursor.execute("PRAGMA foreign_key_check").fetchall() == []
                assert cursor.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        # Sequences came back with the rows: the next row gets a fresh key.
        User.objects.create(username="after-restore")
    assert out.startswith("Restored ")
    assert "migrate" not in out  # the backup is as migrated as the code

    pairs = {name[:-1] for name in restored}
    assert all({pair + "a", pair + "b"} <= restored for pair in pairs)
    assert {pair for pair, before, _ in log if before} <= pairs
    assert not {pair for pair, _, after in log if after} & pairs


def test_a_backup_is_readable_by_its_owner_only(database_on_disk, tmp_path):
    """A backup holds every password hash: 0600 files in a 0700 folder, whatever the
    umask, and a backup directory the command creates is 0700."""
    previous = os.umask(0)  # the most permissive: nothing is left to the umask
    try:
        folder = take_backup(tmp_path / "new" / "backups")
    finally:
        os.umask(previous)

    def mode(path: Path) -> int:
        return path.stat().st_mode & 0o777

    assert mode(tmp_path / "new" / "backups") == 0o700
    assert mode(folder) == 0o700
    files = sorted(folder.iterdir())
    assert [p.name for p in files] == sorted([read_manifest(folder)["file"], "manifest.json"])
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    # The restore reads them as before.
    assert read_manifest(folder)["sha256"] == backup_module.file_sha256(
        folder / read_manifest(folder)["file"]
    )


def test_keep_prunes_only_our_oldest_backups(database_on_disk, tmp_path):
    backups = tmp_path / "backups"
    (backups / "notes").mkdir(parents=True)  # someone's own folder
    (backups / "2020-01-01T000000Z").mkdir()  # named like ours, but no manifest
    for minute in range(4):
        with time_machine.travel(datetime(2026, 12, 1, 17, minute, tzinfo=UTC), tick=False):
            out = run("backup", "--dir", backups, "--keep", "2")
    assert out.endswith("; removed 1 older backup.\n")
    assert sorted(p.name for p in backups.iterdir()) == [
        "2020-01-01T000000Z",
        "2026-12-01T170200Z",
        "2026-12-01T170300Z",
        "notes",
    ]

    # A second backup within the same second gets its own folder, and counts as newer.
    with time_machine.travel(datetime(2026, 12, 1, 17, 3, tzinfo=UTC), tick=False):
        run("backup", "--dir", backups, "--keep", "2")
    assert sorted(p.name for p in backups.iterdir()) == [
        "2020-01-01T000000Z",
        "2026-12-01T170300Z",
        "2026-12-01T170300Z-2",
        "notes",
    ]


def test_restore_refuses_a_changed_backup(database_on_disk, tmp_path):
    folder = take_backup(tmp_path / "backups")
    db_file = folder / read_manifest(folder)["file"]
    data = bytearray(db_file.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, different content
    db_file.write_bytes(data)
    User.objects.create(username="after-backup")

    with pytest.raises(CommandError, match=r"does not match its manifest \(the sha256 differs\)"):
        run("restore", db_file, "--noinput")
    assert usernames() == {"after-backup"}


def test_restore_refuses_a_backup_of_another_engine(database_on_disk, tmp_path):
    folder = take_backup(tmp_path / "backups")
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    (folder / "manifest.json").write_text(json.dumps({**read_manifest(folder), "engine": other}))
    User.objects.create(username="after-backup")

    expected = (
        f"This backup is of a {ENGINES[other]} database, but the database “default” "
        f"is {ENGINES[connection.vendor]}"
    )
    with pytest.raises(CommandError, match=re.escape(expected)):
        run("restore", folder, "--noinput")
    assert usernames() == {"after-backup"}


def test_restore_asks_first_and_no_changes_nothing(database_on_disk, tmp_path, monkeypatch):
    folder = take_backup(tmp_path / "backups")
    User.objects.create(username="after-backup")
    asked = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "no")

    with pytest.raises(CommandError, match="Restore cancelled; the database was not changed"):
        run("restore", folder)
    (prompt,) = asked
    assert prompt.startswith("This replaces every row of database ")
    assert prompt.endswith(
        f" with the backup of {read_manifest(folder)['created']}. Type 'yes' to continue: "
    )
    assert usernames() == {"after-backup"}


def test_restore_suggests_migrate_when_the_backup_is_behind_the_code(
    database_on_disk, restore_target, tmp_path
):
    latest = latest_migration("lectures")
    recorder = MigrationRecorder(connection)
    # As if the backup were taken before the code's newest lectures migration. (On
    # PostgreSQL this is the session's test database, so the record is put back.)
    recorder.record_unapplied("lectures", latest)
    try:
        folder = take_backup(tmp_path / "backups")
    finally:
        recorder.record_applied("lectures", latest)
    assert read_manifest(folder)["migrations"]["lectures"] != latest

    with restore_target():
        out = run("restore", folder, "--noinput")
    assert (
        f"The backup is behind the code: 1 migration is not applied (first: lectures.{latest}). "
        "Run `python manage.py migrate`." in out
    )


@postgresql_only
def test_restore_names_tables_the_backup_does_not_hold(database_on_disk, restore_target, tmp_path):
    folder = take_backup(tmp_path / "backups")
    with restore_target():
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE from_a_later_migration (id integer)")
        out = run("restore", folder, "--noinput")
    assert (
        "These tables are not in the backup and were left as they were: "
        "from_a_later_migration." in out
    )


@pytest.mark.parametrize(
    ("make_dir", "reason"),
    [
        pytest.param(lambda tmp: tmp / "a-file" / "backups", "Not a directory", id="under-a-file"),
        pytest.param(lambda tmp: tmp / "a-file", "it is a file, not a directory", id="a-file"),
        pytest.param(
            lambda tmp: tmp / "read-only",
            "Permission denied",
            id="read-only",
            marks=pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere"),
        ),
    ],
)
def test_backup_into_an_unwritable_dir_fails_with_a_sentence(
    database_on_disk, tmp_path, make_dir, reason
):
    (tmp_path / "a-file").write_text("")
    (tmp_path / "read-only").mkdir(mode=0o500)
    before = sorted(tmp_path.rglob("*"))

    with pytest.raises(CommandError, match=rf"^Cannot write backups to .+: {reason}\.$"):
        run("backup", "--dir", make_dir(tmp_path))
    assert sorted(tmp_path.rglob("*")) == before


def test_a_backup_that_fails_half_way_leaves_nothing(database_on_disk, tmp_path, monkeypatch):
    def disk_full(path):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    # The database file is written and the manifest is not: the worst moment to fail.
    monkeypatch.setattr(backup_module, "file_sha256", disk_full)
    backups = tmp_path / "backups"
    with pytest.raises(CommandError, match="The backup failed and was removed: No space left"):
        run("backup", "--dir", backups)
    assert list(backups.iterdir()) == []


@postgresql_only
def test_backup_without_pg_dump_says_so(database_on_disk, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    backups = tmp_path / "backups"
    with pytest.raises(CommandError, match="^pg_dump was not found on PATH"):
        run("backup", "--dir", backups)
    assert list(backups.iterdir()) == []
