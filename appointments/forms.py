import uuid
from collections import defaultdict

import phonenumbers
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.conf import settings
from django.db.models import Value
from django.urls import reverse
from django.utils.functional import cached_property, lazy
from django.utils.html import format_html
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from core.spam import SpamProtectedForm
from core.templatetags.clinic import mid_sentence
from locations.distance import Point, haversine_miles
from locations.models import Location, OpeningHours, Provider, ProviderTreatment
from locations.search import office_search
from treatments.models import Treatment

from .models import MESSAGE_MAX_LENGTH, AppointmentRequest

Model = AppointmentRequest
HIDDEN_FIELDS = ("website", "started", "idempotency_key")
# Location hours number days as date.weekday() does; requests store these codes.
DAY_CODES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _privacy_help():
    return format_html(
        '<a href="{}">{}</a> · <a href="{}">{}</a>',
        reverse("privacy"),
        _("Read our privacy notice"),
        reverse("notices:detail", args=["privacy-practices"]),
        _("Notice of Privacy Practices"),
    )


privacy_help = lazy(_privacy_help, str)


def office_label(office, miles=None):
    if office.name == office.city:
        label = f"{office.name}, {office.state}"
    else:
        label = f"{office.name} ({office.city}, {office.state})"
    if miles is not None and round(miles) == 0:
        return _("%(office)s, less than a mile away") % {"office": label}
    if miles is not None:
        return _("%(office)s, about %(miles)s miles away") % {
            "office": label,
            "miles": round(miles),
        }
    return label


def offices_for(place_search):
    """Published offices, nearest first when the patient searched a place, else by state.

    Ranked by the finder's own search, so the list starts with the offices the finder showed.
    """
    offices = list(Location.objects.published().order_by("state", "name"))
    if place_search is None:
        return [(office, None) for office in offices]
    ranked = office_search(**place_search, among=offices).offices
    return [(office, office.distance) for office in ranked]


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

    def __init__(self, *args, place_search=None, preselect=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.min_fill_seconds = settings.APPOINTMENT_MIN_FILL_SECONDS
        if not self.is_bound:
            self.initial["idempotency_key"] = str(uuid.uuid4())
        # The error summary names these by a short phrase, not the whole consent text.
        self.fields["consent_to_contact"].summary_label = _("Agree to be contacted")
        self.fields["consent_to_privacy_notice"].summary_label = _("Agree to the privacy notice")
        self._offices = offices_for(place_search)
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
        # An invalid address already has its message; one is enough.
        if (
            method == Model.ContactMethod.EMAIL
            and not cleaned.get("email")
            and not self.has_error("email")
        ):
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
        self._load_practice()
        self._narrow_choices()

    def _preselect(self, preselect):
        super()._preselect(preselect)
        for name, options in (("treatment", self._treatments), ("provider", self._providers)):
            match = next((o.pk for o in options if o.slug == preselect.get(name)), None)
            if match is not None:
                self.initial.setdefault(name, match)

    def clean_preferred_days(self):
        return ",".join(self.cleaned_data["preferred_days"])

    def _load_practice(self):
        """Which office offers what, who works where and does what, and which days each office
        opens: four small link tables read in one query, so the page's query count stays fixed."""
        tables = [
            Location.treatments.through.objects.values_list(
                Value("offers"), "location_id", "treatment_id"
            ),
            Provider.locations.through.objects.values_list(
                Value("works_at"), "provider_id", "location_id"
            ),
            ProviderTreatment.objects.values_list(Value("roles"), "provider_id", "treatment_id"),
            OpeningHours.objects.values_list(Value("open_days"), "location_id", "weekday"),
        ]
        # A compound query takes no ORDER BY in its parts; default orderings would add one.
        tables = [table.order_by() for table in tables]
        links = {"offers": defaultdict(set), "works_at": defaultdict(set),
                 "roles": defaultdict(set), "open_days": defaultdict(set)}  # fmt: skip
        for table, key, value in tables[0].union(*tables[1:], all=True):
            links[table][key].add(DAY_CODES[value] if table == "open_days" else value)
        self._offers, self._works_at = links["offers"], links["works_at"]
        # A plain dict: "no hours recorded" must stay distinguishable from "closed every day".
        self._roles, self._open_days = links["roles"], dict(links["open_days"])

    def _chosen(self, name):
        """The pk chosen so far for a field: sent with the form, else preselected."""
        if name not in self.fields:
            return None
        value = self.data.get(self.add_prefix(name)) if self.is_bound else self.initial.get(name)
        try:
            return int(value)
        except (TypeError, ValueError):
            return None

    def _narrow_choices(self):
        """Offer only what fits what is chosen, so a form without JavaScript offers it too.

        A value the patient sent stays listed: clean() then says plainly why it does not fit.
        """
        treatment, provider, office = (
            self._chosen(n) for n in ("treatment", "provider", "location")
        )
        sent = {str(office), str(provider)}

        def keep_office(pk):
            return (treatment is None or treatment in self._offers[pk]) and (
                provider is None or pk in self._works_at[provider]
            )

        field = self.fields["location"]
        fitting = [(pk, label) for pk, label in field.choices[1:] if keep_office(pk)]
        if fitting:
            field.choices = [field.choices[0]] + [
                (pk, label) for pk, label in field.choices[1:] if keep_office(pk) or str(pk) in sent
            ]
        if "provider" in self.fields:
            field = self.fields["provider"]
            field.choices = [field.choices[0]] + [
                (pk, label)
                for pk, label in field.choices[1:]
                if str(pk) in sent
                or (
                    (office is None or office in self._works_at[pk])
                    and (treatment is None or treatment in self._roles[pk])
                )
            ]
        # Before an office is chosen (or once the form is sent, so clean() can explain a day
        # the office is closed), every day some office opens, marked when only some do.
        narrowed = office is not None and not self.is_bound and office in self._open_days
        days = self._open_days[office] if narrowed else set().union(*self._open_days.values())
        # Offices whose hours are not recorded yet: the working week, as before hours existed.
        days = days or set(DAY_CODES[:5])
        choices = []
        for code, label in Model.Weekday.choices:
            if code not in days:
                continue
            open_here = [o.name for o, _m in self._offices if code in self._open_days.get(o.pk, ())]
            if not narrowed and len(open_here) < len(self._offices):
                label = _("%(day)s (%(offices)s only)") % {
                    "day": label,
                    "offices": get_text_list(open_here, _("and")),
                }
            choices.append((code, label))
        self.fields["preferred_days"].choices = choices

    def _nearest_offering(self, office, treatment):
        """The office nearest `office` that offers `treatment`, or None."""
        offering = [
            o for o, _m in self._offices if treatment.pk in self._offers[o.pk] and o.pk != office.pk
        ]
        if office.latitude is None or office.longitude is None:
            return offering[0] if offering else None
        here = Point(office.latitude, office.longitude)
        located = [o for o in offering if o.latitude is not None and o.longitude is not None]
        return min(
            located,
            key=lambda o: haversine_miles(here, Point(o.latitude, o.longitude)),
            default=None,
        )

    def clean(self):
        cleaned = super().clean()
        office, treatment = cleaned.get("location"), cleaned.get("treatment")
        provider = cleaned.get("provider")
        if office and treatment and treatment.pk not in self._offers[office.pk]:
            nearest = self._nearest_offering(office, treatment)
            if nearest:
                message = _(
                    "%(office)s does not offer %(treatment)s. The nearest office that does is "
                    "%(nearest)s."
                ) % {
                    "office": office.name,
                    "treatment": mid_sentence(treatment.name),
                    "nearest": nearest.name,
                }
            else:
                message = _(
                    "%(office)s does not offer %(treatment)s. Choose “Not sure yet” and we will "
                    "talk it through when we call."
                ) % {"office": office.name, "treatment": mid_sentence(treatment.name)}
            self.add_error("location", message)
        if office and provider and office.pk not in self._works_at[provider.pk]:
            names = [o.name for o, _m in self._offices if o.pk in self._works_at[provider.pk]]
            self.add_error(
                "provider",
                _("%(provider)s does not see patients at %(office)s, only at %(offices)s.")
                % {
                    "provider": provider.name,
                    "office": office.name,
                    "offices": get_text_list(names, _("and")),
                },
            )
        if provider and treatment and treatment.pk not in self._roles[provider.pk]:
            self.add_error(
                "provider",
                _(
                    "%(provider)s does not provide %(treatment)s. Choose “No preference” and we "
                    "will book the right specialist."
                )
                % {"provider": provider.name, "treatment": mid_sentence(treatment.name)},
            )
        days = [d for d in (cleaned.get("preferred_days") or "").split(",") if d]
        if office and days and office.pk in self._open_days:
            open_days = self._open_days[office.pk]
            closed = [d for d in days if d not in open_days]
            if closed:
                labels = dict(Model.Weekday.choices)
                self.add_error(
                    "preferred_days",
                    _("%(office)s is closed on %(closed)s. It is open on %(open)s.")
                    % {
                        "office": office.name,
                        "closed": get_text_list([str(labels[d]) for d in closed], _("and")),
                        "open": ", ".join(
                            str(label) for code, label in Model.Weekday.choices if code in open_days
                        ),
                    },
                )
        return cleaned


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
