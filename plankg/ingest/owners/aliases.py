"""Office aliases: the ways one office is written across a plan, merged by rule."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from plankg.ingest.owners.names import is_collective, normalize_name, unit_suffix
from plankg.vocab import load_vocab


@lru_cache(maxsize=1)
def alias_infixes() -> tuple[str, ...]:
    return tuple(load_vocab("office_names")["alias_infixes"])


# ---------------------------------------------------------------- office aliases


def canonicalize_offices(names: Iterable[str]) -> dict[str, tuple[str, str]]:
    """raw name -> (canonical name, rule) for every name that is an alias of another.

    Rules, found from the names themselves: width/whitespace variants of one spelling; and the
    short form stem+suffix of a long form stem+infix+suffix (infix from the vocabulary), when that
    long form is the only one. Group words are never offices and are left out.
    """
    distinct = sorted({n for n in names if n and not is_collective(n)})
    by_normal: dict[str, list[str]] = {}
    for name in distinct:
        by_normal.setdefault(normalize_name(name), []).append(name)
    long_forms = _long_forms(sorted(by_normal))
    aliases: dict[str, tuple[str, str]] = {}
    for normal, spellings in by_normal.items():
        canonical, rule = long_forms.get(normal, (normal, ""))
        for spelling in spellings:
            if spelling == canonical:
                continue
            if spelling != normal:
                variant_rule = f"width/whitespace variant: {spelling} = {normal}"
                rule_text = f"{variant_rule}; {rule}" if rule else variant_rule
            else:
                rule_text = rule
            aliases[spelling] = (canonical, rule_text)
    return aliases


def _long_forms(normals: list[str]) -> dict[str, tuple[str, str]]:
    """short form -> (its long form, rule) where exactly one long form exists."""
    present = set(normals)
    merged: dict[str, tuple[str, str]] = {}
    for short in normals:
        suffix = unit_suffix(short)
        if suffix is None:
            continue
        stem = short[: -len(suffix)]
        # A stem that is itself a generic infix word (产业科, 服务科) names no domain of its own,
        # so nothing shows that the longer name is the same office.
        if len(stem) < 2 or stem in alias_infixes():
            continue
        matches = [
            (stem + infix + suffix, infix)
            for infix in alias_infixes()
            if stem + infix + suffix in present
        ]
        if len(matches) == 1:
            long_name, infix = matches[0]
            merged[short] = (
                long_name,
                f"short form: {short} = {long_name} (stem {stem} + {suffix}, infix {infix})",
            )
    return merged
