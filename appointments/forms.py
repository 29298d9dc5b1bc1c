import math
import uuid

import phonenumbers
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.functional import cached_property, lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from core.spam import SpamProtectedForm
from locations.models import Location, Provider
from treatments.models import Treatment

from .models import MESSAGE_MAX_LENGTH, AppointmentRequest

Model = AppointmentRequest
MILES_PER_DEGREE = 69.0
HIDDEN_FIELDS = ("website", "started", "idempotency_key")


def _privacy_help():
    return format_html(
        '<a href="{}">{}</a> · <a href="{}">{}</a>',
        reverse("privacy"),
        _("Read our privacy notice"),
        reverse("notices:detail", args=["privacy-practices"]),
        _("Notice of Privacy Practices"),
    )


privacy_help = lazy(_privacy_help, str)


def miles_between(a, b):
    """Great-circle distance in miles; plenty accurate for sorting a handful of offices."""
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    )
    return 3958.8 * 2 * math.asin(math.sqrt(h))


def office_label(office, miles=None):
    if office.name == office.city:
        label = f"{office.name}, {office.state}"
    else:
        label = f"{office.name} ({office.city}, {office.state})"
    if miles is not None:
        return _("%(office)s, about %(miles)s miles away") % {
            "office": label,
            "miles": round(miles),
        }
    return label


def offices_for(origin):
    """Published offices, nearest first when we know where the patient is, else by state."""
    offices = list(Location.objects.published().order_by("state", "name"))
    if origin is None:
        return [(office, None) for office in offices]
    with_distance = [
        (office, miles_between(origin, (float(office.latitude), float(office.longitude))))
        for office in offices
        if office.latitude is not None and office.longitude is not None
    ]
    with_distance.sort(key=lambda pair: pair[1])
    return with_distance + [(o, None) for o in offices if o.latitude is None or o.longitude is None]


class PatientRequestForm(SpamProtectedForm):
    """What every patient request asks: who, how to reach them, which office, consent."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    phone = PhoneNumberField(
        label=_("Phone number"),
        region="US",
        help_text=_("A US number, for example 410-555-0123."),
        error_messages={"invalid": _("Enter a US phone number with area code, e.g. 410-555-0123.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel", "inputmode": "tel"}),
    )
    location = forms.ModelChoiceField(
        label=_("Preferred office"),
        queryset=Location.objects.published(),
        empty_label=_("Choose an office"),
        error_messages={
            "required": _("Choose the office you would like to visit."),
            "invalid_choice": _("Choose one of the offices in the list."),
        },
    )
    consent_to_contact = forms.BooleanField(
        label=_("I agree to be contacted about this request by phone, text or email"),
        error_messages={"required": _("We need your agreement to contact you.")},
    )
    consent_to_privacy_notice = forms.BooleanField(
        label=_("I have read and agree to the privacy notice"),
        help_text=privacy_help(),
        error_messages={"required": _("Please agree to the privacy notice.")},
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        max_length=254,
        help_text=_("Needed only if you would like us to reply by email."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_method = forms.ChoiceField(
        label=_("How should we contact you?"),
        required=False,
        choices=Model.ContactMethod.choices,
        widget=forms.RadioSelect,
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False)

    required_fields = (
        "first_name",
        "last_name",
        "phone",
        "location",
        "consent_to_contact",
        "consent_to_privacy_notice",
    )
    optional_fields = ()
    optional_legend = _("More about your visit (optional)")
    submit_label = _("Send request")

    def __init__(self, *args, origin=None, preselect=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.min_fill_seconds = settings.APPOINTMENT_MIN_FILL_SECONDS
        if not self.is_bound:
            self.initial["idempotency_key"] = str(uuid.uuid4())
        self._offices = offices_for(origin)
        self.fields["location"].choices = [("", self.fields["location"].empty_label)] + [
            (office.pk, office_label(office, miles)) for office, miles in self._offices
        ]
        self._preselect(preselect or {})

    @cached_property
    def helper(self):
        """Built on first render, after subclasses have dropped fields they do not need."""
        helper = FormHelper()
        helper.form_id = "patient-request"
        helper.layout = Layout(
            Fieldset(_("Your details"), *self.required_fields),
            Fieldset(self.optional_legend, *(f for f in self.optional_fields if f in self.fields)),
            *HIDDEN_FIELDS,
        )
        helper.add_input(Submit("send", self.submit_label, css_class="button-cta button-large"))
        return helper

    def _preselect(self, preselect):
        """Initial choices from ?location=<slug> and friends; unknown slugs are ignored."""
        match = next((o.pk for o, _m in self._offices if o.slug == preselect.get("location")), None)
        if match is not None:
            self.initial.setdefault("location", match)

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone and phonenumbers.region_code_for_number(phone) != "US":
            raise forms.ValidationError(
                _("Enter a US phone number with area code, e.g. 410-555-0123."), code="not_us"
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        try:
            cleaned["idempotency_key"] = uuid.UUID(self.data.get("idempotency_key", ""))
        except ValueError:
            raise forms.ValidationError(
                _("This form has expired. Please check your details and send it again."),
                code="bad_key",
            ) from None
        method = cleaned.get("contact_method")
        if method == Model.ContactMethod.EMAIL and not cleaned.get("email"):
            self.add_error(
                "email", _("Enter your email address, or choose another way to reach you.")
            )
        return cleaned

    def service_fields(self):
        """The cleaned data as keyword arguments for appointment_request_create."""
        names = set(self.required_fields) | set(self.optional_fields) | {"idempotency_key"}
        return {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}


class AppointmentRequestForm(PatientRequestForm):
    treatment = forms.ModelChoiceField(
        label=_("Treatment or reason for your visit"),
        required=False,
        queryset=Treatment.objects.published(),
        empty_label=_("Not sure yet"),
    )
    provider = forms.ModelChoiceField(
        label=_("Preferred provider"),
        required=False,
        queryset=Provider.objects.published(),
        empty_label=_("No preference"),
    )
    preferred_days = forms.MultipleChoiceField(
        label=_("Days that suit you"),
        required=False,
        choices=Model.Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    preferred_time = forms.ChoiceField(
        label=_("Time of day"),
        required=False,
        choices=Model.TimeOfDay.choices,
        widget=forms.RadioSelect,
    )
    patient_status = forms.ChoiceField(
        label=_("Have you been to one of our offices before?"),
        required=False,
        choices=Model.PatientStatus.choices,
        widget=forms.RadioSelect,
    )
    insurance_type = forms.ChoiceField(
        label=_("Insurance"),
        required=False,
        choices=[("", _("Choose if you like")), *Model.Insurance.choices],
    )
    insurance_carrier = forms.CharField(
        label=_("Insurance company"),
        required=False,
        max_length=100,
        help_text=_("For example, the name on your insurance card."),
    )
    message = forms.CharField(
        label=_("Anything else we should know?"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        help_text=_(
            "Up to 1,000 characters. Please do not include detailed medical history; "
            "we will ask about it when we call."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    optional_fields = (
        "email",
        "contact_method",
        "treatment",
        "provider",
        "preferred_days",
        "preferred_time",
        "patient_status",
        "insurance_type",
        "insurance_carrier",
        "message",
    )

    def __init__(self, *args, **kwargs):
        # Read the choice lists once: the page makes a fixed number of queries.
        # spanish_reviewed_at decides which language each name is shown in.
        self._treatments = list(
            Treatment.objects.published().only("pk", "slug", "name", "spanish_reviewed_at")
        )
        self._providers = list(
            Provider.objects.published().only("pk", "slug", "name", "credentials")
        )
        super().__init__(*args, **kwargs)
        self.fields["treatment"].choices = [("", _("Not sure yet"))] + [
            (t.pk, t.name) for t in self._treatments
        ]
        if self._providers:
            self.fields["provider"].choices = [("", _("No preference"))] + [
                (p.pk, str(p)) for p in self._providers
            ]
        else:
            del self.fields["provider"]

    def _preselect(self, preselect):
        super()._preselect(preselect)
        for name, options in (("treatment", self._treatments), ("provider", self._providers)):
            match = next((o.pk for o in options if o.slug == preselect.get(name)), None)
            if match is not None:
                self.initial.setdefault(name, match)

    def clean_preferred_days(self):
        return ",".join(self.cleaned_data["preferred_days"])


class ContactMessageForm(PatientRequestForm):
    """A question, billing or records message: the same machinery, a shorter form."""

    TOPICS = [(k, label) for k, label in Model.Kind.choices if k != Model.Kind.APPOINTMENT]

    kind = forms.ChoiceField(
        label=_("What is your message about?"),
        choices=TOPICS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what your message is about.")},
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        help_text=_("Up to 1,000 characters. Please do not include detailed medical history."),
        error_messages={"required": _("Write a short message so we know how to help.")},
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    required_fields = (
        "kind",
        "first_name",
        "last_name",
        "phone",
        "location",
        "message",
        "consent_to_contact",
        "consent_to_privacy_notice",
    )
    optional_fields = ("email", "contact_method")
    optional_legend = _("How to reach you (optional)")
    submit_label = _("Send message")

    def _preselect(self, preselect):
        super()._preselect(preselect)
        if preselect.get("topic") in dict(self.TOPICS):
            self.initial.setdefault("kind", preselect["topic"])
