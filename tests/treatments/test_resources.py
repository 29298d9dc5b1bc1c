"""Patient resources: checked PDF uploads, the digital guide and the insurance page."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from clinic_site.views import media
from core.storage import MediaStorage
from treatments.factories import PatientDocumentFactory, simple_pdf
from treatments.models import PatientDocument, ResourcePage
from treatments.validators import MAX_PDF_BYTES, validate_pdf_upload

pytestmark = pytest.mark.django_db
PDF = simple_pdf("Registration")


def upload(client, name, content, kind="form"):
    return client.post(
        reverse("admin:treatments_patientdocument_add"),
        {
            "title_en": "Registration", "kind": kind, "description_en": "", "sort_order": 0,
            "is_published": "on", "file_en": SimpleUploadedFile(name, content),
        },
    )  # fmt: skip


def test_staff_upload_a_real_pdf_and_patients_find_it(admin_client, client):
    assert upload(admin_client, "registration.pdf", PDF).status_code == 302
    document = PatientDocument.objects.get()
    html = client.get(reverse("treatments:resources")).content.decode()
    assert f'href="{document.file.url}"' in html and "Registration" in html


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("registration.pdf", b"<html><script>alert(1)</script></html>", b"This file is not a PDF."),
        ("registration.exe", PDF, b"The file name must end in .pdf."),
        ("registration.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100, b"This file is not a PDF."),
    ],
)
def test_uploads_that_are_not_pdfs_are_refused(admin_client, name, content, message):
    response = upload(admin_client, name, content)
    assert response.status_code == 200
    assert message in response.content
    assert not PatientDocument.objects.exists()


def pdf_with(change):
    """A one-page PDF from pypdf, changed by `change(writer)` before it is written."""
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    change(writer)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def action(kind, **entries):
    return DictionaryObject(
        {NameObject("/S"): NameObject(kind), **{NameObject(k): v for k, v in entries.items()}}
    )


def document_javascript(writer):
    script = writer._add_object(action("/JavaScript", **{"/JS": TextStringObject("app.alert(1)")}))
    names = ArrayObject([TextStringObject("hello"), script])
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): DictionaryObject({NameObject("/Names"): names})}
    )


def open_action(writer):
    writer._root_object[NameObject("/OpenAction")] = action(
        "/JavaScript", **{"/JS": TextStringObject("app.alert(1)")}
    )


def page_action(writer):
    writer.pages[0][NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): action("/Launch", **{"/F": TextStringObject("calc.exe")})}
    )


def launch_link(writer):
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
            NameObject("/A"): writer._add_object(
                action("/Launch", **{"/F": TextStringObject("x.exe")})
            ),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])


@pytest.mark.parametrize(
    "change",
    [document_javascript, open_action, page_action, launch_link],
    ids=["document-javascript", "open-action", "page-auto-action", "launch-link"],
)
def test_pdfs_with_scripts_or_automatic_actions_are_refused(admin_client, change):
    response = upload(admin_client, "registration.pdf", pdf_with(change))
    assert response.status_code == 200
    assert b"contains scripts or actions that run by themselves" in response.content
    assert not PatientDocument.objects.exists()


def test_a_plain_pdf_from_another_program_is_accepted(admin_client):
    assert (
        upload(admin_client, "registration.pdf", pdf_with(lambda writer: None)).status_code == 302
    )


def test_a_file_that_only_starts_like_a_pdf_is_refused(admin_client):
    # Passed the old first-bytes check; a browser sniffing it would find a web page.
    response = upload(
        admin_client, "registration.pdf", b"%PDF-1.7\n<html><script>alert(1)</script>"
    )
    assert b"This file is not a PDF." in response.content
    assert not PatientDocument.objects.exists()


def test_patient_forms_are_stored_on_s3_as_downloads_and_images_are_not():
    storage = MediaStorage(bucket_name="clinic-media", object_parameters={"CacheControl": "public"})
    assert storage.get_object_parameters("patient-documents/registration.pdf") == {
        "CacheControl": "public",
        "ContentDisposition": "attachment",
        "ContentType": "application/pdf",
    }
    assert storage.get_object_parameters("treatments/hero.jpg") == {"CacheControl": "public"}


def test_patient_forms_served_from_the_local_disk_are_downloads(settings, client):
    document = PatientDocumentFactory()
    response = media(RequestFactory().get(document.file.url), document.file.name)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment"


def test_a_pdf_over_10_mb_is_refused():
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * MAX_PDF_BYTES)
    with pytest.raises(ValidationError, match="larger than 10 MB"):
        validate_pdf_upload(big)


def test_resources_page_shows_forms_guide_and_insurance(client, demo):
    PatientDocument.objects.filter(title="Pain diary").update(is_published=False)
    html = client.get(reverse("treatments:resources")).content.decode()
    assert "New patient registration" in html and "Pain diary" not in html
    assert "Digital guide" in html and "Your guide to spine care" in html
    assert "Insurance we accept" in html


def test_insurance_page_names_workers_comp_and_personal_injury(client, demo):
    page = ResourcePage.objects.get(slug="insurance")
    html = client.get(page.get_absolute_url()).content.decode()
    assert "all major insurance plans" in html
    assert "<h2>Workers' Compensation</h2>" in html
    assert "<h2>Personal Injury</h2>" in html


def test_a_draft_resource_page_is_404_to_the_public(client, admin_client):
    page = ResourcePage.objects.create(
        title="Draft", slug="draft", summary="s", body="b", is_published=False
    )
    assert client.get(page.get_absolute_url()).status_code == 404
    assert admin_client.get(page.get_absolute_url()).status_code == 200


def test_demo_content_loads_twice_without_duplicates(demo, settings):
    settings.DEBUG = True  # load_demo runs only in a DEBUG database
    from django.core.management import call_command

    from treatments.models import FAQ, ProcedureStep, QuizRule, Treatment

    before = [m.objects.count() for m in (Treatment, ProcedureStep, FAQ, QuizRule, PatientDocument)]
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = [m.objects.count() for m in (Treatment, ProcedureStep, FAQ, QuizRule, PatientDocument)]
    assert before == after
    assert Treatment.objects.get(slug="si-joint-fusion").sections.count() == 9
