from django import forms
from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from appointments.forms import PatientRequestForm, office_label, offices_for
from core.translation_review import shows_english_in_place_of_spanish
from locations.models import Location, Provider
from treatments.models import Treatment

from .models import AppointmentType


class AppointmentTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # A name whose Spanish no translator has reviewed is shown in English, marked so.
        if shows_english_in_place_of_spanish(obj, "name"):
            return format_html('<span lang="en">{}</span>', obj.name)
        return obj.name


class SlotSearchForm(forms.Form):
    """What to book, where and with whom: read from the query string, so the slot page is a
    plain link that works with JavaScript off and can be shared."""

    type = AppointmentTypeChoiceField(
        label=_("Type of visit"),
        queryset=AppointmentType.objects.none(),
        to_field_name="slug",
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the type of visit.")},
    )
    location = forms.ModelChoiceField(
        label=_("Office"),
        queryset=None,
        to_field_name="slug",
        empty_label=_("Choose an office"),
        error_messages={"required": _("Choose the office you would like to visit.")},
    )
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=Provider.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any provider"),
    )
    week = forms.DateField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, place_search=None, treatment=None, **kwargs):
        super().__init__(*args, **kwargs)
        types = AppointmentType.objects.bookable()
        if treatment is not None:
            # Visits for this treatment, and those for any treatment.
            types = types.filter(Q(treatments=treatment) | Q(treatments=None)).distinct()
        self.fields["type"].queryset = types
        # Nearest first after a location search, as on the request form.
        offices = offices_for(place_search)
        self.fields["location"].queryset = Location.objects.published()
        self.fields["location"].choices = [("", _("Choose an office"))] + [
            (office.slug, office_label(office, miles)) for office, miles in offices
        ]
        self.fields["provider"].queryset = (
            Provider.objects.published()
            .filter(weekly_availability__appointment_type__bookable_online=True)
            .distinct()
        )


def treatment_from(slug):
    if not slug:
        return None
    return Treatment.objects.published().filter(slug=slug).first()


class BookingDetailsForm(PatientRequestForm):
    """The request form's own fields, checks and consent, less the office (the slot says)."""

    required_fields = (
        "first_name",
        "last_name",
        "phone",
        "consent_to_contact",
        "consent_to_privacy_notice",
    )
    optional_fields = ("email", "contact_method")
    optional_legend = _("How to reach you (optional)")
    submit_label = _("Book this time")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["location"]
        self.fields["email"].help_text = _(
            "We send your confirmation, a calendar file and reminders here."
        )
