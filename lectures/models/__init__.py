"""The lectures app's models, by subject, all re-exported here: import them from
`lectures.models`.

- content: Course, Lecture and what a lecture's notes turn into (sections, glossary
  terms, action items, timeline events and their tombstones), and notes uploads
  awaiting confirmation;
- people: who studies a course (Enrolment) and its cohorts;
- readings: next-step readings and their assignments;
- progress: what each student has done, one narrow table per kind of item;
- summaries: the instructor report's summary rows;
- review: review cards and each student's schedule;
- announcements: what a course's instructors tell its students;
- mail: each account's mail preferences, and the reminders already sent.
"""

from .announcements import ANNOUNCEMENT_MAX_LENGTH, Announcement, validate_shown_as_written
from .base import NotesFormatChecked
from .content import (
    RESERVED_LECTURE_SLUGS,
    SLUG_MESSAGE,
    VALID_SLUG,
    ActionItem,
    Course,
    GlossaryTerm,
    Lecture,
    LectureQuerySet,
    PendingUpload,
    Section,
    SectionQuerySet,
    TimelineEvent,
    TimelineTombstone,
    course_languages,
)
from .mail import MailPreferences, Reminder
from .people import Cohort, Enrolment
from .progress import ActionItemProgress, ProgressBase, ReadingProgress, SectionProgress
from .readings import Reading, ReadingAssignment
from .review import Card, CardState, LectureVisit, ReviewLog
from .summaries import CourseSummary, LectureSummary, ReadingDue

__all__ = [
    "course_languages",
    "ANNOUNCEMENT_MAX_LENGTH",
    "RESERVED_LECTURE_SLUGS",
    "SLUG_MESSAGE",
    "VALID_SLUG",
    "ActionItem",
    "ActionItemProgress",
    "Announcement",
    "Card",
    "CardState",
    "Cohort",
    "Course",
    "CourseSummary",
    "Enrolment",
    "GlossaryTerm",
    "Lecture",
    "LectureQuerySet",
    "LectureSummary",
    "LectureVisit",
    "MailPreferences",
    "NotesFormatChecked",
    "PendingUpload",
    "ProgressBase",
    "Reading",
    "ReadingAssignment",
    "ReadingDue",
    "ReadingProgress",
    "Reminder",
    "ReviewLog",
    "Section",
    "SectionProgress",
    "SectionQuerySet",
    "TimelineEvent",
    "TimelineTombstone",
    "validate_shown_as_written",
]
