"""Login limits: throttling failed logins.

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
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UsernameField
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ipware import get_client_ip


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
