"""The pain quiz form: urgent symptoms first, then where, what kind, how long, what was tried.

Nothing here stores the answers: they live only in the request that carries them.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .clinical import Answers, Duration, PainType, RedFlag, Region, Tried
from .models import QuizRule

NONE_OF_THESE = "none"


def published_rules():
    return list(
        QuizRule.objects.filter(
            treatment__is_published=True, treatment__draft_of=None
        ).select_related("treatment")
    )


class TickAnyOrNoneField(forms.MultipleChoiceField):
    """Checkboxes with a last "none of these": an empty answer is never taken as "no"."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, choices, none_label, required_message, **kwargs):
        super().__init__(
            choices=[*choices, (NONE_OF_THESE, none_label)],
            error_messages={
                "required": required_message,
                "invalid_choice": _("Please choose from the answers listed."),
            },
            **kwargs,
        )

    def clean(self, value):
        chosen = super().clean(value)
        if NONE_OF_THESE in chosen and len(chosen) > 1:
            raise forms.ValidationError(
                _("You ticked “None of these” and another answer: please tick one or the other."),
                code="none_and_some",
            )
        return frozenset(chosen) - {NONE_OF_THESE}


def radio(label, choices, coerce=str):
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=coerce,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please answer this question."),
            "invalid_choice": _("Please choose one of the answers listed."),
        },
    )


class PainQuizForm(forms.Form):
    red_flags = TickAnyOrNoneField(
        label=_("First: do you have any of these right now?"),
        help_text=_("Tick all that apply. These need care today, not a quiz."),
        choices=RedFlag.choices,
        none_label=_("None of these"),
        required_message=_("Tick any that apply, or “None of these”."),
    )
    region = radio(_("Where is your pain worst?"), Region.choices)
    pain_type = radio(_("What is the pain like?"), PainType.choices)
    duration = radio(_("How long have you had this pain?"), Duration.choices, coerce=int)
    tried = TickAnyOrNoneField(
        label=_("What have you already tried?"),
        help_text=_("Tick all that apply."),
        choices=Tried.choices,
        none_label=_("None of these yet"),
        required_message=_("Tick what you have tried, or “None of these yet”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "post"
        # The quiz changes nothing on the server, so it needs no CSRF token (see views.py).
        self.helper.disable_csrf = True
        self.helper.add_input(Submit("submit", _("See my suggestions")))

    @property
    def has_red_flag(self):
        """True once the first question is answered with any urgent symptom.

        Checked before the other answers: someone who ticks one is sent to care at
        once, even if they left the rest of the quiz blank.
        """
        return bool(self.cleaned_data.get("red_flags")) if hasattr(self, "cleaned_data") else False

    def answers(self):
        data = self.cleaned_data
        return Answers(
            red_flags=data["red_flags"],
            region=data["region"],
            pain_type=data["pain_type"],
            duration=data["duration"],
            tried=data["tried"],
        )
