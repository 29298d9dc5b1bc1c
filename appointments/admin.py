import csv
from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from .models import AppointmentRequest, AuditLogEntry
from .services import appointment_requests_anonymize

Action = AuditLogEntry.Action

PATIENT_FIELDS = (
    "first_name",
    "last_name",
    "phone",
    "email",
    "contact_method",
    "patient_status",
    "insurance_type",
    "insurance_carrier",
)
REQUEST_FIELDS = (
    "kind",
    "location",
    "treatment",
    "provider",
    "preferred_days",
    "preferred_time",
    "message",
)
RECORD_FIELDS = (
    "reference",
    "created_at",
    "updated_at",
    "consent_to_contact",
    "consent_to_privacy_notice",
    "consented_at",
    "anonymized_at",
)
CSV_COLUMNS = (
    "reference",
    "created_at",
    "kind",
    "status",
    "location",
    "assigned_to",
    *PATIENT_FIELDS,
    "treatment",
    "provider",
    "preferred_days",
    "preferred_time",
    "message",
    "internal_notes",
)
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class AgeFilter(admin.SimpleListFilter):
    title = _("age")
    parameter_name = "age"
    BANDS = {"today": (0, 1), "week": (1, 7), "month": (7, 30), "older": (30, None)}

    def lookups(self, request, model_admin):
        return [
            ("today", _("Less than a day")),
            ("week", _("1–7 days")),
            ("month", _("7–30 days")),
            ("older", _("More than 30 days")),
        ]

    def queryset(self, request, queryset):
        if self.value() not in self.BANDS:
            return queryset
        youngest, oldest = self.BANDS[self.value()]
        now = timezone.now()
        queryset = queryset.filter(created_at__lte=now - timedelta(days=youngest))
        if oldest is not None:
            queryset = queryset.filter(created_at__gt=now - timedelta(days=oldest))
        return queryset


@admin.register(AppointmentRequest)
class AppointmentRequestAdmin(admin.ModelAdmin):
    list_display = (
        "reference",
        "created_at",
        "status",
        "kind",
        "location",
        "preferred_language",
        "assigned_to",
    )
    list_filter = ("status", "kind", "location", "language", AgeFilter, "assigned_to")
    list_select_related = ("location", "assigned_to")
    search_fields = ("=reference", "last_name", "first_name", "=phone", "email")
    date_hierarchy = "created_at"
    list_per_page = 50
    actions = ("assign_to_me", "mark_contacted", "export_csv", "anonymize")
    readonly_fields = ("preferred_language", *PATIENT_FIELDS, *REQUEST_FIELDS, *RECORD_FIELDS)
    fieldsets = (
        (_("Front desk"), {"fields": ("status", "assigned_to", "internal_notes")}),
        (_("Patient"), {"fields": ("preferred_language", *PATIENT_FIELDS)}),
        (_("Request"), {"fields": REQUEST_FIELDS}),
        (_("Record"), {"fields": RECORD_FIELDS, "classes": ("collapse",)}),
    )

    def has_add_permission(self, request):
        return False  # requests come from patients through the website

    @admin.display(description=_("language"), ordering="language")
    def preferred_language(self, obj):
        # Blank for the site's own language, so the few who need an interpreter stand out.
        if not obj.prefers_other_language:
            return ""
        return _("Prefers %(language)s") % {
            "language": get_language_info(obj.language)["name_translated"]
        }

    def has_export_permission(self, request):
        return request.user.has_perm("appointments.export_appointmentrequest")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        # Logged whenever the page was shown to someone allowed to see it: on a GET, and on
        # a POST that failed validation, which shows the whole request again.
        if response.status_code == 200:
            obj = response.context_data.get("original")
            if obj is not None:
                AuditLogEntry.record(user=request.user, action=Action.VIEW, references=[obj])
        return response

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        AuditLogEntry.record(
            user=request.user,
            action=Action.CHANGE,
            references=[obj],
            details=", ".join(form.changed_data),
        )

    def delete_model(self, request, obj):
        AuditLogEntry.record(user=request.user, action=Action.DELETE, references=[obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        AuditLogEntry.record(user=request.user, action=Action.DELETE, references=list(queryset))
        super().delete_queryset(request, queryset)

    def _update(self, request, queryset, details, **changes):
        references = list(queryset.values_list("reference", flat=True))
        queryset.update(**changes, updated_at=timezone.now())
        AuditLogEntry.record(
            user=request.user, action=Action.CHANGE, references=references, details=details
        )
        return len(references)

    @admin.action(description=_("Assign to me"), permissions=("change",))
    def assign_to_me(self, request, queryset):
        count = self._update(request, queryset, "assigned_to", assigned_to=request.user)
        self.message_user(
            request,
            ngettext("%d request assigned to you.", "%d requests assigned to you.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark as contacted"), permissions=("change",))
    def mark_contacted(self, request, queryset):
        count = self._update(
            request, queryset, "status", status=AppointmentRequest.Status.CONTACTED
        )
        self.message_user(
            request,
            ngettext("%d request marked contacted.", "%d requests marked contacted.", count)
            % count,
            messages.SUCCESS,
        )

    # Blanking what a patient told us cannot be undone: as much a right as deleting.
    @admin.action(description=_("Anonymize the selected requests"), permissions=("delete",))
    def anonymize(self, request, queryset):
        count = appointment_requests_anonymize(
            appointment_requests=queryset, user=request.user, details="by staff"
        )
        self.message_user(
            request,
            ngettext("%d request anonymized.", "%d requests anonymized.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Export selected to CSV"), permissions=("export",))
    def export_csv(self, request, queryset):
        rows = list(queryset.select_related("location", "assigned_to", "treatment", "provider"))
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="appointment-requests-{stamp}.csv"'
        response["Cache-Control"] = "no-store"
        writer = csv.writer(response)
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            writer.writerow(csv_cell(getattr(row, column)) for column in CSV_COLUMNS)
        AuditLogEntry.record(
            user=request.user,
            action=Action.EXPORT,
            references=rows,
            details=f"CSV of {len(rows)}",
        )
        return response


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    """Read-only for everyone, superusers included: the log only grows."""

    list_display = ("at", "user", "action", "reference", "details")
    list_filter = ("action", "at", "user")
    search_fields = ("=reference", "user__username")
    list_select_related = ("user",)
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    """The email queue's rows, for superusers only, whatever permissions a group is given."""

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_module_permission(self, request):
        return request.user.is_superuser
