"""Text as the search sees it: accents folded, lower case, words; and the highlighted snippet.

Both backends and the snippet use the same folding, so "Inés", "ines" and "INES" are one word.
Folding keeps one character for one character, so a match found in folded text marks the
same stretch of the original.
"""

import functools
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

WORD = re.compile(r"[a-z0-9]+")
# Words too common to tell pages apart; a query made only of them searches nothing.
STOPWORDS = {
    "en": frozenset(
        str.split(
            "a an and are as at be but by can do does for from had has have how i if in into is it "
            "its me my no not of on or our so than that the their them then there these they this "
            "to too up was we what when where which who why will with you your im ive get got"
        )
    ),
    "es": frozenset(
        str.split(
            "a al con de del el en es la las lo los me mi mis no o para por que se su sus un una y "
            "yo tengo"
        )
    ),
}
SUFFIXES = ("ing", "ies", "es", "ed", "s")
MIN_STEM = 4


NOT_ALNUM = re.compile(r"[^a-z0-9]")


@functools.lru_cache(maxsize=4096)
def fold_char(char):
    base = unicodedata.normalize("NFKD", char)[:1] or char
    lowered = base.lower()[:1]
    return lowered if lowered.isalnum() else " "


def fold(text):
    """The text lower-cased, accents dropped, anything but letters and digits a space;
    exactly as long as the text."""
    if text.isascii():  # the usual case, and lower() keeps an ASCII text's length
        return NOT_ALNUM.sub(" ", text.lower())
    return "".join(fold_char(char) for char in text)


def normalize(text):
    """Folded words separated by single spaces, with a space at each end so a LIKE for
    "% word" finds a word's start anywhere, the first word included."""
    return " " + " ".join(WORD.findall(fold(text))) + " "


def words(text, language="en"):
    stop = STOPWORDS.get(language, set())
    return [word for word in WORD.findall(fold(text)) if word not in stop]


def stem(word):
    """A crude prefix: "injections" and "injection" share "injection", "burning" gives "burn".
    Matching is by word start, so the prefix finds every ending."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


MARKDOWN_NOISE = re.compile(r"[*_#>`]+|^\s*(?:[-+]|\d+\.)\s+", re.MULTILINE)
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def plain(markdown_text):
    """Markdown as the words a patient reads: no link targets, emphasis marks or bullets."""
    text = MARKDOWN_LINK.sub(r"\1", markdown_text or "")
    return re.sub(r"\s+", " ", MARKDOWN_NOISE.sub(" ", text)).strip()


def snippet(text, stems, length=200):
    """About `length` characters of `text` around its first matched word, escaped, with
    every word that starts with one of `stems` inside <mark>. Nothing of the query reaches
    the page but through escape()."""
    if not text:
        return ""
    pattern = _stems_pattern(stems)
    folded = fold(text)
    matches = list(pattern.finditer(folded)) if pattern else []
    start = 0
    if matches:
        start = max(0, matches[0].start() - length // 4)
        # Start at a word, not in the middle of one.
        while start > 0 and folded[start - 1] != " ":
            start -= 1
    end = min(len(text), start + length)
    while end < len(text) and folded[end] != " ":
        end += 1
    pieces, position = [], start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(text[match.start() : match.end()])}</mark>")
        position = match.end()
    pieces.append(escape(text[position:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces).strip() + suffix)  # noqa: S308 (escaped above)


def _stems_pattern(stems):
    stems = sorted({s for s in stems if s}, key=len, reverse=True)
    if not stems:
        return None
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, stems)) + r")[a-z0-9]*")


def has_match(text, stems):
    pattern = _stems_pattern(stems)
    return bool(pattern and pattern.search(fold(text)))
