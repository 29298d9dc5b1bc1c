"""Images staff upload: real JPEG, PNG or WebP files of a sensible size, shown the right way up."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from core.images import MAX_UPLOAD_BYTES, rendition_name, validate_image_upload
from tests.treatments.admin_forms import change_form_data
from treatments.models import Treatment

pytestmark = pytest.mark.django_db


def image_bytes(size=(640, 400), image_format="JPEG", mode="RGB", **save_options):
    buffer = BytesIO()
    Image.new(mode, size, (200, 120, 40) if mode == "RGB" else 0).save(
        buffer, image_format, **save_options
    )
    return buffer.getvalue()


def upload(admin_client, name, content):
    add_url = reverse("admin:treatments_treatment_add")
    data = change_form_data(admin_client.get(add_url))
    data.update(
        name_en="SI joint fusion",
        slug="si-joint-fusion",
        kind=Treatment.Kind.MINIMALLY_INVASIVE,
        care_step=Treatment.CareStep.SURGERY,
        summary_en="Joins the joint.",
        hero_alt_en="A surgeon's hands",
        hero_image=SimpleUploadedFile(name, content),
    )
    return admin_client.post(add_url, data)


def test_a_real_jpeg_is_stored_with_its_size_and_webp_renditions(admin_client, client):
    response = upload(admin_client, "hero.jpg", image_bytes(size=(1200, 800)))
    assert response.status_code == 302
    treatment = Treatment.objects.get()
    assert (treatment.hero_width, treatment.hero_height) == (1200, 800)
    storage = treatment.hero_image.storage
    for width in (480, 960, 1200):
        with Image.open(storage.open(rendition_name(treatment.hero_image.name, width))) as webp:
            assert (webp.format, webp.width) == ("WEBP", width)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("hero.jpg", b"This is a text file, not a picture.", "Upload a valid image."),
        (
            "hero.gif",
            image_bytes(image_format="GIF", mode="L"),
            "Upload a JPEG, PNG or WebP image.",
        ),
        ("hero.png", image_bytes(size=(300, 200), image_format="PNG"), "The image is too small"),
        (
            "hero.png",
            image_bytes(size=(8000, 5001), image_format="PNG", mode="L"),
            "The image has too many pixels",
        ),
        (
            "hero.jpg",
            image_bytes() + b"\0" * MAX_UPLOAD_BYTES,
            "The image is larger than 8 MB.",
        ),
    ],
    ids=["not-an-image", "gif", "too-small", "too-many-pixels", "too-big"],
)
def test_unsuitable_images_are_refused_with_a_reason(admin_client, name, content, message):
    response = upload(admin_client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Treatment.objects.exists()


def test_a_sideways_phone_photo_is_shown_upright_at_its_upright_size(admin_client, client):
    # A landscape picture, red on the left and blue on the right, that EXIF says to turn a
    # quarter clockwise: upright it is portrait, red at the top and blue at the bottom.
    picture = Image.new("RGB", (800, 600), (220, 0, 0))
    picture.paste((0, 0, 220), (400, 0, 800, 600))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    buffer = BytesIO()
    picture.save(buffer, "JPEG", exif=exif)

    assert upload(admin_client, "phone.jpg", buffer.getvalue()).status_code == 302
    treatment = Treatment.objects.get()
    assert (treatment.hero_width, treatment.hero_height) == (600, 800)
    treatment.is_published = True
    treatment.save()
    name = rendition_name(treatment.hero_image.name, 600)
    with Image.open(treatment.hero_image.storage.open(name)) as webp:
        assert webp.size == (600, 800)
        top, bottom = webp.convert("RGB").getpixel((300, 100)), webp.getpixel((300, 700))
    assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert 'width="600" height="800"' in html


def test_the_validator_itself_refuses_a_file_pillow_cannot_read():
    # The admin's form field refuses such a file first; models saved any other way rely on this.
    with pytest.raises(ValidationError, match="not an image we can read"):
        validate_image_upload(ContentFile(b"GIF89a but not really", name="hero.gif"))


def test_pages_show_an_image_without_reading_the_original_back(admin_client, client):
    # On S3 every read is a network round trip: the size recorded at upload must do.
    upload(admin_client, "hero.jpg", image_bytes(size=(1200, 800)))
    treatment = Treatment.objects.get()
    treatment.is_published = True
    treatment.save()
    treatment.hero_image.storage.delete(treatment.hero_image.name)
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert 'width="1200" height="800"' in html
