"""Setting up one's own authenticator: a QR code drawn here, a first code, recovery codes.

Reached only by a signed-in staff member who needs a second factor and has none yet (a new
account, or one whose device an administrator reset). The QR code is inline SVG made by segno
on this server, so the secret never leaves for another origin.
"""

from base64 import b32encode

import segno
from django import forms
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.admin_a11y import CheckboxListsMixin

from .admin_site import needs_authenticator_setup

RECOVERY_CODE_COUNT = 10


class FirstCodeForm(forms.Form):
    otp_token = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self):
        token = "".join(self.cleaned_data["otp_token"].split())
        allowed, _why = self.device.verify_is_allowed()
        if not allowed:  # django_otp slows down guessing after each wrong code
            raise forms.ValidationError(
                _("Too many tries in a row. Wait a few seconds, then enter the new code."),
                code="throttled",
            )
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("That code is not right. Enter the code your app shows now."), code="invalid"
            )
        return token


def pending_device(user):
    """The unconfirmed device this user is setting up, the same one on every reload."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(
        user=user, name=str(_("Authenticator app")), confirmed=False
    )


def qr_code_svg(device):
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, title=_("QR code"))
    return mark_safe(svg)  # noqa: S308 - segno's own SVG markup of our own URL


@never_cache
@csrf_protect
def authenticator_setup(request):
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return redirect_to_login(
            request.get_full_path(), reverse("admin:login"), REDIRECT_FIELD_NAME
        )
    if not needs_authenticator_setup(user):
        return redirect("admin:index")
    device = pending_device(user)
    form = FirstCodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            recovery = StaticDevice.objects.create(user=user, name=str(_("Recovery codes")))
            codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
            recovery.token_set.bulk_create(StaticToken(device=recovery, token=c) for c in codes)
        otp_login(request, device)
        # Shown on this response only (never cached); the page asks to keep them safe.
        context = {
            **admin.site.each_context(request),
            "codes": codes,
            "title": _("Your authenticator app is set up"),
        }
        return render(request, "admin/authenticator_done.html", context)
    return render(
        request,
        "admin/authenticator_setup.html",
        {
            **admin.site.each_context(request),
            "form": form,
            "qr_code": qr_code_svg(device),
            "secret": b32encode(device.bin_key).decode(),
            "title": _("Set up your authenticator app"),
        },
    )


@admin.action(description=_("Reset the authenticator (they set up a new one at next sign-in)"))
def reset_authenticator(modeladmin, request, queryset):
    """For a lost phone: removes the accounts' devices and recovery codes."""
    if not request.user.is_superuser:
        raise PermissionDenied
    for user in queryset:
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        modeladmin.log_change(request, user, str(_("Reset the authenticator.")))
    modeladmin.message_user(
        request, _("Done: they will set up a new authenticator when they next sign in.")
    )


def tailor_staff_account_pages(site):
    """Lost authenticators are reset from the staff list; the devices' own pages are removed,
    as they would show a superuser everyone else's authenticator secret; groups and rights are
    lists of checkboxes, as on every other staff form (the two-list filter's search icon has a
    name nothing reads)."""
    for model in (get_user_model(), Group):
        model_admin = site.get_model_admin(model)
        model_admin.filter_horizontal = ()
        model_admin.formfield_overrides.update(CheckboxListsMixin.formfield_overrides)
    user_admin = site.get_model_admin(get_user_model())
    user_admin.actions = [*(user_admin.actions or []), reset_authenticator]
    # The site writes these; on the form they were two unlabelled date and time boxes each.
    user_admin.readonly_fields = [*user_admin.readonly_fields, "last_login", "date_joined"]
    for device in (TOTPDevice, StaticDevice):
        if site.is_registered(device):
            site.unregister(device)
