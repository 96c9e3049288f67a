"""The outline parser's public names, kept importable from their historical home.

The work lives in small modules: :mod:`~plankg.ingest.numerals`, :mod:`~plankg.ingest.markers`,
:mod:`~plankg.ingest.header` (公文 header and end matter) and :mod:`~plankg.ingest.outline`.
"""

from plankg.ingest.header import parse_header
from plankg.ingest.markers import (
    MARKER_LEVEL,
    HeadingMatch,
    MarkerKind,
    has_responsibility_clause,
    heading_marker,
)
from plankg.ingest.numerals import chinese_numeral_to_int
from plankg.ingest.outline import Outline, parse_outline

__all__ = [
    "MARKER_LEVEL",
    "HeadingMatch",
    "MarkerKind",
    "Outline",
    "chinese_numeral_to_int",
    "has_responsibility_clause",
    "heading_marker",
    "parse_header",
    "parse_outline",
]
