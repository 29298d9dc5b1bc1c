"""What is searchable: every published item of the feature apps, as plain documents.

The search app is a feature of its own and may import the others (core and clinic_site may
not). Each function yields the documents of one kind in the active language: read under
translation.override(language), a translated field and reverse() give that language's text
and address, exactly as the page shows them: reviewed Spanish, or the English in its place
where no translator has reviewed it yet (each document says which, in text_language).

A fixed number of queries whatever the amount of content: every relation is prefetched.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from modeltranslation.utils import get_language

from core.states import STATE_NAMES
from core.translation_review import SOURCE_LANGUAGE, shows_english_in_place_of_spanish
from locations.models import Location, Provider
from notices.models import Notice, NoticeVersion
from treatments.models import Condition, PatientDocument, ResourcePage, Treatment

from .models import SearchKind
from .text import plain


def joined(parts):
    """The parts that have text, one space apart: a column of a language with no text yet
    reads None."""
    return " ".join(part for part in parts if part)


# Models whose saves, deletions and relinks change what the search must find.
WATCHED_MODELS = [
    "treatments.Treatment", "treatments.TreatmentSection", "treatments.ProcedureStep",
    "treatments.FAQ", "treatments.Condition", "treatments.ResourcePage",
    "treatments.PatientDocument", "locations.Location", "locations.Provider",
    "notices.Notice", "notices.NoticeVersion",
]  # fmt: skip


@dataclass
class Document:
    kind: str
    title: str
    url: str
    keywords: str = ""
    summary: str = ""
    body: str = ""
    priority: int = 0
    # The language the text is in; set from the item that holds it (written_in below).
    text_language: str = ""


def written_in(obj):
    """The language obj's text is in under the active language: its reviewed Spanish on a
    Spanish page, else English (core/translation_review.py decides, as on the page)."""
    if shows_english_in_place_of_spanish(obj):
        return SOURCE_LANGUAGE
    return get_language()


def faq_anchor(faq):
    """The answer's id on its treatment page (templates/treatments/treatment_detail.html)."""
    return f"faq-{faq.pk}"


def treatments():
    published = (
        Treatment.objects.published()
        .prefetch_related(
            "sections", "steps", "faqs", Prefetch("conditions", Condition.objects.published())
        )
        .order_by("sort_order", "name")
    )
    for treatment in published:
        url = treatment.get_absolute_url()
        yield Document(
            SearchKind.TREATMENT,
            treatment.name,
            url,
            keywords=joined(
                [treatment.get_kind_display()] + [c.name for c in treatment.conditions.all()]
            ),
            summary=treatment.summary,
            body=joined(
                [
                    f"{section.heading}. {plain(section.body)} {section.figure_caption}"
                    for section in treatment.sections.all()
                ]
                + [f"{step.title}. {plain(step.body)}" for step in treatment.steps.all()]
            ),
            priority=1,
            text_language=written_in(treatment),
        )
        for faq in treatment.faqs.all():
            yield Document(
                SearchKind.FAQ,
                faq.question,
                f"{url}#{faq_anchor(faq)}",
                keywords=treatment.name,
                summary=plain(faq.answer),
                priority=3,
                text_language=written_in(faq),
            )


def conditions():
    published = Condition.objects.published().prefetch_related(
        Prefetch("treatments", Treatment.objects.published())
    )
    for condition in published:
        yield Document(
            SearchKind.CONDITION,
            condition.name,
            condition.get_absolute_url(),
            keywords=joined(t.name for t in condition.treatments.all()),
            summary=condition.summary,
            body=f"{plain(condition.symptoms)} {plain(condition.causes)}",
            priority=0,
            text_language=written_in(condition),
        )


def providers():
    published = Provider.objects.published().prefetch_related(
        Prefetch("locations", Location.objects.published()),
        Prefetch("treatments", Treatment.objects.published()),
    )
    for provider in published:
        yield Document(
            SearchKind.PROVIDER,
            str(provider),
            provider.get_absolute_url(),
            keywords=joined(
                [provider.specialty, *provider.language_list]
                + [office.name for office in provider.locations.all()]
                + [t.name for t in provider.treatments.all()]
            ),
            summary=provider.bio,
            body=joined([provider.board_certifications, provider.fellowship]),
            priority=4,
            text_language=written_in(provider),
        )


def offices():
    published = Location.objects.published().prefetch_related(
        Prefetch("treatments", Treatment.objects.published())
    )
    for office in published:
        yield Document(
            SearchKind.OFFICE,
            office.name,
            office.get_absolute_url(),
            keywords=joined(
                [office.city, office.state, STATE_NAMES.get(office.state, ""), office.zip_code]
            ),
            summary=f"{office.street_address}, {office.city}, {office.state} {office.zip_code}",
            body=joined(
                [office.parking_notes, office.accessibility_notes]
                + [t.name for t in office.treatments.all()]
            ),
            priority=5,
            text_language=written_in(office),
        )


def resources():
    for page in ResourcePage.objects.published():
        yield Document(
            SearchKind.RESOURCE,
            page.title,
            page.get_absolute_url(),
            summary=page.summary,
            body=plain(page.body),
            priority=2,
            text_language=written_in(page),
        )
    for document in PatientDocument.objects.published():
        if document.file:
            yield Document(
                SearchKind.RESOURCE,
                document.title,
                document.file.url,
                keywords=document.get_kind_display(),
                summary=document.description,
                priority=2,
                text_language=written_in(document),
            )


def notices():
    """Each notice with the text of the version in effect today."""
    in_effect = NoticeVersion.objects.in_effect_on(timezone.localdate()).order_by("-effective_date")
    for notice in Notice.objects.published().prefetch_related(
        Prefetch("versions", in_effect, to_attr="versions_in_effect")
    ):
        current = notice.versions_in_effect[0]
        yield Document(
            SearchKind.NOTICE,
            notice.title,
            notice.get_absolute_url(),
            summary=notice.summary,
            body=plain(current.body),
            priority=6,
            text_language=written_in(notice),
        )


SOURCES = [conditions, treatments, resources, providers, offices, notices]


def documents():
    for source in SOURCES:
        yield from source()
