from django.contrib import admin, messages
from django.utils.html import format_html, linebreaks
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from appointments.audit import AuditedAdminMixin
from appointments.models import AuditLogEntry
from core.caching import bump_content_version

from .models import Testimonial


class StatusFilter(admin.SimpleListFilter):
    """Status, opening on the stories that wait for review: the moderation queue."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Testimonial.Status.choices, (self.ALL, _("All"))]

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.current() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def current(self):
        return self.value() or Testimonial.Status.SUBMITTED

    def queryset(self, request, queryset):
        if self.current() == self.ALL:
            return queryset
        return queryset.filter(status=self.current())


@admin.register(Testimonial)
class TestimonialAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """A patient's story is patient data: its list, searches, change and history pages are
    audited like the front desk's requests."""

    audit_subject = AuditLogEntry.Subject.STORY
    list_display = [
        "display_name",
        "excerpt",
        "status",
        "rating",
        "office",
        "treatment",
        "date",
        "featured",
        "sort_order",
    ]
    list_display_links = ["display_name", "excerpt"]
    list_editable = ["featured", "sort_order"]
    list_filter = [StatusFilter, "featured", "office", "treatment", "provider"]
    list_select_related = ["office", "treatment"]
    search_fields = ["display_name", "text"]
    date_hierarchy = "date"
    actions = ["approve", "reject"]
    readonly_fields = ["preview", "consent_given_at", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {"fields": ["status", "display_name", "text", "language", "preview", "rating", "date"]},
        ),
        (_("What it is about"), {"fields": ["office", "provider", "treatment"]}),
        (_("Consent"), {"fields": ["consent_to_publish", "consent_given_at"]}),
        (_("Placement"), {"fields": ["featured", "sort_order"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("story"))
    def excerpt(self, obj):
        return Truncator(obj.text).chars(90)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        """The story as patients will read it: escaped, paragraphs kept."""
        if not obj.text:
            return "-"
        return format_html(
            '<div class="testimonial-preview">{}<p>— {}</p></div>',
            linebreaks(obj.text, autoescape=True),
            obj.display_name,
        )

    @admin.action(description=_("Approve the selected stories"))
    def approve(self, request, queryset):
        without_consent = queryset.filter(consent_to_publish=False).count()
        changed = queryset.filter(consent_to_publish=True).update(
            status=Testimonial.Status.APPROVED
        )
        bump_content_version()  # update() sends no save signal; public pages must change now
        self.message_user(
            request,
            ngettext("%d story approved.", "%d stories approved.", changed) % changed,
            messages.SUCCESS,
        )
        if without_consent:
            self.message_user(
                request,
                ngettext(
                    "%d story was not approved: the patient has not agreed to publication.",
                    "%d stories were not approved: the patients have not agreed to publication.",
                    without_consent,
                )
                % without_consent,
                messages.WARNING,
            )

    @admin.action(description=_("Reject the selected stories"))
    def reject(self, request, queryset):
        changed = queryset.update(status=Testimonial.Status.REJECTED, featured=False)
        bump_content_version()
        self.message_user(
            request,
            ngettext("%d story rejected.", "%d stories rejected.", changed) % changed,
            messages.SUCCESS,
        )
