"""Instructors' content management in Django's admin, one module per subject.

Staff who teach a course see and edit only their own courses' content; superusers
see everything. Scoping lives in lectures.admin_scoping so no admin class can
forget it; the quizzes app's admin uses it too, and so neither app's admin
imports the other's. Every save or delete that must keep derived
data in step (review cards, report summaries, readings due, timeline tombstones)
calls a service; no admin hook keeps derived data itself.

Importing this package registers every ModelAdmin (Django's autodiscover imports
`lectures.admin`).
"""

from . import announcements, content, people, readings

__all__ = ["announcements", "content", "people", "readings"]
