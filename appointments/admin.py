import csv
from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from core.admin_start import StartItem, StartPanel, register_start_panel

from .audit import AuditedAdminMixin
from .models import AppointmentRequest, AuditLogEntry, ContactAttempt
from .services import (
    appointment_requests_anonymize,
    contact_attempt_add,
    front_desk_users,
)

Action = AuditLogEntry.Action
Request = AppointmentRequest

PATIENT_FIELDS = (
    "patient_name",
    "phone_link",
    "email",
    "contact_method",
    "patient_status",
    "insurance_type",
    "insurance_carrier",
)
REQUEST_FIELDS = (
    "kind",
    "office",
    "treatment_name",
    "provider_name",
    "preferred_days_display",
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
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def local_stamp(moment):
    """Local time to the minute: what a spreadsheet shows and sorts without surprises."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def label(field_name):
    return str(Request._meta.get_field(field_name).verbose_name).capitalize()


# Headings and values as staff read them: labels, not codes.
CSV_COLUMNS = (
    (lambda: label("reference"), lambda r: r.reference),
    (lambda: label("created_at"), lambda r: local_stamp(r.created_at)),
    (lambda: label("callback_due_at"), lambda r: local_stamp(r.callback_due_at)),
    (lambda: label("kind"), lambda r: r.get_kind_display()),
    (lambda: label("status"), lambda r: r.get_status_display()),
    (lambda: label("outcome"), lambda r: r.get_outcome_display()),
    (lambda: label("location"), lambda r: r.location.name),
    (lambda: label("assigned_to"), lambda r: staff_name(r.assigned_to)),
    (lambda: label("first_name"), lambda r: r.first_name),
    (lambda: label("last_name"), lambda r: r.last_name),
    (lambda: label("phone"), lambda r: r.phone.as_national if r.phone else ""),
    (lambda: label("email"), lambda r: r.email),
    (lambda: label("contact_method"), lambda r: r.get_contact_method_display()),
    (lambda: label("patient_status"), lambda r: r.get_patient_status_display()),
    (lambda: label("insurance_type"), lambda r: r.get_insurance_type_display()),
    (lambda: label("insurance_carrier"), lambda r: r.insurance_carrier),
    (lambda: label("treatment"), lambda r: r.treatment.name if r.treatment else ""),
    (lambda: label("provider"), lambda r: str(r.provider) if r.provider else ""),
    (lambda: label("preferred_days"), lambda r: r.preferred_days_display()),
    (lambda: label("preferred_time"), lambda r: r.get_preferred_time_display()),
    (lambda: label("message"), lambda r: r.message),
)


def staff_name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def short_age(delta):
    minutes = max(int(delta.total_seconds() // 60), 0)
    if minutes < 60:
        return gettext("%(count)d min") % {"count": minutes}
    if minutes < 48 * 60:
        return gettext("%(count)d h") % {"count": minutes // 60}
    return gettext("%(count)d d") % {"count": minutes // (24 * 60)}


def office_clock(moment, location):
    """'Fri 5:00 PM' in the office's own time zone."""
    here = moment.astimezone(location.zone)
    return f"{date_format(here, 'D')} {time_format(here)}"


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


class AssignedFilter(admin.SimpleListFilter):
    title = _("assigned to")
    parameter_name = "assigned"
    MINE, NOBODY = "mine", "nobody"

    def lookups(self, request, model_admin):
        colleagues = [
            (str(user.pk), staff_name(user))
            for user in front_desk_users().exclude(pk=request.user.pk)
        ]
        return [(self.MINE, _("Mine")), (self.NOBODY, _("Unassigned")), *colleagues]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.MINE:
            return queryset.filter(assigned_to=request.user)
        if value == self.NOBODY:
            return queryset.filter(assigned_to__isnull=True)
        if value and value.isdigit():
            return queryset.filter(assigned_to_id=int(value))
        return queryset


class CallbackFilter(admin.SimpleListFilter):
    title = _("callback")
    parameter_name = "callback"
    OVERDUE = "overdue"

    def lookups(self, request, model_admin):
        return [(self.OVERDUE, _("Overdue"))]

    def queryset(self, request, queryset):
        if self.value() == self.OVERDUE:
            return queryset.overdue()
        return queryset


class AppointmentRequestForm(forms.ModelForm):
    class Meta:
        model = AppointmentRequest
        fields = ("status", "outcome", "assigned_to")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Request.Status.CLOSED:
            if not cleaned.get("outcome"):
                self.add_error("outcome", gettext("Choose how the request ended to close it."))
        else:
            cleaned["outcome"] = ""  # an outcome belongs to a closed request only
        return cleaned


class ContactAttemptForm(forms.ModelForm):
    class Meta:
        model = ContactAttempt
        fields = ("method", "outcome", "note")
        widgets = {"note": forms.Textarea(attrs={"rows": 2, "cols": 30})}

    def clean(self):
        cleaned = super().clean()
        method, outcome, note = (cleaned.get(name) for name in ("method", "outcome", "note"))
        if bool(method) != bool(outcome):
            raise forms.ValidationError(
                gettext(
                    "For a contact attempt give both how and the outcome; for a note, "
                    "leave both empty and write the note."
                )
            )
        if not method and not note:
            raise forms.ValidationError(gettext("Write the note, or give how and the outcome."))
        return cleaned

    def _post_clean(self):
        self.instance.is_note = not self.cleaned_data.get("method")
        super()._post_clean()


class ContactAttemptInline(admin.StackedInline):
    """The request's dated log: earlier entries read-only, one blank row to add the next."""

    model = ContactAttempt
    form = ContactAttemptForm
    extra = 1
    max_num = None
    fields = ("when", "who", "method", "outcome", "note")
    readonly_fields = ("when", "who")
    verbose_name = _("contact attempt or note")
    verbose_name_plural = _("Contact attempts and notes")

    # Allowed with the request: whoever may work a request may log what they did.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("appointments.view_appointmentrequest")

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("appointments.change_appointmentrequest")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")

    @admin.display(description=_("when"))
    def when(self, obj):
        return local_stamp(obj.at) if obj.pk else ""

    @admin.display(description=_("who"))
    def who(self, obj):
        return staff_name(obj.by) if obj.pk else ""


# What other apps add to the worklist from their AppConfig.ready(), so this app imports none
# of them: columns (callables taking a request), related rows to read with the list (in its
# one query), values computed in that query (annotations, by name), bulk actions (admin
# action functions) and list filters. Online booking adds each request's booked time, any
# other time offered for it, the answers to it, and a filter for online bookings.
WORKLIST_COLUMNS = []
WORKLIST_RELATED = []
WORKLIST_ANNOTATIONS = {}
WORKLIST_ACTIONS = []
WORKLIST_FILTERS = []


@admin.register(AppointmentRequest)
class AppointmentRequestAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Requests and contact messages (one model, by kind): the front desk's worklist.
    Its list, searches, change and history pages are audited (AuditedAdminMixin)."""

    audit_subject = AuditLogEntry.Subject.REQUEST
    form = AppointmentRequestForm
    change_list_template = "admin/appointments/appointmentrequest/change_list.html"
    list_display = (
        "patient",
        "phone_link",
        "age",
        "callback",
        "status",
        "contact",
        "preferred_language",
        "location",
        "kind",
        "assignee",
    )
    list_display_links = ("patient",)
    list_filter = (
        CallbackFilter,
        AssignedFilter,
        "status",
        "kind",
        "location",
        "language",
        AgeFilter,
    )
    list_select_related = ("location", "assigned_to")
    # The search itself is AppointmentRequestQuerySet.search; a field here shows the box.
    search_fields = ("reference",)
    search_help_text = _("Name, phone in any format or its last 4 digits, email or reference.")
    list_per_page = 50
    actions = ("export_csv", "anonymize")
    inlines = (ContactAttemptInline,)
    readonly_fields = (
        "preferred_language",
        *PATIENT_FIELDS,
        *REQUEST_FIELDS,
        *RECORD_FIELDS,
        "callback",
    )
    fieldsets = (
        (_("Front desk"), {"fields": ("callback", "status", "outcome", "assigned_to")}),
        (_("Patient"), {"fields": ("preferred_language", *PATIENT_FIELDS)}),
        (_("Request"), {"fields": REQUEST_FIELDS}),
        (_("Record"), {"fields": RECORD_FIELDS, "classes": ("collapse",)}),
    )

    class Media:
        css = {"all": ("css/admin-worklist.css",)}

    def has_add_permission(self, request):
        return False  # requests come from patients through the website

    def audit_reference(self, obj):
        return obj.reference

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

    def get_queryset(self, request):
        # The list's own related rows named here too: the admin skips list_select_related
        # for a queryset that already selects some.
        return (
            super()
            .get_queryset(request)
            .with_attempt_flag()
            .select_related(*self.list_select_related, *WORKLIST_RELATED)
            .annotate(**WORKLIST_ANNOTATIONS)
        )

    def get_list_display(self, request):
        return (*super().get_list_display(request), *WORKLIST_COLUMNS)

    def get_list_filter(self, request):
        return (*super().get_list_filter(request), *WORKLIST_FILTERS)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = front_desk_users()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        return queryset.search(search_term), False

    # Columns and read-only fields: plain text where a link would lead to a page the
    # front desk may not open (offices, providers, users).
    @admin.display(description=_("patient"), ordering="last_name")
    def patient(self, obj):
        return obj.patient_name or gettext("(anonymized)")

    @admin.display(description=_("name"))
    def patient_name(self, obj):
        return obj.patient_name

    @admin.display(description=_("phone"))
    def phone_link(self, obj):
        if not obj.phone:
            return ""
        return format_html(
            '<a href="tel:{}" class="tel">{}</a>', obj.phone.as_e164, obj.phone.as_national
        )

    @admin.display(description=_("age"), ordering="-created_at")
    def age(self, obj):
        return short_age(timezone.now() - obj.created_at)

    @admin.display(description=_("call back by"), ordering="callback_due_at")
    def callback(self, obj):
        if obj.status != Request.Status.NEW or obj.attempted:
            return "—"
        when = office_clock(obj.callback_due_at, obj.location)
        if obj.is_overdue():
            return format_html(
                '<strong class="callback-overdue">{}</strong>',
                gettext("Overdue since %(when)s") % {"when": when},
            )
        return when

    @admin.display(description=_("contact by"))
    def contact(self, obj):
        return obj.get_contact_method_display()

    @admin.display(description=_("assigned to"), ordering="assigned_to__username")
    def assignee(self, obj):
        return staff_name(obj.assigned_to) or "—"

    @admin.display(description=_("office"))
    def office(self, obj):
        return obj.location.name

    @admin.display(description=_("treatment"))
    def treatment_name(self, obj):
        return obj.treatment.name if obj.treatment else "—"

    @admin.display(description=_("provider"))
    def provider_name(self, obj):
        return str(obj.provider) if obj.provider else "—"

    @admin.display(description=_("preferred days"))
    def preferred_days_display(self, obj):
        return obj.preferred_days_display() or "—"

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_export": self.has_export_permission(request),
            "export_url": reverse("admin:appointments_appointmentrequest_export"),
        }
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.changed_data:
            AuditLogEntry.record(
                user=request.user,
                action=Action.CHANGE,
                references=[obj],
                details=", ".join(form.changed_data),
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is not ContactAttempt:
            return super().save_formset(request, form, formset, change)
        for entry in formset.save(commit=False):
            contact_attempt_add(
                appointment_request=form.instance,
                user=request.user,
                method=entry.method,
                outcome=entry.outcome,
                note=entry.note,
            )

    def delete_model(self, request, obj):
        AuditLogEntry.record(user=request.user, action=Action.DELETE, references=[obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        AuditLogEntry.record(user=request.user, action=Action.DELETE, references=list(queryset))
        super().delete_queryset(request, queryset)

    # Bulk actions: every status, every way of closing, and assignment to each colleague.
    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_change_permission(request):
            return actions
        for status, status_label in Request.Status.choices:
            if status != Request.Status.CLOSED:
                name = f"mark_{status}"
                description = gettext("Mark as %(status)s") % {"status": status_label}
                actions[name] = (self._status_action(status), name, description)
        for outcome, outcome_label in Request.Outcome.choices:
            name = f"close_{outcome}"
            description = gettext("Close: %(outcome)s") % {"outcome": outcome_label}
            actions[name] = (self._status_action(Request.Status.CLOSED, outcome), name, description)
        for action in WORKLIST_ACTIONS:
            actions[action.__name__] = (action, action.__name__, action.short_description)
        mine = self._assign_action(request.user)
        actions["assign_to_me"] = (mine, "assign_to_me", gettext("Assign to me"))
        actions["unassign"] = (self._assign_action(None), "unassign", gettext("Unassign"))
        for user in front_desk_users().exclude(pk=request.user.pk):
            name = f"assign_to_{user.pk}"
            description = gettext("Assign to %(name)s") % {"name": staff_name(user)}
            actions[name] = (self._assign_action(user), name, description)
        return actions

    def _update(self, request, queryset, details, **changes):
        references = list(queryset.values_list("reference", flat=True))
        rows = Request.objects.filter(reference__in=references)
        rows.update(**changes, updated_at=timezone.now())
        AuditLogEntry.record(
            user=request.user, action=Action.CHANGE, references=references, details=details
        )
        return len(references)

    def _status_action(self, status, outcome=""):
        def action(modeladmin, request, queryset):
            count = self._update(request, queryset, "status", status=status, outcome=outcome)
            self.message_user(
                request,
                ngettext("%d request updated.", "%d requests updated.", count) % count,
                messages.SUCCESS,
            )

        return action

    def _assign_action(self, user):
        def action(modeladmin, request, queryset):
            count = self._update(request, queryset, "assigned_to", assigned_to=user)
            if user is None:
                text = ngettext("%d request unassigned.", "%d requests unassigned.", count)
            elif user == request.user:
                text = ngettext(
                    "%d request assigned to you.", "%d requests assigned to you.", count
                )
            else:
                text = ngettext("%d request assigned.", "%d requests assigned.", count)
            self.message_user(request, text % count, messages.SUCCESS)

        return action

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
        return self._csv(request, queryset, "selected")

    def get_urls(self):
        export = self.admin_site.admin_view(require_POST(self.export_matching))
        return [
            path("export/", export, name="appointments_appointmentrequest_export"),
            *super().get_urls(),
        ]

    def export_matching(self, request):
        """Every request the list's filters and search match, not only the page shown."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        return self._csv(request, changelist.get_queryset(request), "matching")

    def _csv(self, request, queryset, scope):
        rows = list(queryset.select_related("location", "assigned_to", "treatment", "provider"))
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="appointment-requests-{stamp}.csv"'
        response["Cache-Control"] = "no-store"
        response.write("\ufeff")  # the byte-order mark tells Excel the file is UTF-8
        writer = csv.writer(response)
        writer.writerow(heading() for heading, _value in CSV_COLUMNS)
        for row in rows:
            writer.writerow(csv_cell(value(row)) for _heading, value in CSV_COLUMNS)
        AuditLogEntry.record(
            user=request.user,
            action=Action.EXPORT,
            references=rows,
            details=f"CSV of {len(rows)} ({scope})",
            even_if_none=True,
        )
        return response


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    """Read-only for everyone, superusers included: the log only grows."""

    list_display = ("at", "who", "action", "subject", "reference", "details", "client_address")
    list_filter = ("action", "subject", "at", "user")
    search_fields = ("=reference", "user__username")
    list_select_related = ("user",)
    date_hierarchy = "at"
    fields = (
        "at",
        "who",
        "action",
        "subject",
        "reference",
        "details",
        "client_address",
        "user_agent",
    )
    readonly_fields = fields

    @admin.display(description=_("who"), ordering="user__username")
    def who(self, obj):
        return staff_name(obj.user) or "—"

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


OPEN_STATUSES = (Request.Status.NEW, Request.Status.CONTACTED)


@register_start_panel
def front_desk_start(request):
    """New, past the promised callback, mine and unassigned, counted in one query."""
    if not request.user.has_perm("appointments.view_appointmentrequest"):
        return None
    is_open = Q(status__in=OPEN_STATUSES)
    counts = Request.objects.with_attempt_flag().aggregate(
        new=Count("pk", filter=Q(status=Request.Status.NEW)),
        overdue=Count(
            "pk",
            filter=Q(
                status=Request.Status.NEW, attempted=False, callback_due_at__lt=timezone.now()
            ),
        ),
        mine=Count("pk", filter=is_open & Q(assigned_to=request.user)),
        unassigned=Count("pk", filter=is_open & Q(assigned_to__isnull=True)),
    )
    worklist = reverse("admin:appointments_appointmentrequest_changelist")
    open_filter = "status__in=" + ",".join(OPEN_STATUSES)
    items = [
        StartItem(gettext("New requests"), f"{worklist}?status__exact=new", counts["new"]),
        StartItem(
            gettext("Past the promised callback"), f"{worklist}?callback=overdue", counts["overdue"]
        ),
        StartItem(
            gettext("Mine, still open"), f"{worklist}?assigned=mine&{open_filter}", counts["mine"]
        ),
        StartItem(
            gettext("Unassigned, still open"),
            f"{worklist}?assigned=nobody&{open_filter}",
            counts["unassigned"],
        ),
    ]
    links = [StartItem(gettext("All appointment requests"), worklist)]
    if request.user.has_perm("appointments.view_auditlogentry"):
        links.append(
            StartItem(gettext("Audit log"), reverse("admin:appointments_auditlogentry_changelist"))
        )
    links.append(StartItem(gettext("Change your password"), reverse("admin:password_change")))
    return StartPanel(gettext("Front desk"), items, links, order=10)
