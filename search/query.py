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
vocabulary did not correct. SQLite finds word starts in the folded columns with instr().
Each process keeps the vocabulary and the synonyms until the next rebuild or synonym edit,
so a search runs two queries: the ordered ids of every match, and the entries of the page.
"""

import difflib
from dataclasses import dataclass, field

from django.db import connection

from .index import TEXT_SEARCH_CONFIG, index_version
from .models import SearchEntry, Synonym
from .text import normalize, stem, words

MAX_QUERY_LENGTH = 200
MAX_CONCEPTS = 8
MIN_CORRECTABLE = 4
SPELLING_CUTOFF = 0.78
# pg_trgm's own default: at 0.5 "kyphoplasty" finds "vertebroplasty" on "plasty" alone.
TRIGRAM_THRESHOLD = 0.6
# Where a concept is found (SQLite): a title hit outweighs a body hit, never a second concept.
FIELD_WEIGHTS = (
    ("title_normalized", 0.8),
    ("keywords_normalized", 0.4),
    ("summary_normalized", 0.2),
    ("body_normalized", 0.1),
)
TABLE = SearchEntry._meta.db_table
SHOWN_FIELDS = ("language", "text_language", "kind", "title", "url", "summary", "body")


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


@dataclass(frozen=True)
class Lexicon:
    """What parsing needs of one language: its synonym groups, as tuples of folded words
    ([("lower", "back"), ("lumbar",), ...]), the words the index knows by length (spelling
    candidates), and every word not to correct."""

    synonym_groups: list
    words_by_length: dict
    known: frozenset


# One Lexicon per language, built once per process and index version (a rebuild or a
# synonym edit gives a new version): reading it back from the shared cache on every search,
# thousands of words unpickled, cost more than the search itself.
_lexicons = {}


def lexicon(language):
    version = index_version()
    kept = _lexicons.get(language)
    if kept is None or kept[0] != version:
        kept = (version, _build_lexicon(language))
        _lexicons[language] = kept
    return kept[1]


def _build_lexicon(language):
    groups = []
    for synonym in Synonym.objects.filter(language=language):
        # Without stop words, as the query's words are: "burn the nerves" → burn nerves.
        group = [tuple(words(term, language)) for term in synonym.term_list()]
        groups.append([term for term in group if term])
    # Every word of the indexed text and of the synonyms is a spelling candidate.
    vocabulary = set()
    rows = SearchEntry.objects.filter(language=language).values_list(
        "title_normalized", "keywords_normalized", "summary_normalized", "body_normalized"
    )
    for row in rows:
        for text in row:
            vocabulary.update(text.split())
    for group in groups:
        for term in group:
            vocabulary.update(term)
    by_length = {}
    for word in sorted(vocabulary):
        if len(word) >= MIN_CORRECTABLE - 1:
            by_length.setdefault(len(word), []).append(word)
    # Synonym words of every language are words too: a Spanish "dolor" typed on an English
    # page is not a misspelling of "door".
    known = set(vocabulary)
    for terms in Synonym.objects.values_list("terms", flat=True):
        known.update(normalize(terms).split())
    return Lexicon(groups, by_length, frozenset(known))


def correct(word_list, known_words):
    """The words with each unknown one replaced by its nearest known word, if one is near."""
    corrected = []
    for word in word_list:
        if len(word) < MIN_CORRECTABLE or word.isdigit() or {word, stem(word)} & known_words.known:
            corrected.append(word)
            continue
        # Only words of about the same length can be near; this keeps the comparison quick.
        candidates = [
            candidate
            for length in range(len(word) - 2, len(word) + 3)
            for candidate in known_words.words_by_length.get(length, ())
        ]
        near = difflib.get_close_matches(word, candidates, n=1, cutoff=SPELLING_CUTOFF)
        corrected.append(near[0] if near else word)
    return corrected


def parse(text, language="en"):
    text = (text or "")[:MAX_QUERY_LENGTH]
    original = words(text, language)
    known_words = lexicon(language)
    fixed = correct(original, known_words)
    parsed = ParsedQuery(text=text, language=language)
    if fixed != original:
        parsed.corrected = " ".join(fixed)
    groups = known_words.synonym_groups
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


class Results:
    """The ids of the matching entries, best first; slicing one (the paginator's page)
    fetches those entries. The count is the list's length: no COUNT query."""

    def __init__(self, ids):
        self.ids = ids

    def count(self):
        return len(self.ids)

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        ids = self.ids[index] if isinstance(index, slice) else [self.ids[index]]
        rows = SearchEntry.objects.only(*SHOWN_FIELDS).in_bulk(ids)
        found = [rows[pk] for pk in ids]
        return found if isinstance(index, slice) else found[0]


def search(parsed):
    """The matching entries, best first, as Results (sliced by the paginator).

    One SQL statement written out here rather than built as Django expressions: the
    expression tree (a CASE per concept, alternative and column) took longer to build and
    compile than the database took to run it."""
    if not parsed:
        return Results([])
    build = _postgres_sql if connection.vendor == "postgresql" else _sqlite_sql
    sql, params = build(parsed)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return Results([row[0] for row in cursor.fetchall()])


def _exact(parsed):
    return normalize(parsed.corrected or parsed.text)


def _sqlite_sql(parsed):
    """A concept is found in a column when one of its alternatives has every word at a word
    start there; it scores by the best such column. An entry matches when some concept
    scores."""
    scores, params = [], []
    for concept in parsed.concepts:
        cases = []
        for column, weight in FIELD_WEIGHTS:
            alternatives = []
            for alternative in concept:
                alternatives.append(
                    "(" + " AND ".join(f"instr({column}, %s) > 0" for _word in alternative) + ")"
                )
                params.extend(f" {stem(word)}" for word in alternative)
            cases.append(f"WHEN {' OR '.join(alternatives)} THEN {1.0 + weight}")
        scores.append(f"CASE {' '.join(cases)} ELSE 0 END")
    # Only our own constants and placeholders are written into the SQL; every word the
    # patient typed goes in as a parameter.
    sql = (
        f"SELECT id FROM (SELECT id, priority, title, title_normalized = %s AS exact, "  # noqa: S608
        f"{' + '.join(scores)} AS score FROM {TABLE} WHERE language = %s) "
        "WHERE score > 0 ORDER BY exact DESC, score DESC, priority, title"
    )
    return sql, [_exact(parsed), *params, parsed.language]


def _postgres_sql(parsed):
    """Full text over the stored weighted vector, one tsquery per concept; ts_rank orders
    entries with as many concepts; titles within trigram reach of the typed words match too,
    for misspellings the vocabulary did not correct, scoring below any full-text hit."""
    queries, params = [], []
    for concept in parsed.concepts:
        # websearch syntax: words side by side must all be present, "or" separates choices.
        words_query = " or ".join(" ".join(alternative) for alternative in concept)
        # A Spanish row may hold English that no translator has reviewed yet (search.index):
        # its vector is English, so the Spanish search asks in both.
        configs = [TEXT_SEARCH_CONFIG[parsed.language]]
        if parsed.language != "en":
            configs.append(TEXT_SEARCH_CONFIG["en"])
        queries.append(
            " || ".join(f"websearch_to_tsquery('{config}'::regconfig, %s)" for config in configs)
        )
        params.extend(words_query for _config in configs)
    columns = [f"c{n}" for n in range(len(queries))]
    concept_query = ", ".join(f"({q}) AS {c}" for q, c in zip(queries, columns, strict=True))
    found = [f"e.search_vector @@ q.{c}" for c in columns]
    typed = " ".join(word for concept in parsed.concepts for word in concept[0])
    sql = (
        f"SELECT e.id FROM {TABLE} e, (SELECT {concept_query}) q "  # noqa: S608 (as above)
        f"WHERE e.language = %s AND ({' OR '.join(found)} OR e.title_normalized %%> %s) "
        "ORDER BY e.title_normalized = %s DESC, "
        f"({' + '.join(f'({each})::int' for each in found)} "
        f"+ ts_rank(e.search_vector, {' || '.join(f'q.{c}' for c in columns)}) "
        f"+ greatest(word_similarity(%s, e.title_normalized) - {TRIGRAM_THRESHOLD}, 0)) DESC, "
        "e.priority, e.title"
    )
    # The trigram operator's threshold is pg_trgm's word_similarity_threshold, 0.6 unless
    # changed; the operator form lets the trigram GIN index serve it.
    return sql, [*params, parsed.language, typed, _exact(parsed), typed]
