"""Demo staff groups, two demo users (local runs only) and a few fictional requests.

The passwords are for a local demo database and are documented in the README;
production accounts are made by hand with `createsuperuser` and the admin.
"""

import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from clinic_site.admin_site import CONTENT_EDITOR_GROUP as CONTENT_EDITOR
from clinic_site.admin_site import FRONT_DESK_GROUP as FRONT_DESK
from clinic_site.admin_site import TRANSLATOR_GROUP as TRANSLATOR
from core.translation_review import OWNER_PATHS, reviewed_models
from locations.models import Location
from treatments.models import Treatment

from .models import AppointmentRequest

CONTENT_APPS = ("treatments", "locations", "testimonials", "clinic_site")
FRONT_DESK_PERMISSIONS = (
    "view_appointmentrequest",
    "change_appointmentrequest",
    "export_appointmentrequest",
    "view_auditlogentry",
)
DEMO_USERS = [
    ("frontdesk", "harbor-lantern-tulip-58", FRONT_DESK),
    ("contenteditor", "meadow-copper-kite-73", CONTENT_EDITOR),
    ("translator", "orchid-harbor-lime-41", TRANSLATOR),
]
Request = AppointmentRequest
# (first, last, phone, office slug, treatment slug, status, days ago, insurance)
REQUESTS = [
    ("Avery", "Sample", "+14105550142", "elkridge", "epidural-steroid-injection", Request.Status.NEW, 0, Request.Insurance.MEDICARE),
    ("Jordan", "Example", "+13015550177", "hagerstown", "", Request.Status.CONTACTED, 2, Request.Insurance.COMMERCIAL),
    ("Riley", "Placeholder", "+15405550163", "harrisonburg", "si-joint-fusion", Request.Status.SCHEDULED, 9, Request.Insurance.WORKERS_COMP),
]  # fmt: skip


def load_groups():
    front_desk, _ = Group.objects.get_or_create(name=FRONT_DESK)
    front_desk.permissions.set(
        Permission.objects.filter(
            content_type__app_label="appointments", codename__in=FRONT_DESK_PERMISSIONS
        )
    )
    editor, _ = Group.objects.get_or_create(name=CONTENT_EDITOR)
    # Not where patients' requests and calls go (locations/routing.py): that needs a second
    # factor, and content editors sign in with a password alone.
    editor.permissions.set(
        Permission.objects.filter(content_type__app_label__in=CONTENT_APPS).exclude(
            codename="change_routing"
        )
    )
    # Translators see and change the translated content (the admin keeps its English
    # read-only for them) and mark Spanish reviewed; they add and delete nothing.
    translator, _ = Group.objects.get_or_create(name=TRANSLATOR)
    codenames = [
        f"{action}_{model._meta.model_name}"
        for model in [*reviewed_models(), *OWNER_PATHS]
        for action in ("view", "change")
    ]
    translator.permissions.set(
        Permission.objects.filter(codename__in=codenames)
        | Permission.objects.filter(content_type__app_label="core", codename="review_spanish")
    )
    return front_desk, editor, translator


def load():
    groups = dict(zip((FRONT_DESK, CONTENT_EDITOR, TRANSLATOR), load_groups(), strict=True))
    User = get_user_model()
    for username, password, group in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        if created:
            user.set_password(password)
            user.save()
        user.groups.set([groups[group]])
    offices = {o.slug: o for o in Location.objects.all()}
    treatments = {t.slug: t for t in Treatment.objects.all()}
    now = timezone.now()
    for first, last, phone, office, treatment, status, days_ago, insurance in REQUESTS:
        if office not in offices:
            continue
        request, _ = Request.objects.update_or_create(
            idempotency_key=uuid.uuid5(uuid.NAMESPACE_URL, f"demo:{first}-{last}"),
            defaults={
                "first_name": first, "last_name": last, "phone": phone,
                "location": offices[office], "treatment": treatments.get(treatment),
                "status": status, "insurance_type": insurance,
                "contact_method": Request.ContactMethod.PHONE,
                "consent_to_contact": True, "consent_to_privacy_notice": True,
                "consented_at": now - timedelta(days=days_ago),
            },
        )  # fmt: skip
        # created_at is set on insert; backdate it so the age filter has something to show.
        Request.objects.filter(pk=request.pk).update(created_at=now - timedelta(days=days_ago))
