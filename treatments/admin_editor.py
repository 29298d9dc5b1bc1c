"""The treatment editor's layout: every section of the form folded under a jump list, and the
page's sections, steps and questions put in order with "Move up" / "Move down" buttons
instead of typed numbers.

The buttons are submit buttons of the change form itself, so with JavaScript off a move
saves the form and then moves the row on the server (no edit is lost); with JavaScript on,
static/js/admin-treatment-editor.js moves the row in place and renumbers the hidden order
fields, and the next save stores the order.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin import translates_only
from core.admin_a11y import LabelledRowsFormSet

from .services import treatment_part_move

MOVE = "_move"  # the name of the move buttons; their value is "<model name>:<pk>:<up|down>"
OPEN = "open"  # ?open=<inline prefix>: that part of the form starts unfolded


class PositionedFormSet(LabelledRowsFormSet):
    # Stacked inlines label their boxes themselves; get_formset says which kind this is.
    label_columns = False

    def clean(self):
        super().clean()
        # A row added without a place (its hidden position still the default 0; the script
        # numbers rows from 1) goes after the others rather than before them.
        kept = [
            form
            for form in self.forms
            if (form.instance.pk is not None or form.has_changed())
            and not self._should_delete_form(form)
            and form.is_valid()
        ]
        last = max((form.cleaned_data.get("sort_order") or 0 for form in kept), default=0)
        for form in kept:
            if form.instance.pk is None and not form.cleaned_data.get("sort_order"):
                last += 1
                form.cleaned_data["sort_order"] = form.instance.sort_order = last


class OrderButtonsInlineMixin:
    """An inline whose rows staff put in order with buttons; `sort_order` becomes hidden."""

    formset = PositionedFormSet

    def can_reorder(self, request, obj=None):
        return self.has_change_permission(request, obj) and not translates_only(request, self.model)

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        return [*fields, "move"] if self.can_reorder(request, obj) else fields

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "move"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "sort_order":
            kwargs["widget"] = forms.HiddenInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.label_columns = isinstance(self, admin.TabularInline)
        # The first and last rows cannot move further; one query per inline, not per row.
        self._ends = {}
        if obj is not None:
            pks = list(self.model.objects.filter(treatment=obj).values_list("pk", flat=True))
            if pks:
                self._ends = {"first": pks[0], "last": pks[-1]}
        return formset

    @admin.display(description=_("place"))
    def move(self, obj):
        if obj is None or obj.pk is None:
            return gettext("Last, until saved")
        ends = getattr(self, "_ends", {})
        value = f"{obj._meta.model_name}:{obj.pk}"
        button = (
            '<button type="submit" name="{}" value="{}:{}" class="order-button"{}>'
            '{}<span class="visually-hidden">: {}</span></button>'
        )
        return format_html(
            '<span class="order-buttons" data-order-buttons>' + button + button + "</span>",
            MOVE, value, "up", " disabled" if ends.get("first") == obj.pk else "",
            gettext("Move up"), obj,
            MOVE, value, "down", " disabled" if ends.get("last") == obj.pk else "",
            gettext("Move down"), obj,
        )  # fmt: skip


class TreatmentEditorMixin:
    """A ModelAdmin mixin: named fieldsets and inlines fold away (Django's collapse, plain
    details/summary), and the move buttons of OrderButtonsInlineMixin inlines take effect."""

    def get_fieldsets(self, request, obj=None):
        return [
            (name, {**options, "classes": [*options.get("classes", ()), "collapse"]})
            if name and "collapse" not in options.get("classes", ())
            else (name, options)
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        unfold = request.GET.get(OPEN)
        for inline in inlines:
            prefix = inline.model._meta.get_field("treatment").remote_field.related_name
            if prefix != unfold:
                inline.classes = [*(inline.classes or ()), "collapse"]
        return inlines

    def response_change(self, request, obj):
        if MOVE not in request.POST:
            return super().response_change(request, obj)
        model_name, _sep, rest = request.POST[MOVE].partition(":")
        pk, _sep, direction = rest.partition(":")
        inline = next(
            (
                inline
                for inline in self.get_inline_instances(request, obj)
                if isinstance(inline, OrderButtonsInlineMixin)
                and inline.model._meta.model_name == model_name
            ),
            None,
        )
        if inline is None or direction not in ("up", "down") or not pk.isdigit():
            raise PermissionDenied
        if not inline.can_reorder(request, obj):
            raise PermissionDenied
        part = inline.model.objects.filter(treatment=obj, pk=pk).first()
        if part is None:  # deleted in the same save
            return HttpResponseRedirect(request.get_full_path())
        up = direction == "up"
        if treatment_part_move(part=part, up=up):
            message = gettext("“%(part)s” moved up.") if up else gettext("“%(part)s” moved down.")
            self.message_user(request, message % {"part": part}, messages.SUCCESS)
        prefix = inline.model._meta.get_field("treatment").remote_field.related_name
        position = list(inline.model.objects.filter(treatment=obj).values_list("pk", flat=True))
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
        # Back to the same part of the form, unfolded, at the row that moved.
        anchor = f"{prefix}-{position.index(part.pk)}"
        return HttpResponseRedirect(f"{url}?{urlencode({OPEN: prefix})}#{anchor}")
