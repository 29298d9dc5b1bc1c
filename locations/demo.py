"""Demo offices and providers: fictional street addresses and 555-01XX numbers in real towns and area codes.

Every treatment an office lists has a provider there who performs it, or, for physical
therapy, who assesses patients for it and refers them. Nurse practitioners and physician
assistants assess, refer and follow up; physicians perform procedures.
"""

from datetime import date, time

from django.core.management import call_command

from core.images import store_drawing
from home.art.people import SKIN, Look, portrait
from home.art.places import Front, office_front
from treatments.models import Treatment

from .models import Closure, Location, OpeningHours, Place, Provider, ProviderTreatment

WEEKDAYS = range(5)
FULL_DAYS = {day: [(time(8), time(17))] for day in WEEKDAYS}
SPLIT_DAYS = {day: [(time(8), time(12)), (time(13), time(17))] for day in WEEKDAYS}
WITH_SATURDAY = {**FULL_DAYS, 5: [(time(9), time(13))]}
LATE_THURSDAY = {**FULL_DAYS, 3: [(time(10), time(19))]}

# name, slug, street, city, state, zip, phone, hours, treatments
OFFICES = [
    ("Hagerstown", "hagerstown", "1420 Dual Highway", "Hagerstown", "MD", "21740", "(301) 555-0111", LATE_THURSDAY, ["si-joint-fusion", "si-joint-injection", "epidural-steroid-injection", "radiofrequency-ablation", "physical-therapy"]),
    ("Elkridge", "elkridge", "6100 Montgomery Road", "Elkridge", "MD", "21075", "(410) 555-0112", FULL_DAYS, ["epidural-steroid-injection", "radiofrequency-ablation", "physical-therapy"]),
    ("Harrisonburg", "harrisonburg", "250 University Boulevard", "Harrisonburg", "VA", "22801", "(540) 555-0113", SPLIT_DAYS, ["epidural-steroid-injection", "radiofrequency-ablation", "physical-therapy"]),
    ("Chambersburg", "chambersburg", "880 Norland Avenue", "Chambersburg", "PA", "17201", "(717) 555-0114", SPLIT_DAYS, ["epidural-steroid-injection", "radiofrequency-ablation"]),
    ("York", "york", "45 Market Commons Drive", "York", "PA", "17401", "(717) 555-0115", FULL_DAYS, ["radiofrequency-ablation", "physical-therapy"]),
    ("Gettysburg", "gettysburg", "310 Battlefield Court", "Gettysburg", "PA", "17325", "(717) 555-0116", FULL_DAYS, ["epidural-steroid-injection"]),
    ("South Miami", "south-miami", "6050 Sunset Palm Way", "South Miami", "FL", "33143", "(305) 555-0117", FULL_DAYS, ["si-joint-fusion", "si-joint-injection", "epidural-steroid-injection"]),
    ("Hialeah", "hialeah", "1200 Palm Grove Avenue", "Hialeah", "FL", "33012", "(305) 555-0118", SPLIT_DAYS, ["si-joint-fusion", "si-joint-injection", "physical-therapy"]),
    ("Weston", "weston", "2500 Lakeview Terrace", "Weston", "FL", "33326", "(954) 555-0119", WITH_SATURDAY, ["si-joint-fusion", "si-joint-injection", "physical-therapy"]),
]  # fmt: skip

# Each office's front as drawn (home/art/places.py), and what the drawing shows.
FRONTS = {
    "hagerstown": Front("#e9dcc3", "gable", 1, "#0f5a6e", "round"),
    "elkridge": Front("#b5654a", "flat", 2, "#f2a33a", "round", brick=True),
    "harrisonburg": Front("#d9cdb8", "parapet", 2, "#2f8197", "round", door_left=True),
    "chambersburg": Front("#a85a44", "gable", 1, "#4f8f5b", "round", brick=True, door_left=True),
    "york": Front("#c9c5bd", "parapet", 2, "#4f8f5b", "round"),
    "gettysburg": Front("#efe4cf", "flat", 1, "#b5654a", "round", sky="#d6e9f0"),
    "south-miami": Front("#f4efe6", "parapet", 1, "#2f8197", "palm", sky="#bfe3f2", door_left=True),
    "hialeah": Front("#f2dcc4", "flat", 2, "#0f5a6e", "palm", sky="#bfe3f2"),
    "weston": Front("#e7eef0", "parapet", 2, "#f2a33a", "palm", sky="#bfe3f2"),
}
TREES = {"round": "leafy trees", "palm": "palm trees"}


def office_photo_alt(office, front):
    building = f"a {'two' if front.storeys == 2 else 'one'}-storey {'brick ' if front.brick else ''}building"
    roof = {"gable": "a pitched roof", "flat": "a flat roof", "parapet": "a flat, edged roof"}[
        front.roof
    ]
    return (
        f"Drawing of our {office.name} office: {building} with {roof}, our sign over a glass "
        f"entrance with a step-free ramp, {TREES[front.trees]} and a parking lot in front."
    )


# Each provider's illustrated portrait (home/art/people.py): looks, and the background colour.
PORTRAITS = {
    "miriam-castellane": (Look(SKIN["light"], "long", "#a0662f", glasses=True), "#dbe9f5"),
    "owen-radcliffe": (Look(SKIN["fair"], "short", "#5a3a22", shirt="#9fb7d6"), "#e4efe1"),
    "tessa-marlowe": (Look(SKIN["brown"], "bun", "#1a1a1a", top="scrubs"), "#f6e6d2"),
    "anand-velaskar": (Look(SKIN["tan"], "short", "#1a1a1a", beard=True, shirt="#c7a3c9"), "#e6e3f3"),
    "garrett-holloway": (Look(SKIN["fair"], "short", "#c49a5a", top="scrubs"), "#dbe9f5"),
    "lena-brightwater": (Look(SKIN["deep"], "curly", "#1a1a1a", glasses=True), "#f3e1dc"),
    "rafael-quintero-vidal": (Look(SKIN["olive"], "receding", "#3b2a20", beard=True), "#e4efe1"),
    "ines-calloway": (Look(SKIN["olive"], "bob", "#2b1d16", top="scrubs"), "#e6e3f3"),
    "helena-ashworth": (Look(SKIN["light"], "bob", "#8c8c8c", glasses=True, shirt="#a7c4a0"), "#f6e6d2"),
    "nora-pendleton": (Look(SKIN["fair"], "long", "#d9b26f", top="#4a6b8a"), "#f3e1dc"),
}  # fmt: skip
HAIR_WORDS = {
    "long": "long hair", "bob": "chin-length hair", "bun": "hair in a bun",
    "short": "short hair", "curly": "short curly hair", "receding": "a receding hairline",
}  # fmt: skip


def provider_photo_alt(provider, look):
    features = [HAIR_WORDS[look.hair]]
    if look.beard:
        features.append("a beard")
    if look.glasses:
        features.append("glasses")
    clothes = {"coat": "a white coat and stethoscope", "scrubs": "teal scrubs"}.get(
        look.top, "a blue top"
    )
    return (
        f"Illustrated portrait of {provider.name}, smiling, with {' and '.join(features)}, "
        f"wearing {clothes}."
    )


DOES = ProviderTreatment.Role.PERFORMS
ASSESSES = ProviderTreatment.Role.ASSESSES
FOLLOWS_UP = ProviderTreatment.Role.FOLLOWS_UP

# name, slug, credentials, specialty, certifications, fellowship, languages, offices,
# {treatment: role}, bio
PROVIDERS = [
    ("Dr. Miriam Castellane", "miriam-castellane", "MD", "Interventional pain medicine", "American Board of Anesthesiology, Pain Medicine", "", "en", ["hagerstown", "chambersburg"], {"epidural-steroid-injection": DOES, "radiofrequency-ablation": DOES, "si-joint-injection": DOES},
     "Dr. Castellane looks for the source of back pain before choosing a treatment, and she explains each step in plain terms."),
    ("Dr. Owen Radcliffe", "owen-radcliffe", "DO", "Physical medicine and rehabilitation", "American Osteopathic Board of Physical Medicine and Rehabilitation", "", "en", ["elkridge", "hagerstown"], {"physical-therapy": DOES, "epidural-steroid-injection": DOES},
     "Dr. Radcliffe pairs careful exams with exercise plans that help patients get back to work and family life."),
    ("Tessa Marlowe", "tessa-marlowe", "NP", "Pain management", "", "", "en", ["harrisonburg"], {"physical-therapy": ASSESSES, "epidural-steroid-injection": ASSESSES},
     "Tessa sees new and returning patients in Harrisonburg and coordinates care with the physicians."),
    ("Dr. Anand Velaskar", "anand-velaskar", "MD", "Anesthesiology and pain medicine", "American Board of Anesthesiology\nAmerican Board of Pain Medicine", "", "en,hi", ["harrisonburg", "elkridge"], {"radiofrequency-ablation": DOES, "epidural-steroid-injection": DOES},
     "Dr. Velaskar performs image-guided injections and nerve ablation for neck and back pain."),
    ("Garrett Holloway", "garrett-holloway", "PA-C", "Spine care", "", "", "en", ["york", "gettysburg"], {"physical-therapy": ASSESSES, "radiofrequency-ablation": FOLLOWS_UP},
     "Garrett follows patients through their treatment plan and answers questions between visits."),
    ("Dr. Lena Brightwater", "lena-brightwater", "DO", "Pain medicine", "American Osteopathic Board of Anesthesiology", "", "en", ["york", "gettysburg", "chambersburg"], {"epidural-steroid-injection": DOES, "radiofrequency-ablation": DOES},
     "Dr. Brightwater treats chronic back and joint pain across our three Pennsylvania offices."),
    ("Dr. Rafael Quintero-Vidal", "rafael-quintero-vidal", "MD", "Orthopedic spine surgery", "American Board of Orthopaedic Surgery", "Spine surgery fellowship, minimally invasive techniques", "en,es", ["south-miami", "hialeah", "weston"], {"si-joint-fusion": DOES, "si-joint-injection": DOES, "epidural-steroid-injection": DOES},
     "Dr. Quintero-Vidal is a fellowship-trained spine surgeon who offers minimally invasive SI joint fusion when other care has not helped."),
    ("Inés Calloway", "ines-calloway", "PA-C", "Spine surgery", "", "", "en,es,pt", ["hialeah", "weston"], {"si-joint-fusion": FOLLOWS_UP, "si-joint-injection": ASSESSES, "physical-therapy": ASSESSES},
     "Inés prepares patients for surgery and sees them through recovery."),
    ("Dr. Helena Ashworth", "helena-ashworth", "MD", "Orthopedic spine surgery", "American Board of Orthopaedic Surgery", "", "en", ["hagerstown"], {"si-joint-fusion": DOES, "si-joint-injection": DOES},
     "Dr. Ashworth operates on the SI joint only once nonsurgical care has had a fair trial and a test injection has shown the joint is the source of the pain."),
    ("Nora Pendleton", "nora-pendleton", "NP", "Pain management", "", "", "en", ["elkridge"], {"epidural-steroid-injection": FOLLOWS_UP, "physical-therapy": ASSESSES},
     "Nora helps patients manage pain between procedures and reviews medicines at each visit."),
]  # fmt: skip

HOLIDAYS = [((7, 4), "Independence Day"), ((11, 26), "Thanksgiving"), ((12, 25), "Christmas Day")]


def next_holiday(today):
    """The next of a few fixed holidays, so the demo always has one upcoming closure."""
    dates = [
        (date(year, month, day), reason)
        for year in (today.year, today.year + 1)
        for (month, day), reason in HOLIDAYS
    ]
    return min((d, reason) for d, reason in dates if d >= today)


def load():
    call_command("load_gazetteer", stdout=open("/dev/null", "w"))  # noqa: SIM115
    treatments = {t.slug: t for t in Treatment.objects.all()}
    holiday, reason = next_holiday(date.today())
    offices = {}
    for order, (name, slug, street, city, state, zip_code, phone, hours, slugs) in enumerate(
        OFFICES
    ):
        place = Place.objects.centre_of(zip_code, state)
        office, _ = Location.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name, "street_address": street, "city": city, "state": state,
                "zip_code": zip_code, "phone": phone, "sort_order": order, "is_published": True,
                "latitude": place.latitude, "longitude": place.longitude, "time_zone": place.time_zone,
                # Most patients of the South Florida offices speak Spanish at home; so do their staff.
                "languages": "en,es" if state == "FL" else "en",
                "parking_notes": "Free parking in the lot beside the building, with marked accessible spaces by the door.",
                "accessibility_notes": "Step-free entrance, wide doorways and an accessible restroom.",
            },
        )  # fmt: skip
        if not office.photo:
            office.photo_alt = office_photo_alt(office, FRONTS[slug])
            store_drawing(office.photo, f"{slug}.png", office_front(FRONTS[slug]), width=1200)
        office.opening_hours.all().delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(location=office, weekday=day, opens=opens, closes=closes)
            for day, periods in hours.items()
            for opens, closes in periods
        )
        Closure.objects.update_or_create(location=office, date=holiday, defaults={"reason": reason})
        office.treatments.set([treatments[s] for s in slugs if s in treatments])
        offices[slug] = office
    for order, (
        name,
        slug,
        credentials,
        specialty,
        certifications,
        fellowship,
        languages,
        office_slugs,
        roles,
        bio,
    ) in enumerate(PROVIDERS):
        provider, _ = Provider.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name, "credentials": credentials, "specialty": specialty,
                "board_certifications": certifications, "fellowship": fellowship,
                "languages": languages, "bio": bio, "sort_order": order, "is_published": True,
            },
        )  # fmt: skip
        if not provider.photo:
            look, background = PORTRAITS[slug]
            provider.photo_alt = provider_photo_alt(provider, look)
            store_drawing(provider.photo, f"{slug}.png", portrait(look, background), width=800)
        provider.locations.set([offices[s] for s in office_slugs])
        provider.treatment_roles.exclude(treatment__slug__in=list(roles)).delete()
        for slug, role in roles.items():
            if slug in treatments:
                ProviderTreatment.objects.update_or_create(
                    provider=provider, treatment=treatments[slug], defaults={"role": role}
                )
