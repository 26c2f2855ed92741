"""The authentication backend a verified launch logs its account in with.

django-lti-authentication's backend and middleware key accounts on the launch's
`sub` alone, as a username: two platforms' subjects would share an account, and a
subject equal to a local username ("admin") would log in as it. The launch view
resolves the account itself (lms.launches, by issuer and subject) and logs it in with
this backend, which the add-on's backend class provides for the session's later
requests (ModelBackend's get_user and permissions); its middleware is not used, since
it would log out every session that did not come from a launch.
"""

from __future__ import annotations

from lti_authentication.backends import LtiLaunchAuthenticationBackend

from lectures.accounts.languages import AccountBackend

BACKEND = "lms.auth.LaunchBackend"


class LaunchBackend(LtiLaunchAuthenticationBackend):
    create_unknown_user = False

    def authenticate(self, request, lti_launch_user_id=None):
        # Never by a bare subject (see the module's docstring): only the launch view
        # logs a launch's account in, through django.contrib.auth.login.
        return None

    # A launched session's account is loaded with its preferences, as every other
    # session's is: the language middleware reads them on every request.
    get_user = AccountBackend.get_user
