"""The words matching reads (kept with the index, which weighs them when a source is indexed)."""

from citekit.library.index.vocabulary import (
    _SYNONYM_GROUPS,
    _SYNONYMS,
    BOUNDARY,
    DIRECTION,
    FALL,
    NUMBER,
    OPPOSITE,
    PLACE_BEFORE,
    PREFIX_MIN,
    RISE,
    STOPWORDS,
    WHEN,
    WORD,
    canonical,
    word_set,
)

__all__ = [
    "BOUNDARY",
    "DIRECTION",
    "FALL",
    "NUMBER",
    "OPPOSITE",
    "PLACE_BEFORE",
    "PREFIX_MIN",
    "RISE",
    "STOPWORDS",
    "WHEN",
    "WORD",
    "_SYNONYMS",
    "_SYNONYM_GROUPS",
    "canonical",
    "word_set",
]
