"""schema.org JSON-LD for treatment and condition pages (rendered with {% json_ld %})."""

import re
from html import unescape
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .models import Treatment

# schema.org's MedicalProcedureType has only these two values; a surgical
# procedure is said with the SurgicalProcedure type instead.
PROCEDURE_TYPES = {
    Treatment.Kind.MINIMALLY_INVASIVE: "https://schema.org/PercutaneousProcedure",
    Treatment.Kind.NONSURGICAL: "https://schema.org/NoninvasiveProcedure",
}
LIST_ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)


def absolute(url):
    """A full URL for a path on this site; a URL that is already full (on S3, say) is kept."""
    return url if urlsplit(url).scheme else settings.SITE_URL + url


def plain_text(html):
    """Rendered Markdown as the plain text JSON-LD wants: no tags, no HTML entities."""
    return unescape(strip_tags(html)).strip()


def breadcrumb_list(*crumbs):
    """crumbs: (name, path) pairs after Home."""
    items = [(_("Home"), reverse("home")), *crumbs]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": str(name), "item": absolute(path)}
            for n, (name, path) in enumerate(items, start=1)
        ],
    }


def medical_procedure(treatment, steps, sections):
    data = {
        "@context": "https://schema.org",
        "@type": (
            "SurgicalProcedure" if treatment.kind == Treatment.Kind.SURGICAL else "MedicalProcedure"
        ),
        "name": treatment.name,
        "description": treatment.summary,
        "url": absolute(treatment.get_absolute_url()),
    }
    if treatment.kind in PROCEDURE_TYPES:
        data["procedureType"] = PROCEDURE_TYPES[treatment.kind]
    if steps:
        data["howPerformed"] = " ".join(
            f"{n}. {step.title}." for n, step in enumerate(steps, start=1)
        )
    by_kind = {section.kind: section for section in sections}
    recovery = by_kind.get("recovery")
    if recovery and recovery.body:
        data["followup"] = plain_text(recovery.body_html)
    if treatment.hero_image:
        data["image"] = absolute(treatment.hero_image.url)
    return data


def faq_page(faqs):
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": faq.question,
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(faq.answer_html)},
            }
            for faq in faqs
        ],
    }


def medical_condition(condition, treatments):
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalCondition",
        "name": condition.name,
        "description": condition.summary,
        "url": absolute(condition.get_absolute_url()),
    }
    symptoms = [plain_text(item) for item in LIST_ITEM.findall(condition.symptoms_html)]
    if symptoms:
        data["signOrSymptom"] = [
            {"@type": "MedicalSignOrSymptom", "name": symptom} for symptom in symptoms
        ]
    if treatments:
        data["possibleTreatment"] = [
            {
                "@type": "MedicalTherapy",
                "name": treatment.name,
                "url": absolute(treatment.get_absolute_url()),
            }
            for treatment in treatments
        ]
    return data
