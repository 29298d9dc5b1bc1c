"""The offices' pictures: the front of each building from across its parking lot, each a little
different (walls, roof, windows, awning, trees; palms in Florida)."""

from dataclasses import dataclass

from . import LEAF, LEAF_DARK, TEAL, WHITE, svg

WIDTH, HEIGHT = 1200, 750


@dataclass(frozen=True)
class Front:
    wall: str  # the walls' colour
    roof: str  # "flat", "gable" or "parapet"
    storeys: int
    awning: str  # the entrance awning's colour
    trees: str  # "round" or "palm"
    brick: bool = False
    sky: str = "#cfe6ef"
    door_left: bool = False  # the entrance at the left end rather than the middle


def _tree(x, ground, size):
    return (
        f'<rect x="{x - 8}" y="{ground - size}" width="16" height="{size}" fill="#7a5a3c"/>'
        f'<circle cx="{x}" cy="{ground - size}" r="{size * 0.55}" fill="{LEAF}"/>'
        f'<circle cx="{x - size * 0.3}" cy="{ground - size * 0.8}" r="{size * 0.38}" fill="{LEAF_DARK}"/>'
    )


def _palm(x, ground, size):
    fronds = "".join(
        f'<path d="M{x} {ground - size} q{dx * 0.5} {-40} {dx} {dy}" stroke="{LEAF}" stroke-width="18" '
        'fill="none" stroke-linecap="round"/>'
        for dx, dy in [(-110, 30), (-80, -30), (0, -60), (80, -30), (110, 30), (-40, 40), (50, 40)]
    )
    return (
        f'<path d="M{x - 10} {ground} C{x - 4} {ground - size * 0.5} {x - 20} {ground - size * 0.8} {x} {ground - size}" '
        'stroke="#8c6a48" stroke-width="20" fill="none"/>' + fronds
    )


def office_front(front):
    ground = 560
    floor = 130
    top = ground - front.storeys * floor - 40
    left, right = 170, 1030
    wall = f'<rect x="{left}" y="{top}" width="{right - left}" height="{ground - top}" fill="{front.wall}"/>'
    if front.brick:
        wall += "".join(
            f'<path d="M{left} {y} L{right} {y}" stroke="#00000014" stroke-width="3"/>'
            for y in range(top + 16, ground, 18)
        )
    if front.roof == "gable":
        roof = (
            f'<path d="M{left - 30} {top + 4} L600 {top - 150} L{right + 30} {top + 4} Z" fill="#5b4a44"/>'
            f'<path d="M{left - 30} {top + 4} L{right + 30} {top + 4}" stroke="#463833" stroke-width="10"/>'
        )
    elif front.roof == "parapet":
        roof = f'<rect x="{left - 14}" y="{top - 30}" width="{right - left + 28}" height="40" fill="#00000030"/>'
    else:
        roof = f'<rect x="{left - 20}" y="{top - 14}" width="{right - left + 40}" height="18" fill="#3d4a52"/>'
    door_x = left + 60 if front.door_left else 540
    windows = []
    for storey in range(front.storeys):
        y = ground - (storey + 1) * floor + 20
        for x in range(left + 50, right - 80, 130):
            if door_x - 100 < x < door_x + 130:
                continue
            windows.append(
                f'<rect x="{x}" y="{y}" width="80" height="86" rx="4" fill="#9fcde0" stroke="{WHITE}" stroke-width="8"/>'
                f'<path d="M{x + 8} {y + 70} L{x + 60} {y + 10}" stroke="{WHITE}" stroke-width="6" opacity="0.6"/>'
            )
    entrance = (
        f'<rect x="{door_x}" y="{ground - 128}" width="120" height="128" fill="#7fb7cc" stroke="#3d4a52" stroke-width="6"/>'
        f'<path d="M{door_x + 60} {ground - 128} L{door_x + 60} {ground}" stroke="#3d4a52" stroke-width="5"/>'
        f'<path d="M{door_x - 30} {ground - 150} L{door_x + 150} {ground - 150} L{door_x + 136} {ground - 118} '
        f'L{door_x - 16} {ground - 118} Z" fill="{front.awning}"/>'
        # The practice's sign above the door: its mark, a circle with a rising line.
        f'<rect x="{door_x - 10}" y="{ground - 210}" width="140" height="46" rx="8" fill="{WHITE}"/>'
        f'<circle cx="{door_x + 22}" cy="{ground - 187}" r="15" fill="{TEAL}"/>'
        f'<rect x="{door_x + 46}" y="{ground - 196}" width="70" height="8" rx="4" fill="{TEAL}"/>'
        f'<rect x="{door_x + 46}" y="{ground - 182}" width="48" height="6" rx="3" fill="#7c8b94"/>'
        # A ramp beside the steps: a step-free entrance.
        f'<path d="M{door_x + 120} {ground} L{door_x + 240} {ground + 14} L{door_x + 120} {ground + 14} Z" fill="#c9c5bd"/>'
    )
    plant = _palm if front.trees == "palm" else _tree
    trees = plant(100, ground + 20, 230) + plant(1110, ground + 20, 190)
    shrubs = "".join(
        f'<ellipse cx="{x}" cy="{ground + 4}" rx="46" ry="26" fill="{LEAF_DARK}"/>'
        for x in range(left + 40, right, 170)
        if not door_x - 60 < x < door_x + 260
    )
    lot = (
        f'<rect x="0" y="{ground}" width="{WIDTH}" height="{HEIGHT - ground}" fill="#a9b3b9"/>'
        f'<rect x="0" y="{ground}" width="{WIDTH}" height="26" fill="#d8d4cc"/>'
        + "".join(
            f'<path d="M{x} {ground + 60} L{x - 40} {HEIGHT}" stroke="{WHITE}" stroke-width="8"/>'
            for x in range(160, WIDTH, 220)
        )
        + _car(250, HEIGHT - 70, "#c0683f")
        + _car(800, HEIGHT - 60, "#4a6b8a")
    )
    clouds = (
        '<ellipse cx="260" cy="110" rx="90" ry="30" fill="#ffffff" opacity="0.8"/>'
        '<ellipse cx="930" cy="80" rx="120" ry="34" fill="#ffffff" opacity="0.7"/>'
    )
    body = clouds + roof + wall + "".join(windows) + entrance + lot + shrubs + trees
    return svg(WIDTH, HEIGHT, body, background=front.sky)


def _car(x, y, colour):
    return (
        f'<rect x="{x}" y="{y - 60}" width="200" height="60" rx="18" fill="{colour}"/>'
        f'<path d="M{x + 40} {y - 60} L{x + 64} {y - 100} L{x + 140} {y - 100} L{x + 166} {y - 60} Z" fill="{colour}"/>'
        f'<path d="M{x + 54} {y - 62} L{x + 72} {y - 92} L{x + 132} {y - 92} L{x + 152} {y - 62} Z" fill="#cfe6ef"/>'
        f'<circle cx="{x + 44}" cy="{y}" r="22" fill="#2d3b44"/><circle cx="{x + 156}" cy="{y}" r="22" fill="#2d3b44"/>'
    )
