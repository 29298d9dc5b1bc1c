"""Images staff upload: real JPEG, PNG or WebP files of a sensible size, shown the right way up."""

import struct
import time
import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from PIL import ExifTags, Image

from core.images import MAX_UPLOAD_BYTES, make_renditions, rendition_name, validate_image_upload
from tests.treatments.admin_forms import change_form_data
from treatments.models import Treatment

# Pillow warns on opening an image between the pixel limit and twice it; the site refuses it.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning"),
]


def image_bytes(size=(640, 400), image_format="JPEG", mode="RGB", **save_options):
    buffer = BytesIO()
    Image.new(mode, size, (200, 120, 40) if mode == "RGB" else 0).save(
        buffer, image_format, **save_options
    )
    return buffer.getvalue()


def upload(admin_client, name, content):
    return admin_client.post(*upload_form(admin_client, name, content))


def upload_form(admin_client, name, content):
    """The admin's add-treatment address and a filled form with this hero image."""
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
    return add_url, data


def run_queued_renditions():
    """What the worker does with the rendition tasks a save queued."""
    queued = DBTaskResult.objects.ready().filter(task_path="core.images.make_renditions")
    for task in queued:
        make_renditions.call(**task.args_kwargs["kwargs"])
    return len(queued)


def pixel_bomb_png(width, height):
    """A real PNG of width by height black pixels (one bit each), a few kilobytes compressed."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\0" * (1 + (width + 7) // 8)  # filter byte, then the row's bits
    packer = zlib.compressobj(9)
    rows = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def test_a_real_jpeg_is_stored_with_its_size_and_the_worker_draws_its_webp_renditions(
    admin_client, client
):
    response = upload(admin_client, "hero.jpg", image_bytes(size=(1200, 800)))
    assert response.status_code == 302
    treatment = Treatment.objects.get()
    assert (treatment.hero_width, treatment.hero_height) == (1200, 800)
    Treatment.objects.update(is_published=True)
    storage = treatment.hero_image.storage
    # Not drawn in the request: until the worker has, the page shows the original at its size.
    assert not storage.exists(rendition_name(treatment.hero_image.name, 480))
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert f'src="{treatment.hero_image.url}" width="1200" height="800"' in html
    assert "srcset" not in html.split('class="treatment-hero"')[0].rsplit("<img", 1)[1]

    assert run_queued_renditions() == 1
    for width in (480, 960, 1200):
        with Image.open(storage.open(rendition_name(treatment.hero_image.name, width))) as webp:
            assert (webp.format, webp.width) == ("WEBP", width)
    treatment.refresh_from_db()
    assert treatment.hero_renditions_made
    html = client.get(treatment.get_absolute_url()).content.decode()  # the cached page is renewed
    assert f"{rendition_name(treatment.hero_image.name, 960)} 960w" in html


def test_a_pixel_bomb_is_refused_from_its_header_at_once(admin_client):
    bomb = pixel_bomb_png(30_000, 30_000)  # 900 megapixels: 900 MB once decoded
    assert len(bomb) < 200_000
    form = upload_form(admin_client, "hero.png", bomb)
    started = time.monotonic()
    response = admin_client.post(*form)
    took = time.monotonic() - started
    assert response.status_code == 200
    assert "The image has too many pixels" in response.content.decode()
    assert not Treatment.objects.exists()
    assert not DBTaskResult.objects.filter(task_path="core.images.make_renditions").exists()
    assert took < 1, took


def test_the_validator_refuses_a_pixel_bomb_before_reading_past_its_header():
    # 50 megapixels: under Pillow's hard refusal (twice the limit), over the site's limit.
    bomb = ContentFile(pixel_bomb_png(10_000, 5_000), name="hero.png")
    with pytest.raises(ValidationError, match="too many pixels"):
        validate_image_upload(bomb)


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
    run_queued_renditions()
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
