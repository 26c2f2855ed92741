"""Guarding the account pages: login throttling and the password-reset view.

Login throttling is django-axes at the authentication-backend level, so the site's
login page and the admin's share one count whatever view called `authenticate()`.
Only failures count, and they are kept in the database (axes' database handler), so
every worker process and app server sees the same counts. The project supplies:

- `client_ip`: the client's address, read by django-ipware behind the configured
  number of proxies (`PROXY_COUNT`), for axes and for the password-reset limits;
- `login_username`: the username exactly as the login form normalises it, so that
  " student", a tab or fullwidth letters are one account's count, not fresh ones;
- `LoginFailureHandler`: axes' database handler with one limit per username and a
  much higher one per address (axes itself has a single limit; its maintainers
  point to a custom handler for this, jazzband/django-axes#661);
- `lockout_response`: the site's 429 page for a locked-out attempt;
- `ThrottledLoginBackend`: axes' backend, letting through calls without a request.

The password-reset view limits requests per address and per client, and sends its
mail only after the response has gone, so that neither the answer nor its timing
tells whether an account exists (see `PasswordResetView`).
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from functools import partial

from axes.attempts import get_cool_off_threshold
from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, UsernameField
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited
from ipware import get_client_ip

logger = logging.getLogger(__name__)


def client_ip(request: HttpRequest) -> str | None:
    """The address of the client that sent `request`, as far as it can be trusted.

    With no proxy (`PROXY_COUNT` = 0) that is the socket's peer: X-Forwarded-For is
    ignored, since any client can write it. Behind N proxies that each append the
    address they were connected from, the client is the N-th address from the right
    of X-Forwarded-For; whatever a client wrote to the left of it is skipped.
    """
    proxies = settings.PROXY_COUNT
    if proxies:
        # ipware counts the proxies listed in the header; the last one is REMOTE_ADDR.
        address, _routable = get_client_ip(
            request,
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
    else:
        address, _routable = get_client_ip(request, request_header_order=["REMOTE_ADDR"])
    # A request that bypassed the proxies (a health check) has only its peer.
    return address or request.META.get("REMOTE_ADDR") or None


def login_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """AXES_USERNAME_CALLABLE: the username as the login form reads it.

    Django's login forms strip the username and NFKC-normalise it (UsernameField),
    so " student" and "ｓｔｕｄｅｎｔ" log in as "student": they must count as
    "student" too. Normalising here again covers callers that pass what was typed.
    """
    field = get_user_model().USERNAME_FIELD
    raw = (credentials or request.POST).get(field)
    return UsernameField().to_python(raw) or None


class LoginFailureHandler(AxesDatabaseHandler):
    """Axes' database handler with separate limits per username and per address.

    Axes compares one number, `get_failures()`, with one AXES_FAILURE_LIMIT, both
    before a password is checked and after a failure is recorded. Here that number
    is the failures within the cool-off for this username, or those from this
    address less the extra allowance an address has (LOGIN_FAILURES_PER_IP -
    LOGIN_FAILURES_PER_USERNAME), whichever is higher: it reaches the limit when
    either count reaches its own.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        username = get_client_username(request, credentials)
        address = request.axes_ip_address
        recent = AccessAttempt.objects.filter(
            Q(username=username) | Q(ip_address=address),
            attempt_time__gte=get_cool_off_threshold(request),
        )
        # One query for both counts; each row is one (username, address, browser).
        counts = recent.aggregate(
            by_username=Coalesce(Sum("failures_since_start", filter=Q(username=username)), 0),
            by_address=Coalesce(Sum("failures_since_start", filter=Q(ip_address=address)), 0),
        )
        allowance = settings.LOGIN_FAILURES_PER_IP - settings.LOGIN_FAILURES_PER_USERNAME
        return max(counts["by_username"], counts["by_address"] - allowance)


class ThrottledLoginBackend(AxesStandaloneBackend):
    """Axes' lockout check, for every `authenticate()` call that has a request.

    Every login form passes its request. A call without one comes from code on the
    server (the test client's `login()`, a shell), has no client to count, and axes
    would refuse it with an exception; it goes on to ModelBackend unthrottled.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the site's "too many attempts" page, status 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "429.html", {"cooloff_minutes": minutes}, status=429)


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
