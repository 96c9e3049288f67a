"""Versioned vocabulary data files under ``plankg/data/vocab``, loaded once per process.

Each file is JSON with a top-level ``version`` and its entries. Code asks for a vocabulary by
name; nothing outside this module knows where the files live.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

VOCAB_PACKAGE = "plankg.data.vocab"


@cache
def load_vocab(name: str) -> dict[str, Any]:
    """The parsed JSON of ``data/vocab/<name>.json``."""
    path = resources.files(VOCAB_PACKAGE) / f"{name}.json"
    with path.open("r", encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def vocab_versions() -> dict[str, str]:
    """Every vocabulary file with its version, for `plankg stats` and /health."""
    out = {}
    for entry in sorted(resources.files(VOCAB_PACKAGE).iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".json"):
            out[entry.name[:-5]] = str(load_vocab(entry.name[:-5]).get("version", "?"))
    return out
