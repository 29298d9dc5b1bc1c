"""Demo notices for Keystone Spine & Pain Care, written for this project in plain language.

Facts come from the rules (45 CFR 164.520, 92.10, 92.11, 149.610, 149.430); the words are
ours. Names, addresses and numbers of the practice are fictional (555-01xx).
"""

import datetime

from locations.models import Provider
from treatments.models import ResourcePage, Treatment

from .models import Notice, NoticeVersion

K = Notice.Kind

CONTACT = """Privacy Officer, Keystone Spine & Pain Care, 1200 Foundry Lane, Hagerstown, MD 21740. Phone (301) 555-0190. Email privacy@keystone-spine.example."""

OCR = """the U.S. Department of Health and Human Services, Office for Civil Rights: online at ocrportal.hhs.gov, by phone at 1-800-368-1019 (TDD 1-800-537-7697), or by mail to 200 Independence Avenue SW, Room 509F, HHH Building, Washington, DC 20201"""

PRIVACY_2024 = f"""This notice describes how medical information about you may be used and disclosed and how you can get access to this information. Please read it carefully.

## Our duties

The law requires us to keep your health information private, to give you this notice of our duties and privacy practices, and to follow the notice that is in effect. We will tell you promptly if a breach happens that may have put your information at risk.

## How we use and share your health information

- **To treat you**: our doctors, nurses and therapists share what they need to care for you, and with other providers who treat you.
- **To get paid**: we send your insurer, Workers' Compensation carrier or Personal Injury insurer what it needs to pay for your care.
- **To run our practice**: for example to check the quality of our care and train our staff.

Other uses the law allows or requires include public health reporting, health oversight, lawsuits and court orders, law enforcement in limited cases, and preventing a serious threat to someone's health or safety. For anything else, such as marketing, we ask for your written permission, and you can take it back at any time.

## Your rights

You can ask to see or get a copy of your records, ask us to correct them, ask us to limit what we share, ask us to contact you in a certain way or at a certain place, get a list of those we shared your information with, and get a paper copy of this notice.

## Questions and complaints

If you think we have not protected your privacy, tell us: {CONTACT} You can also complain to {OCR}. We will not hold a complaint against you.
"""

PRIVACY_2025 = f"""This notice describes how medical information about you may be used and disclosed and how you can get access to this information. Please read it carefully.

## Our duties

The law requires us to keep your health information private, to give you this notice of our duties and privacy practices, and to follow the notice that is in effect. If a breach happens that may have put your information at risk, we will tell you. We may change this notice; a new version applies to all the information we hold, and we post it here and in our offices with its effective date.

## How we use and share your health information

- **To treat you**: our doctors, nurse practitioners, physician assistants and therapists share what they need to care for you, and with other providers who treat you, such as a hospital or a physical therapist.
- **To get paid**: we send your health plan, Workers' Compensation carrier or Personal Injury insurer what it needs to pay for your care.
- **To run our practice**: for example to check the quality of our care, train our staff, and remind you of appointments.

We may also share information when the law allows or requires it: for public health and safety, for health oversight, in response to a court order or subpoena, for law enforcement in limited cases, for workers' compensation claims, to prevent a serious threat to someone's health or safety, and with a person involved in your care if you do not object.

We ask for your written permission before any other use, including marketing, the sale of your information, and most sharing of psychotherapy notes. You can take your permission back in writing at any time.

## Your rights

- See or get a copy of your records, on paper or electronically. We may charge a reasonable, cost-based fee.
- Ask us to correct your records if you think they are wrong or incomplete.
- Ask us to contact you in a certain way, for example at a different phone number.
- Ask us to limit what we use or share. If you pay for a service in full yourself, you can ask us not to share it with your health plan, and we will agree unless the law requires otherwise.
- Get a list of those we shared your information with in the last six years, for reasons other than treatment, payment and running our practice.
- Get a paper copy of this notice at any time, even if you agreed to get it electronically.
- Choose someone to act for you, such as a legal guardian.

## Questions and complaints

If you think we have not protected your privacy, tell us: {CONTACT}

You can also file a complaint with {OCR}.

We will never hold a complaint against you.
"""

NONDISCRIMINATION = f"""Keystone Spine & Pain Care follows federal civil rights laws. We do not discriminate against anyone, leave anyone out or treat anyone differently because of race, color, national origin (including limited English and primary language), age, disability or sex (including pregnancy, sexual orientation, gender identity and sex characteristics).

## Help we give free of charge

- **For people with disabilities**: qualified sign language interpreters, written information in large print, audio, accessible electronic formats and other formats, and other aids so you can communicate with us well.
- **For people whose main language is not English**: qualified interpreters, and information written in other languages. See our language assistance page.

To ask for any of these, call the office you visit, or call our main number, (301) 555-0100. Tell us what you need; there is no charge.

## Our Section 1557 coordinator

If you think we have failed to give you these services or discriminated in another way, contact our Section 1557 Coordinator: Civil Rights Coordinator, Keystone Spine & Pain Care, 1200 Foundry Lane, Hagerstown, MD 21740. Phone (301) 555-0191. Email civilrights@keystone-spine.example.

You can file a grievance in person, by mail, by phone or by email. If you need help filing one, the coordinator will help you.

## Complaints to the federal government

You can also file a civil rights complaint with {OCR}.
"""

LANGUAGE = """If English is not your first language, we can help in yours, at no cost to you. Call the number in your language above, or ask at any of our offices: a qualified interpreter will join the call or the visit, and we can explain our forms and letters in your language.

For sign language interpreters and other help for people with disabilities, see our notice of nondiscrimination.
"""

GOOD_FAITH_ESTIMATE = """## Not using insurance? You can know the cost first

If you have no health insurance, or you choose to pay for your care yourself, federal law gives you the right to a written estimate of what your care will cost before you receive it. We call it a good-faith estimate.

- The estimate covers the whole expected cost of a planned, non-emergency visit or procedure, including the items and services that usually come with it, such as tests, imaging, medicines, equipment and facility fees.
- When you book a visit at least 3 business days ahead, we send your estimate within 1 business day of booking. When you book at least 10 business days ahead, or simply ask us for an estimate, we send it within 3 business days.
- The estimate is in writing, on paper or electronically, whichever you prefer. Keep a copy or a photo of it.
- If your bill comes to $400 or more above the estimate, you can dispute the bill through a federal process. You must start it within 120 days of the date on the bill.

Questions about these rights: the federal No Surprises Help Desk at 1-800-985-3059, or www.cms.gov/nosurprises.

## How to ask us for an estimate

Use the button on this page to send our billing team a request, or call (301) 555-0100. Tell us which visit or procedure you are planning; we do not need your medical history to prepare the estimate.
"""

BALANCE_BILLING = """## What a surprise bill is

Your health plan pays doctors and facilities in its network an agreed price. A doctor or facility outside the network may bill you for the difference between its charge and what your plan pays: that is a balance bill. It becomes a surprise bill when you had no way to choose who treated you, for example the anesthesiologist during an operation.

## When the law protects you

- **Emergency care**: whoever treats you, in or out of network, can charge you no more than your plan's in-network copayment, coinsurance and deductible.
- **Care at an in-network hospital or surgery center**: doctors there who are outside your network cannot balance bill you for emergency medicine, anesthesia, pathology, radiology, laboratory, neonatology, assistant surgeon, hospitalist or intensivist services. For other services, they can balance bill you only if you agreed in writing, in advance, to give up these protections.
- You never have to give up these protections, and you never have to see a provider outside your network.

## What you pay when you are protected

Only your in-network share: the copayment, coinsurance and deductible you would pay an in-network provider. Your plan pays the out-of-network provider directly, and what you pay counts toward your in-network deductible and out-of-pocket limit.

## Our part

Our surgeon operates at hospitals and surgery centers, and the facility and other doctors there may bill you separately from us. Our billing team can tell you beforehand who is likely to be involved in your care.

If you think you have been billed wrongly, call the federal No Surprises Help Desk at 1-800-985-3059 or visit www.cms.gov/nosurprises. Maryland, Pennsylvania, Virginia and Florida also have their own protections; ask our billing team.
"""

ACCESSIBILITY = """We want everyone who visits our website to be able to find a doctor, read about a treatment and ask for an appointment, whatever device or assistive technology they use.

## Our target

We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA on every page of this website.

## How we test

- **Automated**: every change to the website is checked with the axe accessibility engine on small phone screens (375 pixels wide) and desktop screens (1,280 pixels wide) before it goes live.
- **Manual**: we use the site with the keyboard alone, with a screen reader, zoomed to 200% and 400%, and with JavaScript turned off; every form works without JavaScript.

## Known limitations

- Some older patient forms are PDF files that may not work well with screen readers. Ask us and we will send the form in another format, or fill it in with you over the phone.
- Maps of our offices are shown as addresses and directions in text; we do not show interactive maps.

## Information in another format

If you need anything on this site in another format, such as large print, audio, braille or an accessible electronic document, call (301) 555-0100 or use the feedback button on this page.

## Tell us about a problem

If something on this website is hard to use, please tell us which page and what happened. Our web team replies within 2 business days, and we aim to fix problems within 10 business days or tell you when a fix will come. You can also contact our Section 1557 Coordinator (see our notice of nondiscrimination).
"""

NOTICES = {
    K.PRIVACY_PRACTICES: (
        "Notice of Privacy Practices",
        "How we may use and share your health information, your rights over it, and how to complain.",
        [
            (datetime.date(2024, 1, 15), PRIVACY_2024, "First version."),
            (
                datetime.date(2025, 7, 1),
                PRIVACY_2025,
                "More detail on your rights and on when we may share information without asking.",
            ),
        ],
    ),
    K.NONDISCRIMINATION: (
        "Notice of nondiscrimination",
        "We treat everyone fairly, and offer free aids for people with disabilities and free language help.",
        [(datetime.date(2025, 1, 2), NONDISCRIMINATION, "")],
    ),
    K.LANGUAGE_ASSISTANCE: (
        "Language assistance",
        "Free language help is available in your language. Call us and ask for an interpreter.",
        [(datetime.date(2025, 1, 2), LANGUAGE, "")],
    ),
    K.GOOD_FAITH_ESTIMATE: (
        "Your right to a good-faith estimate",
        "No insurance, or paying yourself? You have the right to a written estimate of the cost of your care before you receive it.",
        [(datetime.date(2025, 1, 2), GOOD_FAITH_ESTIMATE, "")],
    ),
    K.BALANCE_BILLING: (
        "Your rights and protections against surprise medical bills",
        "For emergency care and care in a hospital or surgery center, federal law protects you from most surprise out-of-network bills.",
        [(datetime.date(2025, 1, 2), BALANCE_BILLING, "")],
    ),
    K.ACCESSIBILITY: (
        "Accessibility statement",
        "Our website aims to meet WCAG 2.2 AA. Tell us if anything is hard to use and we reply within 2 business days.",
        [(datetime.date(2025, 1, 2), ACCESSIBILITY, "")],
    ),
}

# Where the boxes appear: the estimate on the insurance page, the surprise-billing
# protections on the surgeon's page and on treatments done in a hospital or surgery center.
SHOWN_ON = {
    K.GOOD_FAITH_ESTIMATE: {"resource_pages": (ResourcePage, ["insurance"])},
    K.BALANCE_BILLING: {
        "treatments": (Treatment, ["si-joint-fusion"]),
        "providers": (Provider, ["rafael-quintero-vidal"]),
    },
}


def load():
    for kind, (title, summary, versions) in NOTICES.items():
        notice, _created = Notice.objects.update_or_create(
            kind=kind, defaults={"title": title, "summary": summary}
        )
        for effective_date, body, change_summary in versions:
            NoticeVersion.objects.update_or_create(
                notice=notice,
                effective_date=effective_date,
                defaults={"body": body, "change_summary": change_summary, "is_published": True},
            )
        for field, (model, slugs) in SHOWN_ON.get(kind, {}).items():
            getattr(notice, field).set(model.objects.filter(slug__in=slugs))
