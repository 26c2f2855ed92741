"""Forms of the account pages: the account's preferences."""

from __future__ import annotations

from django import forms

from lectures.models import MailPreferences


class MailPreferencesForm(forms.ModelForm):
    """Which mail the account gets; unticked is off."""

    class Meta:
        model = MailPreferences
        fields = ["reminders", "announcements"]
        labels = {
            "reminders": "Assignments and reminders",
            "announcements": "Announcements",
        }
