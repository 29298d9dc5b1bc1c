"""Every public page of the demo site, for the sweep tests (status, headings, budgets, axe)."""

from django.conf import settings
from django.test import override_settings
from django.urls import reverse, translate_url
from django.utils import translation

from clinic_site.middleware import database_unavailable_response
from clinic_site.views import csrf_failure, server_error
from locations.models import Location, Provider
from notices.models import Notice, NoticeVersion
from treatments.models import Condition, ResourcePage, Treatment

STATIC_PAGES = [
    "home",
    "treatments:index",
    "treatments:condition_list",
    "treatments:resources",
    "treatments:quiz",
    "locations:index",
    "locations:provider_list",
    "testimonials:index",
    "testimonials:share",
    "testimonials:share_thanks",
    "appointments:request",
    "appointments:contact",
    "appointments:message",
    "booking:start",
    "privacy",
]


def public_urls():
    urls = [reverse(name) for name in STATIC_PAGES]
    for model in (Treatment, Location, Provider):
        urls += [obj.get_absolute_url() for obj in model.objects.published()]
    urls += [obj.get_absolute_url() for obj in Condition.objects.published()]
    urls += [obj.get_absolute_url() for obj in ResourcePage.objects.published()]
    urls += [obj.get_absolute_url() for obj in Notice.objects.published()]
    urls += [
        obj.get_absolute_url()
        for obj in NoticeVersion.objects.published().select_related("notice")
        if obj.has_taken_effect()
    ]
    urls += [
        reverse("locations:state", args=[state])
        for state in Location.objects.published()
        .order_by("state")
        .values_list("state", flat=True)
        .distinct()
    ]
    urls += [
        reverse("locations:index") + "?q=21740&radius=25",
        reverse("locations:index") + "?q=Columbia",
        reverse("locations:index") + "?q=nowhere-at-all",
        reverse("locations:provider_list") + "?location=weston",
        # A week of Weston's free times, Saturday morning included.
        reverse("booking:start") + "?type=new-patient-consultation&location=weston",
    ]
    return urls


def in_spanish(url):
    """The Spanish address of an English page. translate_url reads the path in the active
    language, which a request to a Spanish page leaves active in the test's thread."""
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(url, "es")


def error_pages(rf, prefix=""):
    """The pages a patient sees when something goes wrong, as the site renders them;
    prefix="/es" for the Spanish ones."""
    with override_settings(DEBUG=False):
        from django.test import Client

        not_found = Client().get(f"{prefix}/no-such-page/")
    return {
        "404": not_found,
        "403 (form expired)": csrf_failure(rf.post(f"{prefix}/appointments/request/")),
        "500": server_error(rf.get(f"{prefix}/")),
        "503": database_unavailable_response(rf.get(f"{prefix}/")),
    }
