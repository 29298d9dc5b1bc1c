"""The new-patient registration form and the pain diary: fillable on screen, printable."""

from functools import cache
from typing import NamedTuple

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext
from reportlab.lib.pagesizes import landscape, letter

from .layout import BOLD, INK, MUTED, REGULAR, FormWriter, two_pass, wrap

# The diary asks for the two weeks before the visit (its description on the resources page).
DIARY_WEEKS = 2


def _date_hint():
    # A date field proper needs JavaScript, which the upload check refuses (validators.py);
    # the format beside the box does the same job on screen and on paper.
    return _("MM/DD/YYYY")


class Practice(NamedTuple):
    practice_name: str
    phone: str


def _practice():
    from home.models import SiteSettings

    return SiteSettings.load()


def registration_form(language):
    """The new-patient registration form, in `language`, as PDF bytes."""
    return _form("registration", language)


def pain_diary(language):
    """The pain diary: how to use it, a page per week, and a page for questions."""
    return _form("diary", language)


def _form(kind, language):
    practice = _practice()
    return _drawn_form(kind, language, practice.practice_name, practice.phone)


def _draw_registration(form, practice, title):
    date = _date_hint()
    form.title(title, practice.practice_name)
    form.note(
        _(
            "Please fill in this form before your first visit: type into the boxes on "
            "screen and save the file, or print it and write clearly. Bring it with your "
            "photo ID and insurance card."
        )
    )
    if practice.phone:
        form.note(_("Questions? Call us at %(phone)s.") % {"phone": practice.phone})

    form.heading(_("About you"))
    form.row(
        ("last_name", _("Last name"), 3),
        ("first_name", _("First name"), 3),
        ("middle_initial", _("Middle initial"), 1),
    )
    form.row(
        ("date_of_birth", _("Date of birth (%(format)s)") % {"format": date}, 2),
        ("sex", _("Sex"), 1),
        ("preferred_language", _("Preferred language"), 2),
        ("interpreter", _("Interpreter needed? (yes or no)"), 2),
    )
    form.row(
        ("street_address", _("Street address"), 1),
    )
    form.row(
        ("city", _("City"), 4),
        ("state", _("State"), 1),
        ("zip_code", _("ZIP code"), 2),
    )
    form.row(
        ("mobile_phone", _("Mobile phone"), 1),
        ("other_phone", _("Other phone"), 1),
        ("email", _("Email"), 2),
    )
    form.checkboxes(
        "contact_by",
        _("How may we contact you? Tick any."),
        [
            ("phone", _("Phone call")),
            ("text", _("Text message")),
            ("email", _("Email")),
        ],
    )

    form.heading(_("Emergency contact"))
    form.row(
        ("emergency_name", _("Name"), 3),
        ("emergency_relationship", _("Relationship to you"), 2),
        ("emergency_phone", _("Phone"), 2),
    )

    form.heading(_("Insurance"))
    form.row(
        ("insurance_company", _("Insurance company"), 3),
        ("member_id", _("Member ID"), 2),
        ("group_number", _("Group number"), 2),
    )
    form.row(
        ("policy_holder", _("Policy holder (if not you)"), 3),
        (
            "policy_holder_birth",
            _("Policy holder's date of birth (%(format)s)") % {"format": date},
            2,
        ),
        ("policy_holder_relationship", _("Relationship to you"), 2),
    )
    form.checkboxes(
        "injury",
        _("Is your visit about an injury? Tick if so."),
        [
            ("work", _("Injury at work (Workers' Compensation)")),
            ("accident", _("Car accident or other injury (Personal Injury)")),
        ],
        columns=2,
    )
    form.row(
        ("injury_date", _("Date of injury (%(format)s)") % {"format": date}, 2),
        ("claim_number", _("Claim number"), 2),
        ("adjuster_or_attorney", _("Adjuster or attorney, and their phone"), 3),
    )

    form.heading(_("Your pain"))
    form.checkboxes(
        "pain_where",
        _("Where is your pain? Tick all that apply."),
        [
            ("neck", _("Neck")),
            ("mid_back", _("Middle of the back")),
            ("low_back", _("Lower back")),
            ("buttock", _("Buttock or SI joint")),
            ("hip_groin", _("Hip or groin")),
            ("leg_left", _("Left leg")),
            ("leg_right", _("Right leg")),
            ("arm_left", _("Left arm")),
            ("arm_right", _("Right arm")),
        ],
    )
    form.row(
        ("pain_since", _("Since when? (%(format)s, or roughly)") % {"format": date}, 2),
        ("pain_now", _("Pain today, 0 (none) to 10 (worst)"), 2),
        ("pain_worst", _("Pain at its worst, 0 to 10"), 2),
    )
    form.row(
        ("pain_worse", _("What makes it worse, and what helps?"), 1, {"lines": 3}),
    )
    form.checkboxes(
        "tried",
        _("What have you tried already? Tick all that apply."),
        [
            ("physical_therapy", _("Physical therapy")),
            ("medicines", _("Pain medicines")),
            ("chiropractic", _("Chiropractic care")),
            ("injections", _("Injections")),
            ("ablation", _("Radiofrequency ablation")),
            ("surgery", _("Spine surgery")),
        ],
    )

    form.heading(_("Your health"))
    form.checkboxes(
        "history",
        _("Do you have, or have you had, any of these? Tick all that apply."),
        [
            ("diabetes", _("Diabetes")),
            ("blood_pressure", _("High blood pressure")),
            ("heart", _("Heart disease")),
            ("blood_thinners", _("Blood thinners or a bleeding disorder")),
            ("pacemaker", _("Pacemaker or implanted device")),
            ("osteoporosis", _("Osteoporosis")),
            ("cancer", _("Cancer")),
            ("pregnant", _("Pregnant, or may be")),
            ("smoking", _("Smoking or vaping")),
        ],
    )
    form.row(("medicines", _("Medicines you take, with the dose"), 1, {"lines": 4}))
    form.row(
        ("allergies", _("Allergies (medicines, latex, contrast dye)"), 1, {"lines": 2}),
        ("surgeries", _("Earlier surgeries, with the year"), 1, {"lines": 2}),
    )
    form.row(
        ("primary_doctor", _("Primary care doctor"), 3),
        ("primary_doctor_phone", _("Their phone"), 2),
        ("referred_by", _("Who referred you?"), 3),
    )

    form.heading(_("Your signature"))
    form.note(
        _(
            "I confirm that what I wrote on this form is true and complete to the best of "
            "my knowledge, and I allow the practice to bill my insurance for my care."
        )
    )
    form.row(
        ("signature", _("Signature, or your full name typed"), 3),
        ("signature_date", _("Date (%(format)s)") % {"format": date}, 1),
    )


def _draw_diary(form, practice, title):
    date = _date_hint()
    form.title(title, practice.practice_name)
    form.note(
        _(
            "Your pain changes from day to day and hour to hour. Writing it down for the "
            "two weeks before your visit shows your doctor what a single visit cannot: when "
            "it hurts most, what sets it off and what eases it. Fill it in on screen and save "
            "the file, or print it. Bring it to your visit."
        ),
        size=11,
    )
    form.row(
        ("name", _("Your name"), 3),
        ("date_of_birth", _("Date of birth (%(format)s)") % {"format": date}, 2),
        ("visit_date", _("Date of your visit (%(format)s)") % {"format": date}, 2),
    )
    form.heading(_("How to rate your pain"))
    scale = [
        ("0", _("No pain.")),
        ("1–3", _("Mild: you notice it, and it does not stop you doing things.")),
        ("4–6", _("Moderate: it gets in the way of work, chores or sleep.")),
        ("7–9", _("Severe: it stops you doing most things.")),
        ("10", _("The worst pain you can imagine.")),
    ]
    for score, meaning in scale:
        form.canvas.setFont(BOLD, 11)
        form.canvas.setFillColor(INK)
        form.canvas.drawString(form.left, form.y - 11, score)
        form.canvas.setFont(REGULAR, 11)
        form.canvas.drawString(form.left + 40, form.y - 11, meaning)
        form.y -= 18
    form.y -= 6
    form.note(
        _(
            "Each day, write your pain when you wake, at its worst, and at bedtime, where it "
            "hurt, what you were doing when it got worse, and the medicines or anything else "
            "that helped. Tick the last box after a night when pain kept you awake."
        ),
        size=11,
    )
    form.note(
        _(
            "Call 911 at once for new weakness or numbness in a leg, trouble controlling your "
            "bladder or bowels, or numbness between your legs."
        ),
        size=11,
        font=BOLD,
    )

    for week in range(1, DIARY_WEEKS + 1):
        form.new_page()
        _draw_week(form, week, date)

    form.new_page()
    form.heading(_("For your visit"))
    form.row(("questions", _("Questions you want to ask your doctor"), 1, {"lines": 12}))
    form.row(("other_notes", _("Anything else we should know"), 1, {"lines": 8}))


def _draw_week(form, week, date):
    form.heading(_("Week %(number)s") % {"number": week})
    form.row(
        (f"week{week}_start", _("First day of this week (%(format)s)") % {"format": date}, 1),
        (f"week{week}_notes", _("Anything new this week (a fall, a new medicine)?"), 3),
    )
    # (field, column heading, share of the width)
    columns = [
        ("day", _("Day and date"), 1.3),
        ("wake", _("Pain on waking (0–10)"), 1),
        ("worst", _("Pain at its worst (0–10)"), 1),
        ("bedtime", _("Pain at bedtime (0–10)"), 1),
        ("where", _("Where it hurt"), 2),
        ("doing", _("What you were doing when it got worse"), 2.4),
        ("helped", _("Medicines, and what helped"), 2.4),
        ("sleep", pgettext("pain diary column", "Pain kept me awake"), 0.9),
    ]
    gap = 4
    shares = sum(share for _field, _heading, share in columns)
    usable = form.content_width - gap * (len(columns) - 1)
    widths = [usable * share / shares for _field, _heading, share in columns]

    form.canvas.setFont(BOLD, 8)
    form.canvas.setFillColor(MUTED)
    x = form.left
    heading_lines = 0
    for (_field, heading, _share), width in zip(columns, widths, strict=True):
        lines = wrap(heading, BOLD, 8, width)
        heading_lines = max(heading_lines, len(lines))
        for number, line in enumerate(lines):
            form.canvas.drawString(x, form.y - 8 - number * 9.5, line)
        x += width + gap
    form.y -= heading_lines * 9.5 + 6

    row_height = (form.y - form.bottom) / 7 - 4
    for day in range(1, 8):
        x = form.left
        top = form.y
        for (field, heading, _share), width in zip(columns, widths, strict=True):
            name = f"week{week}_day{day}_{field}"
            label = _("Week %(week)s, day %(day)s: %(column)s") % {
                "week": week,
                "day": day,
                "column": heading,
            }
            if field == "sleep":
                middle = top - row_height / 2 - 6
                form.checkbox(name, "", x + width / 2 - 6, middle, 0, tooltip=label)
            elif field == "day":
                form.canvas.setFont(BOLD, 9)
                form.canvas.setFillColor(INK)
                form.canvas.drawString(x, top - 9, _("Day %(number)s") % {"number": day})
                form.text_field(name, label, x, top - row_height, width, row_height - 13)
            else:
                lines = 1 if field in {"wake", "worst", "bedtime"} else 3
                form.text_field(name, label, x, top - row_height, width, row_height, lines=lines)
            x += width + gap
        form.y -= row_height + 4


# Each form: its title, how its pages are drawn, and its page size.
FORMS = {
    "registration": (gettext_noop("New patient registration"), _draw_registration, letter),
    "diary": (gettext_noop("Pain diary"), _draw_diary, landscape(letter)),
}


# A form depends on nothing but the language and the practice's name and phone, so a process
# draws each once (a test run loads the demo many times).
@cache
def _drawn_form(kind, language, practice_name, phone):
    title_text, draw_pages, pagesize = FORMS[kind]
    practice = Practice(practice_name, phone)
    with translation.override(language):
        title = _(title_text)

        def draw(page_count):
            form = FormWriter(
                title=title,
                author=practice.practice_name,
                language=language,
                footer=f"{practice.practice_name} · {title}",
                pagesize=pagesize,
                page_count=page_count,
            )
            draw_pages(form, practice, title)
            return form

        return two_pass(draw)
