"""A lecture's content beyond the notes format: importing and exporting notes
files, rendering their Markdown, and the per-version cache of what every student
sees alike.

- rendering: the notes' Markdown subset as sanitised HTML, terms linked;
- cache: a lecture's shared content, built once per version of the lecture;
- exports: a lecture written back in the notes format;
- report: what an import did (ImportReport);
- outline: how an import read the file, with the lines it could read two ways;
- imports: `lecture_import`, the one path of every import (a service);
- timeline: timeline events kept in step with the notes, tombstones (a service);
- uploads: notes uploads waiting for an instructor's confirmation (a service).

The face below is the read side; the services are imported from their modules.
"""

from .cache import LectureContent, lecture_content, lecture_touch
from .exports import lecture_export
from .rendering import render_body, render_inline, render_overview

__all__ = [
    "LectureContent",
    "lecture_content",
    "lecture_export",
    "lecture_touch",
    "render_body",
    "render_inline",
    "render_overview",
]
