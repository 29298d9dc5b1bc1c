"""The pain quiz: a form built from the staff's questions, and the scoring of its answers.

Nothing here stores the answers: they live only in the request that carries them.
"""

from dataclasses import dataclass, field

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from .models import QuizAnswer, QuizQuestion, QuizScore

MAX_SUGGESTIONS = 3


def published_questions():
    """Questions patients can answer: a question with no answers yet would block the quiz."""
    answered = QuizAnswer.objects.filter(question=OuterRef("pk"))
    return list(
        QuizQuestion.objects.published().filter(Exists(answered)).prefetch_related("answers")
    )


class PainQuizForm(forms.Form):
    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.answers_by_id = {}
        for question in questions:
            self.fields[f"question_{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                help_text=question.help_text,
                choices=[(answer.pk, answer.text) for answer in question.answers.all()],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Please answer this question."),
                    "invalid_choice": _("Please choose one of the answers listed."),
                },
            )
            self.answers_by_id.update({answer.pk: answer for answer in question.answers.all()})
        self.helper = FormHelper()
        self.helper.form_method = "post"
        # The quiz changes nothing on the server, so it needs no CSRF token (see views.py).
        self.helper.disable_csrf = True
        self.helper.add_input(Submit("submit", _("See my suggestions")))

    def chosen_answers(self):
        return [self.answers_by_id[answer_id] for answer_id in self.cleaned_data.values()]


@dataclass
class Suggestion:
    treatment: object
    points: int = 0
    reasons: list = field(default_factory=list)


def suggest_treatments(answers):
    """The published treatments the answers point to, strongest first, each with its reasons."""
    scores = (
        QuizScore.objects.filter(answer__in=answers, treatment__is_published=True)
        # answer__question: whether each reason's Spanish is reviewed is its question's.
        .select_related("treatment", "answer__question")
        .order_by("answer__question__sort_order", "answer__question_id")
    )
    suggestions = {}
    for score in scores:
        suggestion = suggestions.setdefault(score.treatment_id, Suggestion(score.treatment))
        suggestion.points += score.points
        if score.reason not in suggestion.reasons:
            suggestion.reasons.append(score.reason)
    ranked = sorted(
        suggestions.values(),
        key=lambda s: (-s.points, s.treatment.sort_order, s.treatment.name),
    )
    return ranked[:MAX_SUGGESTIONS]
