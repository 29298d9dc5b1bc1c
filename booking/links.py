"""The patient's link to view, cancel or ask to move their booking, without an account.

The token is the booking's id and reference signed with SECRET_KEY (django.core.signing,
HMAC-SHA256): it cannot be guessed, and changing the id to reach another booking breaks the
signature. The link to answer another time the front desk offers is signed the same way
over the offer's id, its booking's id and the reference, with its own salt, so neither link
opens the other's page. The reference is random and stored with the request, so a link also stops
working once the request is anonymized.
"""

from django.core import signing
from django.urls import reverse

SALT = "booking.manage"
PROPOSAL_SALT = "booking.proposal"


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


def proposal_token(proposal):
    booking = proposal.proposed_for
    return signing.dumps(
        [proposal.pk, booking.pk, booking.reference], salt=PROPOSAL_SALT, compress=True
    )


def proposal_path(proposal):
    return reverse("booking:proposal", args=[proposal_token(proposal)])


def proposal_for_token(token, queryset):
    """The offered time this token was made for, from `queryset`, or None."""
    try:
        pk, booking_pk, reference = signing.loads(token, salt=PROPOSAL_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not reference:
        return None
    return queryset.filter(
        pk=pk, proposed_for_id=booking_pk, proposed_for__request__reference=reference
    ).first()
