"""Illustrated people: the providers' portraits and the clinician and patient of the home page.

A person is drawn as a bust in a 400 x 500 box (head centred at 200, 200) and placed by a
transform, so one drawing serves a portrait and a scene.
"""

from dataclasses import dataclass

from . import INK, TEAL, TEAL_MID, WHITE, svg


@dataclass(frozen=True)
class Look:
    skin: str
    hair: str
    hair_colour: str
    top: str = "coat"  # "coat" (a physician's white coat), "scrubs" or a colour for clothes
    shirt: str = "#7fa7c9"
    glasses: bool = False
    beard: bool = False


SKIN = {
    "light": "#f6d5bd",
    "fair": "#ebbd98",
    "olive": "#d3a27a",
    "tan": "#b57d54",
    "brown": "#8a5636",
    "deep": "#5f3a25",
}


def _hair_back(look):
    c = look.hair_colour
    if look.hair == "long":
        return (
            f'<path d="M112 215 C96 110 160 84 202 86 C250 86 308 112 290 220 '
            f'C296 280 306 330 318 372 C262 392 142 392 84 372 C98 330 108 280 112 215 Z" fill="{c}"/>'
        )
    if look.hair == "bob":
        return (
            f'<path d="M114 215 C100 112 162 86 202 88 C248 88 304 114 288 218 '
            f'C292 250 296 280 300 300 C250 312 150 312 102 300 C106 280 110 250 114 215 Z" fill="{c}"/>'
        )
    if look.hair == "bun":
        return f'<circle cx="200" cy="96" r="40" fill="{c}"/>'
    return ""


def _hair_front(look):
    c = look.hair_colour
    if look.hair in ("short", "bun", "long", "bob"):
        parting = {
            "short": "C150 150 136 172 128 205",
            "bun": "C150 140 134 168 128 200",
            "long": "C160 150 140 190 132 236",
            "bob": "C160 150 140 180 132 220",
        }[look.hair]
        return (
            f'<path d="M128 205 C116 128 170 102 208 104 C258 106 290 140 276 206 '
            f'C266 164 238 142 206 140 {parting} Z" fill="{c}"/>'
        )
    if look.hair == "curly":
        curls = "".join(
            f'<circle cx="{x}" cy="{y}" r="{r}" fill="{c}"/>'
            for x, y, r in [
                (136, 176, 26), (150, 140, 30), (182, 118, 32), (222, 116, 32),
                (254, 136, 30), (268, 172, 26), (200, 130, 30),
            ]
        )  # fmt: skip
        return curls
    if look.hair == "receding":
        return (
            f'<path d="M128 214 C124 176 134 150 150 140 C146 168 142 190 140 214 Z" fill="{c}"/>'
            f'<path d="M272 214 C276 176 266 150 250 140 C254 168 258 190 260 214 Z" fill="{c}"/>'
        )
    return ""


def _top(look):
    if look.top == "coat":
        return (
            f'<path d="M36 500 C40 410 96 362 200 356 C304 362 360 410 364 500 Z" fill="{WHITE}" '
            f'stroke="#c8d3da" stroke-width="3"/>'
            f'<path d="M164 360 L200 440 L236 360 Z" fill="{look.shirt}"/>'
            '<path d="M164 360 L196 470 M236 360 L204 470" stroke="#c8d3da" stroke-width="4" fill="none"/>'
            # The stethoscope around the neck.
            f'<path d="M150 366 C140 420 150 450 176 470 M250 366 C260 420 250 450 224 470" '
            f'stroke="{INK}" stroke-width="6" fill="none" stroke-linecap="round"/>'
            f'<circle cx="250" cy="472" r="12" fill="#7c8b94" stroke="{INK}" stroke-width="4"/>'
            '<rect x="270" y="410" width="44" height="8" rx="3" fill="#5b8fb9"/>'
        )
    colour = TEAL_MID if look.top == "scrubs" else look.top
    return (
        f'<path d="M36 500 C40 410 96 362 200 356 C304 362 360 410 364 500 Z" fill="{colour}"/>'
        f'<path d="M162 360 L200 420 L238 360 Z" fill="#00000022"/>'
        + (
            '<rect x="262" y="420" width="50" height="34" rx="4" fill="#00000018"/>'
            if look.top == "scrubs"
            else ""
        )
    )


def _face(look):
    eyes = (
        f'<ellipse cx="172" cy="212" rx="7" ry="8" fill="{INK}"/>'
        f'<ellipse cx="228" cy="212" rx="7" ry="8" fill="{INK}"/>'
        f'<path d="M156 190 Q172 182 186 190 M214 190 Q228 182 244 190" stroke="{look.hair_colour if look.hair != "none" else INK}" '
        f'stroke-width="6" fill="none" stroke-linecap="round"/>'
    )
    nose = '<path d="M200 220 Q194 240 202 244" stroke="#00000040" stroke-width="4" fill="none" stroke-linecap="round"/>'
    mouth = f'<path d="M178 260 Q200 278 222 260" stroke="{INK}" stroke-width="5" fill="none" stroke-linecap="round"/>'
    cheeks = (
        '<ellipse cx="160" cy="244" rx="14" ry="8" fill="#e0786b" opacity="0.25"/>'
        '<ellipse cx="240" cy="244" rx="14" ry="8" fill="#e0786b" opacity="0.25"/>'
    )
    glasses = (
        f'<g stroke="{INK}" stroke-width="4" fill="#ffffff22"><rect x="148" y="196" width="46" height="34" rx="12"/>'
        f'<rect x="206" y="196" width="46" height="34" rx="12"/><path d="M194 210 L206 210"/></g>'
        if look.glasses
        else ""
    )
    beard = (
        f'<path d="M132 224 C136 292 170 312 200 312 C230 312 264 292 268 224 C256 262 232 272 200 272 '
        f'C168 272 144 262 132 224 Z" fill="{look.hair_colour}"/>'
        f'<path d="M180 262 Q200 272 220 262" stroke="{INK}" stroke-width="5" fill="none" stroke-linecap="round"/>'
        if look.beard
        else ""
    )
    return eyes + nose + cheeks + mouth + beard + glasses


def bust(look):
    """A person from the chest up, in the 400 x 500 box."""
    return (
        _hair_back(look)
        + _top(look)
        + f'<path d="M172 280 L172 362 Q200 378 228 362 L228 280 Z" fill="{look.skin}"/>'
        + '<path d="M172 330 Q200 346 228 330 L228 300 L172 300 Z" fill="#00000018"/>'
        + f'<ellipse cx="128" cy="220" rx="14" ry="20" fill="{look.skin}"/>'
        + f'<ellipse cx="272" cy="220" rx="14" ry="20" fill="{look.skin}"/>'
        + f'<ellipse cx="200" cy="210" rx="72" ry="88" fill="{look.skin}"/>'
        + _hair_front(look)
        + _face(look)
    )


def portrait(look, background):
    """A provider's portrait, 4:5, the person against a soft circle of colour."""
    return svg(
        400,
        500,
        f'<circle cx="200" cy="230" r="170" fill="{WHITE}" opacity="0.55"/>'
        f'<circle cx="330" cy="70" r="40" fill="{WHITE}" opacity="0.35"/>' + bust(look),
        background=background,
    )


def consultation():
    """The home page's picture: a clinician explaining a spine model to a patient across a desk,
    a window with trees behind them."""
    doctor = Look(skin=SKIN["tan"], hair="bob", hair_colour="#2b1d16", shirt="#9fc4d8")
    patient = Look(
        skin=SKIN["fair"], hair="receding", hair_colour="#8c8c8c", top="#c0683f", glasses=True
    )
    window = (
        '<rect x="90" y="80" width="440" height="360" rx="12" fill="#cfe8ef" stroke="#ffffff" stroke-width="14"/>'
        '<circle cx="210" cy="330" r="110" fill="#7fb47f"/><circle cx="400" cy="350" r="90" fill="#6aa36d"/>'
        '<rect x="90" y="380" width="440" height="60" fill="#a8cf98"/>'
        '<path d="M310 80 L310 440 M90 260 L530 260" stroke="#ffffff" stroke-width="10"/>'
    )
    shelf = (
        '<rect x="860" y="150" width="260" height="14" rx="4" fill="#b88a5a"/>'
        '<rect x="880" y="92" width="26" height="58" fill="#5b8fb9"/><rect x="910" y="100" width="22" height="50" fill="#e2a54a"/>'
        '<rect x="936" y="86" width="30" height="64" fill="#7aa58a"/>'
        '<path d="M1040 150 C1030 110 1060 90 1070 70 C1080 100 1100 110 1090 150 Z" fill="#4f8f5b"/>'
        '<rect x="1040" y="130" width="50" height="22" rx="4" fill="#c8764a"/>'
    )
    plant = (
        '<path d="M1130 770 C1100 680 1070 650 1040 620 C1090 636 1120 670 1138 720 C1140 650 1156 600 1186 570 '
        'C1178 640 1162 700 1156 770 Z" fill="#4f8f5b"/>'
        '<path d="M1100 760 L1190 760 L1178 850 L1112 850 Z" fill="#c8764a"/>'
    )
    # A spine model on its stand, which the clinician points to.
    vertebrae = "".join(
        f'<rect x="{614 - i * 1.5}" y="{560 + i * 28}" width="{56 + i * 3}" height="22" rx="9" '
        'fill="#f3e4c6" stroke="#9c7b4a" stroke-width="3"/>'
        for i in range(6)
    )
    spine_model = (
        vertebrae
        + '<path d="M604 728 C610 764 664 764 676 728 Z" fill="#e9b45f" stroke="#9c7b4a" stroke-width="3"/>'
        + '<rect x="636" y="756" width="10" height="22" fill="#7c8b94"/>'
        + '<rect x="604" y="772" width="76" height="12" rx="5" fill="#5f6d75"/>'
    )
    desk = (
        '<rect x="0" y="780" width="1200" height="120" fill="#d8b487"/>'
        '<rect x="0" y="780" width="1200" height="20" fill="#c79d6a"/>'
        '<g transform="rotate(-5 900 770)"><rect x="820" y="748" width="160" height="40" rx="5" fill="#ffffff"/>'
        '<path d="M840 762 L950 762 M840 776 L920 776" stroke="#b7c4cc" stroke-width="5"/></g>'
    )
    body = (
        '<rect x="0" y="0" width="1200" height="900" fill="#eef5f2"/>'
        + window
        + shelf
        + f'<g transform="translate(120 250) scale(1.15)">{bust(doctor)}</g>'
        + f'<g transform="translate(700 290) scale(1.1)">{bust(patient)}</g>'
        # The clinician's arm towards the model.
        + f'<path d="M440 760 C500 700 560 670 600 650" stroke="{WHITE}" stroke-width="50" '
        'stroke-linecap="round" fill="none"/>'
        + f'<circle cx="606" cy="646" r="22" fill="{SKIN["tan"]}"/>'
        + spine_model
        + desk
        + plant
        + f'<rect x="0" y="880" width="1200" height="20" fill="{TEAL}"/>'
    )
    return svg(1200, 900, body)
