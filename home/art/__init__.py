"""The demo's pictures, drawn here as SVG and rasterized by load_demo (nothing downloaded).

Every picture is a function that returns SVG text; `core.images.store_drawing` turns it into
the PNG that the image pipeline stores, with its WebP renditions, as for an upload. No
picture holds words: one image serves the English and the Spanish page, and its alt text
(stored in both languages) says what it shows.
"""

# One palette for every picture, close to the site's own colours (static/css/site.css).
INK = "#1d3440"
TEAL = "#0f5a6e"
TEAL_MID = "#2f8197"
TEAL_LIGHT = "#bfdde4"
MIST = "#e6f1f3"
SAND = "#f5ead6"
BONE = "#f3e4c6"
BONE_SHADE = "#dcc296"
BONE_LINE = "#9c7b4a"
SACRUM = "#e9b45f"
JOINT = "#d2452c"
AMBER = "#f2a33a"
LEAF = "#4f8f5b"
LEAF_DARK = "#356b42"
WHITE = "#ffffff"


def svg(width, height, body, background=MIST):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><rect width="{width}" height="{height}" '
        f'fill="{background}"/>{body}</svg>'
    )


def mirrored(body, width):
    """The same drawing, flipped left to right about the middle of a picture `width` wide."""
    return f'<g transform="translate({width} 0) scale(-1 1)">{body}</g>'
