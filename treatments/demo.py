"""Demo treatments. Placeholder until the treatments issue fills in full pages."""

from .models import Treatment

TREATMENTS = [
    ("SI joint fusion", "si-joint-fusion", Treatment.Kind.MINIMALLY_INVASIVE,
     "A short operation that joins the sacrum and pelvis so a worn, painful joint stops moving."),
    ("Epidural steroid injection", "epidural-steroid-injection", Treatment.Kind.NONSURGICAL,
     "Anti-inflammatory medicine placed near irritated spinal nerves to calm leg and back pain."),
    ("Radiofrequency ablation", "radiofrequency-ablation", Treatment.Kind.MINIMALLY_INVASIVE,
     "Gentle heat quiets the small nerves that carry pain signals from arthritic spine joints."),
    ("Physical therapy", "physical-therapy", Treatment.Kind.NONSURGICAL,
     "A guided exercise plan that builds strength and movement to protect your back."),
]  # fmt: skip


def load():
    for order, (name, slug, kind, summary) in enumerate(TREATMENTS):
        Treatment.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name, "kind": kind, "summary": summary, "sort_order": order,
                "is_published": True, "is_featured": True,
            },
        )  # fmt: skip
