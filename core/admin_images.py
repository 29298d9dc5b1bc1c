"""Image fields in the admin: the current picture beside the field, and the size rules
before an upload rather than only in the error after it."""

from django.contrib.admin.widgets import AdminFileWidget
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext

from .images import image_rules, rendition_name, rendition_widths
from .templatetags.clinic import recorded_size

THUMBNAIL_WIDTH = 160


class ThumbnailFileWidget(AdminFileWidget):
    def __init__(self, attrs=None):
        # The file picker offers only the formats the upload check accepts.
        super().__init__({"accept": "image/jpeg,image/png,image/webp", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        field = super().render(name, value, attrs, renderer)
        if not (value and getattr(value, "url", None) and getattr(value, "_committed", False)):
            return field  # nothing stored yet, or a new upload waiting for a valid form
        width, height = recorded_size(value)
        if not (width and height):
            return field
        # The smallest WebP rendition (made at save) rather than the original upload.
        thumbnail = value.storage.url(rendition_name(value.name, rendition_widths(width)[0]))
        shown_height = round(height * THUMBNAIL_WIDTH / width)
        return format_html(
            '<p class="image-thumbnail"><img src="{}" width="{}" height="{}" alt="{}"></p>{}',
            thumbnail,
            THUMBNAIL_WIDTH,
            shown_height,
            gettext("The current image"),
            field,
        )


class ImageFieldsAdminMixin:
    """For every image field of the model: a thumbnail and the upload rules as help."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.ImageField):
            kwargs["widget"] = ThumbnailFileWidget
            formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
            formfield.help_text = image_rules()
            return formfield
        return super().formfield_for_dbfield(db_field, request, **kwargs)
