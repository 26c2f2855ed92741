"""The synthetic course behind `manage.py generate_course` (the report's benchmark),
used by that command only:

- shape: the course and everything in it that does not grow with the students;
- students: the simulated students, their accounts and their progress;
- writers: the big tables written with COPY or bulk_create, and deleted fast.

The report's summary rows are not made here: the command fills them with the
site's own rebuild (lectures.teaching.summaries) once the progress is written.
"""

from .shape import Shape, shape_create
from .students import Simulation, accounts, enrolments, memberships, student_username_pattern
from .writers import TABLES, USER_FIELDS, Rows, analyze, course_delete, writer_for

__all__ = [
    "TABLES",
    "USER_FIELDS",
    "Rows",
    "Shape",
    "Simulation",
    "accounts",
    "analyze",
    "course_delete",
    "enrolments",
    "memberships",
    "shape_create",
    "student_username_pattern",
    "writer_for",
]
