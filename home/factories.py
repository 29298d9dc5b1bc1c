import factory

from .models import SiteSettings, TrustPoint


class SiteSettingsFactory(factory.django.DjangoModelFactory):
    """The one settings row (its save() always uses id 1)."""

    class Meta:
        model = SiteSettings
        django_get_or_create = ["id"]

    id = 1
    practice_name = "Sample Pain and Spine"
    phone = "(301) 555-0100"
    hero_heading = "Relief starts with one call"
    hero_text = "Specialists for back and neck pain."
    insurance_note = "We accept most insurance."
    privacy_notice = "What this website does with your information."
    seo_description = "A pain and spine practice."


class TrustPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrustPoint

    title = factory.Sequence(lambda n: f"Reason {n} to choose us")
    sort_order = factory.Sequence(lambda n: n)
