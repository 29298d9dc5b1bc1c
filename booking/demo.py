"""Demo appointment types and weekly availability: four weeks ahead bookable online.

Each provider sees new patients in the morning and follow-ups in the afternoon, on their
own weekdays at each of their offices (never two offices on one day), inside the office's
hours; the surgeon and his physician assistant also work Weston's Saturday morning.
"""

from datetime import time

from django.contrib.auth.models import Group, Permission

from clinic_site.admin_site import FRONT_DESK_GROUP
from core.translation_review import demo_reviewer
from locations.models import Provider

from .models import AppointmentType, PatientKind, WeeklyAvailability

# slug, English name, Spanish name, minutes, patients
TYPES = [
    ("new-patient-consultation", "New-patient consultation", "Primera consulta", 60, PatientKind.NEW),
    ("follow-up-visit", "Follow-up visit", "Consulta de seguimiento", 20, PatientKind.EXISTING),
]  # fmt: skip
MORNING = (time(9), time(12))
AFTERNOON = (time(13), time(16))
SATURDAY = 5
# The front desk keeps the schedule and answers booking requests.
FRONT_DESK_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("appointmenttype", "weeklyavailability", "availabilityexception", "room")
    for action in ("view", "add", "change", "delete")
] + ["view_booking", "change_booking"]


def weekdays_by_office(offices):
    """Monday to Friday shared out among a provider's offices in turn."""
    days = {office: [] for office in offices}
    for weekday in range(5):
        days[offices[weekday % len(offices)]].append(weekday)
    return days


def load():
    types = {}
    for sort_order, (slug, name, name_es, minutes, patients) in enumerate(TYPES):
        types[slug], _created = AppointmentType.objects.update_or_create(
            slug=slug,
            defaults={
                "name_en": name,
                "name_es": name_es,
                "duration_minutes": minutes,
                "patients": patients,
                "minimum_notice_hours": 24,
                "horizon_days": 28,
                "bookable_online": True,
                "sort_order": sort_order,
            },
        )
        types[slug].mark_spanish_reviewed(demo_reviewer())
    consult, follow_up = types["new-patient-consultation"], types["follow-up-visit"]
    rules = []
    for provider in Provider.objects.published().prefetch_related("locations"):
        offices = sorted(provider.locations.all(), key=lambda office: office.slug)
        for office, weekdays in weekdays_by_office(offices).items():
            for weekday in weekdays:
                rules.append((provider, office, consult, weekday, MORNING))
                rules.append((provider, office, follow_up, weekday, AFTERNOON))
        weston = next((office for office in offices if office.slug == "weston"), None)
        if weston is not None:
            kind = consult if provider.is_physician else follow_up
            rules.append((provider, weston, kind, SATURDAY, MORNING))
    # Replaced whole, so a second run neither duplicates nor keeps a rule no longer here.
    WeeklyAvailability.objects.filter(appointment_type__in=types.values()).delete()
    WeeklyAvailability.objects.bulk_create(
        WeeklyAvailability(
            provider=provider,
            location=office,
            appointment_type=kind,
            weekday=weekday,
            starts=starts,
            ends=ends,
        )
        for provider, office, kind, weekday, (starts, ends) in rules
    )
    grant_front_desk()


def grant_front_desk():
    front_desk, _created = Group.objects.get_or_create(name=FRONT_DESK_GROUP)
    front_desk.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="booking", codename__in=FRONT_DESK_PERMISSIONS
        )
    )
