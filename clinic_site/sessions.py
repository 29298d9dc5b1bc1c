"""Django's database sessions, with an absolute lifetime for signed-in staff.

The idle timeout (SESSION_COOKIE_AGE, renewed on every request) alone lets a stolen session
cookie live for as long as someone keeps using it. A signed-in session is also refused
SESSION_ABSOLUTE_AGE after its sign-in, however busy, and so is a signed-in session with no
sign-in time (one made before this existed): it fails closed. Checked where the session is
loaded, so it costs no query and no request pays for it unless it carries a session.
"""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db

SIGNED_IN_AT = "signed_in_at"


def remember_sign_in_time(sender, request, user, **kwargs):
    """Connected to user_logged_in (apps.py): the start of the session's absolute lifetime."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())


class SessionStore(db.SessionStore):
    def load(self):
        data = super().load()
        signed_in_at = data.get(SIGNED_IN_AT, 0)
        if SESSION_KEY in data and time.time() - signed_in_at > settings.SESSION_ABSOLUTE_AGE:
            self.delete()
            self._session_key = None  # as Django treats an expired session: start afresh
            return {}
        return data
