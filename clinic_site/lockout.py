"""The sign-in lockout: django-axes' own, plus a limit on each account from every address.

Axes counts failed sign-ins per account and client address (AXES_FAILURE_LIMIT, 5), so a
patient's mistyped password never locks out a colleague elsewhere. On its own that lets an
attacker with many addresses guess without limit, 4 at a time from each. The account's own
limit (SIGN_IN_ACCOUNT_FAILURE_LIMIT, 8, higher so that one client's typos are caught first)
counts its failures from every address together over the same cool-off: after 8 wrong
passwords from 8 addresses, the right one is refused too until the hour has passed or a
superuser runs `manage.py axes_reset_username USERNAME`. IPv6 clients are counted by their
/64 (core.ratelimit.lockout_address).
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def account_failures(request, credentials=None):
    """Failed sign-ins to this account inside the cool-off, from every address together."""
    username = get_client_username(request, credentials)
    if not username:
        return 0
    attempts = AccessAttempt.objects.filter(
        username=username, attempt_time__gte=get_cool_off_threshold(request)
    )
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class StaffLockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None):
        """Axes compares this one number with AXES_FAILURE_LIMIT, both before a sign-in (is it
        locked?) and after a failure (does this one lock it, and show the lockout page?). The
        account's count is shifted so that reaching its own limit reaches axes' limit."""
        per_client = super().get_failures(request, credentials)
        shift = settings.SIGN_IN_ACCOUNT_FAILURE_LIMIT - settings.AXES_FAILURE_LIMIT
        return max(per_client, account_failures(request, credentials) - shift)
