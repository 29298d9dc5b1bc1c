"""The treatment content patients read, in English and Spanish (core/translation_review.py)."""

from core.translation_review import register_translation, review_spanish

from .models import (
    FAQ,
    Condition,
    PatientDocument,
    ProcedureStep,
    QuizRule,
    ResourcePage,
    Treatment,
    TreatmentSection,
)

register_translation(Treatment, ("name", "summary", "hero_alt", "seo_title", "seo_description"))
register_translation(TreatmentSection, ("title", "body", "figure_caption"))
register_translation(ProcedureStep, ("title", "body", "image_alt"))
register_translation(FAQ, ("question", "answer"))
register_translation(
    Condition,
    ("name", "summary", "symptoms", "causes", "diagnosis", "seo_title", "seo_description"),
)
# A Spanish PDF for each form and the guide; without one the English file is offered.
register_translation(PatientDocument, ("title", "description", "file"))
register_translation(ResourcePage, ("title", "summary", "body"))
# The sentence the quiz shows with a suggestion.
register_translation(QuizRule, ("reason",))

review_spanish(
    Treatment,
    parts={TreatmentSection: "treatment", ProcedureStep: "treatment", FAQ: "treatment"},
)
review_spanish(Condition)
review_spanish(PatientDocument)
review_spanish(ResourcePage)
review_spanish(QuizRule)
