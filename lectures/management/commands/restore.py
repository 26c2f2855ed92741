"""python manage.py restore PATH [--noinput] [--database ALIAS]

Replace the database with a backup made by `manage.py backup`. PATH is the
backup's folder or the database file inside it.

Before anything changes, the manifest is checked: the backup must be of the same
kind of database (SQLite or PostgreSQL) and its file must have the size and
sha256 the manifest recorded, so a damaged or edited backup is refused. Then the
operator confirms, unless --noinput.

- SQLite: the sqlite3 backup API copies the backup into the live database file
  in one write transaction, so the site's readers see the old database or the
  new one, never a mixture, and their connections stay valid.
- PostgreSQL: `pg_restore --clean --if-exists --no-owner --single-transaction`:
  one transaction too. It replaces only what the backup holds; a table the
  backup lacks (made by a later migration) is left in place and named.

Afterwards it says whether the restored database is behind the code's
migrations, and so needs `manage.py migrate`.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, DatabaseError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import ngettext

from lectures.management.commands.backup import (
    MANIFEST,
    engine_name,
    file_sha256,
    pg_command,
    read_manifest,
    run_pg,
    sqlite_path,
    sqlite_timeout,
    supported_connection,
)

# A table entry of `pg_restore --list`: "215; 1259 16390 TABLE public auth_user postgres".
PG_LIST_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE \S+ (\S+) ", re.MULTILINE)


class Command(BaseCommand):
    help = (
        "Replace every row of the database with a backup made by `manage.py backup` "
        "(PATH: the backup's folder or its database file)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="a backup folder, or the db file in it")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="the database alias to restore into (default: “default”)",
        )

    def handle(
        self, *args, path: Path, interactive=True, database=DEFAULT_DB_ALIAS, **options
    ) -> None:
        connection = supported_connection(database)
        folder, manifest = self._checked_backup(path, connection)
        backup_file = folder / manifest["file"]
        target = (
            str(sqlite_path(connection))
            if connection.vendor == "sqlite"
            else str(connection.settings_dict["NAME"])
        )
        if interactive:
            question = (
                f"This replaces every row of database {target} with the backup of "
                f"{manifest['created']}. Type 'yes' to continue: "
            )
            try:
                answer = input(question)
            except EOFError:
                answer = ""
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; the database was not changed.")

        # Django's own connection would otherwise keep serving this process from a
        # database file or schema that is about to be replaced.
        connection.close()
        leftovers: list[str] = []
        if connection.vendor == "sqlite":
            self._restore_sqlite(backup_file, connection)
        else:
            leftovers = self._restore_postgresql(backup_file, connection)

        self.stdout.write(f"Restored {target} from the backup of {manifest['created']} ({folder}).")
        if leftovers:
            self.stdout.write(
                "These tables are not in the backup and were left as they were: "
                f"{', '.join(leftovers)}. If `manage.py migrate` then fails because they "
                "exist, drop them and run it again."
            )
        try:
            pending = self._unapplied_migrations(connection)
        except DatabaseError as exc:
            # The restore itself is done; only the advice is missing.
            self.stderr.write(f"Could not compare the restored migrations with the code: {exc}")
            pending = []
        if pending:
            count = ngettext("%(n)d migration is", "%(n)d migrations are", len(pending)) % {
                "n": len(pending)
            }
            self.stdout.write(
                f"The backup is behind the code: {count} not applied (first: {pending[0]}). "
                "Run `python manage.py migrate`."
            )

    def _checked_backup(
        self, path: Path, connection: BaseDatabaseWrapper
    ) -> tuple[Path, dict[str, Any]]:
        """The backup folder and its manifest, once the backup has proved to be whole
        and of the right kind. Refusals say why; nothing has been touched yet."""
        if path.is_file():
            folder = path.parent
        elif path.is_dir():
            folder = path
        else:
            raise CommandError(f"There is no backup at {path}.")
        manifest = read_manifest(folder)
        needed = {"engine", "file", "size", "sha256", "created"}
        if manifest is None or not needed <= manifest.keys():
            raise CommandError(
                f"{folder} has no readable {MANIFEST}, so it is not a backup made by "
                "`manage.py backup`; nothing was restored."
            )
        if path.is_file() and path.name != manifest["file"]:
            raise CommandError(
                f"{path} is not the database file this backup's manifest describes "
                f"({manifest['file']}); nothing was restored."
            )
        if manifest["engine"] != connection.vendor:
            raise CommandError(
                f"This backup is of a {engine_name(manifest['engine'])} database, but the "
                f"database “{connection.alias}” is {engine_name(connection.vendor)}; a "
                "backup can only be restored into the same kind of database."
            )
        backup_file = folder / Path(manifest["file"]).name
        try:
            size = backup_file.stat().st_size
            digest = file_sha256(backup_file) if size == manifest["size"] else ""
        except OSError as exc:
            raise CommandError(f"Cannot read {backup_file}: {exc.strerror}.") from None
        if size != manifest["size"] or digest != manifest["sha256"]:
            what = "size" if size != manifest["size"] else "sha256"
            raise CommandError(
                f"{backup_file} does not match its manifest (the {what} differs): the backup "
                "is damaged or was changed, so it was not restored."
            )
        return folder, {**manifest, "file": backup_file.name}

    def _restore_sqlite(self, backup_file: Path, connection: BaseDatabaseWrapper) -> None:
        live = sqlite_path(connection)
        try:
            source = sqlite3.connect(f"{backup_file.resolve().as_uri()}?mode=ro", uri=True)
            destination = sqlite3.connect(live, timeout=sqlite_timeout(connection))
        except sqlite3.Error as exc:
            raise CommandError(
                f"Cannot open the databases to restore: SQLite said “{exc}”."
            ) from None
        try:
            # One step (pages=-1): a single write transaction on the live database, so
            # every reader sees it whole before or whole after; if it fails, SQLite
            # rolls it back and the live database is as it was.
            source.backup(destination)
        except sqlite3.Error as exc:
            raise CommandError(
                f"The restore failed and {live} was not changed: SQLite said “{exc}”."
            ) from None
        finally:
            destination.close()
            source.close()

    def _restore_postgresql(self, backup_file: Path, connection: BaseDatabaseWrapper) -> list[str]:
        """Restore in one transaction; return the live tables the backup does not hold."""
        args, env = pg_command("pg_restore", connection)
        listing = run_pg([args[0], "--list", str(backup_file)], env, "Reading the backup")
        run_pg(
            [
                *args,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                str(backup_file),
            ],
            env,
            "pg_restore (nothing was changed; it runs in one transaction)",
        )
        in_backup = set(PG_LIST_TABLE.findall(listing))
        try:
            with connection.cursor() as cursor:
                live = connection.introspection.table_names(cursor)
        except DatabaseError:
            return []
        return sorted(set(live) - in_backup)

    def _unapplied_migrations(self, connection: BaseDatabaseWrapper) -> list[str]:
        """The code's migrations that the restored database has not applied."""
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
