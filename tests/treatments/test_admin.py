"""The editor's workflow in the admin: edit, reorder, save a draft, preview, publish, restore."""

import pytest
from django.urls import NoReverseMatch, reverse

from tests.treatments.admin_forms import change_form_data
from treatments.factories import ProcedureStepFactory, TreatmentFactory, TreatmentSectionFactory
from treatments.models import ProcedureStep, QuizRule, Treatment, TreatmentSection

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
    history_url = reverse("admin:treatments_treatment_history", args=[draft.pk])
    assert f'href="{history_url}"' in admin_client.get(change_url).content.decode()
    history = section.history.all()
    assert history[0].body.startswith("Most people go home")
    assert history.last().body == "Rest for a week."
    assert history[0].history_user.username == "admin"
    assert admin_client.get(history_url).status_code == 200
    assert Treatment.history.filter(id=draft.pk, is_published=True).exists()


def test_the_per_row_revert_is_gone_for_treatments_and_their_parts(admin_client, draft):
    """It saved one row back and left the page as it was: the whole-page history replaces it."""
    section = TreatmentSection.objects.get(treatment=draft)
    for name, pk in (("treatment", draft.pk), ("treatmentsection", section.pk)):
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:treatments_{name}_simple_history", args=[pk, 1])
        url = f"{reverse('admin:index')}treatments/{name}/{pk}/history/1/"
        response = admin_client.get(url, follow=True)
        # No such page: an unknown address, or an object id the admin cannot find.
        final = response.redirect_chain[-1][0] if response.redirect_chain else url
        assert response.status_code == 404 or final == reverse("admin:index"), url
    for model in ("treatmentsection", "procedurestep", "faq"):
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:treatments_{model}_history", args=[1])


def test_history_page_lists_who_changed_the_treatment(admin_client, draft):
    change_url = reverse("admin:treatments_treatment_change", args=[draft.pk])
    data = change_form_data(admin_client.get(change_url))
    earlier_summary = draft.summary
    data["summary_en"] = "A new summary for patients."
    assert admin_client.post(change_url, data).status_code == 302
    history = admin_client.get(reverse("admin:treatments_treatment_history", args=[draft.pk]))
    html = history.content.decode()
    change_row = next(row for row in html.split("<tr>") if "(current version)" in row)
    assert "<td>admin</td>" in change_row and "<li>summary [en]</li>" in change_row
    compare = admin_client.get(
        reverse("admin:treatments_treatment_compare", args=[draft.pk])
    ).content.decode()
    summary_row = next(row for row in compare.split("<tr") if "Summary [en]" in row)
    assert earlier_summary in summary_row and "A new summary for patients." in summary_row


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
    for model in ("treatment", "condition", "quizrule", "patientdocument", "resourcepage"):
        assert admin_client.get(reverse(f"admin:treatments_{model}_changelist")).status_code == 200
        assert admin_client.get(reverse(f"admin:treatments_{model}_add")).status_code == 200
    treatment = Treatment.objects.get(slug="si-joint-fusion")
    change = admin_client.get(reverse("admin:treatments_treatment_change", args=[treatment.pk]))
    assert change.status_code == 200
    assert ProcedureStep.objects.filter(treatment=treatment).count() == 6


def rule_table_data(response):
    """The POST data the rule table (the quiz rules' change list) sends back unchanged."""
    formset = response.context["cl"].formset
    data = {f"form-{name}": value for name, value in formset.management_form.initial.items()}
    for form in formset.forms:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if isinstance(value, bool):
                if value:
                    data[f"{form.prefix}-{name}"] = "on"
            elif value is not None:
                data[f"{form.prefix}-{name}"] = getattr(value, "pk", value)
    data["_save"] = "Save"
    return data


def test_staff_edit_every_quiz_rule_in_one_table_and_changes_keep_history(admin_client, demo):
    url = reverse("admin:treatments_quizrule_changelist")
    page = admin_client.get(url)
    html = page.content.decode()
    # One row per treatment, gentlest first, with every condition as a column.
    assert html.index("Physical therapy") < html.index("SI joint fusion")
    assert "Low back, one side, or buttock" in html and "Must not when already tried" in html
    data = rule_table_data(page)
    fusion = QuizRule.objects.get(treatment__slug="si-joint-fusion")
    row = next(f.prefix for f in page.context["cl"].formset.forms if f.instance == fusion)
    versions = fusion.history.count()
    data[f"{row}-reason_en"] = "A clearer reason."
    response = admin_client.post(url, data)
    assert response.status_code == 302
    fusion.refresh_from_db()
    assert fusion.reason_en == "A clearer reason."
    assert fusion.history.latest().history_user.username == "admin"
    assert fusion.history.count() == versions + 1


def test_the_rule_table_refuses_surgery_before_conservative_care(admin_client, demo):
    url = reverse("admin:treatments_quizrule_changelist")
    page = admin_client.get(url)
    data = rule_table_data(page)
    fusion = QuizRule.objects.get(treatment__slug="si-joint-fusion")
    row = next(f.prefix for f in page.context["cl"].formset.forms if f.instance == fusion)
    data[f"{row}-needs"] = "nothing"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "could be suggested before the earlier steps of care" in response.content.decode()
    fusion.refresh_from_db()
    assert fusion.needs == "si_injection"
