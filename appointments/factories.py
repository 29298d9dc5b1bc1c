import uuid

import factory
from django.utils import timezone

from locations.factories import LocationFactory

from .models import AppointmentRequest, AuditLogEntry, ContactAttempt, new_reference


class AppointmentRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppointmentRequest

    location = factory.SubFactory(LocationFactory)
    first_name = "Avery"
    last_name = "Sample"
    phone = "+14105550142"
    consent_to_contact = True
    consent_to_privacy_notice = True
    consented_at = factory.LazyFunction(timezone.now)
    idempotency_key = factory.LazyFunction(uuid.uuid4)


class AuditLogEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditLogEntry

    action = AuditLogEntry.Action.VIEW
    reference = factory.LazyFunction(new_reference)


class ContactAttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactAttempt

    request = factory.SubFactory(AppointmentRequestFactory)
    method = ContactAttempt.Method.PHONE
    outcome = ContactAttempt.Outcome.VOICEMAIL
