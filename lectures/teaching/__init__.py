"""The instructor's side: the report and the summaries it reads, its CSV, reading
assignments and the class roster.

- summaries: the report's summary rows, kept in step with every progress write;
- reports: the report's read models (rows, sorting, filters, one student, one quiz);
- csv: the report as CSV lines;
- selectors: a course's assignments and the student search of the assign page;
- assignments, readings, roster: assigning readings, readings made from action
  items, enrolling a class from a CSV file (services);
- forms, report_views, assign_views: the pages.
"""

from .summaries import readings_due_refresh, summaries_rebuild

__all__ = ["readings_due_refresh", "summaries_rebuild"]
