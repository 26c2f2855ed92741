"""Reading a CSV roster: an uploaded file's bytes (or text) as `RosterRow`s, each
with the problem that refuses it when one shows without asking the database.

`roster_parse(data)` takes the header row's names as the columns (in the spellings
people write: COLUMNS) and makes each later row a RosterRow, stripped and
normalised as Django stores it. A missing or malformed username or email, a field
too long, or a repeat of an earlier row's username or email (ignoring case) marks
that row's `problem`, by line number, and the rest are read on; a file that cannot
be read as a roster at all (too large, not UTF-8, no header, no students) raises
`RosterError`.

A module of its own because reading a file is a job apart from enrolling anyone:
it makes no query, and lectures.teaching.roster plans and applies the rows it
returns, for the admin's upload page and the `enrol_students` command alike.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext, pgettext

from lectures.models import Cohort

# One upload is one request's work: 5,000 rows plan and apply in about five seconds
# (benchmarks/enrol_bench.py), so twice that is the cap. A megabyte, signed and
# compressed into the preview's hidden field, stays well inside the confirming
# POST's body limit (DATA_UPLOAD_MAX_MEMORY_SIZE).
ROSTER_MAX_BYTES = 1_000_000
ROSTER_MAX_ROWS = 10_000

# Header names as people write them, compared without case, spaces or punctuation.
COLUMNS = {
    "username": {"username", "user", "login", "loginname", "userid"},
    "email": {"email", "emailaddress", "mail", "mailaddress"},
    "first_name": {"firstname", "givenname", "forename"},
    "last_name": {"lastname", "surname", "familyname"},
    "cohort": {"cohort", "cohortname", "group"},
}
REQUIRED_COLUMNS = ("username", "email")
# Excel writes commas, or semicolons where the comma is the decimal mark.
DELIMITERS = (",", ";", "\t")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class RosterError(Exception):
    """A file that cannot be read as a roster at all; nothing was changed."""


@dataclass(frozen=True)
class RosterRow:
    """One student's line of the file, stripped and normalised as Django stores it.

    `problem` is why the row is refused before the database is asked ("" if none).
    """

    line: int
    username: str
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    cohort: str = ""
    problem: str = ""


@dataclass(frozen=True)
class Roster:
    """A parsed file, with the text it came from (the admin signs it into the preview)."""

    text: str
    rows: tuple[RosterRow, ...]
    filename: str = ""
    ignored_columns: tuple[str, ...] = ()


def _key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def _delimiter(header: str) -> str:
    """The separator of the file, read from its header row.

    Not csv.Sniffer: it guesses from character frequencies across lines and, on a
    short file of plain names, may settle on a letter or a space. The header row is
    known to hold only column names, so the separator is whichever of the usual
    three it contains most of (a one-column file has none: a comma will do).
    """
    counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if len(data) > ROSTER_MAX_BYTES:
        raise RosterError(
            gettext("The file is larger than %(kb)s KB; split it into smaller files.")
            % {"kb": number_format(ROSTER_MAX_BYTES // 1000, force_grouping=True)}
        )
    try:
        # utf-8-sig drops the byte-order mark Excel's "CSV UTF-8" writes.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RosterError(
            gettext("Line %(line)d is not UTF-8 text. In Excel, save the sheet as “CSV UTF-8”.")
            % {"line": line}
        ) from None


def _columns(header: list[str]) -> tuple[dict[str, int], tuple[str, ...]]:
    """Where each known column is, and the names of the columns that are ignored."""
    known = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    ignored = []
    for index, name in enumerate(header):
        column = known.get(_key(name))
        if column is None:
            if name.strip():
                ignored.append(name.strip())
            continue
        if column in found:
            first = header[found[column]].strip()
            raise RosterError(
                gettext("Two columns name the %(column)s: “%(first)s” and “%(second)s”.")
                % {"column": _column_name(column), "first": first, "second": name.strip()}
            )
        found[column] = index
    missing = [column for column in REQUIRED_COLUMNS if column not in found]
    if missing:
        raise RosterError(
            gettext(
                "The first line must name the columns: username and email, and optionally "
                "first name, last name and cohort. Missing: %(missing)s."
            )
            % {"missing": ", ".join(str(_column_name(column)) for column in missing)}
        )
    return found, tuple(ignored)


def _row_problem(values: dict[str, str], extra: list[str]) -> str:
    """Why a row cannot be used, from its own values alone ("" if it can)."""
    user_model = get_user_model()
    if any(v.strip() for v in extra):
        return gettext(
            "the line has more fields than the header names (a comma or semicolon in a name?)"
        )
    if any(_CONTROL.search(v) for v in values.values()):
        return gettext("the line contains a control character or a line break inside a field")
    if not values["username"]:
        return gettext("no username")
    for validator in user_model._meta.get_field("username").validators:
        try:
            validator(values["username"])
        except ValidationError as exc:
            return gettext("“%(username)s” is not a valid username: %(problem)s") % {
                "username": values["username"],
                "problem": " ".join(exc.messages),
            }
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            return gettext("“%(email)s” is not a valid email address") % {"email": values["email"]}
    for name in ("email", "first_name", "last_name", "cohort"):
        model = Cohort if name == "cohort" else user_model
        limit = model._meta.get_field("name" if name == "cohort" else name).max_length
        if len(values[name]) > limit:
            return ngettext(
                "the %(column)s is longer than %(limit)d character",
                "the %(column)s is longer than %(limit)d characters",
                limit,
            ) % {"column": _column_name(name), "limit": limit}
    return ""


def _column_name(column: str) -> str:
    """A column as the messages name it ("first name", "cohort name")."""
    return {
        "username": pgettext("roster column", "username"),
        "email": pgettext("roster column", "email"),
        "first_name": pgettext("roster column", "first name"),
        "last_name": pgettext("roster column", "last name"),
        "cohort": pgettext("roster column", "cohort name"),
    }[column]


def roster_parse(data: bytes | str, *, filename: str = "") -> Roster:
    """Read a CSV roster (UTF-8, with or without a BOM; comma, semicolon or tab).

    Blank lines are skipped. A row with a problem of its own, or that repeats an
    earlier row's username or email (ignoring case), is kept with its `problem`:
    it is reported with the others, not a reason to refuse the whole file.
    """
    text = _decode(data)
    header_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(header_line))
    user_model = get_user_model()
    try:
        header = next(reader, None)
        if header is None:
            raise RosterError(gettext("The file is empty."))
        columns, ignored = _columns(header)
        rows = []
        seen_usernames: dict[str, int] = {}
        seen_emails: dict[str, int] = {}
        line = reader.line_num + 1
        for record in reader:
            start, line = line, reader.line_num + 1
            if not any(value.strip() for value in record):
                continue
            if len(rows) == ROSTER_MAX_ROWS:
                raise RosterError(
                    gettext(
                        "The file has more than %(rows)s students; split it into smaller files."
                    )
                    % {"rows": number_format(ROSTER_MAX_ROWS, force_grouping=True)}
                )
            values = {
                column: record[index].strip() if index < len(record) else ""
                for column, index in columns.items()
            }
            values.setdefault("first_name", "")
            values.setdefault("last_name", "")
            values.setdefault("cohort", "")
            values["username"] = user_model.normalize_username(values["username"])
            values["email"] = user_model.objects.normalize_email(values["email"])
            values["cohort"] = " ".join(values["cohort"].split())
            problem = _row_problem(values, record[len(header) :])
            if not problem:
                username, email = values["username"].casefold(), values["email"].casefold()
                if username in seen_usernames:
                    problem = gettext("the username appears again (first on line %(line)d)") % {
                        "line": seen_usernames[username]
                    }
                elif email and email in seen_emails:
                    problem = gettext("the email appears again (first on line %(line)d)") % {
                        "line": seen_emails[email]
                    }
                else:
                    seen_usernames[username] = start
                    if email:
                        seen_emails[email] = start
            rows.append(RosterRow(line=start, problem=problem, **values))
    except csv.Error as exc:
        raise RosterError(
            gettext("Line %(line)d: %(problem)s.") % {"line": reader.line_num, "problem": exc}
        ) from None
    if not rows:
        raise RosterError(gettext("The file has a header row but no students."))
    return Roster(text=text, rows=tuple(rows), filename=filename, ignored_columns=ignored)
