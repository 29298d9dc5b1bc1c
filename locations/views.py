from itertools import groupby

from django.conf import settings
from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.generic import DetailView, ListView, TemplateView

from core.states import STATE_NAMES
from core.translation_review import ReviewedLanguagesMixin
from treatments.models import Treatment

from . import structured_data
from .forms import LocationSearchForm, ProviderFilterForm
from .hours import open_status, upcoming_closures, weekly_table
from .models import Location, Provider, ProviderTreatment
from .office_map import office_map, published_offices, regional_phone
from .search import office_search, with_status

# On /locations/ before a search; a state's page lists all of its offices, a page at a time.
OFFICES_PER_STATE = 4
OFFICES_PER_PAGE = 24


def by_state(offices):
    """[(state name, [offices])] in state-name order, offices by name within a state."""
    ordered = sorted(offices, key=lambda o: (STATE_NAMES.get(o.state, o.state), o.name))
    return [
        (STATE_NAMES.get(code, code), list(group))
        for code, group in groupby(ordered, key=lambda o: o.state)
    ]


def map_context(states=None):
    """The office map of `states` (every state we serve by default) and its list of offices:
    from the cached list of offices, so no query once it is filled."""
    offices = [o for o in published_offices() if states is None or o.state in states]
    return {
        "office_map": office_map({o.state for o in offices}, offices),
        "map_states": by_state(offices),
    }


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


class LocationListView(TemplateView):
    """The office finder: search results when there is a query, every office by state without."""

    template_name = "locations/location_list.html"

    def get_context_data(self, **kwargs):
        form = LocationSearchForm(self.request.GET or None)
        terms = form.search_terms()
        if terms is None:
            states = first_offices_by_state(timezone.now())
            return super().get_context_data(form=form, states=states, **map_context(), **kwargs)
        return super().get_context_data(form=form, search=office_search(**terms), **kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["form"].is_personal:
            # Kept out of the page cache and any shared proxy: the page repeats where the
            # patient is (their address in the search box, or the offices nearest them).
            patch_cache_control(response, private=True)
        return response


class StateLocationListView(TemplateView):
    template_name = "locations/location_state.html"

    def get_context_data(self, **kwargs):
        search = office_search(
            state=self.kwargs["state"], page=self.request.GET.get("page"), per_page=OFFICES_PER_PAGE
        )
        if not search.page.paginator.count:
            raise Http404("No offices in this state")
        state = self.kwargs["state"]
        return super().get_context_data(
            state_name=search.place.label,
            offices=search.offices,
            page_obj=search.page,
            header_phone=regional_phone(state),
            **map_context(states={state}),
            **kwargs,
        )


class LocationDetailView(ReviewedLanguagesMixin, DetailView):
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
            "header_phone": office.phone,
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


class ProviderDetailView(ReviewedLanguagesMixin, DetailView):
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
        offices = list(provider.locations.all())
        # Their office's number when they work in one; their state's when all are in one state.
        if len(offices) == 1:
            context["header_phone"] = offices[0].phone
        elif len({o.state for o in offices}) == 1:
            context["header_phone"] = regional_phone(offices[0].state)
        if provider.is_physician:
            context["json_ld"] = structured_data.physician(provider, settings.SITE_URL, offices)
        return context
