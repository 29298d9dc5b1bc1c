"""A patient's or staff member's browser, as far as the cluster tests need one: cookies, forms.

The cluster serves plain HTTP on loopback with production settings, so its session and CSRF
cookies are marked Secure. Browsers keep and send Secure cookies for http://127.0.0.1 (a
potentially trustworthy origin); Python's cookie jar does not, so Visitor keeps them as
if they were not marked. Cookies are per host, not per port, as in a browser: a cookie set
by app server A is sent to B and to nginx, as it would be behind one load balancer.
"""

import re
import uuid
from html.parser import HTMLParser

import requests

APPOINTMENT_FORM = "/appointments/request/"


class Visitor(requests.Session):
    """A browser with its own cookies; `client_address` is sent as nginx would forward it
    (X-Forwarded-For) when talking to an app server directly."""

    def __init__(self, client_address=None):
        super().__init__()
        if client_address:
            self.headers["X-Forwarded-For"] = client_address

    def request(self, *args, **kwargs):
        response = super().request(*args, **kwargs)
        for cookie in self.cookies:
            cookie.secure = False  # every address here is loopback (see above)
        return response

    def submit(self, url, form_id=None, *, changes=None, files=None, **kwargs):
        """GET the page at url, fill its form (the one with id form_id, or the first POST
        form) as a browser would, change some fields, and POST it to its action."""
        page = self.get(url, **kwargs)
        page.raise_for_status()
        form = find_form(page.text, form_id)
        fields = [(name, value) for name, value in form.fields if name not in (changes or {})]
        fields += list((changes or {}).items())
        action = requests.compat.urljoin(page.url, form.action or page.url)
        return self.post(action, data=fields, files=files, allow_redirects=False, **kwargs)


class Form:
    def __init__(self, attributes):
        self.id = attributes.get("id")
        self.action = attributes.get("action")
        self.method = (attributes.get("method") or "get").lower()
        self.fields = []  # (name, value) pairs, as the browser would send them


class FormReader(HTMLParser):
    """Every form on a page with the values a browser would send unchanged: text and hidden
    inputs, checked boxes and radios, selected options (or a single select's first),
    textareas. Files and buttons are left to the caller."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.form = None
        self.select = None  # (name, multiple, first option's value, chosen any)
        self.option = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "form":
            self.form = Form(attributes)
            self.forms.append(self.form)
        elif self.form is None or (tag not in ("option",) and not name):
            return
        elif tag == "input":
            kind = (attributes.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            self.form.fields.append((name, attributes.get("value", "on" if kind in
                                     ("checkbox", "radio") else "")))  # fmt: skip
        elif tag == "select":
            self.select = {"name": name, "multiple": "multiple" in attributes, "first": None}
            self.select["chosen"] = False
        elif tag == "option" and self.select is not None:
            value = attributes.get("value")
            self.option = {"value": value, "text": "", "selected": "selected" in attributes}
        elif tag == "textarea":
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.option is not None:
            self.option["text"] += data
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "option" and self.option is not None:
            self._close_option()
        elif tag == "select" and self.select is not None:
            if self.option is not None:
                self._close_option()
            select = self.select
            if not (select["chosen"] or select["multiple"] or select["first"] is None):
                self.form.fields.append((select["name"], select["first"]))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            # A browser drops the newline right after <textarea>.
            self.form.fields.append((self.textarea[0], self.textarea[1].removeprefix("\n")))
            self.textarea = None
        elif tag == "form":
            self.form = None

    def _close_option(self):
        option, self.option = self.option, None
        value = option["value"] if option["value"] is not None else option["text"].strip()
        if self.select["first"] is None:
            self.select["first"] = value
        if option["selected"]:
            self.select["chosen"] = True
            self.form.fields.append((self.select["name"], value))


def find_form(page_html, form_id=None):
    reader = FormReader()
    reader.feed(page_html)
    for form in reader.forms:
        if form.id == form_id if form_id else form.method == "post":
            return form
    raise AssertionError(f"no form {form_id or 'with method post'} on the page")


def appointment_form(form_page):
    """The appointment request form's fields as its page gives them, the first office chosen."""
    offices = re.search(r'<select name="location".*?</select>', form_page, re.DOTALL).group(0)
    return {
        **dict(find_form(form_page, "patient-request").fields),
        "location": re.findall(r'<option value="(\d+)"', offices)[0],
    }


def filled_in(form, **details):
    """An appointment_form filled in as a patient would: a phone, both consents and a new
    idempotency key (one per request sent), then `details` (names, email)."""
    return {
        **form,
        "phone": "410-555-0123",
        "consent_to_contact": "on",
        "consent_to_privacy_notice": "on",
        "idempotency_key": str(uuid.uuid4()),
        **details,
    }
