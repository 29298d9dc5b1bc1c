"""Checked uploads and responsive WebP renditions for every image on the site.

Models declare `OrientedImageField(validators=[validate_image_upload], width_field=...,
height_field=..., renditions_field=...)`, which records the size the image is shown at (a
phone photo's EXIF orientation applied). An image over MAX_PIXELS is refused from its
header alone, before anything decodes it: Pillow's own decompression-bomb check is set to
the same limit for the whole process.

The renditions are drawn by the worker, not in the staff member's request: a new image sets
the row's renditions flag off, and after the save signals.py queues `make_renditions`,
which draws them the right way up, sets the flag and refreshes the pages. Until then
`{% responsive_image %}` (templatetags/clinic.py) shows the uploaded original at its size.
Renditions are written to the default storage, so S3 works the same as the local disk.
"""

import functools
from io import BytesIO
from pathlib import PurePosixPath

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import models
from django.db.models.fields.files import ImageFieldFile, ImageFileDescriptor
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from .caching import bump_content_version

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MIN_WIDTH, MIN_HEIGHT = 320, 200
MAX_PIXELS = 40_000_000
# Pillow warns when it opens an image over this and refuses one over twice this
# (DecompressionBombError), wherever in the process it is opened.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
TOO_MANY_PIXELS = _("The image has too many pixels (at most 40 megapixels).")
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
RENDITION_WIDTHS = (480, 960, 1600)
# EXIF orientations that turn the picture a quarter turn, so width and height swap.
QUARTER_TURNS = {5, 6, 7, 8}


def oriented_size(image):
    """The size a Pillow image is shown at, once its EXIF orientation is applied."""
    width, height = image.size
    if image.getexif().get(ExifTags.Base.Orientation) in QUARTER_TURNS:
        return height, width
    return width, height


class OrientedImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        # Every new file passes through here (an upload too, when its row is saved).
        self.field.renditions_outdated(self.instance)
        super().save(name, content, save)

    def _get_image_dimensions(self):
        if not hasattr(self, "_dimensions_cache"):
            close = self.closed
            self.open()
            try:
                self.seek(0)
                with Image.open(self) as image:
                    self._dimensions_cache = oriented_size(image)
            except (UnidentifiedImageError, OSError):
                self._dimensions_cache = (None, None)
            finally:
                if close:
                    self.close()
                else:
                    self.seek(0)
        return self._dimensions_cache


class OrientedImageFileDescriptor(ImageFileDescriptor):
    def __set__(self, instance, value):
        super().__set__(instance, value)
        # A new upload assigned by a form: the renditions are out of date from now on, before
        # the row's values are gathered for saving.
        if isinstance(value, File) and not getattr(value, "_committed", False):
            self.field.renditions_outdated(instance)


class CheckedImageFormField(forms.ImageField):
    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError as error:
            # Pillow refused it from its header: say why rather than "not a valid image".
            if isinstance(error.__cause__, Image.DecompressionBombError):
                raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels") from None
            raise


class OrientedImageField(models.ImageField):
    """An ImageField whose width and height are those of the picture as people see it, with
    `renditions_field` naming the row's flag that says its renditions are drawn."""

    attr_class = OrientedImageFieldFile
    descriptor_class = OrientedImageFileDescriptor

    def __init__(self, *args, renditions_field=None, **kwargs):
        self.renditions_field = renditions_field
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.renditions_field:
            kwargs["renditions_field"] = self.renditions_field
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedImageFormField, **kwargs})

    def renditions_outdated(self, instance):
        if self.renditions_field:
            setattr(instance, self.renditions_field, False)
            instance._renditions_to_make = {
                *getattr(instance, "_renditions_to_make", ()),
                self.name,
            }


def validate_image_upload(file):
    _validate_upload(file, MIN_WIDTH, MIN_HEIGHT)


def validate_logo_upload(file):
    """A logo is wide and short: a smaller minimum than a photo's."""
    _validate_upload(file, 160, 40)


def _validate_upload(file, min_width, min_height):
    if getattr(file, "_committed", False):
        # Already stored, so checked when it was uploaded: saving the row again must not
        # read it back (it may be on S3, and a stored file is closed, so seek() fails).
        return
    if file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The image is larger than 8 MB. Please upload a smaller file."))
    try:
        file.seek(0)
        with Image.open(file) as image:
            # From the header alone, before verify() reads the rest.
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(TOO_MANY_PIXELS)
            image_format = image.format
            image.verify()
        # verify() leaves the image unusable, so the size is read from a fresh open.
        file.seek(0)
        with Image.open(file) as image:
            width, height = oriented_size(image)
    except Image.DecompressionBombError:
        raise ValidationError(TOO_MANY_PIXELS) from None
    except (UnidentifiedImageError, OSError):
        raise ValidationError(
            _("This file is not an image we can read. Upload a JPEG, PNG or WebP.")
        ) from None
    finally:
        file.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(_("Upload a JPEG, PNG or WebP image."))
    if width < min_width or height < min_height:
        raise ValidationError(
            _("The image is too small: it must be at least %(w)s × %(h)s pixels.")
            % {"w": min_width, "h": min_height}
        )


def image_rules():
    """What validate_image_upload accepts, said before an upload rather than after it."""
    return _(
        "A JPEG, PNG or WebP image, at least %(width)s × %(height)s pixels, at most "
        "%(megapixels)s megapixels and %(megabytes)s MB."
    ) % {
        "width": MIN_WIDTH,
        "height": MIN_HEIGHT,
        "megapixels": MAX_PIXELS // 1_000_000,
        "megabytes": MAX_UPLOAD_BYTES // (1024 * 1024),
    }


def require_alt_text(obj, image_field, alt_field):
    """Refuse an image patients see without a description of it (WCAG 1.1.1).

    For a translated description the English is required; Spanish falls back to it.
    """
    if not getattr(obj, image_field):
        return
    try:
        translated = alt_field in translator.get_options_for_model(type(obj)).fields
    except NotRegistered:
        translated = False
    if translated:
        alt_field = build_localized_fieldname(alt_field, settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
    if not (getattr(obj, alt_field) or "").strip():
        raise ValidationError(
            {
                alt_field: _(
                    "Describe the image for patients who cannot see it, or remove the image. "
                    "Every image on a page needs a description."
                )
            }
        )


def rendition_widths(original_width):
    """The rendition widths worth making for an image this wide (never upscaled)."""
    widths = [w for w in RENDITION_WIDTHS if w < original_width]
    return [*widths, min(original_width, RENDITION_WIDTHS[-1])]


def rendition_name(name, width):
    path = PurePosixPath(name)
    return f"renditions/{path.parent}/{path.stem}-{width}w.webp"


def ensure_renditions(fieldfile):
    """Write the WebP renditions of an uploaded image that are not stored yet."""
    if not fieldfile:
        return
    storage = fieldfile.storage
    missing = [
        w
        for w in rendition_widths(fieldfile.width)
        if not storage.exists(rendition_name(fieldfile.name, w))
    ]
    if not missing:
        return
    with fieldfile.open("rb"), Image.open(fieldfile) as source:
        if source.width * source.height > MAX_PIXELS:  # stored some other way than an upload
            raise ValidationError(TOO_MANY_PIXELS)
        source = ImageOps.exif_transpose(source).convert("RGB")
        for width in missing:
            storage.save(rendition_name(fieldfile.name, width), _webp(source, width))


def _webp(source, width):
    height = round(source.height * width / source.width)
    buffer = BytesIO()
    source.resize((width, height), Image.Resampling.LANCZOS).save(buffer, "WEBP", quality=80)
    return ContentFile(buffer.getvalue())


@task()
def make_renditions(*, model, pk, field, name):
    """Draw the renditions of one uploaded image (`name`, in `field` of a `model` row), then
    mark them made and refresh the pages that show it."""
    model_class = apps.get_model(model)
    image_field = model_class._meta.get_field(field)
    row = model_class._base_manager.filter(pk=pk).first()
    if row is None or getattr(row, field).name != name:
        return  # deleted, or replaced by a newer image that has a task of its own
    ensure_renditions(getattr(row, field))
    model_class._base_manager.filter(pk=pk, **{field: name}).update(
        **{image_field.renditions_field: True}
    )
    bump_content_version()


def queue_renditions(instance):
    """Queue the renditions of the images a save just stored (see OrientedImageField)."""
    for field_name in getattr(instance, "_renditions_to_make", ()):
        fieldfile = getattr(instance, field_name)
        if fieldfile:
            make_renditions.enqueue(
                model=instance._meta.label_lower,
                pk=instance.pk,
                field=field_name,
                name=fieldfile.name,
            )
    instance._renditions_to_make = set()


def make_missing_renditions():
    """Draw here and now every rendition not made yet (the demo loader: no worker needed)."""
    for model_class in apps.get_models():
        for field in model_class._meta.concrete_fields:
            if isinstance(field, OrientedImageField) and field.renditions_field:
                waiting = model_class._base_manager.filter(**{field.renditions_field: False})
                for row in waiting.exclude(**{field.name: ""}):
                    make_renditions.call(
                        model=model_class._meta.label_lower,
                        pk=row.pk,
                        field=field.name,
                        name=getattr(row, field.name).name,
                    )


def store_drawing(fieldfile, name, svg, *, width):
    """Store a drawing made as SVG text (the demo's pictures, home/art/) as `fieldfile`'s image,
    a PNG `width` pixels wide, with its WebP renditions, then save the row.

    The demo is loaded again by every test that needs a fresh copy; drawing and encoding its
    pictures once per process keeps that fast. The renditions are stored before the row is
    saved, so the task that the save queues finds them made."""
    png, renditions = _drawn(svg, width)
    fieldfile.save(name, ContentFile(png), save=False)
    for rendition_width, webp in renditions.items():
        fieldfile.storage.save(rendition_name(fieldfile.name, rendition_width), ContentFile(webp))
    fieldfile.instance.save()


@functools.cache
def _drawn(svg, width):
    import resvg_py

    png = resvg_py.svg_to_bytes(svg_string=svg, width=width)
    with Image.open(BytesIO(png)) as image:
        source = image.convert("RGB")
    return png, {w: _webp(source, w).read() for w in rendition_widths(width)}
