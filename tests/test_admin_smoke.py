"""Every admin page staff open answers for a superuser, with the demo practice loaded, and
every box on it has a name a screen reader can say."""

from collections import defaultdict
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.urls import reverse


def registered_by_app():
    models = defaultdict(list)
    for model, model_admin in admin.site._registry.items():
        models[model._meta.app_label].append((model, model_admin))
    return dict(sorted(models.items()))


class FormControls(HTMLParser):
    """The page's form controls that have no name: no <label> for them or around them, no
    aria-label(ledby), no title; and aria-label on a bare <span>, which nothing reads."""

    SKIPPED_TYPES = {"hidden", "submit", "button", "image", "reset"}

    def __init__(self, html):
        super().__init__()
        self.labelled_ids, self.controls, self.misplaced, self.open_labels = set(), [], [], 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label":
            self.open_labels += 1
            self.labelled_ids.add(attrs.get("for"))
        elif tag == "span" and "aria-label" in attrs and "role" not in attrs:
            self.misplaced.append(attrs.get("class"))
        elif tag in ("select", "textarea") or (
            tag == "input" and attrs.get("type", "text") not in self.SKIPPED_TYPES
        ):
            named = self.open_labels or {"aria-label", "aria-labelledby", "title"} & set(attrs)
            if not named:
                self.controls.append(attrs.get("id") or attrs.get("name"))

    def handle_endtag(self, tag):
        if tag == "label":
            self.open_labels -= 1

    def unnamed(self):
        return [c for c in self.controls if c not in self.labelled_ids] + self.misplaced


def assert_every_box_named(response, name):
    assert response.status_code == 200, name
    assert FormControls(response.content.decode()).unnamed() == [], name


@pytest.mark.parametrize("app_label", list(registered_by_app()))
def test_every_changelist_add_and_change_page_of_the_app_answers(
    admin_client, admin_user, demo, rf, app_label
):
    for model, model_admin in registered_by_app()[app_label]:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        assert_every_box_named(admin_client.get(reverse(f"{name}_changelist")), name)
        request = rf.get("/")
        request.user = admin_user
        # Some models are read-only by design (the gazetteer, the audit log): refused, not a 500.
        expected = 200 if model_admin.has_add_permission(request) else 403
        add = admin_client.get(reverse(f"{name}_add"))
        assert add.status_code == expected, name
        if expected == 200:
            assert_every_box_named(add, name)
        if first := model._default_manager.order_by("pk").first():
            assert_every_box_named(
                admin_client.get(reverse(f"{name}_change", args=[first.pk])), name
            )
