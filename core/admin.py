"""Admin pieces every content app shares: publishing in bulk, a link to the page itself, and
the review of its Spanish."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from .translation_review import (
    REVIEW_PERMISSION,
    SOURCE_LANGUAGE,
    SpanishStatus,
    spanish_status_q,
)


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


class SpanishStatusFilter(admin.SimpleListFilter):
    title = _("Spanish")
    parameter_name = "spanish"

    def lookups(self, request, model_admin):
        return SpanishStatus.choices

    def queryset(self, request, queryset):
        if self.value() in SpanishStatus.values:
            return queryset.filter(spanish_status_q(self.value()))
        return queryset


def english_fields(model):
    """The English columns of model's translated fields, e.g. name_en."""
    fields = translator.get_options_for_model(model).fields
    return [build_localized_fieldname(name, SOURCE_LANGUAGE) for name in fields]


def all_but_spanish_fields(model):
    """Every field staff edit on model except the Spanish columns: the English ones, and the
    untranslated ones (kind, publishing, images...)."""
    translated = translator.get_options_for_model(model).all_fields
    spanish = {field.name for fields in translated.values() for field in fields} - set(
        english_fields(model)
    )
    return [
        field.name
        for field in model._meta.get_fields()
        if (field.concrete or field.many_to_many)
        and not field.auto_created
        and field.editable
        and field.name not in spanish
        and field.name not in translated  # the original column: its two languages stand in
    ]


def translates_only(request, model):
    """A translator (who may review Spanish but not add this kind of row) edits the Spanish
    and sees the English it translates read-only."""
    opts = model._meta
    return request.user.has_perm(REVIEW_PERMISSION) and not request.user.has_perm(
        f"{opts.app_label}.add_{opts.model_name}"
    )


class EnglishReadOnlyForTranslatorsMixin:
    """A translator changes the Spanish only: the English, and what is not text (publishing,
    images, order), stay as the editors set them."""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if translates_only(request, self.model):
            readonly += [
                name for name in all_but_spanish_fields(self.model) if name not in readonly
            ]
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        # A read-only address is not filled in from the name.
        if translates_only(request, self.model):
            return {}
        return super().get_prepopulated_fields(request, obj)


class SpanishReviewAdminMixin(EnglishReadOnlyForTranslatorsMixin):
    """The Spanish review in the admin: its state in the list and a filter on it, and the
    action a Translator uses to mark the Spanish reviewed against the English as it is now."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Added to, not in place of, the actions of the admin's other mixins.
        self.actions = [*(self.actions or ()), "mark_spanish_reviewed"]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "spanish_status_label"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), SpanishStatusFilter]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "spanish_review"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != "spanish_review"]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        return [*fieldsets, (_("Spanish review"), {"fields": ["spanish_review"]})]

    @admin.display(description=_("Spanish"))
    def spanish_status_label(self, obj):
        return SpanishStatus(obj.spanish_status).label

    @admin.display(description=_("Spanish review"))
    def spanish_review(self, obj):
        status = obj.spanish_status
        if status == SpanishStatus.NOT_REVIEWED:
            return _("Not reviewed: Spanish pages show the English.")
        reviewer = obj.spanish_reviewed_by or _("a former staff member")
        when = date_format(timezone.localtime(obj.spanish_reviewed_at), "DATETIME_FORMAT")
        if status == SpanishStatus.OUT_OF_DATE:
            return format_html(
                "<strong>{}</strong> {}",
                _("Out of date:"),
                _(
                    "the English changed after %(reviewer)s reviewed the Spanish on %(when)s. "
                    "Patients still see that Spanish until it is reviewed again."
                )
                % {"reviewer": reviewer, "when": when},
            )
        return _("Reviewed by %(reviewer)s on %(when)s.") % {"reviewer": reviewer, "when": when}

    def has_review_spanish_permission(self, request):
        return request.user.has_perm(REVIEW_PERMISSION)

    @admin.action(
        description=_("Mark the Spanish of the selected %(verbose_name_plural)s as reviewed"),
        permissions=["review_spanish"],
    )
    def mark_spanish_reviewed(self, request, queryset):
        count = 0
        for obj in queryset:
            obj.mark_spanish_reviewed(request.user)
            count += 1
        message = ngettext(
            "The Spanish of %(count)d item is marked reviewed; patients now see it.",
            "The Spanish of %(count)d items is marked reviewed; patients now see it.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)
