from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def second_factor_required(app_configs, **kwargs):
    if settings.STAFF_OTP_REQUIRED:
        return []
    return [
        Warning(
            "Staff who see patient data can sign in without a second factor.",
            hint="Unset STAFF_OTP_REQUIRED (it defaults to on when DEBUG is off).",
            id="clinic_site.W001",
        )
    ]
