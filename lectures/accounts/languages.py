"""The language a page is written in: the account's choice, else the browser's.

Django's LocaleMiddleware (settings.MIDDLEWARE) picks the language the browser's
Accept-Language asks for, among settings.LANGUAGES, else LANGUAGE_CODE. Once the
account is known, `account_language` puts the account's own choice (its
preferences' `language`, set on /accounts/preferences/) over that, for the whole
request: pages, messages, the admin, and the Content-Language header that
LocaleMiddleware writes on the way out. An account that chose "the browser's
choice" (the default) keeps what LocaleMiddleware found.

The choice must cost no query of its own on every page: `AccountBackend` loads the
request's account with its preferences row in one query (a join on a one-to-one),
the query Django makes for `request.user` anyway.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from lectures.models import MailPreferences

Middleware = Callable[[HttpRequest], HttpResponse]


def chosen_language(user) -> str | None:
    """The language `user` chose for the site, if they chose one the site still ships
    (a language dropped from LANGUAGES falls back to the browser's)."""
    if not user.is_authenticated:
        return None
    try:
        chosen = user.mail_preferences.language
    except MailPreferences.DoesNotExist:
        return None
    if not chosen:
        return None
    try:
        return translation.get_supported_language_variant(chosen)
    except LookupError:
        return None


def account_language(get_response: Middleware) -> Middleware:
    def middleware(request: HttpRequest) -> HttpResponse:
        language = chosen_language(request.user)
        if language and language != request.LANGUAGE_CODE:
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return get_response(request)

    return middleware


class AccountBackend(ModelBackend):
    """ModelBackend, with the account's preferences fetched beside it (`chosen_language`
    reads them on every request)."""

    def get_user(self, user_id):
        try:
            user = (
                get_user_model()._default_manager.select_related("mail_preferences").get(pk=user_id)
            )
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
