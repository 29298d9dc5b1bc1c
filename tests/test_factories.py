"""One valid factory per model, and choice fields the database itself keeps to their choices."""

import importlib

import factory
import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction
from simple_history.models import HistoricalChanges

from appointments.models import AuditLogEntry

PROJECT_APPS = ["home", "treatments", "locations", "testimonials", "appointments", "notices"]


def project_models():
    """Every concrete model of ours; history rows are copies, written only by simple_history."""
    return [
        model
        for label in PROJECT_APPS
        for model in apps.get_app_config("clinic_site" if label == "home" else label).get_models()
        if not issubclass(model, HistoricalChanges)
    ]


def project_factories():
    found = []
    for label in PROJECT_APPS:
        module = importlib.import_module(f"{label}.factories")
        found += [
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, factory.django.DjangoModelFactory)
            and value.__module__ == module.__name__
        ]
    return found


FACTORIES = {f._meta.model: f for f in project_factories()}


def save_parents(obj):
    """Save the unsaved rows a built object points to, so its foreign keys can validate."""
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and field.is_cached(obj):
            parent = field.get_cached_value(obj)
            if parent is not None and parent.pk is None:
                save_parents(parent)
                parent.save()
                setattr(obj, field.name, parent)


def test_every_model_has_exactly_one_factory():
    made = [f._meta.model for f in project_factories()]
    assert sorted(m.__name__ for m in made) == sorted({m.__name__ for m in made})
    assert set(made) == set(project_models())


@pytest.mark.parametrize("factory_class", project_factories(), ids=lambda f: f.__name__)
def test_every_factory_builds_a_row_that_passes_full_clean(db, factory_class):
    obj = factory_class.build()
    save_parents(obj)
    # A get-or-create factory stands for a row that may already exist (the one site
    # settings row; the notices a migration creates), so only it may clash with itself.
    obj.full_clean(validate_unique=not factory_class._meta.django_get_or_create)


CHOICE_FIELDS = [
    (model, field.name)
    for model in project_models()
    for field in model._meta.concrete_fields
    if isinstance(field, models.CharField) and field.choices
]


def test_the_choice_fields_checked_below_include_the_ones_staff_filter_by():
    names = {(model.__name__, name) for model, name in CHOICE_FIELDS}
    assert {("Treatment", "kind"), ("AppointmentRequest", "status"), ("Testimonial", "status")} <= (
        names
    )


@pytest.mark.parametrize(
    ("model", "field"), CHOICE_FIELDS, ids=[f"{m.__name__}.{f}" for m, f in CHOICE_FIELDS]
)
def test_an_unknown_choice_is_refused_by_the_database_even_through_update(db, model, field):
    obj = FACTORIES[model]()
    unknown = "zz"  # short enough for every field (a state is two letters), a choice of none
    with pytest.raises(IntegrityError), transaction.atomic():
        if model is AuditLogEntry:  # its queryset refuses update(); a raw insert is the bypass
            AuditLogEntry.objects.bulk_create([AuditLogEntry(reference="X", **{field: unknown})])
        else:
            model.objects.filter(pk=obj.pk).update(**{field: unknown})
