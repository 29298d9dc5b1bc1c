"""Admin pieces every content app shares: publishing in bulk and a link to the page itself."""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class PublishActionsMixin:
    """List actions to publish or withdraw rows in bulk (any model with `is_published`)."""

    actions = ["publish", "unpublish"]

    # The admin fills in the model's plural name, e.g. "Publish the selected offices".
    @admin.action(description=_("Publish the selected %(verbose_name_plural)s"))
    def publish(self, request, queryset):
        self._set_published(request, queryset, True)

    @admin.action(description=_("Withdraw the selected %(verbose_name_plural)s (back to draft)"))
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, False)

    def _set_published(self, request, queryset, value):
        count = 0
        # save() row by row, not update(): each change reaches the history, the page cache
        # and the content signals.
        for obj in queryset:
            obj.is_published = value
            obj.save()
            count += 1
        opts = self.model._meta
        name = opts.verbose_name if count == 1 else opts.verbose_name_plural
        if value:
            message = ngettext(
                "%(count)d %(name)s published.", "%(count)d %(name)s published.", count
            )
        else:
            message = ngettext(
                "%(count)d %(name)s withdrawn, back to draft.",
                "%(count)d %(name)s withdrawn, back to draft.",
                count,
            )
        self.message_user(request, message % {"count": count, "name": name}, messages.SUCCESS)


class PreviewLinkMixin:
    """A link from the change form and the list to the page as patients see it; for a draft,
    the preview staff are allowed to see."""

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if not obj.pk:
            return "—"
        label = _("View on site") if obj.is_published else _("Preview the draft")
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)
