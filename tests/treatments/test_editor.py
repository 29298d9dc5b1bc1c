"""The treatment editor: parts folded under a jump list, and sections, steps and questions
put in order with buttons (server-side here; in place with the script in test_editor_browser)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from appointments.demo import load_groups
from tests.treatments.admin_forms import change_form_data
from treatments.factories import FAQFactory, ProcedureStepFactory, TreatmentFactory
from treatments.models import ProcedureStep
from treatments.services import treatment_part_move

pytestmark = pytest.mark.django_db


@pytest.fixture
def treatment():
    treatment = TreatmentFactory(name="SI joint fusion")
    for n, title in enumerate(["Asleep", "Opening", "Implants"], start=1):
        ProcedureStepFactory(treatment=treatment, title=title, sort_order=n)
    FAQFactory(treatment=treatment, question="Will it hurt?")
    return treatment


def change_url(treatment):
    return reverse("admin:treatments_treatment_change", args=[treatment.pk])


def step_titles(treatment):
    return list(treatment.steps.values_list("title", flat=True))


def move_buttons(html, title):
    return re.findall(rf'<button[^>]*name="_move"[^>]*>[^<]*<span[^>]*>: {title}</span>', html)


def test_every_part_of_the_form_folds_and_the_jump_list_leads_to_each(admin_client, treatment):
    html = admin_client.get(change_url(treatment)).content.decode()
    start = html.index('class="editor-jump-list"')
    jump_list = html[start : html.index("</nav>", start)]
    targets = re.findall(r'href="#([\w-]+)"', jump_list)
    for part in ["Hero image", "Publishing", "Search engines", "Sections", "Procedure steps"]:
        assert f">{part}</a>" in jump_list, part
    assert {"sections-heading", "steps-heading", "faqs-heading"} <= set(targets)
    for target in targets:
        # Each heading is the summary of a closed details element: it opens without a script.
        assert re.search(rf'<details>\s*<summary>\s*<h2 id="{target}"', html), target
    # The part that lists the steps says how many there are.
    assert re.search(r"Procedure steps</a>\s*<span[^>]*>\(3\)</span>", jump_list)


def test_a_part_with_an_error_opens_so_the_error_is_seen(admin_client, treatment):
    data = change_form_data(admin_client.get(change_url(treatment)))
    data["steps-0-title_en"] = ""
    html = admin_client.post(change_url(treatment), data).content.decode()
    assert "This field is required" in html
    assert not re.search(r'<details>\s*<summary>\s*<h2 id="steps-heading"', html)
    assert re.search(r'<details>\s*<summary>\s*<h2 id="faqs-heading"', html)


def test_steps_are_ordered_by_buttons_not_by_typed_numbers(admin_client, treatment):
    html = admin_client.get(change_url(treatment)).content.decode()
    assert 'type="hidden" name="steps-0-sort_order"' in html
    # The first step cannot go up, the last cannot go down.
    first_up, first_down = move_buttons(html, "Asleep")
    assert "disabled" in first_up and "disabled" not in first_down
    last_up, last_down = move_buttons(html, "Implants")
    assert "disabled" not in last_up and "disabled" in last_down
    # Enter in a text box saves and stays, rather than pressing the first move button.
    form = html[html.index('id="treatment_form"') :]
    first_submit = re.search(r'<(?:input|button) type="submit"[^>]*>', form).group()
    assert 'name="_continue"' in first_submit


def test_a_move_button_saves_the_edits_and_moves_the_step_without_javascript(
    admin_client, treatment
):
    opening = treatment.steps.get(title="Opening")
    data = change_form_data(admin_client.get(change_url(treatment)))
    data["summary_en"] = "Edited before the move."
    data["_move"] = f"procedurestep:{opening.pk}:up"
    response = admin_client.post(change_url(treatment), data)
    # Back at the steps, unfolded, at the row that moved (now the first).
    assert response.status_code == 302
    assert response.url == change_url(treatment) + "?open=steps#steps-0"
    assert step_titles(treatment) == ["Opening", "Asleep", "Implants"]
    treatment.refresh_from_db()
    assert treatment.summary_en == "Edited before the move."
    page = admin_client.get(response.url).content.decode()
    assert "“Opening” moved up." in page
    assert not re.search(r'<details>\s*<summary>\s*<h2 id="steps-heading"', page)
    # Each moved step keeps the move in its own history.
    assert opening.history.count() == 2


def test_a_step_added_without_a_place_goes_last(admin_client, treatment):
    data = change_form_data(admin_client.get(change_url(treatment)))
    new = data["steps-TOTAL_FORMS"]
    data["steps-TOTAL_FORMS"] = new + 1
    data.update({f"steps-{new}-title_en": "Closing up", f"steps-{new}-sort_order": 0})
    response = admin_client.post(change_url(treatment), {**data, "_continue": "1"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert step_titles(treatment) == ["Asleep", "Opening", "Implants", "Closing up"]


def test_moving_renumbers_rows_that_shared_a_number_and_stops_at_the_ends(treatment):
    ProcedureStep.objects.filter(treatment=treatment).update(sort_order=0)
    asleep, opening, implants = treatment.steps.all()
    assert treatment_part_move(part=implants, up=True)
    assert step_titles(treatment) == ["Asleep", "Implants", "Opening"]
    assert list(treatment.steps.values_list("sort_order", flat=True)) == [1, 2, 3]
    assert not treatment_part_move(part=asleep, up=True)
    assert not treatment_part_move(part=opening, up=False)
    assert step_titles(treatment) == ["Asleep", "Implants", "Opening"]


def test_a_translator_gets_no_move_buttons_and_cannot_move(client, treatment):
    _front_desk, _editor, translator_group = load_groups()
    translator = get_user_model().objects.create_user("ana", is_staff=True)
    translator.groups.set([translator_group])
    client.force_login(translator)
    response = client.get(change_url(treatment))
    assert response.status_code == 200
    assert 'name="_move"' not in response.content.decode()
    data = change_form_data(response)
    data["_move"] = f"procedurestep:{treatment.steps.first().pk}:down"
    assert client.post(change_url(treatment), data).status_code == 403
    assert step_titles(treatment) == ["Asleep", "Opening", "Implants"]
