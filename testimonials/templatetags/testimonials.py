from django import template
from django.template.loader import render_to_string

from testimonials.services import carousel_testimonials

register = template.Library()


@register.simple_tag
def testimonial_carousel(about=None, only_about=False):
    """The testimonial carousel about a treatment, office or provider (or featured ones).

    With only_about, featured stories never stand in for ones about `about`. Renders
    nothing when there is nothing approved to show.
    """
    testimonials = carousel_testimonials(about, only_about=only_about)
    if not testimonials:
        return ""
    key = f"{about._meta.model_name}-{about.pk}" if about is not None else "featured"
    return render_to_string(
        "components/carousel.html",
        {"testimonials": testimonials, "carousel_id": f"carousel-{key}"},
    )
