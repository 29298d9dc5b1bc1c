"""The practice's own words in English and Spanish (core/translation_review.py)."""

from core.translation_review import register_translation, review_spanish

from .models import SiteSettings, TrustPoint

register_translation(
    SiteSettings,
    (
        "tagline", "hero_heading", "hero_text", "hero_button_label", "hero_image_alt",
        "insurance_note",
        "privacy_notice", "seo_description",
    ),
)  # fmt: skip
register_translation(TrustPoint, ("title", "text"))

review_spanish(SiteSettings)
review_spanish(TrustPoint)
