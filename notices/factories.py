import datetime

import factory

from .models import Notice, NoticeVersion


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice
        django_get_or_create = ["kind"]

    kind = Notice.Kind.PRIVACY_PRACTICES
    title = "Notice of Privacy Practices"
    summary = "How we may use and share your health information, and your rights."


class NoticeVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoticeVersion

    # Always a saved notice, even for build(): the migration has made each kind's row.
    notice = factory.LazyFunction(NoticeFactory.create)
    effective_date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(n))
    body = "## Your rights\n\nYou may ask for a copy of your records."
    is_published = True
