"""Reading an admin change form back as the POST data a browser would send."""

from django import forms


def change_form_data(response):
    """The POST data the admin change form would send back unchanged, inlines included."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        # A browser never sends a stored file back: its file input goes empty.
        if value is None or isinstance(field, forms.FileField):
            continue
        if isinstance(value, list | tuple) or hasattr(value, "model"):  # many-to-many
            value = [getattr(item, "pk", item) for item in value]
        data[name] = value
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management.initial[name]
        for form in formset.forms:
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                if value is not None and not isinstance(field, forms.FileField):
                    data[f"{form.prefix}-{name}"] = getattr(value, "pk", value)
    return data
