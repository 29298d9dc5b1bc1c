"""Appointment types' names in English and Spanish; an empty Spanish name shows the English."""

from core.translation_review import register_translation

from .models import AppointmentType

register_translation(AppointmentType, ("name",))
