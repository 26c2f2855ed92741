"""Writes that span several lecture models: importing and exporting notes files.

`lecture_import` is the one code path behind the `import_lecture` command and the
admin's upload page, so both accept and refuse exactly the same files.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from .cards import cards_sync
from .content import lecture_touch
from .models import (
    RESERVED_LECTURE_SLUGS,
    ActionItem,
    Course,
    GlossaryTerm,
    Lecture,
    Section,
    TimelineEvent,
    TimelineTombstone,
)
from .notes import (
    SLUG_MAX_LENGTH,
    NotesError,
    ParsedLecture,
    ParsedSection,
    ParsedTerm,
    format_notes,
    line_problem,
    parse_notes,
    section_events,
    slug_for,
    slug_problem,
)
from .summaries import summaries_rebuild

# The kinds of things an import reports, as its entries name them, with their plurals.
_KINDS = (("section", "sections"), ("term", "terms"), ("action item", "action items"))


@dataclass
class ImportReport:
    """What an import did, in words an instructor can check."""

    lecture: Lecture
    course_created: bool = False
    lecture_created: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # The timeline events the dated bullets gave, named "<when>: <text>": kept apart
    # from the content above, whose removals ask the instructor to confirm.
    events_created: list[str] = field(default_factory=list)
    events_changed: list[str] = field(default_factory=list)
    events_removed: list[str] = field(default_factory=list)
    # Generated quiz questions whose notes this import changed under them.
    questions_flagged: list[str] = field(default_factory=list)
    # The username of the instructor the import was asked to add to the course.
    instructor: str = ""

    @property
    def draft(self) -> bool:
        """Whether the lecture is unpublished after the import: its students do not see it."""
        return not self.lecture.published

    def summary(self) -> str:
        """One sentence for the admin: what happened to the lecture, counted by kind.

        "Created lecture “Rivers” (geo/rivers): 3 sections, 2 terms and 4 action
        items created; 1 section archived."
        """
        lecture = self.lecture
        where = f"“{lecture.title}” ({lecture.course.slug}/{lecture.slug})"
        if self.course_created:
            head = f"Created course “{lecture.course.title}” and lecture {where}"
        else:
            head = f"{'Created' if self.lecture_created else 'Updated'} lecture {where}"
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for action, items in (
            ("created", self.created),
            ("updated", self.updated),
            ("archived", self.archived),
            ("removed", self.removed),
        ):
            for item in items:
                # Entries read "<kind> “<name>”", and a restored section "… (restored)".
                kind = item.split(" “", 1)[0]
                counts["restored" if item.endswith(" (restored)") else action][kind] += 1
        phrases = []
        for action in ("created", "updated", "restored", "archived", "removed"):
            amounts = [
                f"{counts[action][kind]} {kind if counts[action][kind] == 1 else plural}"
                for kind, plural in _KINDS
                if counts[action][kind]
            ]
            if amounts:
                listed = ", ".join(amounts[:-1]) + " and " if len(amounts) > 1 else ""
                phrases.append(f"{listed}{amounts[-1]} {action}")
        if not phrases:
            sentence = f"{head}: no sections, terms or action items changed."
        else:
            sentence = f"{head}: {'; '.join(phrases)}."
        events = [
            f"{len(items)} {action}"
            for action, items in (
                ("created", self.events_created),
                ("changed", self.events_changed),
                ("removed", self.events_removed),
            )
            if items
        ]
        if events:
            sentence += f" Timeline events: {', '.join(events)}."
        if flagged := len(self.questions_flagged):
            sentence += (
                f" {flagged} quiz question{'s' if flagged != 1 else ''} to review: "
                "the notes they were made from changed."
            )
        if self.draft:
            # Shown on the lecture's change page, where the checkbox is.
            sentence += " It is a draft, hidden from students: tick “Published” and save."
        return sentence

    def lines(self) -> list[str]:
        lecture = self.lecture
        out = []
        if self.course_created:
            out.append(f"Created course “{lecture.course.title}” ({lecture.course.slug}).")
        if self.instructor:
            out.append(f"Instructor {self.instructor} teaches course “{lecture.course.title}”.")
        verb = "Created" if self.lecture_created else "Updated"
        out.append(f"{verb} lecture “{lecture.title}” ({lecture.course.slug}/{lecture.slug}).")
        if self.draft:
            out.append("The lecture is a draft: students see it once it is published.")
        for label, items in (
            ("created", self.created),
            ("updated", self.updated),
            ("archived", self.archived),
            ("removed", self.removed),
        ):
            out.append(f"  {label}: {len(items)}")
            out.extend(f"    - {item}" for item in items)
        for label, items in (
            ("timeline events created", self.events_created),
            ("timeline events changed", self.events_changed),
            ("timeline events removed", self.events_removed),
            ("quiz questions to review", self.questions_flagged),
        ):
            if items:
                out.append(f"  {label}: {len(items)}")
                out.extend(f"    - {item}" for item in items)
        return out


def _check_lengths(parsed: ParsedLecture, title: str, title_line: int | None) -> None:
    """Refuse text the columns cannot hold, naming the line, before anything is written.

    title_line is the line of the "Title:" line the title came from, None otherwise.
    """

    def limit(model, name: str) -> int:
        return model._meta.get_field(name).max_length

    if len(title) > limit(Lecture, "title"):
        raise NotesError(
            f"the lecture title is longer than {limit(Lecture, 'title')} characters", title_line
        )
    for section in parsed.sections:
        if len(section.title) > limit(Section, "title"):
            raise NotesError(
                f"the heading is longer than {limit(Section, 'title')} characters", section.line
            )
    for term in parsed.terms:
        for name in ("term", "alias"):
            value = getattr(term, name)
            if len(value) > limit(GlossaryTerm, name):
                raise NotesError(
                    f"the {name} “{value[:40]}…” is longer than "
                    f"{limit(GlossaryTerm, name)} characters",
                    term.line,
                )
    lines = parsed.action_item_lines
    for index, text in enumerate(parsed.action_items):
        if len(text) > limit(ActionItem, "text"):
            raise NotesError(
                f"the action item “{text[:40]}…” is longer than "
                f"{limit(ActionItem, 'text')} characters",
                # A ParsedLecture built in code has no line numbers.
                lines[index] if index < len(lines) else None,
            )


def _title_from_filename(name: str) -> str:
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return " ".join(stem.replace("_", " ").replace("-", " ").split()).title()


def lecture_import(
    *,
    course_slug: str,
    data: bytes | str,
    filename: str = "",
    slug: str = "",
    title: str = "",
    prune: bool = False,
    dry_run: bool = False,
    draft: bool = False,
    new_as_draft: bool = False,
    instructor: AbstractBaseUser | None = None,
) -> ImportReport:
    """Create or update a lecture from a notes file, all or nothing.

    A lecture the import creates is published, unless `draft` or `new_as_draft` is
    set; an existing lecture keeps its published state, unless `draft` is set, which
    unpublishes it. `instructor` (an active staff account the caller has checked) is
    added to the course's instructors, whether the import creates the course or not.

    Re-importing matches sections by slug, terms by term (ignoring case) and action
    items by text, so their primary keys, and the progress hanging off them, survive.
    Raises NotesError (nothing written) when the file or the options are unusable,
    among them a bad course_slug or slug, or a file over settings.NOTES_MAX_BYTES or
    with more than settings.NOTES_MAX_SECTIONS sections (refused by parse_notes
    before it parses). A dry run does all the same work, then rolls it back and
    returns the report.
    """
    # URLs use the slug converter: a slug it cannot match breaks every page listing it.
    if problem := slug_problem(course_slug):
        raise NotesError(f"the course slug {problem}")
    if slug and (problem := slug_problem(slug)):
        raise NotesError(f"the lecture slug {problem}")
    if slug in RESERVED_LECTURE_SLUGS:
        raise NotesError(
            f"the lecture slug “{slug}” names one of the course's own pages; pick another"
        )
    parsed = parse_notes(data)
    title_line = None if title else parsed.title_line
    title = (title or parsed.title or _title_from_filename(filename)).strip()
    if not title:
        raise NotesError('the lecture has no title: add a first line "Title: …" or pass a title')
    if line_problem(title):
        raise NotesError(f"the lecture title “{title[:40]}” is not one line of plain text")
    derived = not slug
    slug = slug or slug_for(title)
    if not slug:
        raise NotesError(f"cannot make a URL slug from the title “{title}”; pass a slug")
    if slug in RESERVED_LECTURE_SLUGS:  # derived: a title such as "Review"
        slug = f"{slug}-lecture"
    _check_lengths(parsed, title, title_line)

    # Only now touch the database: a refused file costs no transaction or lock.
    with transaction.atomic():
        course, course_created = Course.objects.get_or_create(
            slug=course_slug, defaults={"title": course_slug.replace("-", " ").title()}
        )
        lecture = _lecture_for_update(course, slug)
        if lecture is None and derived:
            lecture = _lecture_with_dashless_slug(course, title, slug)
        lecture_created = lecture is None
        if lecture is None:
            position = course.lectures.count()
            try:
                with transaction.atomic():
                    lecture = Lecture.objects.create(
                        course=course,
                        slug=slug,
                        title=title,
                        overview=parsed.overview,
                        position=position,
                        published=not (draft or new_as_draft),
                    )
            except IntegrityError:
                # A concurrent first import created it after our look-up found nothing
                # (there was no row to lock): update theirs rather than fail.
                lecture = _lecture_for_update(course, slug)
                if lecture is None:
                    raise
                lecture_created = False
        if not lecture_created:
            published = lecture.published and not draft
            new = (title, parsed.overview, published)
            if (lecture.title, lecture.overview, lecture.published) != new:
                lecture.title, lecture.overview, lecture.published = new
                lecture.save(update_fields=["title", "overview", "published", "updated"])
        if instructor is not None:
            # add() skips an instructor the course already has.
            course.instructors.add(instructor)

        report = ImportReport(
            lecture=lecture,
            course_created=course_created,
            lecture_created=lecture_created,
            instructor=instructor.get_username() if instructor is not None else "",
        )
        sections = _sync_sections(lecture, parsed.sections, prune, report)
        _sync_terms(lecture, parsed.terms, report)
        _sync_action_items(lecture, parsed.action_items, report)
        _sync_events(lecture, sections, report)
        cards_sync(lecture=lecture)
        # Its pages' cached content is keyed on `updated` (lectures.content).
        lecture_touch(lecture)
        if not lecture_created:
            # quizzes builds on lectures: imported here, not at the top.
            from quizzes.generation import questions_to_review

            report.questions_flagged = questions_to_review(lecture)
        if not lecture_created and _moves_progress(report):
            # Archived, restored or removed sections and items change what the
            # report's figures count; recount the lecture's rows in this transaction.
            summaries_rebuild(course=course, lecture=lecture)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _moves_progress(report: ImportReport) -> bool:
    return bool(
        report.archived
        or report.removed
        or any(entry.endswith(" (restored)") for entry in report.updated)
    )


def _lecture_for_update(course: Course, slug: str) -> Lecture | None:
    return Lecture.objects.select_for_update().filter(course=course, slug=slug).first()


def _lecture_with_dashless_slug(course: Course, title: str, slug: str) -> Lecture | None:
    """The lecture a re-import of `title` updates if it was first imported before
    slug_for() turned dashes into hyphens ("Sykes–Picot" then gave "sykespicot").

    Without this, re-importing such a lecture would start a second copy of it and
    leave students' progress behind on the first. Sections need no such step: they
    fall back to matching by title.
    """
    old = slugify(title)[:SLUG_MAX_LENGTH]
    if not old or old == slug:
        return None
    return _lecture_for_update(course, old)


def _sync_sections(
    lecture: Lecture, parsed: list[ParsedSection], prune: bool, report: ImportReport
) -> list[Section]:
    existing = {section.slug: section for section in lecture.sections.all()}
    # A section renamed or re-slugged in the admin exports under its new title, whose
    # slug differs from the stored one: fall back to the title so progress survives.
    by_title = {}
    parsed_slugs = {item.slug for item in parsed}
    for section in existing.values():
        if section.slug not in parsed_slugs:
            by_title.setdefault(section.title.casefold(), section)
    kept, to_create, to_update = [], [], []
    for position, item in enumerate(parsed):
        section = existing.pop(item.slug, None)
        if section is None and (section := by_title.pop(item.title.casefold(), None)):
            del existing[section.slug]
        if section is None:
            section = Section(
                lecture_id=lecture.pk,
                slug=item.slug,
                title=item.title,
                body=item.body,
                position=position,
            )
            to_create.append(section)
            report.created.append(f"section “{item.title}”")
        else:
            new = (item.title, item.body, position, False)
            if (section.title, section.body, section.position, section.archived) != new:
                action = "restored" if section.archived else "updated"
                section.title, section.body, section.position, section.archived = new
                to_update.append(section)
                report.updated.append(f"section “{item.title}” ({action})")
        kept.append(section)
    gone = list(existing.values())
    if prune:
        report.removed.extend(f"section “{section.title}”" for section in gone)
        Section.objects.filter(pk__in=[section.pk for section in gone]).delete()
    else:
        newly_archived = [section for section in gone if not section.archived]
        for section in newly_archived:
            section.archived = True
            report.archived.append(f"section “{section.title}”")
        to_update.extend(newly_archived)
    Section.objects.bulk_update(to_update, ["title", "body", "position", "archived"])
    Section.objects.bulk_create(to_create)
    return kept


def _sync_terms(lecture: Lecture, parsed: list[ParsedTerm], report: ImportReport) -> None:
    existing = {term.term.casefold(): term for term in lecture.terms.all()}
    to_create, to_update = [], []
    for position, item in enumerate(parsed):
        term = existing.pop(item.term.casefold(), None)
        if term is None:
            to_create.append(
                GlossaryTerm(
                    lecture=lecture,
                    term=item.term,
                    alias=item.alias,
                    definition=item.definition,
                    position=position,
                )
            )
            report.created.append(f"term “{item.term}”")
            continue
        new = (item.term, item.alias, item.definition)
        if (term.term, term.alias, term.definition) != new:
            report.updated.append(f"term “{item.term}”")
        elif term.position == position:
            continue
        term.term, term.alias, term.definition = new
        term.position = position  # the file's order is the instructor's
        to_update.append(term)
    report.removed.extend(f"term “{term.term}”" for term in existing.values())
    # Delete first: a term re-cased in the file must not collide with its old row.
    GlossaryTerm.objects.filter(pk__in=[term.pk for term in existing.values()]).delete()
    GlossaryTerm.objects.bulk_update(to_update, ["term", "alias", "definition", "position"])
    GlossaryTerm.objects.bulk_create(to_create)


def _sync_action_items(lecture: Lecture, parsed: list[str], report: ImportReport) -> None:
    existing = {item.text: item for item in lecture.action_items.all()}
    to_create, to_update = [], []
    for position, text in enumerate(parsed):
        item = existing.pop(text, None)
        if item is None:
            to_create.append(ActionItem(lecture=lecture, text=text, position=position))
            report.created.append(f"action item “{text}”")
        elif item.position != position:
            item.position = position
            to_update.append(item)
    report.removed.extend(f"action item “{item.text}”" for item in existing.values())
    ActionItem.objects.filter(pk__in=[item.pk for item in existing.values()]).delete()
    ActionItem.objects.bulk_update(to_update, ["position"])
    ActionItem.objects.bulk_create(to_create)


@transaction.atomic
def lecture_sync_events(*, lecture: Lecture) -> None:
    """Re-derive the lecture's timeline from its visible sections, as an import would.

    For a change made outside an import, such as a section body edited in the admin.
    """
    # The lock an import takes, so the two cannot extract the same events twice.
    Lecture.objects.select_for_update().filter(pk=lecture.pk).exists()
    _sync_events(lecture, list(lecture.sections.visible()))
    cards_sync(lecture=lecture)


def _sync_events(
    lecture: Lecture, sections: list[Section], report: ImportReport | None = None
) -> None:
    """Derive timeline events from dated bullets; unchanged events keep their keys.

    An event is matched to its bullet by `source`, which edits do not change. An
    event an instructor edited keeps the edit for as long as its bullet is in the
    notes, and goes when the bullet goes: the edit belongs to that bullet. An event
    added by hand (no source) is the instructor's and is left alone.
    """
    wanted = []
    for section in sections:
        for event in section_events(section.body):
            source = TimelineEvent.source_for(event.when_label, event.text)
            wanted.append((section, event, source))
    # An event the instructor deleted stays deleted while its bullet is unchanged;
    # a tombstone whose bullet changed or went has nothing left to hold back.
    tombstones = TimelineTombstone.objects.filter(lecture=lecture)
    buried = set(tombstones.values_list("source", flat=True))
    if buried:
        sources = {source for _section, _event, source in wanted}
        tombstones.exclude(source__in=sources).delete()
        wanted = [entry for entry in wanted if entry[2] not in buried]
    # A multiset: two identical dated bullets give two events with the same key.
    existing = defaultdict(list)
    # Edited events first, so that dropping one of two identical bullets keeps the edit.
    for event in sorted(lecture.events.exclude(source=""), key=lambda event: not event.edited):
        existing[(event.section_id, event.source)].append(event)
    to_create, to_update, unmatched = [], [], []
    for section, event, source in wanted:
        matches = existing.get((section.pk, source))
        if matches:
            found = matches.pop(0)
            # The source fixes label and text; only the date can differ from the notes.
            end_key = event.end_key
            if not found.edited and (found.sort_key, found.end_key) != (event.sort_key, end_key):
                found.sort_key, found.end_key = event.sort_key, end_key
                to_update.append(found)
                if report is not None:
                    report.events_changed.append(_event_name(found.when_label, found.text))
        else:
            unmatched.append((section, event, source))
    # An instructor may have moved an edited event to another section (or the notes
    # moved its bullet): still the same bullet, so still the same edit.
    moved = defaultdict(list)
    for matches in existing.values():
        for found in matches:
            if found.edited:
                moved[found.source].append(found)
    kept = set()
    for section, event, source in unmatched:
        if moved.get(source):
            kept.add(moved[source].pop(0).pk)
            continue
        to_create.append(
            # Ids, not instances: cheaper for the tens of thousands of events of big files.
            TimelineEvent(
                lecture_id=lecture.pk,
                section_id=section.pk,
                when_label=event.when_label,
                sort_key=event.sort_key,
                end_key=event.end_key,
                text=event.text,
                source=source,
            )
        )
    leftover = [event for matches in existing.values() for event in matches if event.pk not in kept]
    if report is not None:
        report.events_created.extend(_event_name(e.when_label, e.text) for e in to_create)
        report.events_removed.extend(_event_name(e.when_label, e.text) for e in leftover)
    TimelineEvent.objects.filter(pk__in=[event.pk for event in leftover]).delete()
    TimelineEvent.objects.bulk_update(to_update, ["sort_key", "end_key"])
    TimelineEvent.objects.bulk_create(to_create)


def _event_name(when: str, text: str) -> str:
    short = text if len(text) <= 80 else text[:79].rstrip() + "…"
    return f"{when}: {short}"


def events_deleted(events) -> int:
    """Remember the extracted events an instructor deleted (see TimelineTombstone),
    so the next import does not bring them back. Call with the events, before or
    after their rows go, in the same transaction. Returns the tombstones made."""
    tombstones = [
        TimelineTombstone(lecture_id=event.lecture_id, source=event.source)
        for event in events
        if event.source
    ]
    TimelineTombstone.objects.bulk_create(tombstones, ignore_conflicts=True)
    return len(tombstones)


def lecture_to_parsed(lecture: Lecture) -> ParsedLecture:
    return ParsedLecture(
        title=lecture.title,
        overview=lecture.overview,
        sections=[
            ParsedSection(title=s.title, slug=s.slug, body=s.body, line=0)
            for s in lecture.sections.visible()
        ],
        terms=[
            ParsedTerm(term=t.term, alias=t.alias, definition=t.definition, line=0)
            for t in lecture.terms.all()
        ],
        action_items=[item.text for item in lecture.action_items.all()],
    )


def lecture_export(lecture: Lecture) -> str:
    """The lecture in the notes format; importing it gives back the same lecture."""
    return format_notes(lecture_to_parsed(lecture))
