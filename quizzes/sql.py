"""The quizzes app's hand-written SQL (see lectures.sql for the rules they follow):
one statement, the lecture page's quizzes with the student's results.

tests/quizzes/test_sql.py holds it against the ORM query it stands for.
"""

from __future__ import annotations

from functools import cache

from django.db import connection

from .models import Attempt, Question, Quiz


@cache
def lecture_quizzes() -> str:
    """A lecture's quizzes (drafts too when `drafts`), in title order, with their
    dates, each with `n_questions`, the student's `best` submitted percent and `n_review` (questions
    flagged for review). Parameters: `user`, `lecture`, `drafts`.

    The lecture page asks it on every request, and Django took about 0.6 ms to build
    it as a grouped, filtered annotation, the database a fraction of that to answer
    it (issue 9's profile)."""
    q = connection.ops.quote_name
    question, attempt = q(Question._meta.db_table), q(Attempt._meta.db_table)
    return (
        f"SELECT z.{q('id')}, z.{q('lecture_id')}, z.{q('title')}, z.{q('published')}, "
        f"z.{q('pass_mark')}, z.{q('opens_at')}, z.{q('closes_at')}, z.{q('due_at')}, "
        f"(SELECT COUNT(*) FROM {question} k WHERE k.{q('quiz_id')} = z.{q('id')})"
        f" AS n_questions, "
        f"(SELECT MAX(a.{q('percent')}) FROM {attempt} a "
        f"WHERE a.{q('quiz_id')} = z.{q('id')} AND a.{q('user_id')} = %(user)s "
        f"AND a.{q('submitted_at')} IS NOT NULL) AS best, "
        f"(SELECT COUNT(*) FROM {question} k WHERE k.{q('quiz_id')} = z.{q('id')} "
        f"AND k.{q('needs_review')} <> '') AS n_review "
        f"FROM {q(Quiz._meta.db_table)} z WHERE z.{q('lecture_id')} = %(lecture)s "
        f"AND (z.{q('published')} OR %(drafts)s) ORDER BY z.{q('title')}, z.{q('id')}"
    )
