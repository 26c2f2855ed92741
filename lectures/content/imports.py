"""Importing a notes file into a lecture: the one code path behind the
`import_lecture` command and the admin's upload page, so both accept and refuse
exactly the same files."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext

from coursesite.batches import BATCH_SIZE, bulk_update, delete_pks
from lectures.models import (
    RESERVED_LECTURE_SLUGS,
    ActionItem,
    Course,
    GlossaryTerm,
    Lecture,
    Section,
    course_languages,
)
from lectures.notes import (
    SLUG_MAX_LENGTH,
    NotesError,
    ParsedLecture,
    ParsedSection,
    ParsedTerm,
    line_problem,
    parse_notes,
    slug_for,
    slug_problem,
)
from lectures.review.cards import cards_sync
from lectures.teaching.summaries import summaries_rebuild
from quizzes.generation import questions_to_review

from .cache import lecture_touch
from .report import Entry, ImportReport
from .timeline import events_sync


def _check_lengths(parsed: ParsedLecture, title: str, title_line: int | None) -> None:
    """Refuse text the columns cannot hold, naming the line, before anything is written.

    title_line is the line of the "Title:" line the title came from, None otherwise.
    """

    def limit(model, name: str) -> int:
        return model._meta.get_field(name).max_length

    if len(title) > limit(Lecture, "title"):
        raise NotesError(_longer(gettext("the lecture title"), limit(Lecture, "title")), title_line)
    for section in parsed.sections:
        if len(section.title) > limit(Section, "title"):
            raise NotesError(_longer(gettext("the heading"), limit(Section, "title")), section.line)
    for term in parsed.terms:
        for name in ("term", "alias", "definition"):
            value = getattr(term, name)
            if len(value) > limit(GlossaryTerm, name):
                what = {
                    "term": gettext("the term “%(text)s…”"),
                    "alias": gettext("the alias “%(text)s…”"),
                    "definition": gettext("the definition “%(text)s…”"),
                }[name] % {"text": value[:40]}
                raise NotesError(_longer(what, limit(GlossaryTerm, name)), term.line)
    lines = parsed.action_item_lines
    for index, text in enumerate(parsed.action_items):
        if len(text) > limit(ActionItem, "text"):
            raise NotesError(
                _longer(
                    gettext("the action item “%(text)s…”") % {"text": text[:40]},
                    limit(ActionItem, "text"),
                ),
                # A ParsedLecture built in code has no line numbers.
                lines[index] if index < len(lines) else None,
            )


def _longer(what: str, limit: int) -> str:
    """ "the heading is longer than 200 characters" """
    return ngettext(
        "%(what)s is longer than %(limit)d character",
        "%(what)s is longer than %(limit)d characters",
        limit,
    ) % {"what": what, "limit": limit}


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
    language: str = "",
) -> ImportReport:
    """Create or update a lecture from a notes file, all or nothing.

    A lecture the import creates is published, unless `draft` or `new_as_draft` is
    set; an existing lecture keeps its published state, unless `draft` is set, which
    unpublishes it. `instructor` (an active staff account the caller has checked) is
    added to the course's instructors, whether the import creates the course or not.
    `language` (one of lectures.models.course_languages()) is the language of a course the import
    creates (default English); an existing course keeps its own. The notes' dates
    are read in the course's language (Course.language).

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
        raise NotesError(gettext("the course slug %(problem)s") % {"problem": problem})
    if slug and (problem := slug_problem(slug)):
        raise NotesError(gettext("the lecture slug %(problem)s") % {"problem": problem})
    if slug in RESERVED_LECTURE_SLUGS:
        raise NotesError(
            gettext("the lecture slug “%(slug)s” names one of the course's own pages; pick another")
            % {"slug": slug}
        )
    languages = [code for code, _name in course_languages()]
    if language and language not in languages:
        raise NotesError(f"the language “{language}” is not one of {', '.join(languages)}")
    parsed = parse_notes(data)
    title_line = None if title else parsed.title_line
    title = (title or parsed.title or _title_from_filename(filename)).strip()
    if not title:
        raise NotesError(
            gettext('the lecture has no title: add a first line "Title: …" or pass a title')
        )
    if line_problem(title):
        raise NotesError(
            gettext("the lecture title “%(title)s” is not one line of plain text")
            % {"title": title[:40]}
        )
    derived = not slug
    slug = slug or slug_for(title)
    if not slug:
        raise NotesError(
            gettext("cannot make a URL slug from the title “%(title)s”; pass a slug")
            % {"title": title}
        )
    if slug in RESERVED_LECTURE_SLUGS:  # derived: a title such as "Review"
        slug = f"{slug}-lecture"
    _check_lengths(parsed, title, title_line)

    # Only now touch the database: a refused file costs no transaction or lock.
    with transaction.atomic():
        course, course_created = Course.objects.get_or_create(
            slug=course_slug,
            defaults={
                "title": course_slug.replace("-", " ").title(),
                "language": language or "en",
            },
        )
        lecture = _lecture_for_update(course, slug)
        if lecture is None and derived:
            lecture = _lecture_with_dashless_slug(course, title, slug)
        lecture_created = lecture is None
        if lecture is not None:
            lecture.course = course  # its language reads the dates; no second query
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
            parsed=parsed,
        )
        sections = _sync_sections(lecture, parsed.sections, prune, report)
        _sync_terms(lecture, parsed.terms, report)
        _sync_action_items(lecture, parsed.action_items, report)
        events_sync(lecture, sections, report)
        cards_sync(lecture=lecture)
        # Its pages' cached content is keyed on `updated` (lectures.content.cache).
        lecture_touch(lecture)
        if not lecture_created:
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
            report.created.append(Entry("section", item.title))
        else:
            new = (item.title, item.body, position, False)
            if (section.title, section.body, section.position, section.archived) != new:
                action = "restored" if section.archived else "updated"
                section.title, section.body, section.position, section.archived = new
                to_update.append(section)
                report.updated.append(Entry("section", item.title, action))
        kept.append(section)
    gone = list(existing.values())
    if prune:
        report.removed.extend(Entry("section", section.title) for section in gone)
        delete_pks(Section.objects, [section.pk for section in gone])
    else:
        newly_archived = [section for section in gone if not section.archived]
        for section in newly_archived:
            section.archived = True
            report.archived.append(Entry("section", section.title))
        to_update.extend(newly_archived)
    bulk_update(Section, to_update, ["title", "body", "position", "archived"])
    Section.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    return kept


def _sync_terms(lecture: Lecture, parsed: list[ParsedTerm], report: ImportReport) -> None:
    existing = {term.term.casefold(): term for term in lecture.terms.all()}
    to_create, to_update = [], []
    changed: set[str] = set()
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
            report.created.append(Entry("term", item.term))
            continue
        new = {
            "term": item.term,
            "alias": item.alias,
            "definition": item.definition,
            "position": position,  # the file's order is the instructor's
        }
        differs = {name for name, value in new.items() if getattr(term, name) != value}
        if not differs:
            continue
        if differs != {"position"}:
            report.updated.append(Entry("term", item.term))
        changed |= differs
        for name, value in new.items():
            setattr(term, name, value)
        to_update.append(term)
    report.removed.extend(Entry("term", term.term) for term in existing.values())
    # Delete first: a term re-cased in the file must not collide with its old row.
    delete_pks(GlossaryTerm.objects, [term.pk for term in existing.values()])
    # Only the columns that changed: a bulk update costs each row a CASE per column.
    bulk_update(
        GlossaryTerm,
        to_update,
        [n for n in ("term", "alias", "definition", "position") if n in changed],
    )
    GlossaryTerm.objects.bulk_create(to_create, batch_size=BATCH_SIZE)


def _sync_action_items(lecture: Lecture, parsed: list[str], report: ImportReport) -> None:
    existing = {item.text: item for item in lecture.action_items.all()}
    to_create, to_update = [], []
    for position, text in enumerate(parsed):
        item = existing.pop(text, None)
        if item is None:
            to_create.append(ActionItem(lecture=lecture, text=text, position=position))
            report.created.append(Entry("action item", text))
        elif item.position != position:
            item.position = position
            to_update.append(item)
    report.removed.extend(Entry("action item", item.text) for item in existing.values())
    delete_pks(ActionItem.objects, [item.pk for item in existing.values()])
    bulk_update(ActionItem, to_update, ["position"])
    ActionItem.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
