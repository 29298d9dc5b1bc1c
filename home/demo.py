"""Demo content for the site-wide settings: the practice's name, phone, home page and trust points.

All copy is written for this project; the practice, people and numbers are fictional.
"""

from core.images import store_drawing

from .art.people import consultation
from .models import SiteSettings, TrustPoint

PRIVACY_NOTICE = """\
This notice explains what this website does with the information you give us.

When you request an appointment or send us a message, we use what you tell us only to contact you and arrange your care. Only our front-desk staff can see it, every time they open it is recorded, and we delete or anonymize requests once they are no longer needed.

We do not use advertising trackers, analytics services or third-party scripts. Your browser talks only to this website.

We never send your health details by email. If you have a question about your information, call us or ask at any of our offices."""

TRUST_POINTS = [
    (
        "All major insurance accepted",
        "We also see Workers' Compensation and Personal Injury patients.",
    ),
    ("Board-certified doctors", "Specialists in pain medicine and spine surgery."),
    (
        "Care planned around you",
        "Your plan starts with your history, your goals and your daily life.",
    ),
    (
        "Seen within two weeks",
        "Most new patients have their first visit in fourteen days or fewer.",
    ),
]


def load():
    site, _created = SiteSettings.objects.update_or_create(
        pk=1,
        defaults={
            "practice_name": "Keystone Spine & Pain Care",
            "tagline": "Relief from back, neck and joint pain, close to home",
            "phone": "(301) 555-0100",
            "email": "hello@keystone-spine.example",
            "hero_heading": "Get back to the life that pain put on hold",
            "hero_text": (
                "Our doctors find where your pain comes from and treat that source, starting with "
                "the gentlest option that can work. Offices in Maryland, Pennsylvania, Virginia "
                "and South Florida."
            ),
            "hero_button_label": "Request an appointment",
            "hero_image_alt": (
                "Drawing of a smiling doctor in a white coat pointing to a model of the spine, "
                "explaining it to an older patient across her desk, a window with trees behind."
            ),
            "insurance_note": (
                "We accept all major insurance plans, and we see patients with Workers' "
                "Compensation and Personal Injury claims."
            ),
            "privacy_notice": PRIVACY_NOTICE,
            "seo_description": (
                "Pain management and spine care in MD, PA, VA and FL: SI joint fusion, injections, "
                "nerve treatments and therapy. Most new patients seen within two weeks."
            ),
        },
    )
    if not site.hero_image:
        store_drawing(site.hero_image, "home.png", consultation(), width=1200)
    for order, (title, text) in enumerate(TRUST_POINTS):
        TrustPoint.objects.update_or_create(
            title=title, defaults={"text": text, "sort_order": order}
        )
