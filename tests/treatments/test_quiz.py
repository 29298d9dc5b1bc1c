"""The pain quiz as clinical rules: urgent symptoms first, then suggestions in the order of care.

The exhaustive test walks every way a patient can fill in the quiz (every set of ticked
boxes, every radio answer) through the demo's rule set, and holds each result to the
practice's rules written as a clinician would say them. A rule set that breaks one is
caught: `test_a_broken_rule_set_is_caught` breaks each rule in turn and sees it reported.
"""

import itertools
from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from treatments.clinical import Answers, Prerequisite, suggest
from treatments.factories import QuizRuleFactory, TreatmentFactory
from treatments.models import QuizRule, Treatment
from treatments.quiz import NONE_OF_THESE, PainQuizForm, published_rules

pytestmark = pytest.mark.django_db
QUIZ_URL = reverse("treatments:quiz")


# The treatments aimed at the SI joint or the lower back, by the demo's addresses.
SI_OR_LOW_BACK_PROCEDURES = {"si-joint-fusion", "si-joint-injection", "epidural-steroid-injection"}
CONSERVATIVE_CARE = {"therapy", "medicine"}
DIAGNOSTIC_BLOCKS = {"si_injection", "nerve_block"}


def ticks(field_name):
    """Every set of boxes a patient can tick in a question, "none of these" as the empty set."""
    values = [v for v, _label in PainQuizForm().fields[field_name].choices if v != NONE_OF_THESE]
    return [
        frozenset(chosen)
        for size in range(len(values) + 1)
        for chosen in itertools.combinations(values, size)
    ]


def choices(field_name):
    return [v for v, _label in PainQuizForm().fields[field_name].choices]


def every_way_through_the_quiz():
    for red_flags, region, pain_type, duration, tried in itertools.product(
        ticks("red_flags"), choices("region"), choices("pain_type"), choices("duration"),
        ticks("tried"),
    ):  # fmt: skip
        yield Answers(red_flags, region, pain_type, duration, tried)


def rules_broken_by(answers, result):
    """The practice's clinical rules this result breaks, in words; empty when it keeps them all."""
    broken = []
    slugs = [rule.treatment.slug for rule in result.suggestions]
    steps = [rule.treatment.care_step for rule in result.suggestions]
    if answers.red_flags and not result.urgent:
        broken.append("urgent symptoms did not end the quiz")
    if answers.red_flags and result.suggestions:
        broken.append("treatments were suggested despite urgent symptoms")
    if not answers.red_flags and result.urgent:
        broken.append("sent to emergency care without an urgent symptom")
    if steps != sorted(steps):
        broken.append("suggestions are not in the order of care")
    if slugs and slugs[0] != "physical-therapy":
        broken.append("education and physical therapy do not come first")
    if answers.region in {"neck", "mid_back"} and SI_OR_LOW_BACK_PROCEDURES & set(slugs):
        broken.append("neck or mid-back pain led to an SI joint or low-back procedure")
    tried_conservative = bool(answers.tried & CONSERVATIVE_CARE)
    if "radiofrequency-ablation" in slugs and not answers.tried & DIAGNOSTIC_BLOCKS:
        broken.append("ablation suggested without a diagnostic block first")
    if any(step == Treatment.CareStep.SURGERY for step in steps) and not tried_conservative:
        broken.append("surgery suggested before conservative care was tried")
    if "si-joint-fusion" in slugs:
        if (answers.region, answers.pain_type) != ("si", "joint"):
            broken.append("fusion suggested for pain that is not SI-type")
        if answers.duration < 6:
            broken.append("fusion suggested for pain of under six months")
        if not tried_conservative:
            broken.append("fusion suggested before conservative care failed")
        if "si_injection" not in answers.tried:
            broken.append("fusion suggested without a diagnostic SI joint injection first")
    if "si-joint-injection" in slugs and "si_injection" in answers.tried:
        broken.append("a diagnostic SI joint injection suggested to someone who has had one")
    return broken


def broken_rules(rules):
    """Each broken clinical rule with the first answers that break it."""
    found = {}
    for answers in every_way_through_the_quiz():
        for statement in rules_broken_by(answers, suggest(answers, rules)):
            found.setdefault(statement, answers)
    return found


def test_every_way_through_the_quiz_keeps_the_clinical_rules(demo):
    assert broken_rules(published_rules()) == {}


FUSION_PATH = Answers(
    region="si", pain_type="joint", duration=6, tried=frozenset({"therapy", "si_injection"})
)


def test_the_rules_lead_somewhere_fusion_only_at_the_end_of_the_si_path(demo):
    rules = published_rules()
    # SI-type pain, six months, therapy failed, a diagnostic injection helped for a while.
    assert [r.treatment.slug for r in suggest(FUSION_PATH, rules).suggestions] == [
        "physical-therapy", "radiofrequency-ablation", "si-joint-fusion",
    ]  # fmt: skip
    # The same pain before the diagnostic injection: the injection is next, not surgery.
    before = replace(FUSION_PATH, tried=frozenset({"therapy"}))
    assert [r.treatment.slug for r in suggest(before, rules).suggestions] == [
        "physical-therapy", "si-joint-injection",
    ]  # fmt: skip
    # Under three months, nothing tried: the gentlest care only.
    new = replace(FUSION_PATH, duration=0, tried=frozenset())
    assert [r.treatment.slug for r in suggest(new, rules).suggestions] == ["physical-therapy"]
    # Leg pain on walking: therapy, then an epidural.
    walking = Answers(region="leg", pain_type="walking", duration=0)
    assert [r.treatment.slug for r in suggest(walking, rules).suggestions] == [
        "physical-therapy", "epidural-steroid-injection",
    ]  # fmt: skip


def break_fusion_needs(rules):
    rules["si-joint-fusion"].needs = Prerequisite.CONSERVATIVE


def break_fusion_region(rules):
    rules["si-joint-fusion"].region_neck = True


def break_fusion_duration(rules):
    rules["si-joint-fusion"].min_duration = 3


def break_fusion_order(rules):
    rules["si-joint-fusion"].needs = Prerequisite.NOTHING


def break_ablation_needs(rules):
    rules["radiofrequency-ablation"].needs = Prerequisite.CONSERVATIVE


def break_epidural_region(rules):
    rules["epidural-steroid-injection"].region_mid_back = True


def break_care_order(rules):
    rules["physical-therapy"].treatment.care_step = Treatment.CareStep.ABLATION


def break_repeat_injection(rules):
    rules["si-joint-injection"].not_after = ""


@pytest.mark.parametrize(
    "break_it, statement",
    [
        (break_fusion_needs, "fusion suggested without a diagnostic SI joint injection first"),
        (break_fusion_region, "neck or mid-back pain led to an SI joint or low-back procedure"),
        (break_fusion_duration, "fusion suggested for pain of under six months"),
        (break_fusion_order, "surgery suggested before conservative care was tried"),
        (break_ablation_needs, "ablation suggested without a diagnostic block first"),
        (break_epidural_region, "neck or mid-back pain led to an SI joint or low-back procedure"),
        (break_care_order, "education and physical therapy do not come first"),
        (break_repeat_injection,
         "a diagnostic SI joint injection suggested to someone who has had one"),
    ],
)  # fmt: skip
def test_a_broken_rule_set_is_caught(demo, break_it, statement):
    rules = {rule.treatment.slug: rule for rule in published_rules()}
    break_it(rules)
    assert statement in broken_rules(list(rules.values()))


def test_staff_cannot_save_a_rule_that_puts_surgery_before_conservative_care(demo):
    fusion = QuizRule.objects.get(treatment__slug="si-joint-fusion")
    fusion.needs = Prerequisite.NOTHING
    with pytest.raises(ValidationError, match="could be suggested before the earlier steps"):
        fusion.full_clean()
    ablation = QuizRule.objects.get(treatment__slug="radiofrequency-ablation")
    ablation.needs = Prerequisite.CONSERVATIVE
    with pytest.raises(ValidationError, match="having tried: physical therapy"):
        ablation.full_clean()


def test_staff_cannot_move_a_treatment_to_surgery_while_its_rule_allows_it_first():
    rule = QuizRuleFactory(needs=Prerequisite.NOTHING)
    rule.treatment.care_step = Treatment.CareStep.SURGERY
    with pytest.raises(ValidationError) as error:
        rule.treatment.full_clean()
    assert "care_step" in error.value.message_dict


def test_the_rule_reads_as_sentences(demo):
    fusion = QuizRule.objects.get(treatment__slug="si-joint-fusion")
    words = fusion.describe()
    assert words.startswith("May suggest for pain low back, one side, or buttock; joint ache")
    assert "lasting six months or more" in words
    assert "diagnostic si joint injection that gave short relief" in words
    assert "Must not suggest for: across the lower back, down a leg, middle of the back" in words


def quiz_data(red_flags=(NONE_OF_THESE,), **answers):
    data = {"red_flags": list(red_flags)}
    data.update(
        {
            "region": "si",
            "pain_type": "joint",
            "duration": "6",
            "tried": ["therapy", "si_injection"],
        }
    )
    data.update(answers)
    return data


def test_the_quiz_starts_with_urgent_symptoms(client):
    html = client.get(QUIZ_URL).content.decode()
    assert html.count("<fieldset") == 5
    assert html.index("New loss of control of your bladder or bowels") < html.index(
        "Where is your pain worst?"
    )
    assert "<h1>Find the right treatment for you</h1>" in html


@pytest.mark.parametrize("flag", choices("red_flags")[:-1])
def test_any_urgent_symptom_ends_the_quiz_with_the_get_care_now_page(client, demo, flag):
    # The rest left blank: someone with an urgent symptom is not asked to finish.
    with CaptureQueriesContext(connection) as queries:
        response = client.post(QUIZ_URL, {"red_flags": [flag]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Get care now</h1>" in html
    assert 'href="tel:911"' in html and "emergency room" in html
    assert "less urgent" in html
    assert "Why it fits your answers" not in html and "?treatment=" not in html
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == [] and "sessionid" not in client.cookies


def test_urgent_and_none_together_is_questioned_not_ignored(client, demo):
    response = client.post(QUIZ_URL, quiz_data(red_flags=["fever", NONE_OF_THESE]))
    assert "Get care now" not in response.content.decode().split("<main")[1].split("<form")[0]
    assert "please tick one or the other" in response.content.decode()


def test_the_fusion_path_shows_each_suggestion_with_its_reason_and_links(client, demo):
    response = client.post(QUIZ_URL, quiz_data())
    html = response.content.decode()
    assert html.index("Physical therapy</a>") < html.index("SI joint fusion</a>")
    assert "This is not a diagnosis." in html
    assert html.count("not a diagnosis.</p>") == 3  # with each of the three suggestions
    assert "Step 4 of 4 in our order of care." in html
    assert "a diagnostic SI joint injection that helped for a while" in html
    assert f'href="{reverse("appointments:request")}?treatment=si-joint-fusion"' in html
    assert 'href="/treatments/si-joint-fusion/"' in html
    assert (
        'Request an appointment<span class="visually-hidden"> about SI joint fusion</span></a>'
        in html
    )


def test_missing_answers_are_explained_in_the_page(client, demo):
    response = client.post(QUIZ_URL, {"red_flags": [NONE_OF_THESE]})
    html = response.content.decode()
    assert response.status_code == 200 and "suggestions" not in response.context
    assert html.count("Please answer this question.") >= 3
    assert "Tick what you have tried, or “None of these yet”." in html


def test_an_unanswered_first_question_is_asked_again(client, demo):
    response = client.post(QUIZ_URL, quiz_data(red_flags=[]))
    assert "Tick any that apply, or “None of these”." in response.content.decode()
    assert "suggestions" not in response.context


@pytest.mark.parametrize("forged", ["999999", "abc", "<script>"])
def test_a_forged_answer_is_refused_with_a_clear_message(client, demo, forged):
    response = client.post(QUIZ_URL, quiz_data(region=forged, tried=[forged]))
    assert response.status_code == 200
    assert "suggestions" not in response.context
    main = response.content.split(b"<main")[1]
    assert b"Please choose one of the answers listed." in main
    assert b"<script>" not in main


def test_answers_are_not_stored(client, demo):
    with CaptureQueriesContext(connection) as queries:
        client.post(QUIZ_URL, quiz_data())
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []
    assert "sessionid" not in client.cookies


def test_an_unpublished_treatment_is_never_suggested(client, demo):
    Treatment.objects.filter(slug="si-joint-fusion").update(is_published=False)
    response = client.post(QUIZ_URL, quiz_data())
    assert "si-joint-fusion" not in [r.treatment.slug for r in response.context["suggestions"]]


def test_the_empty_quiz_page_is_served_from_the_cache(client, demo):
    client.get(QUIZ_URL)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUIZ_URL)
    assert response.status_code == 200 and len(queries) == 0


def test_a_new_treatment_with_a_rule_is_suggested_in_its_place(client):
    therapy = TreatmentFactory(name="Therapy", care_step=1)
    QuizRuleFactory(treatment=therapy)
    injection = TreatmentFactory(name="Injection", care_step=2)
    QuizRuleFactory(treatment=injection)
    answers = Answers(region="low_back", pain_type="facet", duration=0)
    assert [r.treatment for r in suggest(answers, published_rules()).suggestions] == [
        therapy,
        injection,
    ]
