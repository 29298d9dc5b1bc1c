"""`{% shared_block %}`: a part of the page rendered once per content version and language.

    {% load shared_blocks %}
    {% shared_block "carousel" object %}{% testimonial_carousel about=object %}{% endshared_block %}

The footer, the header's navigation and a page's story carousel are the same for every
visitor of a language until content changes, yet each cost as much to render as the rest
of a page. The HTML is kept in the shared cache under the content version
(core/caching.py), so a save shows at once, and the language, so /es/ never gets English.
Anything else the block's HTML depends on must be named after its name (an object, or a
value such as the current section); a block must never show anything of one visitor's.
"""

from django import template
from django.core.cache import cache
from django.urls import Resolver404, resolve
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.caching import PAGE_TIMEOUT, content_version, path_section

register = template.Library()


def _part(value):
    meta = getattr(value, "_meta", None)
    return f"{meta.label_lower}-{value.pk}" if meta is not None else str(value)


class SharedBlockNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        parts = [_part(self.name.resolve(context))]
        parts += [_part(value.resolve(context)) for value in self.vary_on]
        key = f"block:{content_version()}:{get_language()}:" + ":".join(parts)
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            # The 503 page renders without the database: never keep its stand-ins.
            if not context.get("database_down"):
                cache.set(key, str(html), PAGE_TIMEOUT)
        return mark_safe(html)  # noqa: S308 - our own templates' output, escaped as it rendered


@register.tag
def shared_block(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% shared_block %} needs a name.")
    nodelist = parser.parse(("endshared_block",))
    parser.delete_first_token()
    return SharedBlockNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )


@register.filter
def nav_section(request):
    """The header's navigation marks the link the address starts with, so it varies only on
    the address's first part, kept when that part is a page of its own (/treatments/): junk
    addresses add no blocks, and no navigation link starts them anyway."""
    path = request.path if request is not None else "/"
    section = path_section(path)
    if not section:
        return ""
    try:
        resolve(path[: path.index(section)] + section + "/")
    except Resolver404:
        return ""
    return section
