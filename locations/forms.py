import re

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from treatments.models import Treatment

from .distance import Point
from .models import Location
from .search import DEFAULT_RADIUS_MILES, RADIUS_CHOICES


def _within(miles):
    # Made when the form is built at import, so written out in each request's language.
    return gettext("Within %(miles)s miles") % {"miles": miles}


within = lazy(_within, str)

# Digits that are not just a ZIP or ZIP+4 mean a house number, so a street address.
PERSONAL_TEXT = re.compile(r"^(?!\d{5}(?:-\d{4})?$).*\d")


class LocationSearchForm(forms.Form):
    """The office finder: typed text, or the browser's position in hidden lat/lng fields.

    Also read by the appointment form's page, from the same address parameters, so that a
    search result's "Request an appointment" link lists the offices in the finder's order.
    """

    q = forms.CharField(
        label=_("Enter your address, ZIP code or city"),
        max_length=200,
        required=False,
        help_text=_("For example 21740, Hagerstown, MD or a street address."),
    )
    # No "Any distance": without a distance the search looks within the widest one (and
    # shows the nearest beyond it when it holds no office), so the list says just that.
    radius = forms.TypedChoiceField(
        label=_("Distance"),
        choices=[(str(miles), within(miles)) for miles in RADIUS_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    page = forms.IntegerField(min_value=1, max_value=1000, required=False)
    lat = forms.FloatField(min_value=-90, max_value=90, required=False, widget=forms.HiddenInput)
    lng = forms.FloatField(min_value=-180, max_value=180, required=False, widget=forms.HiddenInput)

    radius_ignored = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self._drop_position()

    def full_clean(self):
        super().full_clean()
        if self.is_bound and not (self.is_valid() and self.searches_by_position):
            self._drop_position()

    def _drop_position(self):
        """The hidden position goes out empty and disabled, so it is not sent back: a typed
        search does not drag along a position from an earlier one. The script fills and
        enables it when the patient asks for their location."""
        for name in ("lat", "lng"):
            self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        if self.errors.pop("radius", None):
            # A distance the list does not offer (an edited link): search anyway, within the
            # widest one.
            data["radius"] = None
            self.radius_ignored = True
        if data.get("radius") is None:
            data["radius"] = DEFAULT_RADIUS_MILES
        if self.errors.pop("page", None):
            data["page"] = None  # a page number from an edited link: the first page
        has_lat, has_lng = data.get("lat") is not None, data.get("lng") is not None
        if has_lat != has_lng or "lat" in self.errors or "lng" in self.errors:
            self.errors.pop("lat", None)
            self.errors.pop("lng", None)
            raise forms.ValidationError(
                _("Your browser sent a position we cannot use. Type a ZIP code or city instead.")
            )
        return data

    @property
    def chosen_radius(self):
        """The distance selected in the list: the one the results are within."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["radius"]
        return DEFAULT_RADIUS_MILES

    @property
    def has_position(self):
        return self.cleaned_data.get("lat") is not None

    @property
    def searches_by_position(self):
        """A position and nothing typed: text typed over a kept position is the newer wish."""
        return self.has_position and not self.cleaned_data.get("q")

    @property
    def is_search(self):
        return self.is_bound and any(self.data.get(key, "").strip() for key in ("q", "lat"))

    def search_terms(self):
        """office_search()'s keyword arguments, or None when there is nothing valid to search."""
        if not (self.is_search and self.is_valid()):
            return None
        data = self.cleaned_data
        if self.searches_by_position:
            where = {"point": Point(data["lat"], data["lng"])}
        else:
            where = {"query": data["q"]}
        return {**where, "radius": data["radius"], "page": data["page"]}

    @property
    def is_personal(self):
        """A search that says where somebody is: a position, or a street address.

        A ZIP code, a town or a state is shared by thousands; a house number is not.
        """
        typed = self.data.get("q", "").strip()
        return "lat" in self.data or "lng" in self.data or bool(PERSONAL_TEXT.search(typed))


class ProviderFilterForm(forms.Form):
    location = forms.ModelChoiceField(
        label=_("Office"),
        queryset=Location.objects.published().order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All offices"),
        error_messages={
            "invalid_choice": _("We have no office by that name. Showing every office.")
        },
    )
    treatment = forms.ModelChoiceField(
        label=_("Treatment"),
        queryset=Treatment.objects.published().order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All treatments"),
        error_messages={
            "invalid_choice": _("We have no treatment by that name. Showing every treatment.")
        },
    )
