"""The patient's link to view, cancel or ask to move their booking, without an account.

The token is the booking's id and reference signed with SECRET_KEY (django.core.signing,
HMAC-SHA256): it cannot be guessed, and changing the id to reach another booking breaks the
signature. The reference is random and stored with the request, so a link also stops
working once the request is anonymized.
"""

from django.core import signing
from django.urls import reverse

SALT = "booking.manage"


def manage_token(booking):
    return signing.dumps([booking.pk, booking.reference], salt=SALT, compress=True)


def manage_path(booking):
    return reverse("booking:manage", args=[manage_token(booking)])


def booking_for_token(token, queryset):
    """The booking this token was made for, from `queryset`, or None."""
    try:
        pk, reference = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not reference:
        return None
    return queryset.filter(pk=pk, request__reference=reference).first()
