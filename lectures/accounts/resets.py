"""Password-reset mail, worked out by the task worker rather than the request.

`QueuedPasswordResetForm` is the password-reset view's form. Its `save()` looks
nothing up: it queues one `password_reset_task` with the address typed and where
the links point, whether or not an account has that address. So the request does
the same work for a known and an unknown address (one task queued, the same
redirect), and neither a slow mail server nor a busy worker process can tell them
apart. In the worker, the task finds the accounts, makes each one's link and
mail as Django's PasswordResetForm does, and hands the mail to the outbox
(lectures.mail.outbox), which sends it.
"""

from __future__ import annotations

import unicodedata

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sites.shortcuts import get_current_site
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from lectures.mail.languages import languages_of
from lectures.mail.outbox import Mail, enqueue_after_commit, mail_after_commit

SUBJECT_TEMPLATE = "registration/password_reset_subject.txt"
EMAIL_TEMPLATE = "registration/password_reset_email.html"


def normalised_email(email: str) -> str:
    """An address as one inbox: PasswordResetForm matches addresses case-insensitively
    after NFKC, so "Student@Example.com" is the same inbox as "student@example.com"."""
    return unicodedata.normalize("NFKC", email.strip()).casefold()


class QueuedPasswordResetForm(PasswordResetForm):
    """PasswordResetForm whose `save()` queues the reset for the task worker."""

    # The language of the page the reset was asked from: the mail's, for an account
    # that chose none (lectures.mail.languages).
    language: str | None = None

    def get_users(self, email: str):
        """Every active account with the address, those that never set a password
        included (Django leaves them out): students enrolled from a CSV file start
        without one, and "Forgot password" is how they get a fresh link once the
        first one has expired."""
        field = get_user_model().get_email_field_name()
        wanted = normalised_email(email)
        candidates = get_user_model()._default_manager.filter(
            **{f"{field}__iexact": email, "is_active": True}
        )
        return (user for user in candidates if normalised_email(getattr(user, field)) == wanted)

    def save(
        self,
        domain_override=None,
        subject_template_name=SUBJECT_TEMPLATE,
        email_template_name=EMAIL_TEMPLATE,
        use_https=False,
        token_generator=default_token_generator,
        from_email=None,
        request=None,
        html_email_template_name=None,
        extra_email_context=None,
    ) -> None:
        """Queue `password_reset_task` for the address, once the transaction commits.

        Everything the task needs travels as plain values: the links' domain and
        scheme, read from the request here, and the templates. The token generator
        cannot travel, so only Django's default is accepted; mail goes from
        DEFAULT_FROM_EMAIL."""
        if token_generator is not default_token_generator:
            raise ValueError("Queued password resets use Django's default token generator")
        domain = domain_override or get_current_site(request).domain
        enqueue_after_commit(
            password_reset_task,
            email=self.cleaned_data["email"],
            domain=domain,
            use_https=use_https,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
            extra_email_context=extra_email_context or {},
            language=translation.get_language(),
        )

    def send_links(self, **options) -> None:
        """Django's reset: each account's link, mailed through `send_mail` below."""
        super().save(**options)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        user = context["user"]
        with translation.override(languages_of([user.pk], self.language)[user.pk]):
            subject = "".join(render_to_string(subject_template_name, context).splitlines())
            body = render_to_string(email_template_name, context)
            html = ""
            if html_email_template_name is not None:
                html = render_to_string(html_email_template_name, context)
        mail_after_commit([Mail(subject, body, (to_email,), html)])


@task()
def password_reset_task(
    *,
    email: str,
    domain: str,
    use_https: bool,
    subject_template_name: str = SUBJECT_TEMPLATE,
    email_template_name: str = EMAIL_TEMPLATE,
    html_email_template_name: str | None = None,
    extra_email_context: dict | None = None,
    language: str | None = None,
) -> None:
    """Mail a reset link to each account with `email`; nothing if there is none.
    `language` is the one the reset was asked in (see `QueuedPasswordResetForm`)."""
    form = QueuedPasswordResetForm({"email": email})
    if not form.is_valid():
        return
    form.language = language
    form.send_links(
        domain_override=domain,
        use_https=use_https,
        subject_template_name=subject_template_name,
        email_template_name=email_template_name,
        html_email_template_name=html_email_template_name,
        extra_email_context=extra_email_context,
    )
