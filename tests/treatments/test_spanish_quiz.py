"""The pain quiz's result in Spanish: each rule's reason has a Spanish version a translator
reviews on its own, shown in place of the English once reviewed, and marked lang="en" until."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse, translate_url

from appointments.demo import load_groups
from treatments.models import QuizRule

pytestmark = pytest.mark.django_db

SPANISH_QUIZ_URL = translate_url(reverse("treatments:quiz"), "es")
# The answers that lead to the SI joint path: therapy, then the injection, then fusion.
SI_PATH = {
    "red_flags": ["none"],
    "region": "si",
    "pain_type": "joint",
    "duration": "6",
    "tried": ["therapy", "si_injection"],
}


def suggestions(html):
    return re.findall(r'<li class="card suggestion">(.*?)</li>', html, re.S)


def test_a_spanish_quiz_result_gives_each_reason_in_spanish(client, demo):
    html = client.post(SPANISH_QUIZ_URL, SI_PATH).content.decode()
    cards = suggestions(html)
    assert len(cards) == 3
    for rule, card in zip(
        QuizRule.objects.filter(treatment__slug__in=["physical-therapy", "si-joint-fusion"]),
        [cards[0], cards[-1]],
        strict=True,
    ):
        assert rule.reason_es and rule.reason_es in card
        assert rule.reason_en not in card
    reasons = re.findall(r"Por qué corresponde a sus respuestas:</strong> (.*?)</p>", html, re.S)
    assert len(reasons) == 3 and not any('lang="en"' in reason for reason in reasons)
    # The one treatment the demo leaves unreviewed keeps its English name, marked.
    assert '<a href="/es/treatments/si-joint-fusion/" lang="en">SI joint fusion</a>' in cards[-1]


def test_an_unreviewed_reason_shows_the_english_marked_lang_en(client, demo):
    fusion = QuizRule.objects.get(treatment__slug="si-joint-fusion")
    QuizRule.objects.filter(pk=fusion.pk).update(spanish_reviewed_at=None)

    card = suggestions(client.post(SPANISH_QUIZ_URL, SI_PATH).content.decode())[-1]

    assert f'<span lang="en">{fusion.reason_en}</span>' in card
    assert fusion.reason_es not in card


def test_the_english_quiz_shows_the_english_reason_unmarked(client, demo):
    html = client.post(reverse("treatments:quiz"), SI_PATH).content.decode()
    fusion = QuizRule.objects.get(treatment__slug="si-joint-fusion")
    assert f"Why it fits your answers:</strong> {fusion.reason_en}</p>" in html


def test_a_translator_writes_a_reason_in_spanish_and_cannot_touch_the_rule(client, demo):
    _front_desk, _editor, translator_group = load_groups()
    translator = get_user_model().objects.create_user("ana", is_staff=True)
    translator.groups.set([translator_group])
    client.force_login(translator)
    rule = QuizRule.objects.get(treatment__slug="radiofrequency-ablation")

    # The rules are listed in the admin for those who may see them, with their Spanish state.
    index = client.get(reverse("admin:index")).content.decode()
    changelist = reverse("admin:treatments_quizrule_changelist")
    assert f'href="{changelist}"' in index
    table = client.get(changelist)
    assert table.context["cl"].formset is None  # the clinical table is not theirs to edit
    assert "Spanish" in [str(header["text"]) for header in table.context["result_headers"]]

    change_url = reverse("admin:treatments_quizrule_change", args=[rule.pk])
    page = client.get(change_url)
    form = page.context["adminform"].form
    assert "reason_es" in form.fields
    assert not {"reason_en", "region_si", "needs", "min_duration"} & set(form.fields)
    response = client.post(change_url, {"reason_es": "Un motivo más claro.", "_save": "Save"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    rule.refresh_from_db()
    assert rule.reason_es == "Un motivo más claro."
    assert rule.region_si and rule.needs == "diagnostic_block"

    # An editor's change to the English reason puts the Spanish out of date.
    rule.reason_en = "A clearer reason."
    rule.save()
    flagged = client.get(f"{changelist}?spanish=out-of-date")
    assert list(flagged.context["cl"].result_list) == [rule]
