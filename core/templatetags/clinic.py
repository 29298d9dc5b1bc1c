"""Template helpers every page uses: phone links, navigation, images, structured data, meta."""

import html
import json

import phonenumbers
from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from modeltranslation.utils import get_language as modeltranslation_language

from core.images import rendition_name, rendition_widths
from core.translation_review import shows_english_in_place_of_spanish

register = template.Library()


@register.filter
def tel_href(phone):
    """'(301) 555-0100' -> '+13015550100', for tel: links; '' for anything not a whole number.

    An extension is kept the way RFC 3966 writes it (';ext=12') rather than run on as digits.
    """
    try:
        number = phonenumbers.parse(str(phone), "US")
    except phonenumbers.NumberParseException:
        return ""
    whole = len(str(number.national_number)) == 10 or number.country_code != 1
    if not whole or not phonenumbers.is_possible_number(number):
        return ""
    href = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{href};ext={number.extension}" if number.extension else href


@register.simple_tag(takes_context=True)
def nav_link(context, url_name, label):
    url = reverse(url_name)
    request = context.get("request")
    current = request is not None and request.path.startswith(url)
    return format_html(
        '<a href="{}"{}>{}</a>', url, mark_safe(' aria-current="page"') if current else "", label
    )


# Open Graph names a language with its region, the way Facebook lists them.
OG_LOCALES = {"en": "en_US", "es": "es_US"}


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """The page in each language the site offers, for the switcher, and whether search
    engines are told of it (`listed`: hreflang links, og:locale, the sitemap).

    Every page exists in every language, so the switcher offers them all. A page made of
    one item's text sets `alternate_languages` (codes, from languages_with_text()) in its
    context: a language whose translation is not reviewed is left out of the hreflang
    links on every version of the page, and its own version asks not to be indexed; nor
    is it offered (`offer`) to browsers that prefer it.
    A path no language can resolve (a 404) offers each language's home page instead.
    """
    request = context.get("request")
    path = request.path if request is not None else "/"
    query = request.META.get("QUERY_STRING", "") if request is not None else ""
    current = translation.get_language()
    listed = context.get("alternate_languages")
    alternates = []
    for code, name in settings.LANGUAGES:
        url = translate_url(path, code)
        if url == path and code != current:
            with translation.override(code):
                url = reverse("home")
            switch_url = url
        else:
            switch_url = f"{url}?{query}" if query else url
        alternates.append(
            {
                "code": code,
                "lang": translation.get_supported_language_variant(code).split("-")[0],
                "name": name,
                "url": url,
                "switch_url": switch_url,
                "og_locale": OG_LOCALES.get(code, code.replace("-", "_")),
                "is_current": code == current,
                "is_default": code == settings.LANGUAGE_CODE,
                "listed": listed is None or code in listed,
                # Offered from an English page to a browser that prefers this language.
                "offer": code != current
                and current == settings.LANGUAGE_CODE
                and (listed is None or code in listed),
            }
        )
    return alternates


@register.simple_tag(takes_context=True)
def query_replace(context, **changes):
    """The current query string with some parameters replaced (for pagination and filters)."""
    query = context["request"].GET.copy()
    for name, value in changes.items():
        query[name] = value
    return query.urlencode()


def recorded_size(image):
    """The size stored on the row at upload: asking the file would read it from storage
    (a network round trip on S3) on every render."""
    field, row = image.field, image.instance
    if field.width_field and field.height_field:
        width, height = getattr(row, field.width_field), getattr(row, field.height_field)
        if width and height:
            return width, height
    return image.width, image.height


@register.simple_tag
def responsive_image(image, alt="", sizes="100vw", lazy=True, css_class="", alt_field=""):
    """A WebP <img> with srcset, intrinsic width and height (no layout shift) and lazy loading.

    `image` is an ImageField value from a model that sets width_field and height_field;
    renditions are made by the worker after the model is saved (core/images.py); until then
    the uploaded original is shown at its size. The description is `alt`, or the image's
    row's `alt_field`: then an English description standing in for Spanish gets lang="en"
    on the <img>, which is the language its alt is read in.
    """
    if not image:
        return ""
    lang = ""
    if alt_field:
        alt = getattr(image.instance, alt_field)
        lang = "en" if shows_english_in_place_of_spanish(image.instance, alt_field) else ""
    width, height = recorded_size(image)
    if not renditions_made(image):
        attributes = {"src": image.url, "width": width, "height": height, "alt": alt}
        return _img(attributes, lazy=lazy, css_class=css_class, lang=lang)
    widths = rendition_widths(width)
    storage = image.storage
    srcset = ", ".join(f"{storage.url(rendition_name(image.name, w))} {w}w" for w in widths)
    default_width = next((w for w in widths if w >= 960), widths[-1])
    attributes = {
        "src": storage.url(rendition_name(image.name, default_width)),
        "srcset": srcset,
        "sizes": sizes,
        "width": width,
        "height": height,
        "alt": alt,
    }
    return _img(attributes, lazy=lazy, css_class=css_class, lang=lang)


def renditions_made(image):
    flag = getattr(image.field, "renditions_field", None)
    return getattr(image.instance, flag) if flag else True


def _img(attributes, *, lazy, css_class, lang=""):
    if lang:
        attributes["lang"] = lang
    attributes["decoding"] = "async"
    if lazy:
        attributes["loading"] = "lazy"
    else:
        attributes["fetchpriority"] = "high"
    if css_class:
        attributes["class"] = css_class
    return format_html("<img {}>", format_html_join(" ", '{}="{}"', attributes.items()))


@register.simple_tag
def json_ld(data):
    """A JSON-LD <script> block. '<' is escaped so no text can close the script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag(takes_context=True)
def web_page_json_ld(context, name):
    """The page itself for search engines: its address and the language it is written in."""
    request = context.get("request")
    path = request.path if request is not None else "/"
    language = translation.get_language() or settings.LANGUAGE_CODE
    return json_ld(
        {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "url": f"{context.get('site_url', '')}{path}",
            "name": name,
            "inLanguage": translation.to_locale(language).replace("_", "-"),
        }
    )


@register.filter
def field_describedby(field):
    """The ids of a field's help text and error messages, for aria-describedby."""
    ids = [f"{field.auto_id}_helptext"] if field.help_text else []
    ids += [f"{field.auto_id}_error_{n}" for n in range(1, len(field.errors) + 1)]
    return " ".join(ids)


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist  # named so: {% extends %} finds the {% block %} tags inside it
        self.name = name

    def render(self, context):
        # The text, not the HTML: whoever prints the variable escapes it once, as for any value.
        context[self.name] = html.unescape(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser, token):
    """{% capture as name %}...{% endcapture %} puts the text of what is between in a variable.

    A block may appear only once in a template, so base.html captures a page's title and
    description blocks to print each in several meta tags.
    """
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Use {% capture as name %}...{% endcapture %}.")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.filter
def mid_sentence(name):
    """A name as it reads inside a sentence: "Epidural Steroid Injection" becomes
    "epidural steroid injection", while abbreviations such as "SI" keep their capitals."""
    return " ".join(
        word if sum(c.isupper() for c in word) > 1 else word.lower() for word in str(name).split()
    )


@register.filter
def content_lang(obj, field=None):
    """' lang="en"' for the element that holds obj's text (or its `field`), when a Spanish
    page shows it in English: no translator has reviewed obj's Spanish yet, or the reviewed
    Spanish left that field empty. Nothing otherwise. Name the field wherever the element
    holds one field, so a blank Spanish field is marked too."""
    return mark_safe(' lang="en"') if shows_english_in_place_of_spanish(obj, field) else ""


@register.inclusion_tag("includes/english_fallback_note.html")
def english_fallback_note(obj, phone):
    """A note, in the page's language, that obj's text is still in English, with a number
    to call for help in Spanish."""
    return {"show": shows_english_in_place_of_spanish(obj), "phone": phone}


@register.simple_tag(takes_context=True)
def phone_for_page(context):
    """The number the header and quick bar offer: the one the view chose for this page (an
    office's, its region's) when it can be dialled, otherwise the practice's main line."""
    site = context.get("site")
    for phone in (context.get("header_phone"), getattr(site, "phone", "")):
        if phone and tel_href(phone):
            return phone
    return ""


@register.simple_tag
def lang_of(obj, field, text=None):
    """obj's `field` in a <span lang="en"> when it stands in for Spanish, e.g. a treatment's
    name inside a Spanish sentence: {% lang_of treatment "name" as name %}. `text` is that
    field as shown when not whole, e.g. `treatment.summary|truncatewords:30`."""
    if text is None:
        text = getattr(obj, field)
    if shows_english_in_place_of_spanish(obj, field):
        return format_html('<span lang="en">{}</span>', text)
    return text


@register.filter
def lang_unless_page(language):
    """' lang="es"' for text written in `language` (e.g. a patient's story) when the page is
    in another language; nothing when they match."""
    if language and language != modeltranslation_language():
        return format_html(' lang="{}"', language)
    return ""


@register.filter
def interface_lang(obj):
    """' lang="es"' (the page's language) for an interface label inside a block that
    content_lang marked English, e.g. a section's usual heading."""
    if shows_english_in_place_of_spanish(obj):
        return format_html(' lang="{}"', get_language())
    return ""
