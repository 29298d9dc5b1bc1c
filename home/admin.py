from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import SpanishReviewAdminMixin
from core.admin_a11y import LabelledListEditableMixin
from core.admin_start import StartItem, StartPanel, register_start_panel
from locations.routing import RoutingFieldsAdminMixin
from testimonials.models import Testimonial
from treatments.models import Treatment

from .models import SiteSettings, TrustPoint


@admin.register(SiteSettings)
class SiteSettingsAdmin(
    RoutingFieldsAdminMixin, SpanishReviewAdminMixin, SimpleHistoryAdmin, TranslationAdmin
):
    # The number in every page's header and the practice's public email.
    routing_fields = ("phone", "email")
    fieldsets = [
        (None, {"fields": ["practice_name", "tagline", "phone", "email", "logo"]}),
        (
            _("Home page"),
            {
                "fields": [
                    "hero_heading",
                    "hero_text",
                    "hero_button_label",
                    "hero_image",
                    "hero_image_alt",
                    "seo_description",
                ]
            },
        ),
        (_("Footer and legal"), {"fields": ["insurance_note", "privacy_notice"]}),
    ]

    def has_add_permission(self, request):
        # One row only: staff edit it, they never add a second.
        return not SiteSettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TrustPoint)
class TrustPointAdmin(
    LabelledListEditableMixin, SpanishReviewAdminMixin, SimpleHistoryAdmin, TranslationAdmin
):
    list_display = ["title", "text", "sort_order"]
    list_editable = ["sort_order"]


# The pages content editors keep up, in the order they reach for them.
CONTENT_LINKS = (
    ("treatments.change_treatment", "admin:treatments_treatment_changelist", _("Treatments")),
    ("locations.change_location", "admin:locations_location_changelist", _("Offices")),
    ("locations.change_provider", "admin:locations_provider_changelist", _("Providers")),
    ("testimonials.change_testimonial", "admin:testimonials_testimonial_changelist", _("Stories")),
    (
        "clinic_site.change_sitesettings",
        "admin:clinic_site_sitesettings_changelist",
        _("Site texts"),
    ),
)


@register_start_panel
def content_editor_start(request):
    """Stories waiting for review and drafts in progress, for whoever edits them."""
    user = request.user
    items = []
    if user.has_perm("testimonials.change_testimonial"):
        waiting = Testimonial.objects.filter(status=Testimonial.Status.SUBMITTED).count()
        url = reverse("admin:testimonials_testimonial_changelist")
        items.append(StartItem(gettext("Stories waiting for review"), url, waiting))
    if user.has_perm("treatments.change_treatment"):
        drafts = Treatment.objects.filter(is_published=False).count()
        url = reverse("admin:treatments_treatment_changelist") + "?is_published__exact=0"
        items.append(StartItem(gettext("Treatment drafts in progress"), url, drafts))
    links = [
        StartItem(str(label), reverse(url_name))
        for permission, url_name, label in CONTENT_LINKS
        if user.has_perm(permission)
    ]
    if not items and not links:
        return None
    return StartPanel(gettext("Content"), items, links, order=20)
