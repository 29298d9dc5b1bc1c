"""Spam protection shared by the patient-facing forms: a honeypot and a minimum fill time."""

import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

MIN_FILL_SECONDS = 3
MAX_FORM_AGE_SECONDS = 24 * 3600
_SALT = "core.spam.started"


def started_token(seconds_ago=0):
    """The signed time a form was shown; tests pass seconds_ago to stand for a patient typing."""
    return signing.dumps(time.time() - seconds_ago, salt=_SALT)


class SpamProtectedForm(forms.Form):
    """Base for patient forms. `is_spam` is True when the hidden trap field was filled.

    Views treat spam as sent (a bot learns nothing) but store nothing. Sending
    faster than a person can type is a form error, so a real person who is
    very quick just sends again; the time counts from the first showing.
    """

    # Named like a field bots love to fill; hidden from people and assistive tech.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    min_fill_seconds = MIN_FILL_SECONDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].is_trap = True  # rendered off screen by templates/clinic/field.html
        self.initial["started"] = started_token()
        if self.is_bound:
            self.data = self.data.copy()
            self._submitted_started = self.data.get(self.add_prefix("started"), "")
            # The clock runs from the first time the form was shown: a form shown again
            # after an error keeps its valid token, so a patient who fixes one field and
            # resends at once is not told they were too quick.
            if self._started_at() is not None:
                self.initial["started"] = self._submitted_started
            self.data[self.add_prefix("started")] = self.initial["started"]

    def _started_at(self):
        try:
            return float(
                signing.loads(self._submitted_started, salt=_SALT, max_age=MAX_FORM_AGE_SECONDS)
            )
        except (signing.BadSignature, TypeError, ValueError):
            return None

    @property
    def is_spam(self):
        return bool(self.data.get(self.add_prefix("website")))

    def clean(self):
        cleaned = super().clean()
        started = self._started_at()
        if started is None:
            raise forms.ValidationError(
                _("This form has expired. Please check your details and send it again."),
                code="expired",
            )
        if time.time() - started < self.min_fill_seconds:
            raise forms.ValidationError(
                _("That was very quick. Please check your details and send the form again."),
                code="too_fast",
            )
        return cleaned
