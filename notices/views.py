"""The notice pages: the version in effect, and every earlier version at its own address."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.caching import cache_public_page
from core.translation_review import languages_with_text

from .languages import taglines_for
from .models import Notice, parse_version_date

# Notices that end in a request the patient can send: the contact form, on its topic.
REQUEST_LINKS = {
    Notice.Kind.GOOD_FAITH_ESTIMATE: ("estimate", _("Ask for a good-faith estimate")),
    Notice.Kind.ACCESSIBILITY: ("accessibility", _("Send accessibility feedback")),
}


def offices_states():
    # Imported here: locations is another feature app, needed only by this one page.
    from locations.models import Location

    return set(Location.objects.published().values_list("state", flat=True).distinct())


class NoticeView(TemplateView):
    """A notice as of today; staff also see unpublished and future versions to check them."""

    template_name = "notices/notice_detail.html"

    def get_notice(self):
        return get_object_or_404(Notice, kind=self.kwargs["kind"])

    def get_context_data(self, **kwargs):
        notice = self.get_notice()
        user = self.request.user
        versions = list(notice.versions.visible_to(user))
        shown = self.choose(versions)
        current = next((v for v in versions if v.has_taken_effect()), None)
        context = {
            "notice": notice,
            "version": shown,
            "current": current,
            "body": shown.body_html,
            "versions": [v for v in versions if v.has_taken_effect()],
            "upcoming": [v for v in versions if v.is_published and not v.has_taken_effect()],
            "preview": not shown.has_taken_effect(),
            "alternate_languages": languages_with_text(notice),
        }
        if notice.kind == Notice.Kind.LANGUAGE_ASSISTANCE:
            context["taglines"] = taglines_for(offices_states())
        if notice.kind in REQUEST_LINKS:
            topic, label = REQUEST_LINKS[notice.kind]
            context["request_link"] = (f"{reverse('appointments:message')}?topic={topic}", label)
        return super().get_context_data(**context, **kwargs)

    def choose(self, versions):
        """The version in effect; for staff with nothing in effect yet, the newest draft."""
        in_effect = [v for v in versions if v.has_taken_effect()]
        if in_effect:
            return in_effect[0]
        if versions and self.request.user.is_staff:
            return versions[0]
        raise Http404("No version of this notice is in effect.")


class NoticeVersionView(NoticeView):
    """One version by its effective date: a stable address for a notice that was in effect."""

    def choose(self, versions):
        day = parse_version_date(self.kwargs["date"])
        match = next((v for v in versions if v.effective_date == day), None)
        if match is None or (not match.has_taken_effect() and not self.request.user.is_staff):
            raise Http404("No such version.")
        return match


notice_detail = cache_public_page(NoticeView.as_view())
notice_version = cache_public_page(NoticeVersionView.as_view())
