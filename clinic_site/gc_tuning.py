"""Garbage-collector settings for a process that serves pages.

Python's full collections walk every object the process holds, all of Django included;
in the office-search benchmark they showed as pauses of 50 to 190 ms on about one
request in twenty. A serving process freezes what it loaded at start-up out of those
walks and collects its youngest objects less often. Memory is still given back by
reference counting as soon as an object is unused; only reference cycles wait longer.
This follows the recipe in the documentation of `gc.freeze()`.
"""

import gc

YOUNGEST_GENERATION_THRESHOLD = 50_000  # Python's default is 700


def freeze_startup_objects():
    """Call once start-up is done (in gunicorn, just before forking each worker)."""
    gc.collect()
    gc.freeze()


def collect_less_often():
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNGEST_GENERATION_THRESHOLD, middle, oldest)
