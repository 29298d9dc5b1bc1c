"""What every document shares: page size, colours, type, and a writer that lays out a
fillable form from the top of the page down, starting a new page when one is full."""

from io import BytesIO

from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

# The site's colours (static/css/site.css), dark enough to print well in greyscale.
INK = HexColor("#1b2a33")
ACCENT = HexColor("#1f5e78")
MUTED = HexColor("#4f5f69")
RULE = HexColor("#9fb3bf")
FIELD_FILL = HexColor("#f3f7f9")
FIELD_BORDER = HexColor("#6f8794")

# The PDF standard fonts: every viewer has them, so nothing is embedded and the files stay
# small; their encoding holds every accented letter Spanish needs.
REGULAR, BOLD, ITALIC = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
MARGIN = 54  # three quarters of an inch: inside every printer's unprintable edge


def new_canvas(buffer, *, title, author, language, pagesize=letter):
    canvas = Canvas(buffer, pagesize=pagesize, invariant=True, lang=language, pageCompression=1)
    describe(canvas, title=title, author=author)
    return canvas


def describe(canvas, *, title, author):
    """The document's title, shown by viewers (and read by screen readers) in place of its
    file name."""
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setCreator(author)
    canvas.setViewerPreference("DisplayDocTitle", "true")


def wrap(text, font, size, width):
    return simpleSplit(text, font, size, width)


def fitted_lines(text, font, size, width, *, smallest):
    """(size, lines): `text` on one line at the largest size from `size` down to
    `smallest`, else wrapped at `smallest`. Nothing a patient needs to read is cut off."""
    while size > smallest and stringWidth(text, font, size) > width:
        size -= 0.25
    return size, wrap(text, font, size, width)


class FormWriter:
    """Draws a form top-down: headings, notes, rows of labelled fields and checkbox grids.

    Field labels are drawn on the page (for print) and given as each field's tooltip, which
    is the name screen readers announce for it."""

    FIELD_HEIGHT = 18
    LABEL_SIZE = 8.5

    def __init__(self, *, title, author, language, footer, pagesize=letter, page_count=None):
        self.buffer = BytesIO()
        self.canvas = new_canvas(
            self.buffer, title=title, author=author, language=language, pagesize=pagesize
        )
        self.form = self.canvas.acroForm
        self.width, self.height = pagesize
        self.left, self.right = MARGIN, self.width - MARGIN
        self.footer = footer
        self.page_count = page_count
        self.y = self.height - MARGIN

    @property
    def content_width(self):
        return self.right - self.left

    @property
    def bottom(self):
        """The lowest point content may reach: the footer is below it."""
        return MARGIN + 18

    # Pages

    def ensure(self, needed):
        """Start a new page unless `needed` points still fit above the footer."""
        if self.y - needed < self.bottom:
            self.new_page()

    def new_page(self):
        self._draw_footer()
        self.canvas.showPage()
        self.y = self.height - MARGIN

    def finish(self):
        """The PDF's bytes; `pages` then holds its number of pages."""
        self._draw_footer()
        self.pages = self.canvas.getPageNumber()
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()

    def _draw_footer(self):
        number = self.canvas.getPageNumber()
        self.canvas.setFont(REGULAR, 8)
        self.canvas.setFillColor(MUTED)
        self.canvas.drawString(self.left, MARGIN - 20, self.footer)
        self.canvas.drawRightString(self.right, MARGIN - 20, self.page_label(number))

    def page_label(self, number):
        if self.page_count is None:
            return _("Page %(number)s") % {"number": number}
        return _("Page %(number)s of %(count)s") % {"number": number, "count": self.page_count}

    # Text

    def title(self, text, subtitle=""):
        self.canvas.setFillColor(ACCENT)
        self.canvas.setFont(BOLD, 20)
        self.canvas.drawString(self.left, self.y - 20, text)
        self.y -= 28
        if subtitle:
            self.canvas.setFont(REGULAR, 10)
            self.canvas.setFillColor(MUTED)
            self.canvas.drawString(self.left, self.y - 10, subtitle)
            self.y -= 16
        self.y -= 6

    def heading(self, text):
        self.ensure(120)  # a heading never ends a page: it keeps some of its section
        self.y -= 8
        self.canvas.setFillColor(ACCENT)
        self.canvas.setFont(BOLD, 12.5)
        self.canvas.drawString(self.left, self.y - 12.5, text)
        self.y -= 17
        self.canvas.setStrokeColor(RULE)
        self.canvas.setLineWidth(0.75)
        self.canvas.line(self.left, self.y, self.right, self.y)
        self.y -= 8

    def note(self, text, *, size=9.5, font=REGULAR, colour=INK, width=None):
        lines = wrap(text, font, size, width or self.content_width)
        leading = size * 1.35
        self.ensure(leading * len(lines))
        self.canvas.setFont(font, size)
        self.canvas.setFillColor(colour)
        for line in lines:
            self.canvas.drawString(self.left, self.y - size, line)
            self.y -= leading
        self.y -= 4

    # Fields

    def _label_lines(self, text, width):
        return fitted_lines(text, REGULAR, self.LABEL_SIZE, width, smallest=7)

    def _label(self, x, top, text, width):
        """Draw a label below `top`; returns the height it took."""
        size, lines = self._label_lines(text, width)
        self.canvas.setFont(REGULAR, size)
        self.canvas.setFillColor(MUTED)
        for number, line in enumerate(lines):
            self.canvas.drawString(x, top - size - number * (size + 1.5), line)
        return len(lines) * (size + 1.5) + 2

    def text_field(self, name, label, x, y, width, height, *, lines=1, maxlen=None):
        multiline = lines > 1
        self.form.textfield(
            name=name,
            tooltip=label,
            x=x,
            y=y,
            width=width,
            height=height,
            borderStyle="solid",
            borderWidth=0.75,
            borderColor=FIELD_BORDER,
            fillColor=FIELD_FILL,
            textColor=INK,
            fontName=REGULAR,
            fontSize=0 if multiline else 10,  # 0: the viewer fits a long text in the box
            fieldFlags="multiline" if multiline else "",
            maxlen=maxlen or (2000 if multiline else 200),
            forceBorder=True,
        )

    def row(self, *fields, gap=10):
        """One line of fields: each (name, label, share of the width) or with `lines` and
        `maxlen` as a fourth item, a dict."""
        shares = sum(field[2] for field in fields)
        usable = self.content_width - gap * (len(fields) - 1)
        widths = [usable * field[2] / shares for field in fields]
        tallest = max(field[3].get("lines", 1) if len(field) > 3 else 1 for field in fields)
        box_height = self.FIELD_HEIGHT if tallest == 1 else 14 * tallest
        label_lines = max(
            len(self._label_lines(field[1], width)[1])
            for field, width in zip(fields, widths, strict=True)
        )
        label_height = label_lines * (self.LABEL_SIZE + 1.5) + 2
        self.ensure(label_height + box_height + 8)
        x = self.left
        for field, width in zip(fields, widths, strict=True):
            name, label = field[:2]
            options = field[3] if len(field) > 3 else {}
            self._label(x, self.y, label, width)
            field_height = self.FIELD_HEIGHT if options.get("lines", 1) == 1 else box_height
            self.text_field(
                name,
                label,
                x,
                self.y - label_height - field_height,
                width,
                field_height,
                lines=options.get("lines", 1),
                maxlen=options.get("maxlen"),
            )
            x += width + gap
        self.y -= label_height + box_height + 8

    def checkboxes(self, prefix, label, options, *, columns=3):
        """A question answered by ticking any of `options` (value, text)."""
        column_width = self.content_width / columns
        rows = [options[start : start + columns] for start in range(0, len(options), columns)]
        heights = [
            max(len(self._choice_lines(text, column_width - 18)[1]) for _value, text in row) * 10
            + 7
            for row in rows
        ]
        self.ensure(14 + sum(heights))
        if label:
            self.y -= self._label(self.left, self.y, label, self.content_width) + 2
        for row, height in zip(rows, heights, strict=True):
            for index, (value, text) in enumerate(row):
                x = self.left + index * column_width
                self.checkbox(f"{prefix}_{value}", text, x, self.y - 12, column_width - 18)
            self.y -= height
        self.y -= 6

    @staticmethod
    def _choice_lines(text, width):
        return fitted_lines(text, REGULAR, 9.5, width, smallest=8.5)

    def checkbox(self, name, text, x, y, text_width, *, tooltip=None):
        self.form.checkbox(
            name=name,
            tooltip=tooltip or text,
            x=x,
            y=y,
            size=11,
            buttonStyle="check",
            borderWidth=0.75,
            borderColor=FIELD_BORDER,
            fillColor=FIELD_FILL,
            textColor=INK,
            forceBorder=True,
        )
        size, lines = self._choice_lines(text, text_width)
        self.canvas.setFont(REGULAR, size)
        self.canvas.setFillColor(INK)
        for number, line in enumerate(lines):
            self.canvas.drawString(x + 16, y + 2 - number * 10, line)


def two_pass(draw):
    """Draw once to count the pages, then again with "page N of M" in every footer.
    `draw(page_count)` returns the FormWriter it drew on, not yet finished."""
    first = draw(None)
    first.finish()
    return draw(first.pages).finish()
