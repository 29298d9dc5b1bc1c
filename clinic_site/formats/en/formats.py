# How times read on office hours for US patients: "8:00 AM", not Django's "8 a.m.".
# A Spanish version adds clinic_site/formats/es/formats.py with its own.
TIME_FORMAT = "g:i A"
