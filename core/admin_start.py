"""The staff start page (the admin index), composed from what each app contributes.

An app registers a function from its admin module; the function takes the request and
returns a StartPanel for the people who work with that app, or None for everyone else, so
each role sees its own work (counts that link to the list behind them) and its few links.
"""

from dataclasses import dataclass, field

# Filled by register_start_panel(); read by the admin site's index.
PANELS = []


@dataclass
class StartItem:
    label: str
    url: str
    count: int | None = None


@dataclass
class StartPanel:
    title: str
    items: list[StartItem] = field(default_factory=list)
    links: list[StartItem] = field(default_factory=list)
    order: int = 100


def register_start_panel(function):
    PANELS.append(function)
    return function


def start_panels(request):
    panels = (function(request) for function in PANELS)
    return sorted((panel for panel in panels if panel is not None), key=lambda p: p.order)
