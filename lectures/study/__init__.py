"""The student's side: their pages (dashboard, course, lecture, glossary,
timeline, progress) and their own writes.

- selectors: the read models of the student pages (progress counts, readings);
- progress: a section read or an action item done (a service), a reading made
  from the item done with it;
- readings: an assigned reading done (a service), its action item with it;
- forms, views: the pages themselves.
"""

from .selectors import Progress

__all__ = ["Progress"]
