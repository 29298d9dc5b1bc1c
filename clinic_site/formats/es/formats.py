"""Dates, times and numbers as Spanish-speaking patients in the United States read them:
"1 de diciembre de 2026", "5:00 p. m.", "2.5 millas", "1,000"."""

from django.utils.translation import gettext_noop

DATE_FORMAT = r"j \d\e F \d\e Y"
MONTH_DAY_FORMAT = r"j \d\e F"
YEAR_MONTH_FORMAT = r"F \d\e Y"
# A 12-hour clock, as in the US; "a" is Django's "a.m."/"p.m.", which this project's
# catalog writes the way Spanish style guides do ("p. m."): Django's own writes "p.m.".
TIME_FORMAT = "g:i a"
DATETIME_FORMAT = r"j \d\e F \d\e Y, g:i a"
SHORT_DATE_FORMAT = "m/d/Y"
SHORT_DATETIME_FORMAT = "m/d/Y g:i a"
# The week starts on Sunday on US calendars.
FIRST_DAY_OF_WEEK = 0
# The US Spanish convention (as in Mexico and Puerto Rico): a decimal point, comma thousands.
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

# Listed here so makemessages keeps them in this project's catalog, where they are translated.
MERIDIEMS = (gettext_noop("a.m."), gettext_noop("p.m."))
