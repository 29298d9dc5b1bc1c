"""Times of day as office staff write them: "8am", "8:00 AM", "8 a.m.", "17:30"."""

import re
from datetime import time

# An hour, optional minutes after ":", "." or "h", and an optional a.m./p.m. in any spelling
# ("pm", "PM", "p.m.", "p. m."). "8" alone is read on the 24-hour clock, as "17" is.
CLOCK = re.compile(
    r"^(?P<hour>\d{1,2})(?:\s*[:.h]\s*(?P<minute>\d{2}))?\s*"
    r"(?:(?P<half>[ap])\.?\s*m\.?)?$",
    re.IGNORECASE,
)
WORDS = {"noon": time(12), "midday": time(12), "midnight": time(0)}


def parse_clock(text: str) -> time | None:
    """The time `text` names, or None when it names none."""
    text = " ".join(text.split()).lower()
    if text in WORDS:
        return WORDS[text]
    match = CLOCK.match(text)
    if not match:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    half = match["half"]
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def clock_12h(value: time) -> str:
    """'8:00 AM', '12:30 PM': how the office's staff read their hours."""
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"
