"""The pain quiz's clinical vocabulary and rules engine, with no database and no forms.

The answers a patient can give are fixed here because the rules depend on what they
mean; which treatment may follow which answers is data staff edit (QuizRule). The
engine is pure, so a test and the admin's check can walk every combination of answers.
"""

import itertools
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class RedFlag(models.TextChoices):
    """Symptoms that need care today, not a treatment suggestion."""

    BLADDER_BOWEL = "bladder_bowel", _("New loss of control of your bladder or bowels")
    SADDLE_NUMBNESS = "saddle_numbness", _("Numbness in your groin or inner thighs")
    WEAKNESS = "weakness", _("Weakness in a leg that is getting worse quickly")
    FEVER = "fever", _("Fever or chills together with back pain")
    CANCER = "cancer", _("New back pain after having had cancer, or weight loss you cannot explain")
    INJURY = "injury", _("Pain that started after a recent serious fall or accident")


class Region(models.TextChoices):
    SI = "si", _("Low in the back on one side, or in the buttock")
    LOW_BACK = "low_back", _("Across the lower back")
    LEG = "leg", _("Down a leg, starting in the lower back")
    MID_BACK = "mid_back", _("In the middle of the back")
    NECK = "neck", _("In the neck, or down an arm")


class PainType(models.TextChoices):
    JOINT = "joint", _("An ache that sitting, standing for long or lying on one side makes worse")
    FACET = "facet", _("An ache that bending backwards or twisting makes worse")
    NERVE = (
        "nerve",
        _("Shooting or burning pain, numbness or tingling that travels down a leg or an arm"),
    )
    WALKING = "walking", _("Pain in the legs when walking, eased by sitting or leaning forward")


class Duration(models.IntegerChoices):
    """How long the pain has lasted, as the least number of months."""

    UNDER_THREE_MONTHS = 0, _("Less than three months")
    THREE_MONTHS = 3, _("Three to six months")
    SIX_MONTHS = 6, _("Six months or more")


class Tried(models.TextChoices):
    """Care already tried, with how it went: the order of care depends on both."""

    THERAPY = "therapy", _("Physical therapy or an exercise plan, without lasting relief")
    MEDICINE = "medicine", _("Pain medicines, without lasting relief")
    INJECTION = (
        "injection",
        _("A spinal injection, such as an epidural, that helped only for a while"),
    )
    SI_INJECTION = (
        "si_injection",
        _("A diagnostic SI joint injection that eased the pain, but only for a short while"),
    )
    NERVE_BLOCK = (
        "nerve_block",
        _(
            "Test nerve blocks of the small joints of the spine that eased the pain "
            "for a short while"
        ),
    )


CONSERVATIVE_CARE = {Tried.THERAPY, Tried.MEDICINE}
DIAGNOSTIC_BLOCKS = {Tried.SI_INJECTION, Tried.NERVE_BLOCK}


class Prerequisite(models.TextChoices):
    """What a patient must already have tried, and how it went, before a treatment is suggested."""

    NOTHING = "nothing", _("Nothing: it can be the first step")
    CONSERVATIVE = "conservative", _("Physical therapy or medicines, tried without lasting relief")
    DIAGNOSTIC_BLOCK = (
        "diagnostic_block",
        _(
            "Physical therapy or medicines without lasting relief, and a diagnostic injection "
            "or nerve block that gave short relief"
        ),
    )
    SI_INJECTION = (
        "si_injection",
        _(
            "Physical therapy or medicines without lasting relief, and a diagnostic SI joint "
            "injection that gave short relief"
        ),
    )

    def is_met(self, tried):
        conservative_failed = bool(tried & CONSERVATIVE_CARE)
        if self == Prerequisite.NOTHING:
            return True
        if self == Prerequisite.CONSERVATIVE:
            return conservative_failed
        if self == Prerequisite.DIAGNOSTIC_BLOCK:
            return conservative_failed and bool(tried & DIAGNOSTIC_BLOCKS)
        return conservative_failed and Tried.SI_INJECTION in tried


@dataclass(frozen=True)
class Answers:
    red_flags: frozenset = frozenset()
    region: str = ""
    pain_type: str = ""
    duration: int = 0
    tried: frozenset = frozenset()

    def describe(self):
        """The answers in words, for a message that names an example."""
        tried = "; ".join(str(Tried(t).label) for t in sorted(self.tried)) or _("nothing yet")
        return _("pain %(region)s, %(type)s, for %(duration)s, having tried: %(tried)s") % {
            "region": str(Region(self.region).label).lower(),
            "type": str(PainType(self.pain_type).label).lower(),
            "duration": str(Duration(self.duration).label).lower(),
            "tried": tried.lower(),
        }


def subsets(choices):
    """Every set of the choices, from none to all: the ways to tick a list of checkboxes."""
    values = [c.value for c in choices]
    return [
        frozenset(combination)
        for size in range(len(values) + 1)
        for combination in itertools.combinations(values, size)
    ]


def answers_without_red_flags():
    """Every way through the quiz's questions once the red flags have all been answered no."""
    for region, pain_type, duration, tried in itertools.product(
        Region.values, PainType.values, Duration.values, subsets(Tried)
    ):
        yield Answers(frozenset(), region, pain_type, duration, tried)


@dataclass
class Result:
    urgent: bool
    suggestions: list  # QuizRule rows, in the order of care


def suggest(answers, rules):
    """Red flags end the quiz; otherwise every rule the answers satisfy, gentlest first."""
    if answers.red_flags:
        return Result(urgent=True, suggestions=[])
    matching = [rule for rule in rules if rule.allows(answers)]
    matching.sort(key=lambda r: (r.treatment.care_step, r.treatment.sort_order, r.treatment.name))
    return Result(urgent=False, suggestions=matching)


# The least a patient must have been through before each later step of care is
# suggested: blocks before ablation, conservative care before surgery.
LEAST_PREREQUISITE = {3: Prerequisite.DIAGNOSTIC_BLOCK, 4: Prerequisite.CONSERVATIVE}


def order_of_care_breach(rule, care_step):
    """The first answers for which the rule would suggest its step too early, else None."""
    least = LEAST_PREREQUISITE.get(care_step)
    if least is None:
        return None
    for answers in answers_without_red_flags():
        if rule.allows(answers) and not least.is_met(answers.tried):
            return answers
    return None
