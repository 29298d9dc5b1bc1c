"""Answering a search: the patient's words, corrected and widened with synonyms, ranked.

1. The query is folded (search.text) and split into words; stop words are dropped.
2. A word the index has never seen is replaced by the closest one it has ("siatica" →
   "sciatica"), which the results page offers as "did you mean".
3. Synonym groups widen the words into concepts: "lower back pain" is two concepts,
   {lower back | lumbar | lumbago} and {pain}. An alternative of several words matches when
   all its words are present.
4. An entry matches when it has any concept; entries with more concepts come first, then
   those with them in the title (then keywords, summary, body), then by kind. An entry whose
   title is the query comes before all.

PostgreSQL matches concepts with websearch_to_tsquery over the stored, weighted vector and
ranks with ts_rank; titles within trigram reach of the query match too, for misspellings the
vocabulary did not correct. SQLite matches word starts in the folded columns with LIKE.
The vocabulary and the synonyms are cached until the next rebuild or synonym edit, so a
search runs two queries: the count and the page.
"""

import difflib
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, ExpressionWrapper, F, FloatField, Q, Value, When
from django.db.models.functions import Greatest

from .index import TEXT_SEARCH_CONFIG, index_version
from .models import SearchEntry, Synonym
from .text import normalize, stem, words

MAX_QUERY_LENGTH = 200
MAX_CONCEPTS = 8
MIN_CORRECTABLE = 4
SPELLING_CUTOFF = 0.78
# pg_trgm's own default: at 0.5 "kyphoplasty" finds "vertebroplasty" on "plasty" alone.
TRIGRAM_THRESHOLD = 0.6
# Where a concept is found: a title hit outweighs a body hit, never a second concept.
FIELD_WEIGHTS = (
    ("title_normalized", 0.8),
    ("keywords_normalized", 0.4),
    ("summary_normalized", 0.2),
    ("body_normalized", 0.1),
)
CACHE_SECONDS = 24 * 60 * 60


@dataclass
class ParsedQuery:
    text: str
    language: str
    # Each concept: alternatives, each a tuple of words that must all be present.
    concepts: list = field(default_factory=list)
    corrected: str = ""  # the query with its spelling corrected, when that changed it

    @property
    def stems(self):
        return {stem(word) for concept in self.concepts for alt in concept for word in alt}

    def __bool__(self):
        return bool(self.concepts)


def _cached(name, language, build):
    key = f"search:{name}:{language}:{index_version()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_SECONDS)
    return value


def vocabulary(language):
    """Every word of the indexed titles, keywords and summaries and of the synonyms."""

    def build():
        found = set()
        rows = SearchEntry.objects.filter(language=language).values_list(
            "title_normalized", "keywords_normalized", "summary_normalized", "body_normalized"
        )
        for row in rows:
            for text in row:
                found.update(text.split())
        for group in synonym_groups(language):
            for term in group:
                found.update(term)
        return sorted(word for word in found if len(word) >= MIN_CORRECTABLE - 1)

    return _cached("vocabulary", language, build)


def words_of_any_language():
    """Every synonym word in every language: a patient's Spanish "dolor" is a word, not a
    misspelling of "door", even before the Spanish pages are indexed."""

    def build():
        found = set()
        for terms in Synonym.objects.values_list("terms", flat=True):
            found.update(normalize(terms).split())
        return found

    return _cached("all-words", "any", build)


def synonym_groups(language):
    """[[("lower", "back"), ("lumbar",), ...], ...]: each term as its folded words."""

    def build():
        groups = []
        for synonym in Synonym.objects.filter(language=language):
            # Without stop words, as the query's words are: "burn the nerves" → burn nerves.
            group = [tuple(words(term, language)) for term in synonym.term_list()]
            groups.append([term for term in group if term])
        return groups

    return _cached("synonyms", language, build)


def correct(word_list, language):
    """The words with each unknown one replaced by its nearest known word, if one is near."""
    known = vocabulary(language)
    known_set = set(known) | words_of_any_language()
    corrected = []
    for word in word_list:
        if len(word) < MIN_CORRECTABLE or word.isdigit() or {word, stem(word)} & known_set:
            corrected.append(word)
            continue
        # Only words of about the same length can be near; this keeps the comparison quick.
        candidates = [w for w in known if abs(len(w) - len(word)) <= 2]
        near = difflib.get_close_matches(word, candidates, n=1, cutoff=SPELLING_CUTOFF)
        corrected.append(near[0] if near else word)
    return corrected


def parse(text, language="en"):
    text = (text or "")[:MAX_QUERY_LENGTH]
    original = words(text, language)
    fixed = correct(original, language)
    parsed = ParsedQuery(text=text, language=language)
    if fixed != original:
        parsed.corrected = " ".join(fixed)
    groups = synonym_groups(language)
    position = 0
    while position < len(fixed) and len(parsed.concepts) < MAX_CONCEPTS:
        concept, used = _synonyms_at(fixed, position, groups)
        parsed.concepts.append(concept)
        position += used
    return parsed


def _synonyms_at(word_list, position, groups):
    """The synonym group whose longest term starts at `position`, and how many words it used."""
    best, best_length = None, 0
    for group in groups:
        for term in group:
            n = len(term)
            if n > best_length and tuple(word_list[position : position + n]) == term:
                best, best_length = group, n
    if best is None:
        return [(word_list[position],)], 1
    return list(best), best_length


def search(parsed):
    """The matching entries, best first, as a queryset (sliced by the paginator)."""
    entries = SearchEntry.objects.filter(language=parsed.language)
    if not parsed:
        return entries.none()
    if connection.vendor == "postgresql":
        entries, match, score = _postgres(entries, parsed)
    else:
        entries, match, score = _sqlite(parsed)
    exact = normalize(parsed.corrected or parsed.text)
    return (
        entries.filter(match)
        .annotate(
            score=ExpressionWrapper(score, output_field=FloatField()),
            exact=Case(When(title_normalized=exact, then=Value(1)), default=Value(0)),
        )
        .order_by("-exact", "-score", "priority", "title")
        .only("kind", "title", "url", "summary", "body")
    )


def _sqlite(parsed):
    entries = SearchEntry.objects.filter(language=parsed.language)
    match = Q(pk__in=[])
    score = Value(0.0)
    for concept in parsed.concepts:
        in_field = {}
        for column, _weight in FIELD_WEIGHTS:
            in_field[column] = _any_alternative(concept, [column])
        anywhere = _any_alternative(concept, [c for c, _w in FIELD_WEIGHTS])
        match |= anywhere
        score = score + Case(
            *[When(in_field[c], then=Value(1.0 + w)) for c, w in FIELD_WEIGHTS],
            default=Value(0.0),
        )
    return entries, match, score


def _any_alternative(concept, columns):
    """Some alternative of the concept with all its words' stems in one of the columns."""
    condition = Q(pk__in=[])
    for alternative in concept:
        for column in columns:
            every = Q()
            for word in alternative:
                every &= Q(**{f"{column}__contains": f" {stem(word)}"})
            condition |= every
    return condition


def _postgres(entries, parsed):
    config = TEXT_SEARCH_CONFIG[parsed.language]
    match = Q(pk__in=[])
    score = Value(0.0)
    every_concept = []
    for concept in parsed.concepts:
        # websearch syntax: words side by side must all be present, "or" separates choices.
        query = SearchQuery(
            " or ".join(" ".join(alternative) for alternative in concept),
            search_type="websearch",
            config=config,
        )
        every_concept.append(query)
        match |= Q(search_vector=query)
        score = score + Case(When(search_vector=query, then=Value(1.0)), default=Value(0.0))
    whole = every_concept[0]
    for query in every_concept[1:]:
        whole = whole | query
    typed = " ".join(word for concept in parsed.concepts for word in concept[0])
    entries = entries.annotate(
        rank=SearchRank(F("search_vector"), whole),
        similar=TrigramWordSimilarity(typed, "title_normalized"),
    )
    # The operator form (<%), so the trigram GIN index serves it; its threshold is pg_trgm's
    # word_similarity_threshold, 0.6 unless changed.
    match |= Q(title_normalized__trigram_word_similar=typed)
    # A trigram-only hit scores below any entry with a concept found by full text.
    score = score + F("rank") + Greatest(F("similar") - TRIGRAM_THRESHOLD, Value(0.0))
    return entries, match, score
