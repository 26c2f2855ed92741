"""The instructor report as CSV lines, for a spreadsheet to open.

The header row and the words in the cells ("yes", the reason a student is behind)
are in the language of the instructor who downloads it, like the page it exports:
its readers are people opening it in a spreadsheet. The columns' order is the
same in every language, so a script reads them by position.

Security contract: every text cell (names, usernames, emails, cohorts, lecture and
quiz titles in the header, the reason a student is behind) is written by students
or instructors, and a spreadsheet runs a cell that starts
with `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a formula:
`csv_safe` prefixes such a cell with a single quote, which the spreadsheet shows as
text. Numbers are written as numbers and are never negative.

Lines are produced one at a time (a StreamingHttpResponse iterates them), so memory
stays flat however many rows there are. The first line starts with a byte order
mark: Excel reads a CSV without one in the machine's legacy code page.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from quizzes.models import Quiz

from .reports import ReportLecture, ReportRow

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """`value` as a spreadsheet should show it: text that would start a formula gets
    a leading single quote; anything else is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Line:
    """A file-like object whose write returns what it was given: csv.writer then
    hands back each line instead of buffering it."""

    def write(self, value: str) -> str:
        return value


def _when(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def header(lectures: list[ReportLecture], quizzes: list[Quiz]) -> list[str]:
    """The column names: the student, then per lecture its sections and recall, per
    quiz (set_quizzes: by its own title) the best score, then the course's totals and
    whether, and why, the student is behind."""
    cells = [
        gettext("Name"),
        gettext("Username"),
        gettext("Email"),
        gettext("Cohorts"),
        gettext("Last activity (%(zone)s)") % {"zone": settings.TIME_ZONE},
    ]
    for lecture in lectures:
        cells.append(
            gettext("%(lecture)s: sections read (of %(n)d)")
            % {"lecture": lecture.title, "n": lecture.n_sections}
        )
        cells.append(gettext("%(lecture)s: recall estimate %%") % {"lecture": lecture.title})
    cells += [gettext("%(quiz)s: best %%") % {"quiz": quiz.column} for quiz in quizzes]
    total = sum(lecture.n_sections for lecture in lectures)
    items = sum(lecture.n_items for lecture in lectures)
    cells += [
        gettext("Action items done (of %(n)d)") % {"n": items},
        gettext("Readings done"),
        gettext("Readings overdue"),
        gettext("Quizzes overdue"),
        gettext("Sections read (of %(n)d)") % {"n": total},
        gettext("Overall progress %"),
        pgettext("report column", "Behind"),
        gettext("Why behind"),
    ]
    return cells


def row_cells(row: ReportRow, quizzes: list[Quiz]) -> list:
    # The web report shows the username where there is no name: so does the file.
    cells = [row.name or row.username, row.username, row.email, "; ".join(row.cohorts)]
    cells.append(_when(row.last_activity))
    for cell in row.lectures:
        cells += [cell.read, "" if cell.recall is None else cell.recall]
    cells += [row.quiz_best.get(quiz.pk, "") for quiz in quizzes]
    cells += [
        row.items_done,
        row.readings_done,
        row.late.readings,
        row.late.quizzes,
        row.sections_read,
        row.progress.percent,
        gettext("yes") if row.is_behind else gettext("no"),
        row.behind_reason,
    ]
    return cells


def report_lines(
    lectures: list[ReportLecture], quizzes: list[Quiz], rows: Iterable[ReportRow]
) -> Iterator[str]:
    """The header and then one line per row, each a str ending in CRLF, in the
    language active now: the lines are written later, as the response streams,
    when the request's language may no longer be the active one."""
    return _lines(lectures, quizzes, rows, translation.get_language())


def _lines(lectures, quizzes, rows, language: str | None) -> Iterator[str]:
    writer = csv.writer(_Line())
    with translation.override(language):
        yield BOM + writer.writerow([csv_safe(c) for c in header(lectures, quizzes)])
        for row in rows:
            yield writer.writerow([csv_safe(c) for c in row_cells(row, quizzes)])
