"""Appointment types' names in English and Spanish, the Spanish shown only once a translator
has reviewed it (core/translation_review.py); until then Spanish pages show the English,
marked lang="en". Rooms are not translated: their names are for staff only."""

from core.translation_review import register_translation, review_spanish

from .models import AppointmentType

register_translation(AppointmentType, ("name",))

review_spanish(AppointmentType)
