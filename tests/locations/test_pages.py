import itertools
import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from locations.factories import LocationFactory
from locations.models import Location, Provider
from testimonials import factories as testimonial_factories
from testimonials import models as testimonial_models
from tests.locations.test_search import input_attributes
from treatments.factories import TreatmentFactory

pytestmark = pytest.mark.django_db


def json_ld(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_office_page_has_medical_clinic_structured_data_and_a_booking_link(client, offices):
    html = client.get("/locations/hagerstown/").content.decode()
    clinic = next(d for d in json_ld(html) if d["@type"] == "MedicalClinic")
    assert clinic["address"]["postalCode"] == "21740"
    assert clinic["telephone"] == "+13015550111"
    assert 'href="tel:+13015550111"' in html
    assert clinic["geo"]["latitude"] == pytest.approx(39.632, abs=0.01)
    assert {"@type", "dayOfWeek", "opens", "closes"} <= set(clinic["openingHoursSpecification"][0])
    assert 'href="/appointments/request/?location=hagerstown"' in html
    assert "Dr. Miriam Castellane" in html


def test_physicians_get_physician_data_but_nurse_practitioners_do_not(client, offices):
    surgeon = client.get("/providers/rafael-quintero-vidal/").content.decode()
    data = next(d for d in json_ld(surgeon) if d["@type"] == "Physician")
    assert data["knowsLanguage"] == ["en", "es"]
    assert "Spine surgery fellowship" in surgeon
    assert "?provider=rafael-quintero-vidal" in surgeon
    nurse = client.get("/providers/tessa-marlowe/").content.decode()
    assert not any(d["@type"] == "Physician" for d in json_ld(nurse))


def test_state_page_lists_its_offices_and_unknown_states_are_404(client, offices):
    html = client.get("/locations/maryland/").content.decode().split("<main")[1].split("</main>")[0]
    assert "Hagerstown" in html and "Elkridge" in html and "Weston" not in html
    assert client.get("/locations/alaska/").status_code == 404


def test_finder_opens_with_a_few_offices_per_state_and_a_link_to_the_rest(client, offices):
    for n in range(7):
        LocationFactory(slug=f"more-{n}", name=f"Zz office {n}")
    html = client.get("/locations/").content.decode().split("<main")[1].split("</main>")[0]
    # Four per state, by name: Elkridge, Hagerstown, then the first two new ones.
    assert html.count('<h3><a href="/locations/more-') == 2
    assert 'href="/locations/maryland/">All 9 offices in Maryland</a>' in html
    assert "Weston" in html  # other states are untouched


def test_state_page_lists_its_offices_a_page_at_a_time_and_forgives_bad_page_numbers(
    client, offices
):
    for n in range(30):
        LocationFactory(slug=f"more-{n:02}", name=f"Zz office {n:02}")
    first = client.get("/locations/maryland/").content.decode()
    # Office cards only: the state's map lists every office, whatever the page.
    assert "Page 1 of 2" in first and ">Zz office 21</a></h2>" in first
    assert ">Zz office 22</a></h2>" not in first
    second = client.get("/locations/maryland/", {"page": "2"}).content.decode()
    second = second.split("<main")[1].split("</main>")[0]
    assert ">Zz office 22</a></h2>" in second and ">Zz office 29</a></h2>" in second
    assert '<h2><a href="/locations/hagerstown/">' not in second
    for bad in ("99", "abc", "-1"):
        response = client.get("/locations/maryland/", {"page": bad})
        assert response.status_code == 200
        assert "office-card" in response.content.decode()


def test_an_office_cannot_take_a_states_slug(db):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        LocationFactory(slug="maryland")


def test_provider_filters_by_office_and_treatment_and_reports_bad_values(client, offices):
    html = client.get("/providers/", {"location": "weston"}).content.decode()
    assert "Quintero-Vidal" in html and "Castellane" not in html
    html = client.get("/providers/", {"treatment": "si-joint-fusion"}).content.decode()
    assert "Calloway" in html and "Marlowe" not in html
    response = client.get("/providers/", {"location": "atlantis", "treatment": "si-joint-fusion"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "We have no office by that name" in html
    assert "Calloway" in html and "Marlowe" not in html


@pytest.mark.parametrize(
    ("phone", "href"),
    [
        ("(301) 555-0142", "+13015550142"),
        ("301.555.0142", "+13015550142"),
        ("(301) 555-0142 ext. 12", "+13015550142;ext=12"),
        ("555-0100", ""),  # seven digits: no area code to dial
        ("call us", ""),
    ],
)
def test_tel_links_hold_a_whole_number_or_nothing(phone, href):
    from core.templatetags.clinic import tel_href

    assert tel_href(phone) == href


def test_an_office_card_with_an_unusable_phone_shows_it_without_a_link(client, db):
    LocationFactory(slug="old-data", phone="555-0100")
    html = client.get("/locations/maryland/").content.decode()
    assert "Call 555-0100" in html
    assert 'href="tel:+5550100"' not in html and 'href="tel:"' not in html


def test_treatment_page_lists_the_offices_offering_it_and_the_specialists_performing_it(
    client, offices
):
    html = client.get("/treatments/si-joint-fusion/").content.decode()
    offices_part = html.split('id="offices-heading"')[1]
    for office in ("Hagerstown", "South Miami", "Hialeah", "Weston"):
        assert f">{office}</a></h3>" in offices_part
    assert ">Elkridge</a></h3>" not in offices_part  # it does not offer SI joint fusion
    specialists = html.split('id="specialists-heading"')[1].split("</section>")[0]
    assert "Quintero-Vidal" in specialists and "Ashworth" in specialists
    # A physician assistant who follows patients up after fusion does not perform it.
    assert "Calloway" not in specialists and "Castellane" not in specialists


def test_office_page_lists_its_treatments_and_only_approved_testimonials(client, offices):
    hagerstown = Location.objects.get(slug="hagerstown")
    story = testimonial_factories.TestimonialFactory
    story(office=hagerstown, display_name="Approved A.", text="Walking again.")
    story(
        office=hagerstown,
        display_name="Waiting B.",
        text="Not yet moderated.",
        status=testimonial_models.Testimonial.Status.SUBMITTED,
    )
    html = client.get("/locations/hagerstown/").content.decode()
    treatments = html.split('id="treatments-heading"')[1].split("</section>")[0]
    assert "SI joint fusion" in treatments and "Radiofrequency ablation" in treatments
    assert "Walking again." in html
    assert "Not yet moderated." not in html and "Waiting B." not in html


def test_state_page_headings_go_from_h1_to_h2(client, offices):
    html = client.get("/locations/maryland/").content.decode().split("<main")[1]
    assert '<h2><a href="/locations/hagerstown/">Hagerstown</a></h2>' in html
    levels = [int(level) for level in re.findall(r"<h([1-6])", html.split("</main>")[0])]
    assert levels[0] == 1
    assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels)), levels


def test_a_search_box_in_error_points_to_its_message(client, offices):
    html = client.get("/locations/", {"q": "x" * 201}).content.decode()
    assert 'id="id_q_error_1"' in html
    box = input_attributes(html, "q")
    assert box["aria-describedby"] == "id_q_helptext id_q_error_1"
    assert box["aria-invalid"] == "true"
    # Listed in the error summary too, a link to the box, as on every form of the site.
    summary = html.split('class="error-summary"')[1].split("</div>")[0]
    assert '<a href="#id_q">Enter your address, ZIP code or city: Ensure' in summary
    html = client.get("/locations/", {"q": "21740"}).content.decode()
    box = input_attributes(html, "q")
    assert box["aria-describedby"] == "id_q_helptext" and "aria-invalid" not in box
    assert "error-summary" not in html


def test_a_search_result_leads_to_a_request_listing_offices_nearest_the_same_place(client, offices):
    html = client.get("/locations/", {"q": "Weston, FL"}).content.decode()
    link = re.search(r'href="(/appointments/request/\?location=weston&amp;q=[^"]+)"', html)
    assert link, "no appointment link on the Weston card"
    form = client.get(link.group(1).replace("&amp;", "&")).context["form"]
    assert form.initial["location"] == Location.objects.get(slug="weston").pk
    nearest_first = [label for _pk, label in form.fields["location"].choices][1:]
    assert nearest_first[0].startswith("Weston")


@time_machine.travel(datetime(2026, 12, 3, 9, 30, tzinfo=ZoneInfo("America/New_York")), tick=False)
def test_office_hours_table_reads_as_us_patients_expect_and_marks_today(client, offices):
    html = client.get("/locations/hagerstown/").content.decode()
    assert "<td>8:00 AM – 5:00 PM</td>" in html  # Monday
    today = re.search(r'<tr class="is-today" aria-current="date">(.*?)</tr>', html, re.S)
    assert "Thursday" in today.group(1) and "10:00 AM – 7:00 PM" in today.group(1)


@pytest.mark.parametrize("model", [Location, Provider])
def test_an_unpublished_office_or_provider_is_hidden_from_the_public_and_shown_to_staff(
    client, admin_client, offices, model
):
    hidden = model.objects.published().first()
    url = hidden.get_absolute_url()
    assert client.get(url).status_code == 200  # cached while it was public
    hidden.is_published = False
    hidden.save()
    assert admin_client.get(url).status_code == 200
    assert client.get(url).status_code == 404  # even right after staff viewed it


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda office, t: office.treatments.add(t), id="office.treatments.add"),
        pytest.param(lambda office, t: t.locations.add(office), id="treatment.locations.add"),
    ],
)
def test_adding_a_treatment_to_an_office_shows_on_its_cached_page_at_once(client, offices, edit):
    office = Location.objects.get(slug="hagerstown")
    new = TreatmentFactory(name="Cold laser therapy")
    assert new.name not in client.get(office.get_absolute_url()).content.decode()
    edit(office, new)
    assert new.name in client.get(office.get_absolute_url()).content.decode()


def test_removing_an_office_from_a_provider_shows_on_the_cached_provider_page(client, offices):
    provider = Provider.objects.published().filter(locations__slug="hagerstown").first()
    office = provider.locations.get(slug="hagerstown")
    listed = f"{office.name}</a> – {office.city}, {office.state}</li>"  # "Where to see..."
    assert listed in client.get(provider.get_absolute_url()).content.decode()
    provider.locations.remove(office)
    assert listed not in client.get(provider.get_absolute_url()).content.decode()


def header_phone(client, url):
    html = client.get(url).content.decode()
    header = re.search(r'class="[^"]*header-call" href="tel:([^"]+)"', html).group(1)
    bar = re.search(r'data-quick-bar>\s*<a class="[^"]*" href="tel:([^"]+)"', html).group(1)
    assert header == bar, url
    return header


def test_the_header_phone_fits_the_page(client, offices):
    office = Location.objects.get(slug="weston")
    florida = Location.objects.published().filter(state="FL").order_by("sort_order", "name")
    assert header_phone(client, office.get_absolute_url()) == "+19545550119"
    # A state's number is its first office's in the admin's order (South Miami's).
    assert header_phone(client, "/locations/florida/") == "+1" + re.sub(
        r"\D", "", florida.first().phone
    )
    assert florida.first().slug == "south-miami"
    # A provider who works in one state only: that state's number.
    surgeon = Provider.objects.published().filter(locations__state="FL").first()
    assert {o.state for o in surgeon.locations.all()} == {"FL"}
    assert header_phone(client, surgeon.get_absolute_url()) == "+13055550117"
    # Everywhere else, the practice's main line.
    assert header_phone(client, "/treatments/") == "+13015550100"
    assert header_phone(client, "/es/locations/weston/") == "+19545550119"


def test_the_office_map_marks_every_published_office_with_a_link_and_lists_them(client, offices):
    Location.objects.filter(slug="york").update(is_published=False)
    html = client.get("/locations/").content.decode()
    svg = re.search(r"<svg class=\"office-map-drawing\".*?</svg>", html, re.S).group(0)
    marked = re.findall(r'<a href="/locations/([^/]+)/" aria-label="([^"]+)">', svg)
    published = Location.objects.published()
    assert sorted(slug for slug, _ in marked) == sorted(o.slug for o in published)
    assert ("weston", "Weston office, Weston, FL") in marked
    assert "york" not in dict(marked)
    assert len(re.findall(r'<path class="is-served"', svg)) == 4  # MD, PA, VA and FL
    assert "http" not in svg  # drawn here, nothing from another origin
    listed = re.search(r'<div class="office-map-list">.*?</div>', html, re.S).group(0)
    assert all(f'href="/locations/{o.slug}/"' in listed for o in published)
    # A state's page maps that state alone, with its own offices.
    florida = client.get("/es/locations/florida/").content.decode()
    marked = re.findall(r'<a href="/es/locations/([^/]+)/" aria-label="([^"]+)">', florida)
    assert sorted(slug for slug, _ in marked) == ["hialeah", "south-miami", "weston"]
    assert ("weston", "Oficina de Weston, Weston, FL") in marked
