"""The treatment content patients read, in English and Spanish (core/translation_review.py)."""

from core.translation_review import register_translation, review_spanish

from .models import (
    FAQ,
    Condition,
    PatientDocument,
    ProcedureStep,
    QuizAnswer,
    QuizQuestion,
    QuizScore,
    ResourcePage,
    Treatment,
    TreatmentSection,
)

register_translation(Treatment, ("name", "summary", "hero_alt", "seo_title", "seo_description"))
register_translation(TreatmentSection, ("title", "body", "figure_caption"))
register_translation(ProcedureStep, ("title", "body"))
register_translation(FAQ, ("question", "answer"))
register_translation(
    Condition, ("name", "summary", "symptoms", "causes", "seo_title", "seo_description")
)
# The quiz as it is today; the clinical branch rewrites it into rules, whose text then needs
# registering here instead.
register_translation(QuizQuestion, ("text", "help_text"))
register_translation(QuizAnswer, ("text",))
register_translation(QuizScore, ("reason",))
# A Spanish PDF for each form and the guide; without one the English file is offered.
register_translation(PatientDocument, ("title", "description", "file"))
register_translation(ResourcePage, ("title", "summary", "body"))

review_spanish(
    Treatment,
    parts={TreatmentSection: "treatment", ProcedureStep: "treatment", FAQ: "treatment"},
)
review_spanish(Condition)
review_spanish(QuizQuestion, parts={QuizAnswer: "question", QuizScore: "answer__question"})
review_spanish(PatientDocument)
review_spanish(ResourcePage)
