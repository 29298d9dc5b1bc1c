import uuid

import factory
from django.utils import timezone

from locations.models import Location

from .models import AppointmentRequest


class OfficeFactory(factory.django.DjangoModelFactory):
    """A published office, for tests that need somewhere to send a request."""

    class Meta:
        model = Location
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Office {n}")
    slug = factory.Sequence(lambda n: f"office-{n}")
    street_address = "100 Sample Street"
    city = "Hagerstown"
    state = "MD"
    zip_code = "21740"
    phone = "(555) 010-0111"
    staff_email = factory.LazyAttribute(lambda o: f"{o.slug}@staff.example")
    is_published = True


class AppointmentRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppointmentRequest

    location = factory.SubFactory(OfficeFactory)
    first_name = "Avery"
    last_name = "Sample"
    phone = "+14105550142"
    consent_to_contact = True
    consent_to_privacy_notice = True
    consented_at = factory.LazyFunction(timezone.now)
    idempotency_key = factory.LazyFunction(uuid.uuid4)
