"""The staff admin: one sign-in form, and a second factor for everyone who can see patient data.

Superusers, anyone with any permission in the appointments app (the front desk, or whoever
is given such a permission another way) and anyone who may change where patients' requests go
(locations.change_routing) must give a code from an authenticator app; content
editors, who never see patient data, sign in with a password alone unless the practice sets
STAFF_OTP_FOR_EVERYONE. Username, password and code go in one form: the code is matched against
every device the user has, so nobody picks a device, and a recovery code works in the same field.
Someone who needs a second factor and has none signs in with the password and is taken straight
to setting one up (staff_authenticator.py). Failed passwords and wrong codes are both counted by
django-axes, and a session ends after 30 minutes idle (SESSION_COOKIE_AGE).
"""

from collections import Counter

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.db.models import Value
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django_otp import match_token, user_has_device

from core.admin_start import start_panels

FRONT_DESK_GROUP = "Front desk"
CONTENT_EDITOR_GROUP = "Content editor"
TRANSLATOR_GROUP = "Translator"


def requires_second_factor(user):
    if not settings.STAFF_OTP_REQUIRED or not user.is_authenticated:
        return False
    if settings.STAFF_OTP_FOR_EVERYONE:
        return True
    # Tied to the permissions that show patient data, not to a group's name; rerouting where
    # patients' requests and calls go (locations/routing.py) is as good as seeing them.
    return (
        user.is_superuser
        or user.has_module_perms("appointments")
        or user.has_perm("locations.change_routing")
    )


def needs_authenticator_setup(user):
    return requires_second_factor(user) and not user_has_device(user)


class StaffLoginForm(AdminAuthenticationForm):
    otp_token = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        required=False,
        max_length=16,
        help_text=_("Only if your account uses one. A recovery code works here too."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "code_missing": _("Enter the 6-digit code from your authenticator app."),
        "code_wrong": _(
            "That code is not right. Codes change every 30 seconds: enter the one your app "
            "shows now."
        ),
    }

    def clean(self):
        super().clean()
        user = self.get_user()
        if user is None or not requires_second_factor(user) or not user_has_device(user):
            return self.cleaned_data  # no device yet: the password admits them to set one up
        token = "".join(self.cleaned_data.get("otp_token", "").split())
        device = match_token(user, token) if token else None
        if device is None:
            # A wrong code counts towards the lockout like a wrong password.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": self.cleaned_data.get("username")},
                request=self.request,
            )
            self.user_cache = None
            message = self.error_messages["code_wrong" if token else "code_missing"]
            self.add_error("otp_token", forms.ValidationError(message, code="invalid_code"))
            return self.cleaned_data
        user.otp_device = device  # django_otp stores it in the session at login
        return self.cleaned_data


class StaffAdminSite(admin.AdminSite):
    site_header = _("Clinic website administration")
    site_title = _("Clinic staff")
    index_title = _("Manage the website")
    login_form = StaffLoginForm
    login_template = "admin/staff_login.html"
    index_template = "admin/staff_index.html"

    def index(self, request, extra_context=None):
        """Each role's own work first (registered by the apps), then the sections they use."""
        context = {
            "panels": start_panels(request),
            "spanish_out_of_date": self.spanish_out_of_date(request),
            **(extra_context or {}),
        }
        return super().index(request, context)

    def has_permission(self, request):
        user = request.user
        return super().has_permission(request) and (
            user.is_verified() or not requires_second_factor(user)
        )

    def login(self, request, extra_context=None):
        if request.user.is_authenticated and needs_authenticator_setup(request.user):
            return redirect("admin:authenticator_setup")
        return super().login(request, extra_context)

    def spanish_out_of_date(self, request):
        """Each kind of content whose Spanish was reviewed against English that has changed
        since, that this user may see: its count and a link to those rows. One query for all
        kinds (a UNION of each table's flagged rows), so the start page stays cheap."""
        from core.translation_review import SpanishStatus, reviewed_models, spanish_status_q

        visible = [
            model
            for model in reviewed_models()
            if model in self._registry and self._registry[model].has_view_permission(request)
        ]
        flagged = None
        for number, model in enumerate(visible):
            rows = (
                model._default_manager.filter(spanish_status_q(SpanishStatus.OUT_OF_DATE))
                .order_by()
                .annotate(flagged_kind=Value(number))
                .values_list("flagged_kind", flat=True)
            )
            flagged = rows if flagged is None else flagged.union(rows, all=True)
        counts = Counter(flagged) if flagged is not None else Counter()
        result = []
        for number, model in enumerate(visible):
            if counts[number]:
                opts = model._meta
                url = reverse(f"{self.name}:{opts.app_label}_{opts.model_name}_changelist")
                result.append(
                    {
                        "name": opts.verbose_name_plural,
                        "count": counts[number],
                        "url": f"{url}?spanish={SpanishStatus.OUT_OF_DATE}",
                    }
                )
        return result

    def get_urls(self):
        from .staff_authenticator import authenticator_setup

        return [
            path("authenticator/", authenticator_setup, name="authenticator_setup"),
            *super().get_urls(),
        ]
