"""The instructor's side: the report and the summaries it reads, its CSV, reading
assignments, the class roster, and the course's teaching page.

- summaries: the report's summary rows, kept in step with every progress write;
- reports: the report's read models (rows, sorting, filters, one student, one quiz);
- behind: whether a student is behind and what they have overdue, as SQL filters
  and for a page's rows;
- csv: the report as CSV lines;
- selectors: a course's assignments and the student search of the assign page,
  the teaching page's lectures and quizzes, what a student with no progress sees;
- assignments, readings, roster: assigning readings, readings made from a
  lecture's action items and sections (linked to them), enrolling a class from a
  CSV file (services);
- roster_csv: reading that CSV file into rows, each with what refuses it;
- forms, report_views, assign_views, timeline_views: the pages;
- teach_views: the teaching page (publish, draft a quiz, import notes, readings);
- preview_views: "View as a student", read-only copies of the student pages.
"""

from .summaries import readings_due_refresh, summaries_rebuild

__all__ = ["readings_due_refresh", "summaries_rebuild"]
