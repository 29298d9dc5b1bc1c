"""A treatment page's whole history: the page with its sections, steps and FAQs at each save.

simple-history keeps each row's versions in its own table. The page as it stood at any
moment is, for the page and for each of its parts, the latest historical row up to that
moment, a part whose latest row is its deletion being gone: what simple-history's
`as_of` gives for one table. Here it is done in one pass over the four tables, so the
whole list of versions costs four queries however long it is.

A version is what one save left: the admin writes the page and its parts within a
fraction of a second, so rows written by the same person less than SAVE_GAP apart are
one version, and the version is the page as of its last row.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from modeltranslation.translator import translator

from .models import FAQ, ProcedureStep, Treatment, TreatmentSection

SAVE_GAP = timedelta(seconds=2)
PARTS = {"sections": TreatmentSection, "steps": ProcedureStep, "faqs": FAQ}


def _language_columns(model, names):
    """Each name, a translated one replaced by its column in every language: the plain
    attribute reads whichever language is active, so it is no fixed part of the content."""
    translated = translator.get_options_for_model(model).all_fields
    for name in names:
        if name in translated:
            yield from sorted(column.name for column in translated[name])
        else:
            yield name


def page_fields():
    return list(_language_columns(Treatment, Treatment.CONTENT_FIELDS))


def _shown_fields(model, names):
    """The fields staff edit; an image's size follows from the image itself."""
    return [name for name in names if model._meta.get_field(name).editable]


def part_fields(model):
    # The worker sets a renditions flag without a history record: not part of the content.
    flags = {getattr(f, "renditions_field", None) for f in model._meta.concrete_fields}
    names = [
        f.attname
        for f in model._meta.concrete_fields
        if not f.primary_key
        and f.name != "treatment"
        and not hasattr(f, "translated_field")
        and f.name not in flags
    ]
    return list(_language_columns(model, names))


def _values(row, names):
    values = {}
    for name in names:
        value = getattr(row, name)
        values[name] = (value.name or "") if isinstance(value, FieldFile) else value
    return values


@dataclass(frozen=True)
class Part:
    id: int
    content: dict

    @property
    def order(self):
        return (self.content["sort_order"], self.id)


@dataclass
class PageVersion:
    """The page and its parts as they stood at `at` (None: as they stand now)."""

    page: dict
    parts: dict  # "sections" / "steps" / "faqs": [Part] in page order
    at: datetime | None = None
    user: object = None
    changes: list = field(default_factory=list)

    @property
    def key(self):
        """The version's stable address: its moment, in microseconds."""
        return key_of(self.at)

    def fingerprint(self):
        content = {
            "page": self.page,
            **{name: [part.content for part in parts] for name, parts in self.parts.items()},
        }
        text = json.dumps(content, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


def _sorted_parts(parts):
    return sorted(parts, key=lambda part: part.order)


def current_page(treatment):
    """The page as it stands, read from its rows (three queries)."""
    return PageVersion(
        page=_values(treatment, page_fields()),
        parts={
            name: _sorted_parts(
                Part(row.pk, _values(row, part_fields(model)))
                for row in model.objects.filter(treatment=treatment)
            )
            for name, model in PARTS.items()
        },
    )


def page_fingerprint(treatment):
    """Changes whenever the page's content does, in any language, its parts included."""
    return current_page(treatment).fingerprint()


def page_versions(treatment_id):
    """Every saved version of the page, oldest first, each with what it changed."""
    streams = [("page", Treatment.history.filter(id=treatment_id))] + [
        (name, model.history.filter(treatment_id=treatment_id)) for name, model in PARTS.items()
    ]
    records = sorted(
        (
            (record.history_date, record.history_id, name, record)
            for name, queryset in streams
            for record in queryset.select_related("history_user")
        ),
        key=lambda entry: entry[:2],
    )
    fields = {"page": page_fields(), **{name: part_fields(m) for name, m in PARTS.items()}}
    page, parts = None, {name: {} for name in PARTS}
    versions = []
    for n, (at, _id, name, record) in enumerate(records):
        if name == "page":
            page = None if record.history_type == "-" else _values(record, fields["page"])
        elif record.history_type == "-":
            parts[name].pop(record.id, None)
        else:
            parts[name][record.id] = Part(record.id, _values(record, fields[name]))
        following = records[n + 1][3] if n + 1 < len(records) else None
        if page is None or (
            following is not None
            and following.history_date - at < SAVE_GAP
            and following.history_user_id == record.history_user_id
        ):
            continue
        version = PageVersion(
            page=page,
            parts={name: _sorted_parts(rows.values()) for name, rows in parts.items()},
            at=at,
            user=record.history_user,
        )
        version.changes = changes(versions[-1] if versions else None, version)
        versions.append(version)
    return versions


def version_as_of(versions, key):
    """The version that stood at the moment `key` (microseconds), or None before the first."""
    standing = [version for version in versions if version.key <= key]
    return standing[-1] if standing else None


def key_of(moment):
    return round(moment.timestamp() * 1_000_000)


# Reading a version back: labels and titles staff recognise.


def _label(model, name):
    return str(model._meta.get_field(name).verbose_name)


def _shown(model, name, value):
    if value in (None, ""):
        return ""
    choices = dict(model._meta.get_field(name).flatchoices)
    return str(choices.get(value, value))


def _in_language(content, name):
    """The part's `name` in the active language, else in English."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return content.get(f"{name}_{language}") or content.get(f"{name}_en") or ""


def part_title(name, content):
    if name == "sections":
        heading = _in_language(content, "title")
        kind = _shown(TreatmentSection, "kind", content["kind"])
        return _("Section “%(heading)s”") % {"heading": heading or kind}
    if name == "steps":
        return _("Step “%(title)s”") % {"title": _in_language(content, "title")}
    return _("Question “%(question)s”") % {"question": _in_language(content, "question")}


def _pairs(before, after):
    """Each part of either version with its counterpart, in the later version's order."""
    earlier = {part.id: part for part in before}
    later_ids = {part.id for part in after}
    pairs = [(earlier.get(part.id), part) for part in after]
    return pairs + [(part, None) for part in before if part.id not in later_ids]


def changes(before, after):
    """What `after` changed since `before`, as short phrases for the list of versions."""
    if before is None:
        return [_("First version")]
    said = [
        _label(Treatment, name)
        for name in _shown_fields(Treatment, page_fields())
        if before.page.get(name) != after.page.get(name)
    ]
    for name in PARTS:
        for old, new in _pairs(before.parts[name], after.parts[name]):
            if old is None:
                said.append(_("%(part)s added") % {"part": part_title(name, new.content)})
            elif new is None:
                said.append(_("%(part)s removed") % {"part": part_title(name, old.content)})
            elif old.content != new.content:
                said.append(_("%(part)s changed") % {"part": part_title(name, new.content)})
    return said or [_("No change to the content")]


@dataclass(frozen=True)
class Row:
    label: str
    before: str
    after: str

    @property
    def changed(self):
        return self.before != self.after


@dataclass(frozen=True)
class Group:
    title: str
    rows: list

    @property
    def changed(self):
        return any(row.changed for row in self.rows)


def _rows(model, names, before, after):
    rows = [
        Row(
            _label(model, name),
            _shown(model, name, before.get(name)),
            _shown(model, name, after.get(name)),
        )
        for name in names
    ]
    return [row for row in rows if row.before or row.after]


def side_by_side(before, after):
    """The whole page in both versions, field by field, part by part."""
    page = _shown_fields(Treatment, page_fields())
    groups = [Group(_("The page"), _rows(Treatment, page, before.page, after.page))]
    for name, model in PARTS.items():
        names = _shown_fields(model, part_fields(model))
        for old, new in _pairs(before.parts[name], after.parts[name]):
            title = part_title(name, (new or old).content)
            rows = _rows(model, names, old.content if old else {}, new.content if new else {})
            groups.append(Group(title, rows))
    return groups
