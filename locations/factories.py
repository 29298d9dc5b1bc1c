from datetime import time

import factory

from .models import Closure, Location, OpeningHours, Provider


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Office {n}")
    slug = factory.Sequence(lambda n: f"office-{n}")
    street_address = factory.Sequence(lambda n: f"{100 + n} Main Street")
    city = "Hagerstown"
    state = "MD"
    zip_code = "21740"
    latitude = 39.632
    longitude = -77.7372
    phone = "(301) 555-0150"
    time_zone = "America/New_York"
    is_published = True


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    location = factory.SubFactory(LocationFactory)
    weekday = 0
    opens = time(8)
    closes = time(17)


class ClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Closure

    location = factory.SubFactory(LocationFactory)
    reason = "Holiday"


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Dr. Test Person {n}")
    slug = factory.Sequence(lambda n: f"provider-{n}")
    credentials = "MD"
    specialty = "Interventional pain medicine"
    is_published = True
