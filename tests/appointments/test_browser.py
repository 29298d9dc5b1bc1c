"""A patient on a phone: a mistake, a fix without retyping, a confirmation; axe clean throughout."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from appointments.models import AppointmentRequest

from ..conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _live_settings(settings):
    settings.APPOINTMENT_MIN_FILL_SECONDS = 0


def fill_required(page, phone, office="Elkridge, MD"):
    page.get_by_label("First name").fill("Quinlan")
    page.get_by_label("Last name").fill("Marchetti")
    page.get_by_label("Phone number").fill(phone)
    page.get_by_label("Preferred office").select_option(label=office)
    page.get_by_label("I agree to be contacted").check()
    page.get_by_label("I have read and agree to the privacy notice").check()


def test_a_patient_fixes_a_mistake_and_lands_on_the_confirmation(live_demo, phone_page):
    page = phone_page
    page.goto(live_demo.url + reverse("appointments:request") + "?treatment=si-joint-fusion")
    assert_accessible(page)
    # Only offices that offer SI joint fusion are listed; Hagerstown does.
    fill_required(page, "555-12", office="Hagerstown, MD")
    page.get_by_label("Anything else we should know?").fill("Mornings are best.")
    page.get_by_role("button", name="Send request").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert_accessible(page)
    # Everything else is still filled in: only the phone needs fixing.
    assert page.get_by_label("First name").input_value() == "Quinlan"
    assert page.get_by_label("Anything else we should know?").input_value() == "Mornings are best."
    assert page.get_by_label("I agree to be contacted").is_checked()
    assert page.get_by_label("Treatment or reason for your visit").input_value()
    summary.get_by_role("link").first.click()
    page.get_by_label("Phone number").fill("410-555-0142")
    page.get_by_role("button", name="Send request").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you, we have your request", use_inner_text=True
    )
    reference = page.locator(".reference-code").inner_text()
    assert AppointmentRequest.objects.get(first_name="Quinlan").reference == reference
    assert "Quinlan" not in page.url and reference not in page.url
    assert_accessible(page)


def test_the_form_works_with_javascript_off(live_demo, no_js_page):
    no_js_page.goto(live_demo.url + reverse("appointments:request"))
    fill_required(no_js_page, "410-555-0142")
    no_js_page.get_by_role("button", name="Send request").click()
    assert "Thank you" in no_js_page.get_by_role("heading", level=1).inner_text()
    assert AppointmentRequest.objects.filter(first_name="Quinlan").count() == 1


# WCAG 2.5.8: a target is at least 24 by 24 px, or a 24 px circle centred on it touches no
# other target (nor the circle of another small one), or it is a link inside a sentence.
TARGET_SIZE_FAILURES = """
els => {
  const targets = els.filter(e => e.offsetParent).map(e => ({e, r: e.getBoundingClientRect()}));
  const centre = r => [r.x + r.width / 2, r.y + r.height / 2];
  const small = t => t.r.width < 24 || t.r.height < 24;
  const inSentence = t => t.e.tagName === "A" && t.e.parentElement.textContent.trim().length
      > t.e.textContent.trim().length;
  const circleTouches = (c, r) => {
    const dx = Math.max(r.left - c[0], 0, c[0] - r.right);
    const dy = Math.max(r.top - c[1], 0, c[1] - r.bottom);
    return dx * dx + dy * dy < 144;
  };
  return targets.filter(t => small(t) && !inSentence(t) && targets.some(o => o !== t && (
      circleTouches(centre(t.r), o.r)
      || (small(o) && Math.hypot(...centre(t.r).map((v, i) => v - centre(o.r)[i])) < 24)
  ))).map(t => [t.e.tagName, t.e.name || t.e.textContent.trim(), t.r.width, t.r.height]);
}
"""
TARGETS = (
    "form input:not([type=hidden]):not(.trap input), form select, form button, form a, "
    "[data-error-summary] a"
)


def test_every_target_in_the_form_is_big_enough_to_touch(live_demo, phone_page):
    phone_page.goto(live_demo.url + reverse("appointments:request"))
    phone_page.get_by_role("button", name="Send request").click()  # shows the error summary
    expect(phone_page.locator("[data-error-summary]")).to_be_visible()  # waits for the answer
    assert phone_page.locator("[data-error-summary] a").count() >= 5
    expect(phone_page.get_by_role("link", name="Read our privacy notice")).to_be_visible()
    assert phone_page.eval_on_selector_all(TARGETS, TARGET_SIZE_FAILURES) == []


def test_a_patient_requests_an_appointment_in_spanish_fixing_a_mistake(live_demo, phone_page):
    from django.core import mail
    from django.core.management import call_command

    page = phone_page
    page.goto(live_demo.url + "/es" + reverse("appointments:request"))
    assert page.evaluate("document.documentElement.lang") == "es"
    page.get_by_label("Nombre", exact=False).first.fill("Quinlan")
    page.get_by_label("Apellido").fill("Marchetti")
    page.get_by_label("Número de teléfono").fill("555-12")
    page.get_by_label("Oficina preferida").select_option(label="Hialeah, FL")
    page.get_by_label("Acepto que me contacten").check()
    page.get_by_label("He leído y acepto el aviso de privacidad").check()
    page.get_by_role("textbox", name="Correo electrónico").fill("quinlan@example.com")
    page.get_by_role("button", name="Enviar solicitud").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    assert "Por favor, corrija lo siguiente" in summary.inner_text()
    assert "Escriba un número de teléfono de EE. UU. con código de área" in summary.inner_text()
    assert_accessible(page)
    summary.get_by_role("link").first.click()
    page.get_by_label("Número de teléfono").fill("305-555-0142")
    page.get_by_role("button", name="Enviar solicitud").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gracias, recibimos su solicitud", use_inner_text=True
    )
    assert "/es/" in page.url
    assert_accessible(page)
    stored = AppointmentRequest.objects.get(first_name="Quinlan")
    assert stored.language == "es"
    call_command("db_worker", batch=True, verbosity=0)
    email = next(m for m in mail.outbox if m.to == ["quinlan@example.com"])
    assert email.subject == f"Recibimos su solicitud ({stored.reference})"
    assert "Gracias por comunicarse con nosotros." in email.body
