"""When the front desk owes a patient a call: "we call within one business day".

The promise is kept when staff try to reach the patient by the close of the first business
day that starts after the request arrived, in the office's own time zone and hours. A
request sent on Friday at 5 pm is due on Monday at closing, so nobody sees it overdue over
a weekend the office is closed; one sent at 7 am before opening is due that evening.
"""

from datetime import datetime, timedelta

# Two weeks without a single open day means the office has no hours entered yet.
SEARCH_DAYS = 14
NO_HOURS_GRACE = timedelta(days=1)


def callback_due(*, arrived, zone, periods, closed_dates):
    """The due moment, from plain data so the migration can use it on stored rows too.

    `periods` is (weekday, opens, closes) triples, `closed_dates` a set of dates. An office
    without hours falls back to 24 hours: an overdue request must never go unnoticed.
    """
    here = arrived.astimezone(zone)
    by_day = {}
    for weekday, opens, closes in periods:
        first, last = by_day.get(weekday, (opens, closes))
        by_day[weekday] = (min(first, opens), max(last, closes))
    for ahead in range(SEARCH_DAYS):
        day = here.date() + timedelta(days=ahead)
        if day in closed_dates or day.weekday() not in by_day:
            continue
        opens, closes = by_day[day.weekday()]
        if datetime.combine(day, opens, tzinfo=zone) < here:
            continue  # that business day had already begun: the next one is the promise
        return datetime.combine(day, closes, tzinfo=zone)
    return arrived + NO_HOURS_GRACE


def callback_due_for(location, arrived):
    return callback_due(
        arrived=arrived,
        zone=location.zone,
        periods=location.opening_hours.values_list("weekday", "opens", "closes"),
        closed_dates=set(
            location.closures.filter(date__gte=arrived.date() - timedelta(days=1)).values_list(
                "date", flat=True
            )
        ),
    )
