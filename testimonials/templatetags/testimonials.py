from django import template
from django.template.loader import render_to_string

from testimonials.services import carousel_testimonials

register = template.Library()


@register.simple_tag
def testimonial_carousel(about=None):
    """The testimonial carousel about a treatment, office or provider (or featured ones).

    Renders nothing when there is nothing approved to show.
    """
    testimonials = carousel_testimonials(about)
    if not testimonials:
        return ""
    key = f"{about._meta.model_name}-{about.pk}" if about is not None else "featured"
    return render_to_string(
        "components/carousel.html",
        {"testimonials": testimonials, "carousel_id": f"carousel-{key}"},
    )
