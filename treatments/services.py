"""Draft copies: how staff rework a live treatment page without patients seeing it half-done.

A draft copy is an unpublished Treatment with its own sections, steps and FAQs,
linked to the live page by `draft_of`. Publishing it writes its content onto the
live page, in place, so the live page's history (and each section's, step's and
FAQ's) records the change and keeps the earlier version; then the copy goes.
"""

from itertools import zip_longest

from django.db import transaction
from modeltranslation.translator import translator

from .models import Treatment
from .page_history import PARTS, page_fingerprint


class LivePageChanged(Exception):
    """The live page changed after the draft copy was made: publishing would undo that."""


CHILDREN = ("sections", "steps", "faqs")
REVIEW_FIELDS = ("spanish_reviewed_by", "spanish_reviewed_at", "spanish_reviewed_fingerprint")


def _content_fields():
    """Treatment.CONTENT_FIELDS, each translated one followed by its column in every language
    (setting `name` writes the current language's column; the columns then set them all)."""
    translated = translator.get_options_for_model(Treatment).all_fields
    for name in Treatment.CONTENT_FIELDS:
        yield name
        yield from sorted(field.name for field in translated.get(name, ()))


def _content(row):
    return {
        f.attname: getattr(row, f.attname)
        for f in row._meta.concrete_fields
        if not f.primary_key and f.name != "treatment"
    }


def _draft_slug(live):
    n = 1 + Treatment.objects.filter(slug__startswith=f"{live.slug}-draft-").count()
    while Treatment.objects.filter(slug=f"{live.slug}-draft-{n}").exists():
        n += 1
    suffix = f"-draft-{n}"
    return live.slug[: Treatment._meta.get_field("slug").max_length - len(suffix)] + suffix


@transaction.atomic
def treatment_draft_create(*, live):
    """An unpublished copy of the live page, with its sections, steps and FAQs."""
    if live.draft_of_id or not live.is_published:
        raise ValueError("Only a published page that is not itself a copy gets a draft copy.")
    draft = Treatment(**{name: getattr(live, name) for name in _content_fields()})
    draft.slug = _draft_slug(live)
    draft.draft_of = live
    draft.is_published = False
    draft.sort_order, draft.care_step = live.sort_order, live.care_step
    draft.draft_base = page_fingerprint(live)
    draft.save()
    for relation in CHILDREN:
        for row in getattr(live, relation).order_by("pk"):
            type(row).objects.create(treatment=draft, **_content(row))
    return draft


@transaction.atomic
def treatment_version_restore(*, page, version):
    """A draft copy holding an earlier version of the page (a page_history.PageVersion),
    its sections, steps and FAQs included; the live page is untouched until it is published."""
    live = page.draft_of or page
    draft = Treatment(**version.page)
    draft.slug = _draft_slug(live)
    draft.draft_of = live
    draft.is_published = False
    draft.sort_order, draft.care_step = live.sort_order, live.care_step
    # It is meant to replace the live page as it stands now.
    draft.draft_base = page_fingerprint(live)
    draft.save()
    for relation, parts in version.parts.items():
        for part in parts:
            PARTS[relation].objects.create(treatment=draft, **part.content)
    return draft


def _pairs_by_kind(live_rows, draft_rows):
    live_by_kind = {row.kind: row for row in live_rows}
    draft_kinds = {row.kind for row in draft_rows}
    return [(live_by_kind.get(row.kind), row) for row in draft_rows] + [
        (row, None) for row in live_rows if row.kind not in draft_kinds
    ]


def _apply(pairs, live):
    for live_row, draft_row in pairs:
        if draft_row is None:
            live_row.delete()
        elif live_row is None:
            type(draft_row).objects.create(treatment=live, **_content(draft_row))
        elif _content(live_row) != _content(draft_row):
            for name, value in _content(draft_row).items():
                setattr(live_row, name, value)
            live_row.save()


def live_page_changed(draft):
    """Whether the live page is no longer what the copy was made from (unknown counts as
    changed: a copy made before this was recorded)."""
    return draft.draft_base != page_fingerprint(draft.draft_of)


@transaction.atomic
def treatment_draft_publish(*, draft, replace_live_changes=False):
    """Put the copy's content on its live page, and delete the copy. Returns the live page.

    Refused with LivePageChanged when the live page changed after the copy was made
    (another copy published, a direct edit), unless the editor chose to replace those
    changes: two copies of one page never silently undo each other."""
    # Locked, so two copies published at the same moment are checked one after the other.
    live = Treatment.objects.select_for_update().get(pk=draft.draft_of_id)
    draft.draft_of = live
    if not replace_live_changes and live_page_changed(draft):
        raise LivePageChanged
    if live.hero_image.name != draft.hero_image.name:
        live.hero_image = draft.hero_image.name
    for name in _content_fields():
        if name != "hero_image":
            setattr(live, name, getattr(draft, name))
    if draft.spanish_reviewed_at is not None:
        # The translator reviewed the copy's Spanish: that review now belongs to the live page.
        for name in REVIEW_FIELDS:
            setattr(live, name, getattr(draft, name))
    live.save()
    # Sections are one of each kind, so they pair by kind. Steps and FAQs pair in the
    # order they were created (the copy made them in the live page's order), so a
    # reordered or reworded step is a change to the same step in its history.
    sections = _pairs_by_kind(list(live.sections.all()), list(draft.sections.all()))
    _apply(sections, live)
    for relation in ("steps", "faqs"):
        pairs = zip_longest(
            getattr(live, relation).order_by("pk"), getattr(draft, relation).order_by("pk")
        )
        _apply(pairs, live)
    draft.delete()  # the saves and this delete refresh the page cache (core/caching.py)
    return live


@transaction.atomic
def treatment_part_move(*, part, up):
    """Move a section, step or FAQ one place up or down among its treatment's others.

    Its siblings are numbered 1, 2, 3... in their current order first, so rows that share
    a number (typed by hand before) still end up where staff asked. Each changed row is
    saved on its own, so its history and the page cache see the move. Returns whether the
    part moved (not when it was already first or last).
    """
    model = type(part)
    siblings = list(model.objects.select_for_update().filter(treatment=part.treatment_id))
    here = next(i for i, row in enumerate(siblings) if row.pk == part.pk)
    there = here - 1 if up else here + 1
    if not 0 <= there < len(siblings):
        return False
    siblings[here], siblings[there] = siblings[there], siblings[here]
    for position, row in enumerate(siblings, start=1):
        if row.sort_order != position:
            row.sort_order = position
            row.save(update_fields=["sort_order"])
    return True
