"""The words that flag a responsibility clause before it is parsed, from the ``cues`` of
``vocab/owner_clauses.json``, as alternations for the patterns of the reader, the outline, the
table cells and the outside departments. The patterns keep the structure (brackets, labels);
the words live in the data, loaded once."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from plankg.vocab import load_vocab


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so a word never loses to its own prefix."""
    return "|".join(map(re.escape, sorted(dict.fromkeys(words), key=len, reverse=True)))


@cache
def _cues() -> dict[str, list[str]]:
    words = load_vocab("owner_clauses")
    cues: dict[str, list[str]] = {k: v for k, v in words["cues"].items() if k != "description"}
    cues["label_nouns"] = words["label_nouns"]
    return cues


def bracket_verbs() -> str:
    """The verbs of a bracketed clause: （…负责）."""
    return _alternation(_cues()["bracket_verbs"])


def label_heads() -> str:
    """The heads of a labelled list: 责任单位：."""
    return _alternation(_cues()["label_heads"])


def label_nouns() -> str:
    return _alternation(_cues()["label_nouns"])


def line_clause_words() -> str:
    """What makes a line holding only a bracketed clause a responsibility clause."""
    cues = _cues()
    return _alternation([*cues["bracket_verbs"], *cues["line_clause_extra"]])


def cell_verbs() -> str:
    """The verbs of a clause written inside a table's owner cell."""
    cues = _cues()
    return _alternation([*cues["bracket_verbs"], *cues["cell_verbs_extra"]])


def outside_support_verbs() -> str:
    """The verbs that make a named outside department a supporter."""
    return _alternation(_cues()["outside_support"])
