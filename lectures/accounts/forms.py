"""Forms of the account pages: the account's preferences."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from lectures.models import MailPreferences


def language_options() -> list[tuple[str, str]]:
    """The shipped languages, each named in itself ("British English", "Español"), as
    language menus do: someone who cannot read the current page can still find
    their own. The blank choice, the default, follows the browser."""
    options = [("", _("Your browser's choice"))]
    for code, _name in settings.LANGUAGES:
        name = get_language_info(code)["name_local"]
        options.append((code, name[:1].upper() + name[1:]))
    return options


class PreferencesForm(forms.ModelForm):
    """The account's language, and which mail it gets (unticked is off)."""

    language = forms.ChoiceField(
        label=_("Language"),
        choices=language_options,
        required=False,
        help_text=_(
            "The language of the site's pages. Your browser's choice is its preferred "
            "language when the site speaks it, else the site's default."
        ),
    )

    class Meta:
        model = MailPreferences
        fields = ["language", "reminders", "announcements"]
        labels = {
            "reminders": _("Assignments and reminders"),
            "announcements": _("Announcements"),
        }
