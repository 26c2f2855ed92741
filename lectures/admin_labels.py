"""Accessible names for the admin's inputs that Django leaves without a label.

Django's admin labels the fields of a stacked form, but not:
- the inputs of a tabular inline or of a list's editable columns: their names are in
  a header row, which a screen reader does not tie to each row's inputs (axe:
  "Form elements must have labels", critical);
- the date and the time of a split date-time field: the field's label points at
  neither, and "Date:" and "Time:" beside them are plain text.

`LabelledInputs` gives each of these an aria-label that names the column and the
row ("Definition, glossary term 3"; "Position, Plate Tectonics"; "Due at: time").
lectures.admin_scoping's mixins, which every ModelAdmin and inline of both apps
uses, include it.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime
from django.forms.formsets import DELETION_FIELD_NAME
from django.http import HttpRequest
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext


def _label(form, name: str) -> str:
    if name == DELETION_FIELD_NAME:
        return gettext("Delete")
    return capfirst(form.fields[name].label or name.replace("_", " "))


def label_rows(formset_class, row_name):
    """A subclass of `formset_class` whose every visible input has an aria-label:
    its column's label and `row_name(form, index)`."""

    class Labelled(formset_class):
        def add_fields(self, form, index):
            super().add_fields(form, index)
            row = row_name(self, form, index)
            for name, field in form.fields.items():
                widget = field.widget
                if not widget.is_hidden:
                    widget.attrs.setdefault(
                        "aria-label",
                        pgettext("column of a row", "%(column)s, %(row)s")
                        % {"column": _label(form, name), "row": row},
                    )

    Labelled.__name__ = Labelled.__qualname__ = formset_class.__name__
    return Labelled


def _numbered(formset, form, index) -> str:
    noun = formset.model._meta.verbose_name
    # index is None for the blank row the admin's "Add another" copies.
    if index is None:
        return gettext("new %(thing)s") % {"thing": noun}
    return pgettext("row of a table", "%(thing)s %(number)d") % {"thing": noun, "number": index + 1}


def _named(formset, form, index) -> str:
    # A list's rows are saved objects: str() of a lecture is its title, no query.
    return str(form.instance)


class LabelledInputs:
    """For a ModelAdmin or an inline: split date-time fields and tabular rows with
    accessible names."""

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, AdminSplitDateTime):
            name = capfirst(field.label or db_field.verbose_name)
            date, time = field.widget.widgets
            date.attrs["aria-label"] = gettext("%(field)s: date") % {"field": name}
            time.attrs["aria-label"] = gettext("%(field)s: time") % {"field": name}
        return field

    def get_formset(self, request: HttpRequest, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if isinstance(self, admin.TabularInline):
            return label_rows(formset, _numbered)
        return formset

    def get_changelist_formset(self, request: HttpRequest, **kwargs):
        return label_rows(super().get_changelist_formset(request, **kwargs), _named)
