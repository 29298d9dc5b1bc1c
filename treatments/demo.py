"""Demo treatments, conditions, pain quiz and patient resources.

Safe to run again: rows are found by their natural keys and updated, never duplicated.
All copy is written for this project; figures come from /work/shared/CONTENT.md.
"""

from core.images import store_drawing
from home.art import anatomy

from .clinical import Duration, PainType, Prerequisite, Region
from .clinical import Tried as TriedBefore
from .models import (
    FAQ,
    Condition,
    ProcedureStep,
    QuizRule,
    ResourcePage,
    Treatment,
    TreatmentSection,
)

S = TreatmentSection.Kind

Step = Treatment.CareStep

# name, slug, kind, step in the order of care, summary
TREATMENTS = [
    ("SI joint fusion", "si-joint-fusion", Treatment.Kind.MINIMALLY_INVASIVE, Step.SURGERY,
     "A short operation that joins the sacrum and pelvis so a worn, painful joint stops moving."),
    ("Epidural steroid injection", "epidural-steroid-injection", Treatment.Kind.NONSURGICAL, Step.INJECTIONS,
     "Anti-inflammatory medicine placed near irritated spinal nerves to calm leg and back pain."),
    ("Diagnostic SI joint injection", "si-joint-injection", Treatment.Kind.NONSURGICAL, Step.INJECTIONS,
     "A numbing medicine and a steroid placed in the SI joint show whether it is the source of your pain."),
    ("Radiofrequency ablation", "radiofrequency-ablation", Treatment.Kind.MINIMALLY_INVASIVE, Step.ABLATION,
     "Gentle heat quiets the small nerves that carry pain signals from arthritic spine joints."),
    ("Physical therapy", "physical-therapy", Treatment.Kind.NONSURGICAL, Step.EDUCATION_THERAPY,
     "A guided exercise plan that builds strength and movement to protect your back."),
]  # fmt: skip

# fmt: off
SECTIONS = {
    "si-joint-fusion": [
        (S.WHAT_IT_IS, {"body": """Your two sacroiliac (SI) joints sit where the base of the spine, the sacrum, meets the wings of the pelvis, the ilium. Tough ligaments hold each joint together and a layer of cartilage cushions the bones, so the joint barely moves: its job is to pass the weight of your upper body into your legs and soak up the jolt of every step.

When a joint like this wears or loosens, each small movement can hurt. SI joint fusion stops that movement for good. Through a small cut, the surgeon places implants across the joint, often with bone graft, so the ilium and sacrum grow together into one solid piece."""}),
        (S.EFFECTIVENESS, {
            "body": "Most people who have the minimally invasive procedure are glad they did, both in the first months and years later.",
            "figure": "80%+",
            "figure_caption": "of patients in one study of minimally invasive SI joint fusion said they would choose the operation again.",
            "source": "A published patient-satisfaction study of minimally invasive SI joint fusion",
        }),
        (S.SYMPTOMS, {"body": """SI joint pain is easy to mistake for a slipped disc or a hip problem. Tell your doctor if you notice:

- an ache low in the back, often on one side, that lifting, running, walking or lying on that side makes worse
- pain in the buttock, hip or groin
- pain that travels down one or both legs
- numbness, pins and needles or weakness in a leg
- a leg that feels unstable or gives way
- pain when you sit for a while, or when you stand for a while
- nights broken by pain

### Why it happens

Often nobody can say. Known causes include a fall or accident, ligaments that loosen during pregnancy, earlier surgery on the lower back, and legs of different lengths or muscles that pull unevenly."""}),
        (S.DURATION, {"body": "Once the bones have joined, the fusion is permanent, and most patients keep their relief for many years. If pain comes back or never fully eases, your doctor will look again at where it comes from and talk through other treatments."}),
        (S.CANDIDACY, {"body": """Fusion is usually offered only when gentler care has had a fair trial and has not helped: physical therapy, medicines and injections.

Before recommending surgery, your doctor confirms the SI joint really is the source of the pain with a **diagnostic SI joint injection**. A numbing medicine and a corticosteroid are placed into the joint under X-ray guidance. If your usual pain fades markedly in the hours afterwards, the joint is very likely the culprit, and fusion is likely to help."""}),
        (S.PROCEDURE, {"body": "The operation takes about an hour. Because it is done through a small opening rather than a long incision, the risks are low."}),
        (S.RECOVERY, {"body": """- Most people spend **one or two nights** in hospital.
- For **4 to 6 weeks** you keep weight off the treated side, usually with crutches or a walker.
- Full recovery takes **3 to 6 months**.
- Pain medicine, physical therapy, heat and ice help along the way; some patients wear a pelvic brace for a while."""}),
        (S.RESULTS, {"body": "Many patients feel some relief within the first weeks. The bones take time to knit, so the full result shows **6 to 12 months** after surgery."}),
        (S.BENEFITS, {"body": """- Small incisions that leave little scarring
- It treats the cause of the pain instead of masking it
- A short hospital stay
- Few complications; the main risk is that the pain is not relieved
- About an hour in the operating room"""}),
    ],
    "epidural-steroid-injection": [
        (S.WHAT_IT_IS, {"body": "A thin needle, guided by live X-ray, places a corticosteroid and a numbing medicine into the epidural space around an irritated spinal nerve. The steroid calms the swelling that makes the nerve hurt."}),
        (S.CANDIDACY, {"body": "It suits people with leg or arm pain from a bulging disc or a narrowed spinal canal when rest, medicines and exercise have not been enough."}),
        (S.RECOVERY, {"body": "You rest for a short while in the office and go home the same day with someone driving you. Most people are back to normal activity the next day."}),
        (S.DURATION, {"body": "Relief can last from a few weeks to several months. Injections can be repeated a few times a year if they help."}),
    ],
    "si-joint-injection": [
        (S.WHAT_IT_IS, {"body": "Guided by X-ray, the doctor places a numbing medicine and a corticosteroid into the SI joint. The numbing medicine works within minutes; the steroid may calm the joint for longer."}),
        (S.CANDIDACY, {"body": "It is offered when pain low on one side of the back or in the buttock has not settled with physical therapy or medicines. If your usual pain fades markedly in the hours afterwards, the SI joint is very likely its source: that is what your doctor needs to know before any procedure on the joint."}),
        (S.DURATION, {"body": "The numbing wears off within hours. The steroid can ease pain for weeks or months; for some people the relief is short, which still answers the question."}),
    ],
    "radiofrequency-ablation": [
        (S.WHAT_IT_IS, {"body": "A needle with a warm tip is placed beside the tiny nerves that carry pain from arthritic joints in the spine. Controlled heat switches those nerves off, so the joint stops sending pain signals."}),
        (S.CANDIDACY, {"body": "You may be a candidate if test injections that numb the same nerves gave you clear, short-lived relief."}),
        (S.DURATION, {"body": "Relief often lasts from six months to a year or more. The nerves can grow back, and the treatment can be repeated."}),
    ],
    "physical-therapy": [
        (S.WHAT_IT_IS, {"body": "A licensed therapist studies how you move, then builds a plan of exercises and hands-on care to strengthen the muscles that support your spine and joints."}),
        (S.BENEFITS, {"body": "- No needles or surgery\n- Skills you keep using at home\n- Helps prevent the next flare-up"}),
        (S.RESULTS, {"body": "Most people notice easier movement within a few weeks of regular sessions and home exercise."}),
    ],
}

SI_STEPS = [
    ("You are put to sleep", "You receive general anesthesia and lie face down on the operating table."),
    ("A small opening", "The surgeon makes a short cut on the side of the buttock and moves the gluteal muscles aside to reach the ilium."),
    ("A path across the joint", "A guide pin is placed first; a narrow path is then drilled through the ilium into the sacrum."),
    ("Preparing the joint", "If needed, the joint is cleared and packed with bone graft to help the bones grow together."),
    ("Placing the implants", "Implants are set across the joint and fixed with screws and pins."),
    ("Closing up", "The wound is rinsed and closed with stitches."),
]  # fmt: skip

# What each step's picture shows (home/art/anatomy.py draws them, in this order).
SI_STEP_ALTS = [
    "Drawing of a patient asleep, lying face down on the operating table, a heart monitor beside them.",
    "Drawing of the patient lying face down, a short dashed line on the side of the buttock marking the small cut.",
    "Close-up drawing of the SI joint, ilium on the left and sacrum on the right, a thin guide pin passing through both.",
    "Close-up drawing of the SI joint with small pieces of bone graft packed into the gap between ilium and sacrum.",
    "Close-up drawing of three metal implants lying across the SI joint, holding the ilium and the sacrum together.",
    "Drawing of the patient after surgery with a small dressing over the closed wound and a green check mark.",
]  # fmt: skip

# slug -> the drawing of its page's picture (home/art/anatomy.py), and what it shows.
HERO_ART = {
    "si-joint-fusion": (anatomy.si_joint_fusion_hero,
        "Drawing of the pelvis from the front: the sacrum, at the base of the spine, between the "
        "two wings of the ilium; the SI joints where they meet in red, three implants across one."),
    "epidural-steroid-injection": (anatomy.epidural_hero,
        "Drawing of the lower spine from the side: a thin needle passes through the back to the "
        "space around the spinal nerves, where the medicine spreads, shown in blue."),
    "si-joint-injection": (anatomy.si_joint_injection_hero,
        "Drawing of the pelvis from the front with a thin needle reaching into the SI joint, where "
        "the sacrum meets the ilium."),
    "radiofrequency-ablation": (anatomy.ablation_hero,
        "Drawing of the spine from the side: a thin probe rests on a small joint at the back of "
        "the spine, with waves of gentle heat around its tip."),
    "physical-therapy": (anatomy.physical_therapy_hero,
        "Drawing of a patient on an exercise mat on hands and knees, one arm and the opposite leg "
        "stretched out, while a therapist kneels beside them and guides the movement."),
}  # fmt: skip

FAQS = {
    "si-joint-fusion": [
        ("Will I need to stay in hospital?", "Usually for one or two nights, so the team can manage your pain and check that you can move safely."),
        ("How long before I can walk normally?", "You will use crutches or a walker for 4 to 6 weeks while the treated side heals. Most people walk normally well before the 3 to 6 month mark."),
        ("Is the fusion permanent?", "Yes. Once the bones have joined they stay joined; the implants remain in place."),
        ("Does insurance cover it?", "Most major plans cover SI joint fusion when tests show the joint is the source of your pain. Our staff check your coverage before surgery."),
    ],
    "epidural-steroid-injection": [
        ("Does the injection hurt?", "The skin is numbed first. Most people feel pressure rather than pain."),
    ],
}

# fmt: on

CONDITIONS = [
    ("SI joint dysfunction", "si-joint-dysfunction",
     "Pain that starts in one or both sacroiliac joints, where the spine meets the pelvis, when the joint moves too much or too little.",
     """- An ache low in the back, often on one side, made worse by lifting, running, walking or lying on that side
- Pain in the buttock, hip or groin
- Pain that travels down one or both legs
- Numbness, pins and needles or weakness in a leg
- A leg that feels unstable or gives way
- Pain when you sit for a while, or when you stand for a while
- Nights broken by pain""",
     """- A fall or accident
- Pregnancy, when ligaments loosen
- Earlier lower back surgery
- Legs of different lengths or unbalanced muscles
- Often no cause can be found""",
     """Your doctor asks where and when it hurts and examines you, pressing on and gently moving the joint in a few set ways that stress it; pain in several of these tests points to the SI joint. X-rays or a scan rule out other causes such as a disc or the hip.

The diagnosis is confirmed with a **diagnostic SI joint injection**: a numbing medicine placed in the joint under X-ray guidance. If your usual pain fades markedly for the hours the medicine works, the joint is the source.""",
     ["physical-therapy", "si-joint-injection", "radiofrequency-ablation", "si-joint-fusion"]),
    ("Lumbar spinal stenosis", "lumbar-spinal-stenosis",
     "A narrowing of the spinal canal in the lower back that squeezes the nerves passing through it.",
     """- Pain, cramping or heaviness in the legs when you walk or stand
- Relief when you sit or lean forward
- Numbness or tingling in the legs or feet""",
     """- Wear of the spine with age
- Thickened ligaments and bone spurs
- A bulging disc""",
     """Your doctor asks how far you can walk and what eases the pain, and checks your strength, reflexes and feeling in the legs. An MRI scan shows where the canal is narrowed and how tightly the nerves are squeezed.""",
     ["epidural-steroid-injection", "physical-therapy"]),
]  # fmt: skip

# Which answers may lead to each treatment, read with treatments/clinical.py. Any region or
# pain type not listed is one the treatment must not be suggested for.
R, T, D, P, Tried = Region, PainType, Duration, Prerequisite, TriedBefore
QUIZ_RULES = {
    "physical-therapy": {
        "regions": set(R), "types": set(T), "min_duration": D.UNDER_THREE_MONTHS,
        "needs": P.NOTHING, "not_after": "",
        "reason": "Exercise-based care with a physical therapist is where we start for almost every back and neck pain, and it supports every later step.",
    },
    "epidural-steroid-injection": {
        "regions": {R.LOW_BACK, R.LEG}, "types": {T.NERVE, T.WALKING},
        "min_duration": D.UNDER_THREE_MONTHS, "needs": P.NOTHING, "not_after": "",
        "reason": "Pain that travels down a leg, or leg pain on walking, often comes from an irritated spinal nerve, which an injection can calm enough for exercise to help.",
    },
    "si-joint-injection": {
        "regions": {R.SI}, "types": {T.JOINT}, "min_duration": D.UNDER_THREE_MONTHS,
        "needs": P.CONSERVATIVE, "not_after": Tried.SI_INJECTION,
        "reason": "Pain low on one side of the back that therapy or medicines have not settled may come from the SI joint, and this injection shows whether it does.",
    },
    "radiofrequency-ablation": {
        "regions": {R.SI, R.LOW_BACK, R.MID_BACK, R.NECK}, "types": {T.JOINT, T.FACET},
        "min_duration": D.THREE_MONTHS, "needs": P.DIAGNOSTIC_BLOCK, "not_after": "",
        "reason": "A test injection or nerve block that eased your joint pain for a short while is the sign that quieting those nerves with heat can give longer relief.",
    },
    "si-joint-fusion": {
        "regions": {R.SI}, "types": {T.JOINT}, "min_duration": D.SIX_MONTHS,
        "needs": P.SI_INJECTION, "not_after": "",
        "reason": "SI-type pain for six months or more that therapy or medicines did not relieve, with a diagnostic SI joint injection that helped for a while, is when fusion of the joint is considered.",
    },
}  # fmt: skip


INSURANCE_PAGE = """We accept **all major insurance plans**. Our front-desk team checks your coverage before your first visit and tells you about any costs in advance.

## Workers' Compensation

Hurt at work? We treat patients with open Workers' Compensation claims and handle the paperwork with your employer's insurer. Bring your claim number to your first visit.

## Personal Injury

If you were injured in a car accident or another incident, we see Personal Injury patients and work with your attorney on records and billing.

## Questions?

Call any of our offices and we will check your plan with you."""


def load_treatments():
    treatments = {}
    for order, (name, slug, kind, care_step, summary) in enumerate(TREATMENTS):
        treatments[slug], _created = Treatment.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name, "kind": kind, "care_step": care_step, "summary": summary,
                "sort_order": order,
                "is_published": True, "featured": True,
            },
        )  # fmt: skip
    for slug, sections in SECTIONS.items():
        for order, (kind, fields) in enumerate(sections):
            TreatmentSection.objects.update_or_create(
                treatment=treatments[slug], kind=kind, defaults={"sort_order": order, **fields}
            )
    step_pictures = anatomy.si_fusion_steps()
    for order, (title, body) in enumerate(SI_STEPS):
        step, _created = ProcedureStep.objects.update_or_create(
            treatment=treatments["si-joint-fusion"],
            sort_order=order,
            defaults={"title": title, "body": body, "image_alt": SI_STEP_ALTS[order]},
        )
        if not step.image:
            store_drawing(
                step.image, f"si-joint-fusion-step-{order + 1}.png", step_pictures[order], width=640
            )
    for slug, faqs in FAQS.items():
        for order, (question, answer) in enumerate(faqs):
            FAQ.objects.update_or_create(
                treatment=treatments[slug],
                question=question,
                defaults={"answer": answer, "sort_order": order},
            )
    for slug, (drawing, alt) in HERO_ART.items():
        treatment = treatments[slug]
        if not treatment.hero_image:
            treatment.hero_alt = alt
            store_drawing(treatment.hero_image, f"{slug}.png", drawing(), width=1600)
    return treatments


def load_conditions(treatments):
    for order, (name, slug, summary, symptoms, causes, diagnosis, slugs) in enumerate(CONDITIONS):
        condition, _created = Condition.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name, "summary": summary, "symptoms": symptoms, "causes": causes,
                "diagnosis": diagnosis,
                "sort_order": order, "is_published": True,
            },
        )  # fmt: skip
        condition.treatments.set([treatments[s] for s in slugs])


def load_quiz(treatments):
    for slug, rule in QUIZ_RULES.items():
        defaults = {f"region_{r}": r in rule["regions"] for r in Region.values}
        defaults |= {f"type_{t}": t in rule["types"] for t in PainType.values}
        defaults |= {k: rule[k] for k in ("min_duration", "needs", "not_after", "reason")}
        quiz_rule = QuizRule(treatment=treatments[slug], **defaults)
        # Checked like a staff edit: the demo cannot break the order of care either.
        quiz_rule.full_clean(exclude=["treatment"], validate_unique=False)
        QuizRule.objects.update_or_create(treatment=treatments[slug], defaults=defaults)


def load_resources():
    ResourcePage.objects.update_or_create(
        slug="insurance",
        defaults={
            "title": "Insurance we accept",
            "summary": "All major insurance, Workers' Compensation and Personal Injury.",
            "body": INSURANCE_PAGE,
            "is_published": True,
        },
    )


def load():
    treatments = load_treatments()
    load_conditions(treatments)
    load_quiz(treatments)
    load_resources()
