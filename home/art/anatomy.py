"""The treatments' pictures: the pelvis with the sacrum, ilium and SI joints, the six steps of SI
joint fusion, and one picture for each other demo treatment."""

from . import (
    AMBER,
    BONE,
    BONE_LINE,
    BONE_SHADE,
    INK,
    JOINT,
    LEAF,
    MIST,
    SACRUM,
    SAND,
    TEAL,
    TEAL_LIGHT,
    TEAL_MID,
    WHITE,
    mirrored,
    svg,
)

HERO = (1600, 640)
STEP = (640, 400)
LINE = f'stroke="{BONE_LINE}" stroke-width="5" stroke-linejoin="round"'

# The left half of the pelvis seen from the front, in an 800-wide half of a 1600 x 900 box:
# the wing of the ilium, the hip socket, the pubis and the ischium around the obturator
# foramen (the hole, drawn by the even-odd rule).
HIP_BONE = (
    "M712 300 C650 214 520 170 410 196 C370 206 350 240 352 270 C356 320 400 360 430 420 "
    "C446 452 452 490 446 530 C440 600 486 680 560 718 C610 744 700 736 790 704 "
    "L790 632 C720 626 672 612 640 590 C690 560 724 520 736 470 C742 420 730 350 712 300 Z "
    "M600 640 C630 632 660 660 650 690 C640 716 596 718 580 694 C566 672 574 648 600 640 Z"
)
ILIAC_FOSSA = (
    "M690 318 C640 250 540 222 450 240 C420 250 408 276 420 310 C440 360 500 420 560 452 "
    "C620 480 690 470 712 430 C724 400 712 350 690 318 Z"
)
SACRUM_SHAPE = (
    "M716 290 C760 276 840 276 884 290 C880 360 872 430 860 480 C846 540 826 580 800 604 "
    "C774 580 754 540 740 480 C728 430 720 360 716 290 Z"
)
SACRAL_FORAMINA = "".join(
    f'<ellipse cx="{800 - dx}" cy="{y}" rx="{r}" ry="{r * 0.75}" fill="{BONE_SHADE}"/>'
    f'<ellipse cx="{800 + dx}" cy="{y}" rx="{r}" ry="{r * 0.75}" fill="{BONE_SHADE}"/>'
    for dx, y, r in [(48, 330, 14), (42, 390, 12), (36, 446, 10), (28, 500, 8)]
)
SACRAL_RIDGES = "".join(
    f'<path d="M{800 - w} {y} Q800 {y + 8} {800 + w} {y}" stroke="{BONE_LINE}" stroke-width="3" fill="none" opacity="0.6"/>'
    for w, y in [(40, 360), (34, 418), (28, 474)]
)
# The SI joint: the narrow band where the sacrum meets the ilium, on each side.
SI_JOINT_LEFT = (
    f'<path d="M716 292 C722 350 728 420 742 478" stroke="{JOINT}" stroke-width="16" '
    'stroke-linecap="round" fill="none"/>'
)


def _lumbar(y, width):
    """A lumbar vertebra seen from the front: its body and the two side processes."""
    return (
        f'<rect x="{800 - width / 2}" y="{y}" width="{width}" height="62" rx="16" fill="{BONE}" {LINE}/>'
        f'<path d="M{800 - width / 2} {y + 26} L{800 - width / 2 - 58} {y + 18} L{800 - width / 2 - 58} {y + 38} '
        f'L{800 - width / 2} {y + 42} Z" fill="{BONE}" {LINE}/>'
        f'<path d="M{800 + width / 2} {y + 26} L{800 + width / 2 + 58} {y + 18} L{800 + width / 2 + 58} {y + 38} '
        f'L{800 + width / 2} {y + 42} Z" fill="{BONE}" {LINE}/>'
    )


def pelvis():
    """The pelvis from the front in a 1600 x 900 box: the sacrum (gold) wedged between the two
    hip bones (the ilium, pale bone), the SI joints where they meet in red, the two lowest
    lumbar vertebrae above and the tops of the thigh bones in the hip sockets."""
    femur_left = (
        f'<path d="M470 560 C430 600 420 660 430 760 L520 760 C512 690 520 640 548 600 Z" fill="{BONE}" {LINE}/>'
        f'<circle cx="500" cy="560" r="58" fill="{BONE}" {LINE}/>'
    )
    half = (
        femur_left
        + f'<path d="{HIP_BONE}" fill="{BONE}" fill-rule="evenodd" {LINE}/>'
        + f'<path d="{ILIAC_FOSSA}" fill="{BONE_SHADE}" opacity="0.45"/>'
        + f'<path d="M470 520 C500 490 540 500 556 530" stroke="{BONE_LINE}" stroke-width="4" fill="none"/>'
    )
    return (
        mirrored(half, 1600)
        + half
        + _lumbar(120, 150)
        + _lumbar(200, 160)
        + f'<path d="{SACRUM_SHAPE}" fill="{SACRUM}" {LINE}/>'
        + SACRAL_FORAMINA
        + SACRAL_RIDGES
        + f'<path d="M790 604 Q800 640 810 604" fill="{SACRUM}" {LINE}/>'
        + SI_JOINT_LEFT
        + mirrored(SI_JOINT_LEFT, 1600)
        + f'<rect x="791" y="634" width="18" height="68" rx="6" fill="{TEAL_LIGHT}"/>'
    )


def _glow(x, y, r):
    return f'<circle cx="{x}" cy="{y}" r="{r}" fill="{JOINT}" opacity="0.12"/>'


def si_joint_fusion_hero():
    """The pelvis, the right SI joint ringed, with three implants across it."""
    implants = "".join(
        f'<path d="M{x1} {y1} L{x2} {y2}" stroke="#6f7f8a" stroke-width="18" stroke-linecap="round"/>'
        f'<path d="M{x1} {y1} L{x2} {y2}" stroke="#c9d3da" stroke-width="6" stroke-linecap="round"/>'
        for x1, y1, x2, y2 in [(960, 330, 830, 340), (966, 390, 836, 400), (966, 450, 846, 452)]
    )
    picture = _glow(876, 390, 140) + pelvis() + implants
    return svg(*HERO, _fitted(picture) + _halo_frame())


def si_joint_injection_hero():
    """The pelvis with a thin needle reaching into the left SI joint."""
    needle = (
        f'<path d="M470 164 L716 380" stroke="#8a99a3" stroke-width="8" stroke-linecap="round"/>'
        f'<rect x="410" y="114" width="90" height="40" rx="8" fill="{TEAL_MID}" transform="rotate(41 455 134)"/>'
        f'<circle cx="722" cy="386" r="16" fill="{AMBER}" opacity="0.8"/>'
    )
    picture = _glow(726, 390, 130) + pelvis() + needle
    return svg(*HERO, _fitted(picture) + _halo_frame())


def _fitted(picture):
    """The 1600 x 900 pelvis drawing, scaled to sit whole in the wide hero."""
    return f'<g transform="translate(120 -70) scale(0.85)">{picture}</g>'


def _halo_frame():
    return f'<rect x="0" y="{HERO[1] - 16}" width="{HERO[0]}" height="16" fill="{TEAL}"/>'


def _spine_side(x, y, count, nerve=True):
    """A stack of vertebrae from the side: bodies in front, discs between, the spinal canal and
    a nerve root leaving at each level."""
    parts = []
    for i in range(count):
        top = y + i * 92
        parts.append(
            f'<rect x="{x}" y="{top}" width="150" height="72" rx="16" fill="{BONE}" {LINE}/>'
            f'<path d="M{x + 150} {top + 12} L{x + 250} {top + 4} C{x + 290} {top + 10} {x + 300} {top + 60} '
            f'{x + 262} {top + 70} L{x + 150} {top + 60} Z" fill="{BONE}" {LINE}/>'
            f'<circle cx="{x + 292}" cy="{top + 56}" r="22" fill="{BONE_SHADE}" {LINE}/>'
        )
        if i < count - 1:
            parts.append(
                f'<rect x="{x + 6}" y="{top + 74}" width="138" height="16" rx="7" fill="{TEAL_LIGHT}"/>'
            )
        if nerve:
            parts.append(
                f'<path d="M{x + 176} {top + 80} C{x + 190} {top + 110} {x + 170} {top + 140} {x + 120} {top + 170}" '
                f'stroke="#e8c23f" stroke-width="12" stroke-linecap="round" fill="none"/>'
            )
    canal = f'<rect x="{x + 156}" y="{y - 20}" width="30" height="{count * 92 + 20}" rx="12" fill="#f2d46b" opacity="0.9"/>'
    return canal + "".join(parts)


def _back():
    """The skin and muscle of the back, to the right of the spine, that a needle passes through."""
    return (
        '<path d="M1020 0 C1000 200 1000 440 1030 640 L1600 640 L1600 0 Z" fill="#f0cdb0" opacity="0.7"/>'
        '<path d="M1020 0 C1000 200 1000 440 1030 640" stroke="#d9a77f" stroke-width="6" fill="none"/>'
    )


def _spine_scene(picture):
    """A side view of the spine, larger, with the back's skin on the right."""
    return svg(
        *HERO,
        _back() + f'<g transform="translate(-120 -40) scale(1.15)">{picture}</g>' + _halo_frame(),
    )


def epidural_hero():
    """The lower spine from the side, a needle reaching the space around the nerves, with the
    medicine spreading there in blue."""
    medicine = '<ellipse cx="740" cy="330" rx="36" ry="90" fill="#3a8fd1" opacity="0.35"/>'
    needle = (
        '<path d="M1180 200 L760 320" stroke="#8a99a3" stroke-width="8" stroke-linecap="round"/>'
        f'<rect x="1170" y="170" width="110" height="44" rx="8" fill="{TEAL_MID}" transform="rotate(-16 1220 192)"/>'
    )
    return _spine_scene(_glow(740, 330, 180) + _spine_side(560, 90, 5) + medicine + needle)


def ablation_hero():
    """The spine from the side, a probe at one small joint at the back and waves of gentle heat."""
    waves = "".join(
        f'<path d="M{852 + 18 * i} {300 - 30 - 14 * i} Q{880 + 22 * i} 330 {852 + 18 * i} {360 + 30 + 14 * i}" '
        f'stroke="{AMBER}" stroke-width="8" fill="none" stroke-linecap="round" opacity="{0.9 - 0.2 * i}"/>'
        for i in range(3)
    )
    probe = (
        '<path d="M1260 140 L870 330" stroke="#8a99a3" stroke-width="10" stroke-linecap="round"/>'
        f'<circle cx="866" cy="332" r="10" fill="{JOINT}"/>'
        f'<rect x="1240" y="110" width="130" height="48" rx="10" fill="{TEAL_MID}" transform="rotate(-26 1300 134)"/>'
    )
    return _spine_scene(_glow(860, 330, 170) + _spine_side(560, 90, 5, nerve=False) + waves + probe)


def _limb(points, colour, width=44):
    path = " L".join(f"{x} {y}" for x, y in points)
    return (
        f'<path d="M{path}" stroke="{colour}" stroke-width="{width}" stroke-linecap="round" '
        'stroke-linejoin="round" fill="none"/>'
    )


def physical_therapy_hero():
    """A patient on an exercise mat doing the "bird dog" (on hands and knees, one arm and the
    opposite leg stretched out), a therapist kneeling beside them."""
    skin, shirt, trousers = "#c68a5e", TEAL_MID, "#34495e"
    patient = (
        _limb([(760, 440), (770, 530), (880, 530)], trousers, 48)  # the leg kneeling
        + _limb([(760, 440), (900, 420), (1040, 420)], trousers, 48)  # the leg stretched out
        + _limb([(620, 430), (760, 440)], shirt, 86)  # the back, level
        + _limb([(640, 430), (640, 530)], shirt, 38)  # the arm on the mat
        + _limb([(600, 410), (460, 380)], shirt, 36)  # the arm stretched out
        + f'<circle cx="440" cy="378" r="20" fill="{skin}"/>'
        + f'<circle cx="560" cy="392" r="42" fill="{skin}"/>'
        + '<path d="M522 380 C520 340 580 332 600 372 Z" fill="#2b1d16"/>'
    )
    therapist = (
        _limb([(1240, 330), (1240, 470), (1160, 530)], "#5b6b7a", 46)
        + _limb([(1240, 300), (1240, 420)], WHITE, 90)
        + _limb([(1220, 330), (1130, 380)], WHITE, 34)
        + '<circle cx="1118" cy="386" r="18" fill="#f0c8a4"/>'
        + '<circle cx="1242" cy="236" r="46" fill="#f0c8a4"/>'
        + '<path d="M1196 230 C1190 170 1290 170 1288 230 C1270 206 1220 206 1196 230 Z" fill="#a0662f"/>'
    )
    mat = f'<rect x="380" y="540" width="800" height="30" rx="15" fill="{LEAF}"/>'
    room = (
        f'<rect x="0" y="570" width="1600" height="70" fill="{SAND}"/>'
        '<rect x="140" y="90" width="300" height="240" rx="10" fill="#cfe8ef" stroke="#ffffff" stroke-width="12"/>'
        '<path d="M290 90 L290 330" stroke="#ffffff" stroke-width="10"/>'
        f'<rect x="1380" y="150" width="40" height="390" rx="20" fill="{TEAL_LIGHT}"/>'
        f'<rect x="1440" y="200" width="40" height="340" rx="20" fill="{TEAL_LIGHT}"/>'
    )
    people = f'<g transform="translate(-200 -120) scale(1.25)">{mat + therapist + patient}</g>'
    return svg(*HERO, room + people + _halo_frame())


# Steps of SI joint fusion: a close view of the SI joint (ilium on the left, sacrum on the right).
def _joint_close_up(extra=""):
    body = (
        f'<path d="M40 40 L300 60 C280 160 300 260 290 360 L40 360 Z" fill="{BONE}" {LINE}/>'
        f'<path d="M340 60 L600 40 L600 360 L330 360 C340 260 320 160 340 60 Z" fill="{SACRUM}" {LINE}/>'
        f'<path d="M320 60 C300 160 320 260 310 360" stroke="{JOINT}" stroke-width="18" fill="none"/>'
    )
    return svg(*STEP, body + extra, background=MIST)


def _patient_lying(extra=""):
    """A patient lying face down on the operating table, seen from the side."""
    body = (
        '<rect x="40" y="250" width="560" height="24" rx="8" fill="#7c8b94"/>'
        '<rect x="300" y="274" width="40" height="90" fill="#5f6d75"/>'
        f'<path d="M110 230 L520 230 C560 230 570 250 560 252 L100 252 Z" fill="{TEAL_LIGHT}"/>'
        f'<circle cx="92" cy="226" r="34" fill="#d3a27a"/>'
        f'<path d="M120 240 C200 196 300 196 360 212 C420 196 480 210 540 236 L540 252 L120 252 Z" fill="{TEAL_MID}"/>'
    )
    return svg(*STEP, body + extra, background=MIST)


def si_fusion_steps():
    """The six steps, in order: anesthesia, the incision, the guide pin and drilled path, the
    bone graft, the implants, and the closed wound."""
    monitor = (
        '<rect x="470" y="60" width="120" height="90" rx="10" fill="#2d3b44"/>'
        '<path d="M484 110 L510 110 L520 86 L534 132 L546 104 L576 104" stroke="#5fd08b" stroke-width="5" fill="none"/>'
        '<rect x="524" y="150" width="12" height="60" fill="#5f6d75"/>'
        f'<path d="M92 190 C110 150 160 130 200 130" stroke="{TEAL}" stroke-width="6" fill="none"/>'
    )
    incision = (
        '<path d="M350 212 L420 206" stroke="#b23a26" stroke-width="6" stroke-dasharray="10 8" stroke-linecap="round"/>'
        '<path d="M420 150 L470 110" stroke="#8a99a3" stroke-width="8" stroke-linecap="round"/>'
        '<rect x="460" y="80" width="60" height="22" rx="6" fill="#5f6d75" transform="rotate(-38 490 92)"/>'
    )
    guide_pin = (
        '<path d="M20 200 L460 200" stroke="#8a99a3" stroke-width="8" stroke-linecap="round"/>'
        '<path d="M20 200 L360 200" stroke="#5f6d75" stroke-width="26" stroke-linecap="round" opacity="0.35"/>'
        f'<path d="M470 190 L490 200 L470 210 Z" fill="{INK}"/>'
    )
    graft = "".join(
        f'<circle cx="{312 + (i % 3) * 6 - 6}" cy="{90 + i * 18}" r="7" fill="#f7f0e0" stroke="{BONE_LINE}" stroke-width="2"/>'
        for i in range(14)
    )
    implants = "".join(
        f'<rect x="120" y="{y}" width="400" height="34" rx="10" fill="#8e9ba5" stroke="#5f6d75" stroke-width="4"/>'
        f'<path d="M140 {y + 17} L500 {y + 17}" stroke="#c9d3da" stroke-width="4" stroke-dasharray="14 10"/>'
        for y in (100, 184, 268)
    )
    closed = (
        f'<rect x="340" y="180" width="110" height="44" rx="10" fill="{WHITE}" stroke="#c9d3da" stroke-width="3"/>'
        '<rect x="372" y="190" width="46" height="24" rx="4" fill="#f6e7cf"/>'
        f'<circle cx="520" cy="100" r="44" fill="{LEAF}"/>'
        f'<path d="M498 100 L514 116 L544 84" stroke="{WHITE}" stroke-width="9" fill="none" stroke-linecap="round"/>'
    )
    return [
        _patient_lying(monitor),
        _patient_lying(incision),
        _joint_close_up(guide_pin),
        _joint_close_up(graft),
        _joint_close_up(implants),
        _patient_lying(closed),
    ]
