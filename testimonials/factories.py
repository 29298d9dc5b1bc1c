import datetime

import factory
from django.utils import timezone

from .models import Testimonial


class TestimonialFactory(factory.django.DjangoModelFactory):
    """An approved, consented testimonial unless told otherwise."""

    class Meta:
        model = Testimonial

    display_name = factory.Sequence(lambda n: f"Patient {n}.")
    text = factory.Faker("paragraph", nb_sentences=3)
    date = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    consent_to_publish = True
    consent_given_at = factory.LazyFunction(timezone.now)
    status = Testimonial.Status.APPROVED
