"""Demo patient stories. Fictional patients, written for this project.

Offices and providers come from the locations demo, which may not have them
all yet: an office is found by slug, else by state, and a provider is one who
works at that office and performs the story's treatment; whatever is missing is
left blank. Each story's office offers its treatment. Safe to run again.
"""

import datetime

from django.utils import timezone

from locations.models import Location, Provider
from treatments.models import Treatment

from .models import Testimonial

APPROVED = Testimonial.Status.APPROVED
SPANISH_STORIES = {"Gladys P.", "Jorge A."}

# (name, office slug, office state, treatment slug, rating, featured, status, days ago, text)
STORIES = [
    ("Theresa R.", "hagerstown", "MD", "si-joint-fusion", 5, True, APPROVED, 20,
     "I had put up with pain low in my back and down my left leg for three years. They found it was my SI joint, and six months after the fusion I am gardening again."),
    ("Marcus D.", "elkridge", "MD", "epidural-steroid-injection", 5, True, APPROVED, 34,
     "I called on a Monday and had my first visit that Thursday. The doctor sat down, listened to the whole story and drew me a picture of what was going on in my spine."),
    ("Linda K.", "harrisonburg", "VA", "radiofrequency-ablation", 4, True, APPROVED, 41,
     "The ladies at the front desk remembered my name from the second visit on. The ablation took the edge off my neck pain and I sleep through the night now."),
    ("James P.", "hagerstown", "MD", "physical-therapy", 5, False, APPROVED, 55,
     "My therapist pushed me just enough. Twelve weeks later I can lift my grandson without thinking twice about my back."),
    ("Rosa M.", "south-miami", "FL", "si-joint-fusion", 5, True, APPROVED, 62,
     "Two other doctors told me to live with it. Here they tested the joint first with an injection, so when I chose surgery I knew it was the right place to fix."),
    ("Derek W.", "", "PA", "epidural-steroid-injection", 4, False, APPROVED, 75,
     "A scribe typed the notes, so the doctor looked at me the whole time instead of at a screen. That small thing made me feel heard."),
    ("Anita S.", "elkridge", "MD", "physical-therapy", 5, False, APPROVED, 83,
     "Everything was explained before it happened, including what the exercises were meant to do. I always knew the next step."),
    ("Howard B.", "harrisonburg", "VA", "epidural-steroid-injection", 5, True, APPROVED, 97,
     "I was seen within a week of my referral. The injection itself was quicker than finding a parking space, and the leg pain eased within days."),
    ("Carmen L.", "hialeah", "FL", "physical-therapy", 5, False, APPROVED, 110,
     "They answered every one of my questions in Spanish and in plain words. My lower back has been calm for months now."),
    ("Greg T.", "hagerstown", "MD", "si-joint-fusion", 4, False, APPROVED, 128,
     "Recovery took patience, and the team checked on me at every stage. I'm back at work and walking my dog every morning."),
    ("Nora F.", "weston", "FL", "physical-therapy", None, False, APPROVED, 140,
     "Friendly from the first phone call. They worked around my shifts so I never missed a therapy session."),
    ("Paul E.", "hagerstown", "MD", "radiofrequency-ablation", 5, False, APPROVED, 152,
     "My doctor listened, explained the options and let me decide. No rushing, no pressure, and the result has been great."),
    # Two stories written in Spanish: they stay in Spanish on every page, marked lang="es".
    ("Gladys P.", "south-miami", "FL", "epidural-steroid-injection", 5, True, APPROVED, 27,
     "Llegué con un dolor que me bajaba por la pierna y no me dejaba dormir. Me explicaron todo en español, con calma, y a los pocos días de la inyección ya podía caminar hasta la iglesia otra vez."),
    ("Jorge A.", "weston", "FL", "physical-therapy", 5, False, APPROVED, 48,
     "La terapeuta me enseñó ejercicios que hago en casa todas las mañanas. Después de dos meses volví a cargar cajas en el trabajo sin miedo a lastimarme la espalda."),
    ("Sandra V.", "hagerstown", "MD", "si-joint-fusion", None, False, Testimonial.Status.SUBMITTED, 2,
     "Just had my follow-up visit and wanted to say thank you to the whole team for getting me moving again."),
    ("Kyle O.", "harrisonburg", "VA", "physical-therapy", 1, False, Testimonial.Status.REJECTED, 9,
     "Check out my website for cheap supplements!!!"),
]  # fmt: skip


def _office(slug, state):
    offices = Location.objects.published()
    return (slug and offices.filter(slug=slug).first()) or offices.filter(state=state).first()


def _provider(office, treatment, index):
    if office is None or treatment is None:
        return None
    providers = list(
        Provider.objects.published()
        .filter(locations=office, treatments=treatment)
        .order_by("sort_order", "pk")
    )
    return providers[index % len(providers)] if providers else None


def load():
    today = timezone.localdate()
    treatments = {t.slug: t for t in Treatment.objects.all()}
    for index, (name, slug, state, treatment, rating, featured, status, days, text) in enumerate(
        STORIES
    ):
        office = _office(slug, state)
        treatment = treatments.get(treatment)
        date = today - datetime.timedelta(days=days)
        Testimonial.objects.update_or_create(
            display_name=name,
            defaults={
                "text": text,
                "language": "es" if name in SPANISH_STORIES else "en",
                "rating": rating,
                "office": office,
                "provider": _provider(office, treatment, index),
                "treatment": treatment,
                "date": date,
                "consent_to_publish": True,
                "consent_given_at": timezone.make_aware(
                    datetime.datetime.combine(date, datetime.time(10))
                ),
                "status": status,
                "featured": featured,
                "sort_order": 0,
            },
        )
