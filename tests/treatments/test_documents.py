"""The patient documents the site draws: fillable forms, the guide from the published content,
kept up to date by the worker, and their size and page count on the resources page."""

import re
from contextlib import suppress
from io import BytesIO, StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from home.models import SiteSettings
from locations.factories import LocationFactory
from locations.models import Location, Provider
from treatments.factories import PatientDocumentFactory, TreatmentFactory
from treatments.models import GeneratedDocument, PatientDocument, Treatment
from treatments.pdf.forms import DIARY_WEEKS, pain_diary, registration_form
from treatments.pdf.guide import digital_guide
from treatments.tasks import redraw_documents
from treatments.validators import validate_pdf_upload

pytestmark = pytest.mark.django_db
TEXT, CHECKBOX = "/Tx", "/Btn"


def read(pdf):
    return PdfReader(BytesIO(pdf))


def fields_by_kind(reader, kind):
    return {name for name, field in reader.get_fields().items() if field.get("/FT") == kind}


def text_of(reader):
    # Lines joined: a long name may wrap at the edge of a column.
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def passes_the_upload_check(pdf):
    validate_pdf_upload(SimpleUploadedFile("document.pdf", pdf))  # raises if refused
    return True


@pytest.mark.parametrize(
    ("language", "title", "date_label"),
    [
        ("en", "New patient registration", "Date of birth (MM/DD/YYYY)"),
        ("es", "Registro de paciente nuevo", "Fecha de nacimiento (MM/DD/AAAA)"),
    ],
)
def test_the_registration_form_is_fillable_and_printed_in_the_patients_language(
    language, title, date_label
):
    pdf = registration_form(language)
    reader = read(pdf)
    assert len(reader.pages) >= 2
    assert {"last_name", "date_of_birth", "insurance_company", "medicines", "signature"} <= (
        fields_by_kind(reader, TEXT)
    )
    assert {"history_diabetes", "pain_where_low_back", "injury_work"} <= fields_by_kind(
        reader, CHECKBOX
    )
    text = text_of(reader)
    assert title in text and date_label in text
    # Each field is named for screen readers by its tooltip, in the same language.
    assert reader.get_fields()["date_of_birth"]["/TU"] == date_label
    assert reader.metadata.title == title
    assert reader.trailer["/Root"]["/Lang"] == language
    assert passes_the_upload_check(pdf)


def test_the_pain_diary_has_a_fillable_page_for_each_week():
    reader = read(pain_diary("es"))
    # How to use it, a week per page, then the questions for the visit.
    assert len(reader.pages) == DIARY_WEEKS + 2
    for week in range(1, DIARY_WEEKS + 1):
        page = reader.pages[week]
        on_page = {annotation.get_object()["/T"] for annotation in page["/Annots"]}
        for day in range(1, 8):
            assert {f"week{week}_day{day}_worst", f"week{week}_day{day}_sleep"} <= on_page
        assert f"Semana {week}" in page.extract_text()
    assert "questions" in fields_by_kind(reader, TEXT)
    assert passes_the_upload_check(pain_diary("en"))


def test_the_guide_lists_every_published_office_and_treatment_and_no_draft(demo):
    TreatmentFactory(name="Draft nerve wrap", is_published=False)
    LocationFactory(name="Draft Annapolis office", is_published=False)
    pdf = digital_guide("en")
    reader = read(pdf)
    text = text_of(reader)
    chapters = [entry for entry in reader.outline if not isinstance(entry, list)]
    assert [chapter.title for chapter in chapters] == [
        "Treatments, in our order of care",
        "Conditions we treat",
        "Our offices",
        "Our providers",
    ]
    # Each opens the page it begins on: after the cover, in order.
    starts = [reader.get_destination_page_number(chapter) for chapter in chapters]
    assert starts[0] == 1 and starts == sorted(set(starts))
    offices = Location.objects.published()
    treatments = Treatment.objects.published()
    assert offices.count() >= 5 and treatments.count() >= 5
    for row in [*offices, *treatments, *Provider.objects.published()]:
        assert row.name in text, row.name
    assert "Draft nerve wrap" not in text and "Draft Annapolis office" not in text
    # Treatments in the order of care: the gentlest first.
    positions = [text.index(treatment.name) for treatment in treatments]
    assert positions == sorted(positions)
    hagerstown = offices.get(slug="hagerstown")
    assert hagerstown.one_line_address in text and hagerstown.phone in text
    assert "Monday" in text and "Opening hours" in text
    assert passes_the_upload_check(pdf)


def test_the_spanish_guide_marks_the_english_it_prints_where_nothing_is_reviewed(demo):
    text = text_of(read(digital_guide("es")))
    with translation.override("es"):
        reviewed = Treatment.objects.get(slug="physical-therapy").name
    assert reviewed == "Fisioterapia" and reviewed in text
    # SI joint fusion has no reviewed Spanish in the demo: its English, marked.
    assert "SI joint fusion (en inglés)" in text
    assert "Tratamientos, en nuestro orden de atención" in text


def redraws():
    return DBTaskResult.objects.filter(task_path=redraw_documents.module_path, status="READY")


def test_a_content_change_redraws_the_guide_through_the_worker(demo, monkeypatch):
    guide = PatientDocument.objects.get(generated=GeneratedDocument.GUIDE)
    before = guide.file_en.name
    diary_before = PatientDocument.objects.get(generated=GeneratedDocument.PAIN_DIARY).file_en.name
    office = Location.objects.get(slug="hagerstown")
    assert not redraws().exists()
    with transaction.atomic():
        office.name = "Hagerstown Valley"
        office.save()
        office.opening_hours.first().save()
        Treatment.objects.get(slug="physical-therapy").save()
    assert redraws().count() == 1  # once for the transaction, however many rows it saved

    # The real worker loop; between tasks it closes a connection that is inside a transaction,
    # which here is the test's own (the demo is never committed).
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    call_command("db_worker", batch=True, verbosity=0)

    guide.refresh_from_db()
    assert not redraws().exists()
    assert guide.file_en.name != before
    stored = guide.file_en.open("rb").read()
    assert "Hagerstown Valley" in text_of(read(stored))
    assert guide.file_size_en == len(stored) and guide.page_count_en == len(read(stored).pages)
    # Nothing the forms print changed: their files stay as they were.
    assert PatientDocument.objects.get(generated=GeneratedDocument.PAIN_DIARY).file_en.name == (
        diary_before
    )


def test_a_new_practice_phone_is_printed_on_the_forms_by_the_worker(demo, monkeypatch):
    settings_row = SiteSettings.load()
    settings_row.phone = "(301) 555-0199"
    settings_row.save()
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    call_command("db_worker", batch=True, verbosity=0)
    form = PatientDocument.objects.get(generated=GeneratedDocument.REGISTRATION)
    for code in ("en", "es"):
        stored = getattr(form, f"file_{code}").open("rb").read()
        assert "(301) 555-0199" in text_of(read(stored))


def test_a_rolled_back_change_queues_nothing_and_the_next_change_queues_again(demo):
    therapy = Treatment.objects.get(slug="physical-therapy")
    with transaction.atomic():
        with suppress(ValueError), transaction.atomic():  # a save that fails part-way
            therapy.save()
            raise ValueError
        assert not redraws().exists()
        therapy.save()
    assert redraws().count() == 1


def test_a_site_that_draws_no_document_queues_nothing():
    TreatmentFactory()
    assert not redraws().exists()


def test_generate_documents_adds_drafts_and_draws_the_same_files_again(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    call_command("generate_documents", stdout=StringIO())
    documents = PatientDocument.objects.order_by("generated")
    assert {d.generated for d in documents} == set(GeneratedDocument.values)
    assert not any(d.is_published for d in documents)
    names = [(d.file_en.name, d.file_es.name) for d in documents]
    for document in documents:
        assert document.title_es != document.title_en  # from the catalog, still to be reviewed
        assert document.page_count_en >= 2 and document.file_size_es > 1000

    call_command("generate_documents", stdout=StringIO())
    assert [(d.file_en.name, d.file_es.name) for d in documents.all()] == names


def test_the_resources_page_shows_each_documents_size_and_pages_from_stored_columns(
    client, monkeypatch
):
    def no_parsing(*args, **kwargs):
        raise AssertionError("a PDF was read to show the page")

    def page():
        with monkeypatch.context() as patch, CaptureQueriesContext(connection) as queries:
            patch.setattr("treatments.validators.PdfReader", no_parsing)
            html = client.get(reverse("treatments:resources")).content.decode()
        return html, len(queries)

    PatientDocumentFactory(title="Consent form")
    html, one = page()
    assert re.search(r'Consent form <span class="muted">\(PDF, 1 page, \d+\sbytes\)</span>', html)

    PatientDocumentFactory.create_batch(4)
    html, five = page()
    assert html.count("(PDF, 1 page, ") == 5
    assert five == one


def test_the_spanish_resources_page_gives_the_spanish_files_pages_and_size(client, demo):
    html = client.get("/es/resources/").content.decode()
    diary = PatientDocument.objects.get(generated=GeneratedDocument.PAIN_DIARY)
    assert f'href="{diary.file_es.url}"' in html
    assert f"(PDF, {DIARY_WEEKS + 2} páginas, " in html


def test_staff_cannot_upload_over_a_document_the_site_draws(admin_client):
    def change_page(document):
        url = reverse("admin:treatments_patientdocument_change", args=[document.pk])
        return admin_client.get(url).content.decode()

    drawn = PatientDocumentFactory(generated=GeneratedDocument.GUIDE)
    uploaded = PatientDocumentFactory()
    assert 'name="file_en"' not in change_page(drawn)
    assert 'name="file_es"' not in change_page(drawn)
    assert 'name="file_en"' in change_page(uploaded)
