"""Where patients' requests and calls go is patient data: who may change it, and the alarm.

An office's staff notification email decides who reads the next patient's request, and its
phone and fax (and the practice's main phone and email) are what patients are told to call or
write to. Whoever changes them can read patients' requests or take their calls. So:

- only staff holding ROUTING_PERMISSION may change them, and holding it makes the sign-in ask
  for a second factor (clinic_site.admin_site.requires_second_factor); where a second factor
  is required the change is refused unless this session was verified with one;
- for anyone else the fields are read-only, and a change that arrives anyway (a forged post,
  a history "revert") is refused by comparing with the stored row, not by trusting the form;
- every change is kept with its earlier values (django-simple-history on the model) and
  announced to the front desk's mailbox (STAFF_NOTIFICATION_EMAIL, set in the environment,
  so it cannot be rerouted from the admin) and to the office's earlier address.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.tasks import queue_email

ROUTING_PERMISSION = "locations.change_routing"


def may_change_routing(request):
    user = request.user
    if not user.has_perm(ROUTING_PERMISSION):
        return False
    verified = getattr(user, "is_verified", lambda: False)()
    return verified or not settings.STAFF_OTP_REQUIRED


def routing_changes(obj, fields):
    """{field: (stored value, new value)} for the routing fields this save would change."""
    stored = type(obj).objects.filter(pk=obj.pk).values(*fields).first() if obj.pk else None
    stored = stored or dict.fromkeys(fields, "")
    return {
        field: (str(stored[field] or ""), str(getattr(obj, field) or ""))
        for field in fields
        if str(stored[field] or "") != str(getattr(obj, field) or "")
    }


def announce_routing_change(*, obj, changes, user):
    """Queue the alarm email: what changed from what to what, by whom, and where to look.
    Office addresses and numbers only; no patient data."""
    opts = obj._meta
    history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            _("%(field)s: was “%(before)s”, now “%(after)s”")
            % {
                "field": str(opts.get_field(field).verbose_name).capitalize(),
                "before": before or "—",
                "after": after or "—",
            }
            for field, (before, after) in changes.items()
        ]
        subject = _("Where patient requests go was changed: %(what)s") % {"what": obj}
        body = _(
            "%(who)s changed where patients' requests or calls go for %(what)s on %(when)s:"
            "\n\n%(changes)s\n\nIf nobody expected this change, restore the earlier values "
            "now and tell the practice manager. Every version is kept here (sign-in "
            "required):\n%(url)s\n"
        ) % {
            "who": user.get_username(),
            "what": obj,
            "when": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            "changes": "\n".join(lines),
            "url": settings.SITE_URL + history,
        }
    recipients = [settings.STAFF_NOTIFICATION_EMAIL]
    earlier_address = changes.get("staff_email", ("", ""))[0]
    if earlier_address and earlier_address not in recipients:
        recipients.append(earlier_address)  # the office whose requests were rerouted
    queue_email(subject=subject, body=body, to=recipients)


class RoutingFieldsAdminMixin:
    """Routing fields read-only without ROUTING_PERMISSION (and a verified second factor);
    changes checked against the stored row and announced. Adding a row sets them too, so
    adding needs the same right."""

    routing_fields = ()

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if may_change_routing(request):
            return fields
        return [*fields, *(f for f in self.routing_fields if f not in fields)]

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and may_change_routing(request)

    def save_model(self, request, obj, form, change):
        changes = routing_changes(obj, self.routing_fields)
        if changes and not may_change_routing(request):
            raise PermissionDenied("Only staff allowed to reroute patients may change this.")
        super().save_model(request, obj, form, change)
        if changes:
            announce_routing_change(obj=obj, changes=changes, user=request.user)
