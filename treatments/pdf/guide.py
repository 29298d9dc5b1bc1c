"""The digital guide: the practice on paper, made from what the site publishes.

Treatments in the order of care with their questions and answers, the conditions we treat,
every office with its address, phone and weekly hours, and the providers. Only published
rows (draft copies of treatments are never published). In Spanish it holds reviewed Spanish
only: where a translator has not reviewed a page, its English is printed and marked "(in
English)", as the Spanish site marks it.
"""

import re
from io import BytesIO
from xml.sax.saxutils import escape

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from core.translation_review import shows_english_in_place_of_spanish

from .layout import ACCENT, BOLD, INK, ITALIC, MARGIN, MUTED, REGULAR, RULE, describe

STYLES = {
    "cover": ParagraphStyle("cover", fontName=BOLD, fontSize=28, leading=34, textColor=ACCENT),
    "subtitle": ParagraphStyle(
        "subtitle", fontName=REGULAR, fontSize=14, leading=19, textColor=MUTED
    ),
    "h1": ParagraphStyle(
        "h1", fontName=BOLD, fontSize=18, leading=23, textColor=ACCENT, spaceBefore=6, spaceAfter=8
    ),
    "h2": ParagraphStyle(
        "h2", fontName=BOLD, fontSize=13, leading=17, textColor=INK, spaceBefore=12, spaceAfter=3
    ),
    "h3": ParagraphStyle(
        "h3", fontName=BOLD, fontSize=10.5, leading=14, textColor=INK, spaceBefore=6, spaceAfter=1
    ),
    "body": ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=10,
        leading=14,
        textColor=INK,
        alignment=TA_LEFT,
        spaceAfter=4,
    ),
    "small": ParagraphStyle("small", fontName=REGULAR, fontSize=9, leading=12, textColor=MUTED),
    "bullet": ParagraphStyle(
        "bullet",
        fontName=REGULAR,
        fontSize=10,
        leading=14,
        textColor=INK,
        leftIndent=14,
        bulletIndent=4,
    ),
}

INLINE_MARKDOWN = [
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # a link's words, not its address
    (re.compile(r"\*\*(.+?)\*\*"), r"<b>\1</b>"),
    (re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?!\*)"), r"<i>\1</i>"),
]
BULLET = re.compile(r"^\s*(?:[-+*]|\d+\.)\s+")


def inline(text):
    """One line of Markdown as ReportLab's paragraph markup (escaped first)."""
    text = escape(text)
    for pattern, replacement in INLINE_MARKDOWN:
        text = pattern.sub(replacement, text)
    return text


def markdown_flowables(text):
    """Staff's Markdown (paragraphs, bullets, headings, bold, italic, links) as paragraphs."""
    flowables = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(BULLET.match(line) for line in lines):
            for line in lines:
                item = inline(BULLET.sub("", line))
                flowables.append(Paragraph(item, STYLES["bullet"], bulletText="•"))
        elif lines[0].startswith("#"):
            flowables.append(Paragraph(inline(lines[0].lstrip("# ")), STYLES["h3"]))
            if lines[1:]:
                flowables.append(Paragraph(inline(" ".join(lines[1:])), STYLES["body"]))
        else:
            flowables.append(Paragraph(inline(" ".join(lines)), STYLES["body"]))
    return flowables


def labelled(label, names):
    """ "Label: a, b, c" with the label in bold."""
    return Paragraph(f"<b>{escape(label)}</b> {escape(', '.join(names))}", STYLES["body"])


def in_english_mark(obj, field=None):
    """The "(in English)" after a heading whose text is English on a Spanish page."""
    if not shows_english_in_place_of_spanish(obj, field):
        return ""
    mark = escape(_("(in English)"))
    return f' <font name="{ITALIC}" size="9" color="#4f5f69">{mark}</font>'


class Heading(Paragraph):
    """A heading that becomes an entry of the PDF's outline (the viewer's bookmarks)."""

    def __init__(self, text, style, level, outline):
        super().__init__(text, style)
        self.level = level
        self.outline = outline

    def draw(self):
        super().draw()
        key = f"h{id(self)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(self.outline, key, level=self.level, closed=self.level > 0)


def heading(text, level, mark="", *, outline_level=None):
    """A heading of `level` (0 to 2); in the outline at `outline_level` where a list skips
    a level (the providers have no group heading)."""
    style = STYLES[("h1", "h2", "h3")[level]]
    return Heading(
        escape(text) + mark, style, level if outline_level is None else outline_level, text
    )


def content():
    """What the guide prints, read in as few queries as the lists need."""
    from locations.models import Location, Provider
    from treatments.models import Condition, Treatment

    published_treatments = Treatment.objects.published()
    return {
        "treatments": list(published_treatments.prefetch_related("faqs")),
        "conditions": list(
            Condition.objects.published().prefetch_related(
                Prefetch("treatments", queryset=published_treatments)
            )
        ),
        "offices": list(
            Location.objects.published()
            .order_by("state", "sort_order", "name")
            .prefetch_related(
                "opening_hours",
                Prefetch("providers", queryset=Provider.objects.published()),
            )
        ),
        "providers": list(
            Provider.objects.published().prefetch_related(
                Prefetch("locations", queryset=Location.objects.published())
            )
        ),
    }


def digital_guide(language):
    """The guide in `language`, as PDF bytes."""
    from home.models import SiteSettings

    with translation.override(language):
        practice = SiteSettings.load()
        title = _("Your guide to spine care")
        found = content()

        def build(page_count):
            buffer = BytesIO()
            document = SimpleDocTemplate(
                buffer,
                pagesize=letter,
                leftMargin=MARGIN,
                rightMargin=MARGIN,
                topMargin=MARGIN,
                bottomMargin=MARGIN,
                lang=language,
                invariant=1,
            )

            def footer(canvas, doc):
                canvas.saveState()
                canvas.setFont(REGULAR, 8)
                canvas.setFillColor(MUTED)
                canvas.drawString(MARGIN, MARGIN - 20, f"{practice.practice_name} · {title}")
                number = canvas.getPageNumber()
                label = (
                    _("Page %(number)s of %(count)s") % {"number": number, "count": page_count}
                    if page_count
                    else _("Page %(number)s") % {"number": number}
                )
                canvas.drawRightString(letter[0] - MARGIN, MARGIN - 20, label)
                canvas.restoreState()

            def first_page(canvas, doc):
                describe(canvas, title=title, author=practice.practice_name)
                canvas.showOutline()  # the viewer opens with the chapters beside the pages
                footer(canvas, doc)

            document.build(
                _story(practice, title, found), onFirstPage=first_page, onLaterPages=footer
            )
            return buffer.getvalue(), document.page

        _first, pages = build(None)
        return build(pages)[0]


def _story(practice, title, found):
    story = [
        Spacer(1, 120),
        Paragraph(escape(practice.practice_name), STYLES["subtitle"]),
        Spacer(1, 8),
        Paragraph(escape(title), STYLES["cover"]),
        Spacer(1, 16),
        Paragraph(
            escape(
                _(
                    "Our treatments from the gentlest to surgery, the conditions we treat, "
                    "our offices with their hours, and the people who will care for you."
                )
            ),
            STYLES["subtitle"],
        ),
        Spacer(1, 40),
    ]
    contact = []
    if practice.phone:
        contact.append(_("Call us: %(phone)s") % {"phone": practice.phone})
    request_url = settings.SITE_URL + reverse("appointments:request")
    contact.append(_("Request an appointment online: %(url)s") % {"url": request_url})
    story += [Paragraph(escape(line), STYLES["body"]) for line in contact]
    if translation.get_language() != settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        story += [
            Spacer(1, 16),
            Paragraph(
                escape(
                    _(
                        "Parts of this guide that our translators have not reviewed yet are "
                        "printed in English and marked “(in English)”."
                    )
                ),
                STYLES["small"],
            ),
        ]
    story += [
        Spacer(1, 16),
        Paragraph(
            escape(
                _(
                    "In an emergency, such as sudden weakness or numbness in your legs or loss "
                    "of bladder or bowel control, call 911."
                )
            ),
            STYLES["small"],
        ),
    ]
    story += _treatments(found["treatments"])
    story += _conditions(found["conditions"])
    story += _offices(found["offices"])
    story += _providers(found["providers"])
    return story


def _treatments(treatments):
    story = [PageBreak(), heading(_("Treatments, in our order of care"), 0)]
    story.append(
        Paragraph(
            escape(
                _(
                    "We start with the gentlest care that can help and move to the next step "
                    "only when it has not. These are the steps, in order."
                )
            ),
            STYLES["body"],
        )
    )
    step = None
    for treatment in treatments:
        if treatment.care_step != step:
            step = treatment.care_step
            label = _("Step %(number)s: %(name)s") % {
                "number": step,
                "name": treatment.get_care_step_display(),
            }
            story.append(heading(label, 1))
        mark = in_english_mark(treatment)
        block = [
            heading(treatment.name, 2, mark),
            Paragraph(escape(treatment.get_kind_display()), STYLES["small"]),
            Paragraph(escape(treatment.summary), STYLES["body"]),
        ]
        story.append(KeepTogether(block))
        for faq in treatment.faqs.all():
            story.append(
                KeepTogether(
                    [
                        Paragraph(escape(faq.question), STYLES["h3"]),
                        *markdown_flowables(faq.answer),
                    ]
                )
            )
    return story


def _conditions(conditions):
    if not conditions:
        return []
    story = [PageBreak(), heading(_("Conditions we treat"), 0)]
    for condition in conditions:
        story.append(heading(condition.name, 1, in_english_mark(condition)))
        story.append(Paragraph(escape(condition.summary), STYLES["body"]))
        if condition.symptoms:
            story.append(Paragraph(escape(_("Symptoms")), STYLES["h3"]))
            story += markdown_flowables(condition.symptoms)
        in_english = _("(in English)")
        treatments = [
            f"{treatment.name} {in_english}"
            if shows_english_in_place_of_spanish(treatment)
            else treatment.name
            for treatment in condition.treatments.all()
        ]
        if treatments:
            story.append(labelled(_("Treatments for it:"), treatments))
    return story


def _hours_table(office):
    from locations.hours import weekly_table

    rows = []
    for day in weekly_table(office):
        periods = ", ".join(
            f"{time_format(period.opens)} – {time_format(period.closes)}"
            for period in day["periods"]
        )
        rows.append([str(day["day"]), periods or _("Closed")])
    table = Table(rows, colWidths=[100, 200], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 9.5),
                ("FONT", (0, 0), (0, -1), BOLD, 9.5),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _offices(offices):
    story = [PageBreak(), heading(_("Our offices"), 0)]
    state = None
    for office in offices:
        if office.state != state:
            state = office.state
            story.append(heading(office.state_name, 1))
        block = [
            heading(office.name, 2),
            Paragraph(escape(office.one_line_address), STYLES["body"]),
            Paragraph(
                escape(_("Phone: %(phone)s") % {"phone": office.phone})
                + (escape("   " + _("Fax: %(fax)s") % {"fax": office.fax}) if office.fax else ""),
                STYLES["body"],
            ),
            Paragraph(escape(_("Opening hours")), STYLES["h3"]),
            _hours_table(office),
        ]
        story.append(KeepTogether(block))
        for field, label in (
            ("parking_notes", _("Parking")),
            ("accessibility_notes", _("Accessibility")),
        ):
            text = getattr(office, field)
            if text:
                story.append(
                    Paragraph(escape(label) + in_english_mark(office, field), STYLES["h3"])
                )
                story.append(Paragraph(escape(text), STYLES["body"]))
        providers = [provider.name for provider in office.providers.all()]
        if providers:
            story.append(labelled(_("Providers here:"), providers))
    return story


def _providers(providers):
    if not providers:
        return []
    story = [PageBreak(), heading(_("Our providers"), 0)]
    for provider in providers:
        name = f"{provider.name}, {provider.credentials}" if provider.credentials else provider.name
        block = [heading(name, 2, outline_level=1)]
        if provider.specialty:
            block.append(
                Paragraph(
                    escape(provider.specialty) + in_english_mark(provider, "specialty"),
                    STYLES["body"],
                )
            )
        offices = [office.name for office in provider.locations.all()]
        if offices:
            block.append(labelled(_("Sees patients in:"), offices))
        if provider.accepting_new_patients:
            block.append(Paragraph(escape(_("Accepting new patients")), STYLES["small"]))
        story.append(KeepTogether(block))
    return story
