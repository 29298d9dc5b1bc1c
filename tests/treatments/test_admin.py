"""The editor's workflow in the admin: edit, reorder, save a draft, preview, publish, restore."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.treatments.admin_forms import change_form_data
from treatments.factories import ProcedureStepFactory, TreatmentFactory, TreatmentSectionFactory
from treatments.models import ProcedureStep, QuizScore, Treatment, TreatmentSection

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    treatment = TreatmentFactory(name="SI joint fusion", slug="si-joint-fusion", is_published=False)
    TreatmentSectionFactory(
        treatment=treatment, kind=TreatmentSection.Kind.RECOVERY, body="Rest for a week."
    )
    ProcedureStepFactory(treatment=treatment, title="Anesthesia", sort_order=0)
    ProcedureStepFactory(treatment=treatment, title="Incision", sort_order=1)
    return treatment


def step_titles(html):
    return sorted(("Anesthesia", "Incision"), key=html.index)


def test_editor_edits_previews_publishes_and_can_see_the_earlier_version(
    admin_client, client, draft
):
    change_url = reverse("admin:treatments_treatment_change", args=[draft.pk])
    data = change_form_data(admin_client.get(change_url))
    steps = {data[f"steps-{n}-title_en"]: n for n in range(2)}
    data["sections-0-body_en"] = "Most people go home after **one or two nights**."
    data[f"steps-{steps['Incision']}-sort_order"] = 0
    data[f"steps-{steps['Anesthesia']}-sort_order"] = 5
    data["is_published"] = ""  # saved as a draft

    response = admin_client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    # Still a draft: the public gets a 404, the editor's preview shows the change.
    assert client.get(draft.get_absolute_url()).status_code == 404
    preview = admin_client.get(draft.get_absolute_url()).content.decode()
    assert "<strong>one or two nights</strong>" in preview
    assert step_titles(preview) == ["Incision", "Anesthesia"]

    data = change_form_data(admin_client.get(change_url))
    data["is_published"] = "on"
    assert admin_client.post(change_url, data).status_code == 302

    public = client.get(draft.get_absolute_url()).content.decode()
    assert "<strong>one or two nights</strong>" in public
    assert step_titles(public) == ["Incision", "Anesthesia"]

    section = TreatmentSection.objects.get(treatment=draft)
    history_url = reverse("admin:treatments_treatmentsection_history", args=[section.pk])
    assert history_url in admin_client.get(change_url).content.decode()
    history = section.history.all()
    assert history[0].body.startswith("Most people go home")
    assert history.last().body == "Rest for a week."
    assert history[0].history_user.username == "admin"
    assert admin_client.get(history_url).status_code == 200
    assert Treatment.history.filter(id=draft.pk, is_published=True).exists()


def test_the_earlier_version_of_a_section_can_be_restored(admin_client, client, draft):
    section = TreatmentSection.objects.get(treatment=draft)
    section.body = "A newer text."
    section.save()
    earlier = section.history.earliest()
    revert_url = reverse(
        "admin:treatments_treatmentsection_simple_history",
        args=[section.pk, earlier.history_id],
    )
    page = admin_client.get(revert_url)
    assert page.status_code == 200 and b"Rest for a week." in page.content
    data = change_form_data(page)
    assert admin_client.post(revert_url, data).status_code == 302
    section.refresh_from_db()
    assert section.body == "Rest for a week."


def test_history_page_lists_who_changed_the_treatment(admin_client, draft):
    change_url = reverse("admin:treatments_treatment_change", args=[draft.pk])
    data = change_form_data(admin_client.get(change_url))
    earlier_summary = draft.summary
    data["summary_en"] = "A new summary for patients."
    assert admin_client.post(change_url, data).status_code == 302
    history = admin_client.get(reverse("admin:treatments_treatment_history", args=[draft.pk]))
    html = history.content.decode()
    latest = draft.history.latest()
    assert (latest.history_user.username, latest.summary) == (
        "admin",
        "A new summary for patients.",
    )
    change_row = next(row for row in html.split("<tr>") if "A new summary for patients." in row)
    assert earlier_summary in change_row and ">admin</a>" in change_row


def test_admin_lists_search_and_filter_treatments(admin_client, draft):
    TreatmentFactory(name="Physical therapy")
    url = reverse("admin:treatments_treatment_changelist")
    response = admin_client.get(url, {"q": "fusion"})
    assert list(response.context["cl"].result_list) == [draft]
    response = admin_client.get(url, {"is_published__exact": "0"})
    assert list(response.context["cl"].result_list) == [draft]
    assert b"Preview the draft" in response.content


def test_publish_action_publishes_and_records_history(admin_client, draft):
    url = reverse("admin:treatments_treatment_changelist")
    admin_client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_published
    assert draft.history.first().is_published


def test_each_admin_page_for_the_app_loads(admin_client, demo):
    for model in ("treatment", "condition", "quizquestion", "quizanswer", "patientdocument",
                  "resourcepage"):  # fmt: skip
        assert admin_client.get(reverse(f"admin:treatments_{model}_changelist")).status_code == 200
        assert admin_client.get(reverse(f"admin:treatments_{model}_add")).status_code == 200
    treatment = Treatment.objects.get(slug="si-joint-fusion")
    change = admin_client.get(reverse("admin:treatments_treatment_change", args=[treatment.pk]))
    assert change.status_code == 200
    assert ProcedureStep.objects.filter(treatment=treatment).count() == 6


def test_quiz_answers_and_scores_keep_their_earlier_versions(admin_client, demo):
    score = QuizScore.objects.select_related("answer").first()
    answer, earlier_reason = score.answer, score.reason
    change_url = reverse("admin:treatments_quizanswer_change", args=[answer.pk])
    page = admin_client.get(change_url)
    score_history_url = reverse("admin:treatments_quizscore_history", args=[score.pk])
    assert score_history_url in page.content.decode()
    data = change_form_data(page)
    data["text_en"] = "A reworded answer"
    index = next(n for n in range(answer.scores.count()) if data[f"scores-{n}-id"] == score.pk)
    data[f"scores-{index}-reason_en"] = "A clearer reason."
    response = admin_client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    assert answer.history.latest().history_user.username == "admin"
    assert answer.history.earliest().text != "A reworded answer"
    history = admin_client.get(score_history_url).content.decode()
    change_row = next(row for row in history.split("<tr>") if "A clearer reason." in row)
    assert escape(earlier_reason) in change_row and ">admin</a>" in change_row
