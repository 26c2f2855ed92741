"""The account pages the site adds to django.contrib.auth's: the password-reset
view, and the account's preferences (its language, its mail).

The password-reset view limits requests per address and per client, and queues
its work for the task worker (lectures.accounts.resets), so that neither the answer
nor the work done for it tells whether an account exists (see `PasswordResetView`).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from lectures.mail.preferences import preferences_of, preferences_save

from .forms import PreferencesForm
from .limits import client_ip
from .resets import QueuedPasswordResetForm, normalised_email

logger = logging.getLogger(__name__)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, limited, and answering every address alike.

    Every valid request counts against its address (PASSWORD_RESETS_PER_EMAIL, so
    nobody can fill an inbox) and its client (PASSWORD_RESETS_PER_IP, so nobody can
    mail every account). Over either limit the answer is the same "check your email"
    redirect, without a mail: saying "too many requests" for an address would say
    it had been mailed, hence that it exists.

    Timing: looking the account up, rendering and sending the mail take tens of
    milliseconds for an existing address, seconds with a slow mail server, and
    nothing for an unknown one. None of it happens here: the form queues one task
    for any address (lectures.accounts.resets), and the task worker does the rest.
    The request's work, and so its time and the web worker's, is the same for both.
    """

    form_class = QueuedPasswordResetForm

    def form_valid(self, form: QueuedPasswordResetForm) -> HttpResponse:
        request = self.request
        email = normalised_email(form.cleaned_data["email"])
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
        return super().form_valid(form)


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def preferences(request: HttpRequest) -> HttpResponse:
    """The account's preferences: the language of its pages, and which mail it gets
    (reminders of its work, its courses' announcements). Saving redirects back with
    a message, in the language just chosen."""
    current = preferences_of(request.user)
    form = PreferencesForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        preferences_save(user=request.user, **form.cleaned_data)
        language = form.cleaned_data["language"] or translation.get_language_from_request(request)
        translation.activate(language)
        messages.success(request, _("Your preferences are saved."))
        return HttpResponseRedirect(reverse("preferences"))
    return render(request, "registration/preferences.html", {"form": form})
