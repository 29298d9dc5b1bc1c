"""Office and provider texts in English and Spanish (core/translation_review.py).

Names, addresses and credentials' letters (MD, PA-C) are the same in both languages."""

from core.translation_review import register_translation, review_spanish

from .models import Location, Provider

register_translation(Location, ("parking_notes", "accessibility_notes", "photo_alt"))
register_translation(
    Provider, ("specialty", "board_certifications", "fellowship", "bio", "photo_alt")
)

review_spanish(Location)
review_spanish(Provider)
