"""The account pages the site adds to django.contrib.auth's: the password-reset view.

The password-reset view limits requests per address and per client, and sends its
mail only after the response has gone, so that neither the answer nor its timing
tells whether an account exists (see `PasswordResetView`).
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpResponse, HttpResponseRedirect
from django_ratelimit.core import is_ratelimited

from .limits import client_ip

logger = logging.getLogger(__name__)


def _normalised_email(email: str) -> str:
    # PasswordResetForm matches addresses case-insensitively after NFKC, so
    # "Student@Example.com" is the same inbox and must share its count.
    return unicodedata.normalize("NFKC", email.strip()).casefold()


class _DeferredPasswordResetForm(PasswordResetForm):
    """PasswordResetForm whose `save()` keeps its work for later.

    `save()` looks the address up, renders the mail and sends it: all of it work
    that only an existing account costs. The view runs it after the response.
    """

    deferred: Callable[[], None] | None = None

    def get_users(self, email: str):
        """Every active account with the address, those that never set a password
        included (Django leaves them out): students enrolled from a CSV file start
        without one, and "Forgot password" is how they get a fresh link once the
        first one has expired."""
        field = get_user_model().get_email_field_name()
        wanted = _normalised_email(email)
        candidates = get_user_model()._default_manager.filter(
            **{f"{field}__iexact": email, "is_active": True}
        )
        return (user for user in candidates if _normalised_email(getattr(user, field)) == wanted)

    def save(self, **opts) -> None:
        self.deferred = partial(super().save, **opts)


class _RedirectThenRun(HttpResponseRedirect):
    """A redirect that runs `after` once the server has sent it.

    WSGI servers call a response's `close()` when they have written its body (PEP
    3333; Django's test client does the same), so the work in `after` adds nothing
    to the time the client waits for this response.
    """

    def __init__(self, url: str, *, after: Callable[[], None]):
        super().__init__(url)
        self._after: Callable[[], None] | None = after

    def close(self) -> None:
        after, self._after = self._after, None
        try:
            if after is not None:
                after()
        except Exception:
            # The client has its answer already; a failing mail server must not
            # also skip Django's end-of-request cleanup in super().close().
            logger.exception("Password-reset mail could not be sent")
        finally:
            super().close()


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, limited, and answering every address alike.

    Every valid request counts against its address (PASSWORD_RESETS_PER_EMAIL, so
    nobody can fill an inbox) and its client (PASSWORD_RESETS_PER_IP, so nobody can
    mail every account). Over either limit the answer is the same "check your email"
    redirect, without a mail: saying "too many requests" for an address would say
    it had been mailed, hence that it exists.

    Timing: looking the account up, rendering and sending the mail take tens of
    milliseconds for an existing address and nothing for an unknown one. All of it
    runs in the response's `close()`, after the server has sent the response, rather
    than in padded work or a task queue (the site has none). The client's wait
    is then the same for both. On a keep-alive connection the worker stays busy
    while it sends, which only a mail queue would hide; Gunicorn's sync worker
    serves one request per connection.
    """

    form_class = _DeferredPasswordResetForm

    def form_valid(self, form: _DeferredPasswordResetForm) -> HttpResponse:
        request = self.request
        email = _normalised_email(form.cleaned_data["email"])
        # Both counters are always read and raised, so the database work is the
        # same whether or not a limit is reached.
        over_email = is_ratelimited(
            request,
            group="password-reset-email",
            key=lambda _group, _request: email,
            rate=settings.PASSWORD_RESETS_PER_EMAIL,
            increment=True,
        )
        over_client = is_ratelimited(
            request,
            group="password-reset-client",
            key=lambda _group, _request: client_ip(_request) or "",
            rate=settings.PASSWORD_RESETS_PER_IP,
            increment=True,
        )
        if over_email or over_client:
            logger.warning(
                "Password reset over the %s limit; no mail sent",
                "address" if over_email else "client",
            )
            return HttpResponseRedirect(self.get_success_url())
        response = super().form_valid(form)
        return _RedirectThenRun(response["Location"], after=form.deferred)
