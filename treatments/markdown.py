"""Staff write section bodies in Markdown; patients get sanitized HTML with a valid outline.

Markdown may carry raw HTML, so its output goes through nh3 with a short allow-list:
no script, no event handlers, no style, links only to http(s), mailto and tel.
Headings typed in a body are demoted to one level below the section's own
heading, so a page keeps one h1 and then h2 and h3 in order.

Pages never convert: each row stores its HTML beside its Markdown when saved
(MarkdownHTML below), which took a third of a treatment page's render time.
"""

import itertools
import re

import markdown
import nh3
from django.conf import settings
from django.db import models
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "code",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
HEADING_TAG = re.compile(r"<(/?)h[1-6]>")


def markdown_html(text, *, heading_level=3):
    """Safe HTML for `text`; every heading in it becomes an h`heading_level`."""
    if not text:
        return ""
    html = markdown.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    html = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    # nh3 writes tags back in canonical form, and headings may keep no attributes,
    # so after cleaning every heading tag is exactly <hN> or </hN>.
    html = HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{heading_level}>", html)
    return mark_safe(html)  # noqa: S308 - sanitized by nh3 above


class MarkdownHTML:
    """The sanitized HTML of a Markdown field, converted when the row is saved, not per page.

    `body_html = MarkdownHTML("body", heading_level=3)` adds a column per content language
    (body_html_en, body_html_es: one for each of MODELTRANSLATION_LANGUAGES, so a third
    language gets its own from makemigrations) that StoredMarkdownHTML.save() fills from
    body_en, body_es. Reading `obj.body_html` gives the stored HTML of the text `obj.body`
    shows, so the Spanish review's rules (core/translation_review.py: unreviewed or empty
    Spanish falls back to English) decide the language here too, with no rule of its own.
    Each version in a row's history keeps its own HTML; a row that was never saved (or
    whose HTML is missing) converts its Markdown when read.
    """

    def __init__(self, source, *, heading_level):
        self.source = source
        self.heading_level = heading_level

    def column(self, language):
        return f"{self.source}_html_{language}"

    def columns(self):
        return [self.column(language) for language in settings.MODELTRANSLATION_LANGUAGES]

    def contribute_to_class(self, cls, name):
        for column in self.columns():
            cls.add_to_class(column, models.TextField(editable=False, blank=True, default=""))
        cls._stored_markdown = [*getattr(cls, "_stored_markdown", ()), self]
        setattr(cls, name, self)

    def fill(self, obj):
        for language in settings.MODELTRANSLATION_LANGUAGES:
            text = getattr(obj, f"{self.source}_{language}")
            html = markdown_html(text, heading_level=self.heading_level)
            setattr(obj, self.column(language), str(html))

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        shown = getattr(obj, self.source)
        for language in settings.MODELTRANSLATION_LANGUAGES:
            if getattr(obj, f"{self.source}_{language}") == shown:
                stored = getattr(obj, self.column(language))
                if stored or not shown:
                    return mark_safe(stored)  # noqa: S308 - sanitized by nh3 when saved
        return markdown_html(shown, heading_level=self.heading_level)


class StoredMarkdownHTML(models.Model):
    """Fills every MarkdownHTML column of the row from its Markdown on each save."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        columns = []
        for field in self._stored_markdown:
            field.fill(self)
            columns += field.columns()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *columns}
        super().save(*args, **kwargs)


def fill_stored_html(fields_by_model):
    """For a migration's RunPython: store the HTML of the rows already there, e.g.
    {"treatments.FAQ": {"answer": 4}} (source field: heading level)."""

    def run(apps, schema_editor):
        languages = settings.MODELTRANSLATION_LANGUAGES
        for label, sources in fields_by_model.items():
            model = apps.get_model(label)
            rows = list(model._base_manager.all())
            for row, (source, level), language in itertools.product(
                rows, sources.items(), languages
            ):
                text = getattr(row, f"{source}_{language}")
                setattr(row, f"{source}_html_{language}", markdown_html(text, heading_level=level))
            columns = [f"{source}_html_{language}" for source in sources for language in languages]
            model._base_manager.bulk_update(rows, columns, batch_size=200)

    return run
