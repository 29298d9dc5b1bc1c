from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import linebreaks_filter
from django.urls import path
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from appointments.audit import AuditedAdminMixin
from appointments.models import AuditLogEntry
from core.admin_a11y import LabelledListEditableMixin

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
class TestimonialAdmin(LabelledListEditableMixin, AuditedAdminMixin, admin.ModelAdmin):
    """A patient's story is patient data: its list, searches, change and history pages are
    audited like the front desk's requests."""

    audit_subject = AuditLogEntry.Subject.STORY
    # Placement (featured, order) next to the status, so it stays in view at 1280 px.
    list_display = [
        "display_name",
        "status",
        "featured",
        "sort_order",
        "excerpt",
        "rating",
        "office",
        "treatment",
        "date",
    ]
    list_display_links = ["display_name", "excerpt"]
    list_editable = ["featured", "sort_order"]
    list_filter = [StatusFilter, "featured", "office", "treatment", "provider"]
    list_select_related = ["office", "treatment"]
    search_fields = ["display_name", "text"]
    date_hierarchy = "date"
    MODERATION = ["approve", "reject", "feature", "unfeature"]
    actions = MODERATION
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
        """The story as patients will read it: escaped, paragraphs kept, in its own language."""
        if not obj.text:
            return "-"
        return format_html(
            '<div class="testimonial-preview" lang="{}">{}<p>— {}</p></div>',
            obj.language,
            linebreaks_filter(obj.text, autoescape=True),
            obj.display_name,
        )

    # Moderation: the list actions and the buttons on a story's own page (moderate_view) run
    # the same code. Each story is saved on its own, not with update(), so the page cache
    # sees the change, and each change is written to the story's history (the admin log).

    def _moderate(self, request, queryset, change, message):
        count = 0
        for story in queryset:
            change(story)
            story.save()
            self.log_change(request, story, message)
            count += 1
        return count

    @admin.action(description=_("Approve the selected stories"), permissions=["change"])
    def approve(self, request, queryset):
        without_consent = queryset.filter(consent_to_publish=False).count()
        changed = self._moderate(
            request,
            queryset.filter(consent_to_publish=True).exclude(status=Testimonial.Status.APPROVED),
            lambda story: setattr(story, "status", Testimonial.Status.APPROVED),
            gettext("Approved."),
        )
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

    @admin.action(description=_("Reject the selected stories"), permissions=["change"])
    def reject(self, request, queryset):
        def reject(story):
            story.status, story.featured = Testimonial.Status.REJECTED, False

        changed = self._moderate(
            request,
            queryset.exclude(status=Testimonial.Status.REJECTED, featured=False),
            reject,
            gettext("Rejected."),
        )
        self.message_user(
            request,
            ngettext("%d story rejected.", "%d stories rejected.", changed) % changed,
            messages.SUCCESS,
        )

    @admin.action(description=_("Feature the selected stories"), permissions=["change"])
    def feature(self, request, queryset):
        # Only an approved story is ever shown, so only an approved one can be featured.
        not_approved = queryset.exclude(status=Testimonial.Status.APPROVED).count()
        changed = self._moderate(
            request,
            queryset.approved().filter(featured=False),
            lambda story: setattr(story, "featured", True),
            gettext("Featured."),
        )
        self.message_user(
            request,
            ngettext("%d story featured.", "%d stories featured.", changed) % changed,
            messages.SUCCESS,
        )
        if not_approved:
            self.message_user(
                request,
                ngettext(
                    "%d story was not featured: only an approved story can be.",
                    "%d stories were not featured: only approved stories can be.",
                    not_approved,
                )
                % not_approved,
                messages.WARNING,
            )

    @admin.action(description=_("Stop featuring the selected stories"), permissions=["change"])
    def unfeature(self, request, queryset):
        changed = self._moderate(
            request,
            queryset.filter(featured=True),
            lambda story: setattr(story, "featured", False),
            gettext("No longer featured."),
        )
        self.message_user(
            request,
            ngettext(
                "%d story is no longer featured.", "%d stories are no longer featured.", changed
            )
            % changed,
            messages.SUCCESS,
        )

    def get_urls(self):
        moderate = self.admin_site.admin_view(require_POST(self.moderate_view))
        return [
            path(
                "<path:object_id>/moderate/",
                moderate,
                name="testimonials_testimonial_moderate",
            ),
            *super().get_urls(),
        ]

    def moderate_view(self, request, object_id):
        """Approve, Reject, Feature or Stop featuring from the story's own page."""
        story = get_object_or_404(Testimonial, pk=object_id)
        action = request.POST.get("action")
        if action not in self.MODERATION or not self.has_change_permission(request, story):
            raise PermissionDenied
        getattr(self, action)(request, Testimonial.objects.filter(pk=story.pk))
        return redirect("admin:testimonials_testimonial_change", story.pk)
