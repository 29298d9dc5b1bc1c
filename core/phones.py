import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_phone(value):
    """A real US phone number with ten digits, in any usual layout: (301) 555-0100, 301.555.0100.

    `is_valid_number` refuses area codes that do not exist, so "555-0100" or "(555) 010-0100"
    never reach a tel: link; fictional numbers use a real area code and 555-0100 to 555-0199.
    """
    message = _("Enter a 10-digit US phone number, e.g. (301) 555-0100.")
    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException:
        raise ValidationError(message, code="phone") from None
    if number.country_code != 1 or not phonenumbers.is_valid_number(number):
        raise ValidationError(message, code="phone")
    if number.extension:
        raise ValidationError(
            _("Enter the number without an extension: patients dial it straight from the page."),
            code="phone_extension",
        )
