"""Staff forms that a screen reader can use (axe finds no fault in them).

Two of Django's admin parts fail that test: a table of rows (a tabular inline, or a list whose
columns staff edit in place) writes each field's name once, in its column's heading, so no
box in the rows has a label; and the two-list "filter horizontal" chooser puts aria-label on
a bare <span>. Here each box in a row carries its column's name, and a many-to-many choice is
a plain list of checkboxes, which every browser, screen reader and keyboard handles without
script.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.forms.models import BaseInlineFormSet, BaseModelFormSet


def name_boxes_after_columns(form):
    for field in form.fields.values():
        # A choice of a related row is wrapped with its add/change links; the name goes on
        # the box inside.
        widget = getattr(field.widget, "widget", field.widget)
        if not widget.is_hidden:
            widget.attrs.setdefault("aria-label", field.label)


class LabelledRowsFormSet(BaseInlineFormSet):
    """An inline's rows whose boxes are named after their columns (when `label_columns`)."""

    label_columns = True

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if self.label_columns:
            name_boxes_after_columns(form)


class LabelledListFormSet(BaseModelFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        name_boxes_after_columns(form)


class LabelledTabularInline(admin.TabularInline):
    formset = LabelledRowsFormSet


class CheckboxListsMixin:
    """A ModelAdmin whose many-to-many fields are lists of checkboxes."""

    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}


class LabelledListEditableMixin:
    """A ModelAdmin whose list_editable boxes are named after their columns."""

    def get_changelist_formset(self, request, **kwargs):
        return super().get_changelist_formset(request, formset=LabelledListFormSet, **kwargs)
