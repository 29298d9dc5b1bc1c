# How times read on office hours for US patients: "8:00 AM", not Django's "8 a.m.".
TIME_FORMAT = "g:i A"
# Dates written out, "December 1, 2026", in notices and on the office pages; each
# language's formats module gives its own order.
DATE_FORMAT = "F j, Y"
MONTH_DAY_FORMAT = "F j"
