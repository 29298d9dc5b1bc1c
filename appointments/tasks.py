"""The patient's confirmation email, sent by the worker and addressed only when it is sent.

The task queue keeps each task's arguments in the database for as long as the
row lives, where superusers can read them: so the task carries the request's
primary key and looks the address up when it runs, and a request anonymized or
deleted in between gets no email at all.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from core.tasks import send_or_retry_later

from .models import AppointmentRequest


def confirmation_message(appointment_request):
    office = appointment_request.location
    subject = _("We received your request (%(reference)s)") % {"reference": appointment_request}
    body = _(
        "Thank you for contacting us. Your reference is %(reference)s.\n\n"
        "Someone from our team will call you within one business day. If you need us "
        "sooner, call the %(office)s office at %(phone)s and give your reference.\n\n"
        "For your privacy this email does not repeat what you sent us.\n\n"
        "Free language help is available: call us and ask for an interpreter, or see "
        "%(language_help)s\n"
    ) % {
        "reference": appointment_request,
        "office": office.name,
        "phone": office.phone,
        "language_help": settings.SITE_URL
        + reverse("notices:detail", args=["language-assistance"]),
    }
    return subject, body


@task()
def send_request_confirmation(*, request_pk, attempt=1):
    appointment_request = (
        AppointmentRequest.objects.not_anonymized()
        .select_related("location")
        .filter(pk=request_pk)
        .exclude(email="")
        .first()
    )
    if appointment_request is None:
        return
    # In the language the patient filled the form in.
    with translation.override(appointment_request.language):
        subject, body = confirmation_message(appointment_request)
    send_or_retry_later(
        subject=subject,
        body=body,
        to=[appointment_request.email],
        attempt=attempt,
        label=f"confirmation for {request_pk}",
        retry=send_request_confirmation,
        retry_arguments={"request_pk": request_pk},
    )
