import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from core.spam import SpamProtectedForm
from locations.models import Location
from treatments.models import Treatment

from .models import MAX_TEXT_LENGTH


def rating_choices():
    """Built per form, so the labels are in the language of the request."""
    return [("", _("I'd rather not say"))] + [
        (str(n), _("%(n)s out of 5") % {"n": n}) for n in range(5, 0, -1)
    ]


class TestimonialFilterForm(forms.Form):
    """The office and treatment filters of the list page (GET)."""

    office = forms.ModelChoiceField(
        label=_("Office"),
        queryset=Location.objects.published(),
        to_field_name="slug",
        required=False,
        empty_label=_("All offices"),
    )
    treatment = forms.ModelChoiceField(
        label=_("Treatment"),
        queryset=Treatment.objects.published(),
        to_field_name="slug",
        required=False,
        empty_label=_("All treatments"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "filter-form"
        self.helper.disable_csrf = True
        self.helper.add_input(Submit("", _("Show stories"), css_class="button"))


class TestimonialShareForm(SpamProtectedForm):
    display_name = forms.CharField(
        label=_("Your name as it should appear"),
        max_length=60,
        help_text=_("For example your first name and the first letter of your last name."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    text = forms.CharField(
        label=_("Your story"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    rating = forms.TypedChoiceField(
        label=_("How would you rate your care?"),
        choices=rating_choices,
        coerce=int,
        empty_value=None,
        required=False,
    )
    office = forms.ModelChoiceField(
        label=_("Office you visited"),
        queryset=Location.objects.published(),
        required=False,
        empty_label=_("Not sure or rather not say"),
    )
    treatment = forms.ModelChoiceField(
        label=_("Treatment you had"),
        queryset=Treatment.objects.published(),
        required=False,
        empty_label=_("Not sure or rather not say"),
    )
    consent = forms.BooleanField(
        label=_("I agree that this story may be published on this website under the name above."),
        error_messages={
            "required": _("Please agree to publication, or we cannot share your story.")
        },
    )
    # One per rendered form: a resent form stores the story once (see services.py).
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = _(
            "Up to %(max)s characters. Please leave out medical details you would not want "
            "others to read."
        ) % {"max": MAX_TEXT_LENGTH}
        self.helper = FormHelper()
        self.helper.add_input(Submit("", _("Send my story"), css_class="button button-cta"))

    def clean_submission_key(self):
        # A missing or mangled key is not the patient's problem: the story gets a new one.
        try:
            return uuid.UUID(self.cleaned_data["submission_key"])
        except ValueError:
            return None

    def clean_display_name(self):
        return self.cleaned_data["display_name"].strip()
