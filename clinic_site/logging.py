"""Log formatting that keeps what a patient typed out of the logs.

Exception messages can carry submitted values (a database error quotes the
row it refused), and URLs carry search terms such as a home address. Logs
keep the traceback frames and the exception type, never the message, and
paths lose their query strings.
"""

import logging
import re
import traceback

QUERY_STRING = re.compile(r"\?\S*")


class PrivateFormatter(logging.Formatter):
    def format(self, record):
        # One line per event, so a log shipper never splits a traceback.
        return super().format(record).replace("\n", " | ")

    def formatMessage(self, record):
        return QUERY_STRING.sub("?…", super().formatMessage(record))

    def formatException(self, exc_info):
        exc_type, _exc, tb = exc_info
        frames = "".join(traceback.format_tb(tb))
        withheld = f"{exc_type.__qualname__}: [message withheld]"
        return f"Traceback (most recent call last):\n{frames}{withheld}"
