"""The treatment admin's whole-page history: versions, side-by-side compare, restore as a draft.

It takes the place of simple-history's per-row history and Revert for treatments: a
page's text lives in four tables, and reverting one row alone changed nothing staff
could see. Restoring here always makes a draft copy, so nothing goes live unreviewed.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .page_history import key_of, page_versions, side_by_side, version_as_of
from .services import live_page_changed, treatment_version_restore


def _key(request, name):
    try:
        return int(request.GET[name])
    except (KeyError, ValueError):
        return None


class PageHistoryAdminMixin:
    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        compare = self.admin_site.admin_view(self.page_compare_view)
        restore = self.admin_site.admin_view(require_POST(self.page_restore_view))
        return [
            path("<path:object_id>/history/compare/", compare, name=f"{prefix}_compare"),
            path("<path:object_id>/history/restore/", restore, name=f"{prefix}_restore"),
            *super().get_urls(),
        ]

    def _page(self, request, object_id):
        page = self.get_object(request, unquote(object_id))
        if page is None:
            raise Http404
        if not self.has_view_or_change_permission(request, page):
            raise PermissionDenied
        return page

    def _can_restore(self, request, page):
        return self.has_add_permission(request) and self.has_change_permission(request, page)

    def _context(self, request, page, title):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": page,
            "title": title % {"name": page},
            "can_restore": self._can_restore(request, page),
        }

    def history_view(self, request, object_id, extra_context=None):
        page = self._page(request, object_id)
        versions = page_versions(page.pk)
        context = self._context(request, page, _("History of “%(name)s”"))
        context["versions"] = versions[::-1]
        return TemplateResponse(request, "treatments/admin/page_history.html", context)

    def page_compare_view(self, request, object_id):
        page = self._page(request, object_id)
        versions = page_versions(page.pk)
        if not versions:
            raise Http404
        later = version_as_of(versions, _key(request, "to") or versions[-1].key)
        if later is None:
            raise Http404
        earlier_key = _key(request, "from")
        if earlier_key is None:
            position = versions.index(later)
            earlier = versions[position - 1] if position else later
        else:
            earlier = version_as_of(versions, earlier_key) or versions[0]
        context = self._context(request, page, _("Two versions of “%(name)s”"))
        context.update(
            earlier=earlier,
            later=later,
            latest=versions[-1],
            groups=side_by_side(earlier, later),
        )
        return TemplateResponse(request, "treatments/admin/page_compare.html", context)

    def page_restore_view(self, request, object_id):
        page = self._page(request, object_id)
        if not self._can_restore(request, page):
            raise PermissionDenied
        versions = page_versions(page.pk)
        key = request.POST.get("version", "")
        version = next((v for v in versions if str(v.key) == key), None)
        if version is None:
            raise Http404
        draft = treatment_version_restore(page=page, version=version)
        self.message_user(
            request,
            _(
                "This draft copy holds the version of %(when)s. "
                "Patients see the live page until you publish it."
            )
            % {"when": formats.date_format(version.at, "DATETIME_FORMAT")},
            messages.SUCCESS,
        )
        return redirect("admin:treatments_treatment_change", draft.pk)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.draft_of_id and live_page_changed(obj):
            # What the live page gained since the copy was made: publishing would replace it.
            context["live_changes_url"] = "{}?{}".format(
                reverse("admin:treatments_treatment_compare", args=[obj.draft_of_id]),
                f"from={key_of(obj.created_at)}",
            )
        return super().render_change_form(request, context, add, change, form_url, obj)
