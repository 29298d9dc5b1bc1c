import datetime

import factory

from .models import Closure, Location, OpeningHours, Place, Provider, ProviderTreatment


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
    staff_email = factory.LazyAttribute(lambda o: f"{o.slug}@staff.example")
    time_zone = "America/New_York"
    is_published = True


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    location = factory.SubFactory(LocationFactory)
    weekday = 0
    opens = datetime.time(8)
    closes = datetime.time(17)


class ClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Closure

    location = factory.SubFactory(LocationFactory)
    date = factory.Sequence(lambda n: datetime.date(2030, 1, 1) + datetime.timedelta(days=n))
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


class PlaceFactory(factory.django.DjangoModelFactory):
    """A gazetteer row; tests normally use the real gazetteer the test database is filled with."""

    class Meta:
        model = Place

    # Above the highest real ZIP code (99950), so a test's row never shadows a real one.
    zip_code = factory.Sequence(lambda n: str(99951 + n % 49))
    city = factory.Sequence(lambda n: f"Testville {n}")
    city_key = factory.LazyAttribute(lambda o: o.city.lower())
    state = "MD"
    latitude = 39.6
    longitude = -77.7
    time_zone = "America/New_York"


class ProviderTreatmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProviderTreatment

    provider = factory.SubFactory(ProviderFactory)
    treatment = factory.SubFactory("treatments.factories.TreatmentFactory")
    role = ProviderTreatment.Role.PERFORMS
