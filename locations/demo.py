"""Demo offices. Placeholder until the locations issue fills in hours, providers and search."""

from .models import Location

OFFICES = [
    ("Hagerstown", "hagerstown", "1420 Dual Highway", "Hagerstown", "MD", "21740", "(555) 010-0111"),
    ("Elkridge", "elkridge", "6100 Montgomery Road", "Elkridge", "MD", "21075", "(555) 010-0112"),
    ("Harrisonburg", "harrisonburg", "250 University Boulevard", "Harrisonburg", "VA", "22801", "(555) 010-0113"),
]  # fmt: skip


def load():
    for order, (name, slug, street, city, state, zip_code, phone) in enumerate(OFFICES):
        Location.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name, "street_address": street, "city": city, "state": state,
                "zip_code": zip_code, "phone": phone, "sort_order": order, "is_published": True,
            },
        )  # fmt: skip
