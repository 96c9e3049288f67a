"""English names of offices, from the glossary, with pinyin for the rest."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import lazy_pinyin

from plankg.ingest.owners.names import collective_entry, normalize_name
from plankg.vocab import load_vocab


@lru_cache(maxsize=1)
def office_terms() -> tuple[dict[str, str], dict[str, str], dict[str, str], int]:
    vocab = load_vocab("office_terms")
    terms = vocab["terms"]
    return vocab.get("names", {}), vocab["suffixes"], terms, max(map(len, terms))


# ---------------------------------------------------------------- English names


@lru_cache(maxsize=4096)
def office_english_name(name: str) -> str:
    """English name of an office from the glossary; parts not in it are given in pinyin."""
    normal = normalize_name(name)
    entry = collective_entry(normal)
    if entry:
        return str(entry["name_en"])
    whole_names, suffixes, terms, longest = office_terms()
    if normal in whole_names:
        return whole_names[normal]
    suffix = next(
        (
            s
            for s in sorted(suffixes, key=len, reverse=True)
            if normal.endswith(s) and len(normal) > len(s)
        ),
        "",
    )
    words = _translate_terms(normal[: len(normal) - len(suffix)], terms, longest)
    if suffix:
        words.append(suffixes[suffix])
    return " ".join(words)


def _translate_terms(text: str, terms: dict[str, str], longest: int) -> list[str]:
    words: list[str] = []
    unknown = ""
    index = 0
    while index < len(text):
        term = next(
            (
                text[index : index + n]
                for n in range(min(longest, len(text) - index), 0, -1)
                if text[index : index + n] in terms
            ),
            None,
        )
        if term is None:
            unknown += text[index]
            index += 1
            continue
        if unknown:
            words.append(_pinyin_word(unknown))
            unknown = ""
        words.append(terms[term])
        index += len(term)
    if unknown:
        words.append(_pinyin_word(unknown))
    return words


def _pinyin_word(text: str) -> str:
    return "".join(lazy_pinyin(text)).title()
