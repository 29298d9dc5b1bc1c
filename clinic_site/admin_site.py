"""The staff admin: password plus a TOTP code for everyone who can see patient data.

Superusers, and anyone with any permission in the appointments app (the
front desk, or whoever is given such a permission another way), must sign in
with a second factor (a code from an authenticator app); content editors, who
never see patient data, sign in with a password alone. Failed sign-ins are
counted by django-axes, and a session ends after 30 minutes idle
(SESSION_COOKIE_AGE).
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite

FRONT_DESK_GROUP = "Front desk"
CONTENT_EDITOR_GROUP = "Content editor"


def requires_second_factor(user):
    if not settings.STAFF_OTP_REQUIRED or not user.is_authenticated:
        return False
    # Tied to the permissions that show patient data, not to a group's name.
    return user.is_superuser or user.has_module_perms("appointments")


class StaffLoginForm(OTPAdminAuthenticationForm):
    def clean(self):
        self.cleaned_data = AdminAuthenticationForm.clean(self)
        user = self.get_user()
        if user is not None and requires_second_factor(user):
            self.clean_otp(user)
        return self.cleaned_data


class StaffAdminSite(admin.AdminSite):
    site_header = _("Clinic website administration")
    site_title = _("Clinic staff")
    index_title = _("Manage the website")
    login_form = StaffLoginForm
    login_template = OTPAdminSite.login_template

    def has_permission(self, request):
        user = request.user
        return super().has_permission(request) and (
            user.is_verified() or not requires_second_factor(user)
        )
