"""The notices in English and Spanish (core/translation_review.py). A notice is reviewed with
all its versions: a new version's English flags the notice's Spanish as out of date."""

from core.translation_review import register_translation, review_spanish

from .models import Notice, NoticeVersion

register_translation(Notice, ("title", "summary"))
register_translation(NoticeVersion, ("body", "change_summary"))

review_spanish(Notice, parts={NoticeVersion: "notice"})
