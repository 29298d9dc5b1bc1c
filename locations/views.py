from itertools import groupby

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.generic import DetailView, ListView, TemplateView

from core.caching import content_version
from core.pagination import ForgivingPaginationMixin
from core.states import STATE_NAMES
from treatments.models import Treatment

from . import structured_data
from .forms import LocationSearchForm, ProviderFilterForm
from .geocoding import GeocodeResult, Point, get_geocoder
from .hours import open_status, upcoming_closures, weekly_table
from .models import Location, Provider, ProviderTreatment
from .search import DEFAULT_RADIUS_MILES, RESULT_LIMIT, nearest_office_miles, nearest_offices

# On /locations/ before a search; a state's page lists all of its offices, a page at a time.
OFFICES_PER_STATE = 4
OFFICES_PER_PAGE = 24


def with_status(offices, now):
    for office in offices:
        office.status = open_status(office, now)
    return offices


def by_state(offices):
    """[(state name, [offices])] in state-name order, offices by name within a state."""
    ordered = sorted(offices, key=lambda o: (STATE_NAMES.get(o.state, o.state), o.name))
    return [
        (STATE_NAMES.get(code, code), list(group))
        for code, group in groupby(ordered, key=lambda o: o.state)
    ]


def first_offices_by_state(now):
    """A few offices per state, each knowing its state's total, for the finder's opening list.

    One query however many offices there are: the first few by name are picked in SQL, so
    the page stays small when the practice grows; the state pages list the rest.
    """
    offices = (
        Location.objects.published()
        .annotate(
            place_in_state=Window(RowNumber(), partition_by=F("state"), order_by=F("name").asc()),
            offices_in_state=Window(Count("pk"), partition_by=F("state")),
        )
        .filter(place_in_state__lte=OFFICES_PER_STATE)
        .with_hours(timezone.localdate(now))
    )
    return by_state(with_status(offices, now))


def served_states():
    """[(code, name)] of the states we have an office in, cached until content changes."""
    key = f"served-states:{content_version()}"
    states = cache.get(key)
    if states is None:
        codes = Location.objects.published().order_by("state").values_list("state", flat=True)
        states = [(code, STATE_NAMES.get(code, code)) for code in codes.distinct()]
        cache.set(key, states, 60 * 60)
    return states


class LocationListView(TemplateView):
    """The office finder: search results when there is a query, every office by state without."""

    template_name = "locations/location_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        form = LocationSearchForm(self.request.GET or None)
        context["form"] = form
        if form.is_bound and form.is_valid() and form.is_search:
            context["search"] = self.search(form, now)
        else:
            context["states"] = first_offices_by_state(now)
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["form"].is_personal:
            # Kept out of the page cache and any shared proxy: the page repeats where the
            # patient is (their address in the search box, or the offices nearest them).
            patch_cache_control(response, private=True)
        return response

    def search(self, form, now):
        radius = form.cleaned_data["radius"]
        if form.searches_by_position:
            point = Point(form.cleaned_data["lat"], form.cleaned_data["lng"])
            place = None
        else:
            place = get_geocoder().geocode(form.cleaned_data["q"])
            point = place.point
        search = {"query": form.cleaned_data["q"], "place": place, "radius": radius}
        if place is None:
            search["position"] = point  # kept in the form, so a new distance keeps the place
        if place is not None and place.is_ambiguous:
            place = choose_town(place, search)
            point = place.point
        if point is not None:
            page = form.cleaned_data["page"] or 1
            nearby = nearest_offices(
                point, radius=radius, now=now, offset=(page - 1) * RESULT_LIMIT
            )
            search["within_miles"] = radius or DEFAULT_RADIUS_MILES
            if nearby.has_more:
                search["next_url"] = self.page_url(nearby.offset // RESULT_LIMIT + 2)
            if nearby.offset:
                search["previous_url"] = self.page_url(nearby.offset // RESULT_LIMIT)
            for office, miles in nearby.results:
                office.distance = miles
            with_status([office for office, _ in nearby.results], now)
            search["nearby"] = nearby
        elif place.state:
            offices = Location.objects.published().filter(state=place.state).order_by("name")
            # The first few here; the state page has them all.
            search["state_offices"] = with_status(
                offices.with_hours(timezone.localdate(now))[:RESULT_LIMIT], now
            )
        elif not place.is_ambiguous:
            # Nothing matched: point to the states we serve rather than render every office.
            search["served_states"] = served_states()
        return search

    def page_url(self, page):
        params = self.request.GET.copy()
        params["page"] = str(page)
        return "?" + params.urlencode()


def choose_town(place, search):
    """The town meant by an ambiguous name, when only one of that name has an office near it.

    Then the search runs from it and the others are offered as "another town?"; otherwise
    the candidates are listed, those near an office first, and `place` stays ambiguous.
    """
    ranked = rank_candidates(place.candidates)
    near = [candidate for candidate, miles in ranked if miles is not None]
    if len(near) != 1:
        search["candidates"] = ranked
        return place
    search["other_candidates"] = [candidate for candidate, _ in ranked[1:]]
    search["place"] = GeocodeResult(label=near[0].label, point=near[0].point)
    return search["place"]


def rank_candidates(candidates):
    """[(candidate, miles to its nearest office or None)]: those with an office near first."""
    located = [candidate for candidate in candidates if candidate.point is not None]
    miles = dict(zip(located, nearest_office_miles([c.point for c in located]), strict=True))
    ranked = [(candidate, miles.get(candidate)) for candidate in candidates]
    return sorted(ranked, key=lambda pair: (pair[1] is None, pair[1] or 0))


class StateLocationListView(ForgivingPaginationMixin, ListView):
    template_name = "locations/location_state.html"
    context_object_name = "offices"
    paginate_by = OFFICES_PER_PAGE

    def get_queryset(self):
        return (
            Location.objects.published()
            .filter(state=self.kwargs["state"])
            .with_hours(timezone.localdate())
            .order_by("name", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(state_name=STATE_NAMES[self.kwargs["state"]], **kwargs)
        if not context["page_obj"].paginator.count:
            raise Http404("No offices in this state")
        context["offices"] = with_status(list(context["offices"]), timezone.now())
        return context


class LocationDetailView(DetailView):
    def get_queryset(self):
        return (
            Location.objects.visible_to(self.request.user)
            .with_hours(timezone.localdate(), days_ahead=None)
            .prefetch_related(
                Prefetch("providers", queryset=Provider.objects.published()),
                Prefetch("treatments", queryset=Treatment.objects.published()),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        office, now = self.object, timezone.now()
        closures = upcoming_closures(office, now)
        return {
            **context,
            "status": open_status(office, now),
            "week": weekly_table(office, now),
            "closures": closures,
            "json_ld": structured_data.medical_clinic(office, settings.SITE_URL, closures),
        }


class ProviderListView(ListView):
    context_object_name = "providers"

    def get_queryset(self):
        self.form = ProviderFilterForm(self.request.GET or None)
        providers = Provider.objects.published().prefetch_related(
            Prefetch("locations", queryset=Location.objects.published()),
            Prefetch("treatments", queryset=Treatment.objects.published()),
        )
        if self.form.is_bound:
            # An invalid filter is reported in the page and ignored; valid ones still apply.
            self.form.is_valid()
            if office := self.form.cleaned_data.get("location"):
                providers = providers.filter(locations=office)
            if treatment := self.form.cleaned_data.get("treatment"):
                providers = providers.filter(treatments=treatment)
        return providers

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


class ProviderDetailView(DetailView):
    def get_queryset(self):
        roles = ProviderTreatment.objects.filter(treatment__is_published=True).select_related(
            "treatment"
        )
        return Provider.objects.visible_to(self.request.user).prefetch_related(
            Prefetch("locations", queryset=Location.objects.published()),
            Prefetch("treatment_roles", queryset=roles),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        provider = self.object
        roles = list(provider.treatment_roles.all())
        context["treatments_by_role"] = [
            (label, [r.treatment for r in roles if r.role == role])
            for role, label in ProviderTreatment.Role.choices
            if any(r.role == role for r in roles)
        ]
        if provider.is_physician:
            context["json_ld"] = structured_data.physician(
                provider, settings.SITE_URL, list(provider.locations.all())
            )
        return context
