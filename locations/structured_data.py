"""schema.org JSON-LD for offices (MedicalClinic) and physicians (Physician)."""

from core.spoken_languages import codes
from core.templatetags.clinic import tel_href

DAY_URLS = [
    f"https://schema.org/{day}"
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
]


def postal_address(office):
    return {
        "@type": "PostalAddress",
        "streetAddress": office.street_address,
        "addressLocality": office.city,
        "addressRegion": office.state,
        "postalCode": office.zip_code,
        "addressCountry": "US",
    }


def medical_clinic(office, base_url, closures=()):
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "name": office.name,
        "url": base_url + office.get_absolute_url(),
        "telephone": tel_href(office.phone),
        "address": postal_address(office),
        "availableLanguage": codes(office.languages),
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": DAY_URLS[period.weekday],
                "opens": period.opens.strftime("%H:%M"),
                "closes": period.closes.strftime("%H:%M"),
            }
            for period in office.opening_hours.all()
        ],
    }
    if office.latitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(office.latitude),
            "longitude": float(office.longitude),
        }
    if office.fax:
        data["faxNumber"] = tel_href(office.fax)
    if closures:
        # schema.org's way to say "closed all day": opens and closes at midnight.
        data["specialOpeningHoursSpecification"] = [
            {
                "@type": "OpeningHoursSpecification",
                "validFrom": closure.date.isoformat(),
                "validThrough": closure.date.isoformat(),
                "opens": "00:00",
                "closes": "00:00",
            }
            for closure in closures
        ]
    if office.photo:
        data["image"] = base_url + office.photo.url
    return data


def physician(provider, base_url, offices):
    data = {
        "@context": "https://schema.org",
        "@type": "Physician",
        "name": f"{provider.name}, {provider.credentials}",
        "url": base_url + provider.get_absolute_url(),
        "isAcceptingNewPatients": provider.accepting_new_patients,
        # BCP 47 codes, which schema.org prefers to names and every reader understands.
        "knowsLanguage": codes(provider.languages),
        "address": [postal_address(office) for office in offices],
    }
    if offices:
        data["telephone"] = tel_href(offices[0].phone)
    if provider.photo:
        data["image"] = base_url + provider.photo.url
    return data
