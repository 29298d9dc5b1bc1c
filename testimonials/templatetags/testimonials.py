from django import template

register = template.Library()


@register.simple_tag
def testimonial_carousel(about=None):
    """The testimonial carousel about a treatment, office or provider (or featured ones).

    Placeholder until the testimonials app lands: renders nothing.
    """
    return ""
