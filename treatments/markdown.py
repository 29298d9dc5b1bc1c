"""Staff write section bodies in Markdown; patients get sanitized HTML with a valid outline.

Markdown may carry raw HTML, so its output goes through nh3 with a short allow-list:
no script, no event handlers, no style, links only to http(s), mailto and tel.
Headings typed in a body are demoted to one level below the section's own
heading, so a page keeps one h1 and then h2 and h3 in order.
"""

import re

import markdown
import nh3
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
