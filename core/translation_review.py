"""Spanish content that a translator has reviewed before patients rely on it.

Every field patients read has an English and a Spanish column (django-modeltranslation,
registered in each app's translation.py). A page's Spanish is shown only once a member of the
Translator group marks it reviewed; the review records who, when, and a sha256 fingerprint of
the English it was checked against. Each save stores the fingerprint of the English as it is
now, so "out of date" (English changed since the review) is one comparison of two columns: a
list filter and a count in the admin, no extra query on a public page.

A treatment is reviewed as a whole, with its sections, steps and questions (its "parts"): a
change to any part's English changes the treatment's fingerprint. An out-of-date review keeps
its Spanish on the site, flagged in the admin, because a reviewed older translation is safer
for a patient than none. Where nothing is reviewed, a Spanish page shows the English, and the
template marks that block lang="en" (the `content_lang` filter in templatetags/clinic.py); so
it does where a reviewed item's Spanish leaves one field empty. Search engines are told of a
page's Spanish only once it is reviewed (languages_with_text).
"""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.fields import TranslationFieldDescriptor
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname, get_language

SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
REVIEW_PERMISSION = "core.review_spanish"

# Reviewed model -> {part model: lookup from the part to it}, filled by review_spanish().
PARTS = {}
# Part model -> attribute path to the reviewed object it belongs to.
OWNER_PATHS = {}


class SpanishStatus(models.TextChoices):
    REVIEWED = "reviewed", _("reviewed")
    OUT_OF_DATE = "out-of-date", _("out of date")
    NOT_REVIEWED = "not-reviewed", _("not reviewed")


def spanish_status_q(status):
    """The rows in `status`, as one condition on the reviewed model's own columns."""
    reviewed = models.Q(spanish_reviewed_at__isnull=False)
    current = models.Q(spanish_reviewed_fingerprint=models.F("english_fingerprint"))
    return {
        SpanishStatus.REVIEWED: reviewed & current,
        SpanishStatus.OUT_OF_DATE: reviewed & ~current,
        SpanishStatus.NOT_REVIEWED: ~reviewed,
    }[status]


class SpanishReview(models.Model):
    """Who reviewed the Spanish, when, and against which English."""

    spanish_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("Spanish reviewed by"),
    )
    spanish_reviewed_at = models.DateTimeField(
        _("Spanish reviewed on"), null=True, blank=True, editable=False
    )
    spanish_reviewed_fingerprint = models.CharField(
        _("fingerprint of the English the Spanish was reviewed against"),
        max_length=64,
        blank=True,
        editable=False,
    )
    english_fingerprint = models.CharField(
        _("fingerprint of the English"), max_length=64, blank=True, editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.english_fingerprint = english_fingerprint(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "english_fingerprint"}
        super().save(*args, **kwargs)

    @property
    def spanish_status(self):
        if self.spanish_reviewed_at is None:
            return SpanishStatus.NOT_REVIEWED
        if self.spanish_reviewed_fingerprint != self.english_fingerprint:
            return SpanishStatus.OUT_OF_DATE
        return SpanishStatus.REVIEWED

    def mark_spanish_reviewed(self, user):
        self.spanish_reviewed_by = user
        self.spanish_reviewed_at = timezone.now()
        self.spanish_reviewed_fingerprint = english_fingerprint(self)
        self.save()


def _english(obj):
    fields = translator.get_options_for_model(type(obj)).fields
    for name in sorted(fields):
        value = getattr(obj, build_localized_fieldname(name, SOURCE_LANGUAGE))
        yield f"{name}={getattr(value, 'name', value) or ''}"


def english_fingerprint(obj):
    """sha256 of the object's English and its parts' English, in a fixed order."""
    blocks = []
    if obj.pk is not None:
        for part_model, lookup in PARTS.get(type(obj), {}).items():
            for part in part_model._default_manager.filter(**{lookup: obj}):
                blocks.append("\0".join([part_model._meta.label, *_english(part)]))
    # Parts sorted by their text, not their ids: a draft copy published onto its live page
    # (new ids, same English) keeps the fingerprint its review was made against.
    text = "\0\0".join(["\0".join(_english(obj)), *sorted(blocks)])
    return hashlib.sha256(text.encode()).hexdigest()


def review_owner(obj):
    path = OWNER_PATHS.get(type(obj))
    if path is None:
        return obj
    for name in path.split("__"):
        obj = getattr(obj, name)
    return obj


def is_reviewed(obj):
    """Whether obj's Spanish has been reviewed (and so is shown, even when out of date)."""
    return review_owner(obj).spanish_reviewed_at is not None


def shows_spanish(obj):
    """Whether obj's text is in Spanish now: a Spanish request, and a reviewed translation."""
    return get_language() != SOURCE_LANGUAGE and is_reviewed(obj)


def shows_english_in_place_of_spanish(obj, field=None):
    """Whether a page in another language shows obj's text in English: its Spanish is not
    reviewed, or (given `field`) that field's Spanish is empty, so modeltranslation falls
    back to the English (a reviewed treatment whose Spanish left a field blank)."""
    language = get_language()
    if language == SOURCE_LANGUAGE:
        return False
    if not is_reviewed(obj):
        return True
    if field is None:
        return False
    shown = getattr(obj, build_localized_fieldname(field, language))
    return not shown and bool(getattr(obj, build_localized_fieldname(field, SOURCE_LANGUAGE)))


def languages_with_text(obj):
    """The languages a page made of obj's text can be read in, for hreflang links and the
    sitemap: English always, another language once its translation is reviewed. Read from
    the row already loaded, so it costs no query."""
    return [
        code for code, name in settings.LANGUAGES if code == SOURCE_LANGUAGE or is_reviewed(obj)
    ]


class ReviewedFieldDescriptor(TranslationFieldDescriptor):
    """The field in the current language, except that unreviewed Spanish is never shown."""

    def __get__(self, instance, owner):
        if instance is not None and shows_english_in_place_of_spanish(instance):
            return getattr(instance, build_localized_fieldname(self.field.name, SOURCE_LANGUAGE))
        return super().__get__(instance, owner)


def _guard(model):
    for name in translator.get_options_for_model(model).fields:
        current = model.__dict__[name]
        setattr(
            model,
            name,
            ReviewedFieldDescriptor(
                current.field,
                current.fallback_languages,
                current.fallback_value,
                current.fallback_undefined,
            ),
        )


def _refresh_owner(sender, instance, raw=False, **kwargs):
    if raw:
        return
    try:
        owner = review_owner(instance)
    except models.ObjectDoesNotExist:
        return  # the owner itself is being deleted
    # update(), not save(): a part's own history already records the change.
    type(owner).objects.filter(pk=owner.pk).update(english_fingerprint=english_fingerprint(owner))


def review_spanish(model, *, parts=None):
    """Show `model`'s Spanish only once reviewed. `parts` maps each model reviewed with it to
    the lookup from that model to `model`, e.g. {TreatmentSection: "treatment"}. Call from
    the app's translation.py, after registering every one of these models."""
    PARTS[model] = dict(parts or {})
    _guard(model)
    for part_model, lookup in PARTS[model].items():
        OWNER_PATHS[part_model] = lookup
        _guard(part_model)
        post_save.connect(_refresh_owner, sender=part_model, weak=False)
        post_delete.connect(_refresh_owner, sender=part_model, weak=False)


def reviewed_models():
    return list(PARTS)


def register_translation(model, fields):
    """Register `fields` of `model` for translation, and of its simple-history model too, so
    each historical version records both languages (the history model is built when the
    model class is, before translation.py runs, so it needs its own registration)."""
    from modeltranslation.translator import TranslationOptions

    options = type(f"{model.__name__}TranslationOptions", (TranslationOptions,), {"fields": fields})
    translator.register(model, options)
    history = getattr(model, "history", None)
    if history is not None:
        translator.register(history.model, options)


def english_from_original(fields_by_model):
    """For a migration's RunPython: fill the new English columns from the original ones
    (what `manage.py update_translation_fields` does), e.g. name_en from name."""

    def run(apps, schema_editor):
        for label, fields in fields_by_model.items():
            apps.get_model(label)._base_manager.update(
                **{
                    build_localized_fieldname(name, SOURCE_LANGUAGE): models.F(name)
                    for name in fields
                }
            )

    return run


def demo_reviewer():
    """The demo's translator account, who marks the demo Spanish reviewed (None before
    appointments.demo has made it)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username="translator").first()


class ReviewedLanguagesMixin:
    """For a DetailView whose page is its object's text: search engines are told of the
    page in the languages that text is reviewed in (see languages_with_text)."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            alternate_languages=languages_with_text(self.object), **kwargs
        )
