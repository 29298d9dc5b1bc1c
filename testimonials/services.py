import uuid

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.tasks import queue_email, team_address

from .models import Testimonial, about_filter

CAROUSEL_SIZE = 12


def carousel_testimonials(about=None, *, size=CAROUSEL_SIZE, only_about=False):
    """Approved testimonials about `about`, or featured ones when there are none, in one query.

    Both sets are fetched together, the ones about the object first; featured
    ones are kept only when nothing is about the object, and never with only_about.
    """
    related = ("office", "treatment", "provider")
    if about is None:
        return list(Testimonial.objects.featured().select_related(*related)[:size])
    approved = Testimonial.objects.approved().select_related(*related)
    is_about = about_filter(about)
    if only_about:
        return list(approved.filter(is_about).order_by("sort_order", "-date", "-created_at")[:size])
    rows = list(
        approved.filter(is_about | models.Q(featured=True))
        .annotate(
            is_about=models.Case(
                models.When(is_about, then=True),
                default=False,
                output_field=models.BooleanField(),
            )
        )
        .order_by("-is_about", "sort_order", "-date", "-created_at")[:size]
    )
    about_rows = [row for row in rows if row.is_about]
    return about_rows or rows


def testimonial_submit(
    *, display_name, text, rating, office, treatment, submission_key=None
) -> tuple[Testimonial, bool]:
    """Store a patient's story for review and tell staff, once per submission key.

    The form requires consent, so consent is recorded as given now. Returns the
    testimonial and whether it was new (a resent form returns the first one).
    """
    key = submission_key or uuid.uuid4()
    earlier = Testimonial.objects.filter(submission_key=key).first()
    if earlier is not None:
        return earlier, False
    testimonial = Testimonial(
        display_name=display_name,
        text=text,
        rating=rating,
        office=office,
        treatment=treatment,
        date=timezone.localdate(),
        consent_to_publish=True,
        consent_given_at=timezone.now(),
        status=Testimonial.Status.SUBMITTED,
        submission_key=key,
    )
    testimonial.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            testimonial.save()
            _notify_staff(testimonial)
    except IntegrityError:  # the same form sent twice at the same moment
        return Testimonial.objects.get(submission_key=key), False
    return testimonial, True


def review_recipient():
    """The content team, who can open stories in the admin; the front desk cannot."""
    return team_address("TESTIMONIAL_NOTIFICATION_EMAIL", "content")


def _notify_staff(testimonial):
    # Email is not a secure channel: only that a story arrived and where to review it.
    # Staff read the site's own language, whichever language the patient used.
    path = reverse("admin:testimonials_testimonial_change", args=[testimonial.pk])
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("A patient story is waiting for review")
        body = _(
            "A patient shared a story on the website. It stays hidden until a member of "
            "staff approves it.\n\nReview it here: %(link)s\n"
        ) % {"link": settings.SITE_URL + path}
    queue_email(subject=subject, body=body, to=[review_recipient()])


def testimonials_delete_unpublished(*, older_than) -> int:
    """Delete stories sent before `older_than` that are not on the site (waiting for review
    or rejected), and log each; returns how many. Part of the retention command: a patient's
    story is patient data. An approved story stays while it is published with consent."""
    from appointments.models import AuditLogEntry

    with transaction.atomic():
        expired = Testimonial.objects.exclude(status=Testimonial.Status.APPROVED).filter(
            created_at__lt=older_than
        )
        numbers = list(expired.select_for_update().values_list("pk", flat=True))
        Testimonial.objects.filter(pk__in=numbers).delete()
        AuditLogEntry.record(
            user=None,
            action=AuditLogEntry.Action.DELETE,
            subject=AuditLogEntry.Subject.STORY,
            references=numbers,
            details="retention: not published",
        )
    return len(numbers)
