import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_phone(value):
    """A US phone number with ten digits, in any usual layout: (555) 010-0100, 555.010.0100.

    `is_possible_number`, not `is_valid_number`: the demo's 555 numbers are fictional by design.
    """
    message = _("Enter a 10-digit US phone number, e.g. (301) 555-0100.")
    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException:
        raise ValidationError(message, code="phone") from None
    if number.country_code != 1 or not phonenumbers.is_possible_number(number):
        raise ValidationError(message, code="phone")
