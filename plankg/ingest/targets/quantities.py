"""Quantities: a number with its unit, normalised (``1.3万个`` is 13000 个, ``2-3个`` is 2..3 个).

Analysis runs on a copy of the text without spaces and tabs, because readers leave some inside
phrases (``1.3 万个``); :class:`_Squeezed` maps every kept character back to the caller's text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from plankg.ingest.targets.lexicon import (
    _lexicon,
    _Unit,
)


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, normalised: ``1.3万个`` is 13000 个, ``2-3个`` is 2..3 个."""

    value: float
    value_max: float | None  # upper bound of a range
    unit: str | None  # canonical unit after scaling; None for a bare scaled number (3万)
    unit_en: str | None
    raw: str  # as written
    order_of_magnitude: bool = False  # 千亿级 / 500亿级: a size class, not an amount


def parse_quantity(s: str) -> Quantity | None:
    """The quantity ``s`` spells, or None when ``s`` is not exactly one quantity.

    Accepts arabic numbers (``1.3万个``, ``2-3个``, ``35%``, ``1000亿元``, ``100多家``) and simple
    Chinese numerals (``两个百分点``, ``千亿级``, ``万亿级``).
    """
    squeezed = _squeeze(s)
    text = squeezed.text
    if not text:
        return None
    reading = _read_quantity(text, 0) if text[0].isdigit() else _read_chinese_quantity(text)
    if reading is None or reading.end != len(text):
        return None
    return _to_quantity(reading, s.strip())


_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


_DIGIT = re.compile(r"\d")


_RANGE_SEPARATORS = "-－—–~～至到"


_SPACES = " \t\u3000\xa0"


_SPACE_CHAR = re.compile(f"[{_SPACES}]")


@dataclass(frozen=True)
class _Squeezed:
    text: str
    origin: Sequence[int]  # index in the caller's text of every kept character


def _squeeze(text: str) -> _Squeezed:
    if not _SPACE_CHAR.search(text):  # the usual case: nothing to drop
        return _Squeezed(text, range(len(text)))
    kept = [(i, ch) for i, ch in enumerate(text) if ch not in _SPACES]
    return _Squeezed("".join(ch for _, ch in kept), tuple(i for i, _ in kept))


@dataclass(frozen=True)
class _Reading:
    start: int
    end: int
    value: Decimal
    value_max: Decimal | None
    unit: _Unit | None
    approximation: str | None  # 多 / 余 in 100多家
    order_of_magnitude: bool


def _unit_form_at(s: str, pos: int) -> str | None:
    return _lexicon().unit_forms.at(s, pos)


def _read_magnitude(s: str, pos: int) -> tuple[Decimal, _Unit | None, str | None, int]:
    """Scale words then a unit after a number: (multiplier, unit, last scale word, end).

    A unit is tried before a scale word so that units carrying their own scale (亿元, 万吨,
    千瓦) stay whole, while 1.3万个 becomes 万 × 个.
    """
    lex = _lexicon()
    factor, last_scale = Decimal(1), None
    while pos < len(s):
        form = _unit_form_at(s, pos)
        if form is not None:
            return factor, lex.unit_by_form[form], last_scale, pos + len(form)
        if s[pos] not in lex.scales:
            break
        factor *= lex.scales[s[pos]]
        last_scale = s[pos]
        pos += 1
    return factor, None, last_scale, pos


def _finish_reading(
    s: str, start: int, lo: Decimal, hi: Decimal | None, approximation: str | None, pos: int
) -> _Reading | None:
    lex = _lexicon()
    factor, unit, last_scale, pos = _read_magnitude(s, pos)
    if hi is None and unit is not None and pos < len(s) and s[pos] in _RANGE_SEPARATORS:
        # a range written with the unit on both ends: 2%-3%
        match = _NUMBER.match(s, pos + 1)
        if match:
            hi_factor, hi_unit, _, hi_end = _read_magnitude(s, match.end())
            if hi_unit == unit:
                hi = Decimal(match.group().replace(",", "")) * hi_factor / factor
                pos = hi_end
    if unit is None and last_scale is None:
        return None
    order_of_magnitude = pos < len(s) and s[pos] == "级"
    if order_of_magnitude:
        pos += 1
        if unit is None and last_scale in lex.implied_units:
            factor /= lex.scales[last_scale]
            unit = lex.unit_by_form[lex.implied_units[last_scale]]
    return _Reading(
        start=start,
        end=pos,
        value=lo * factor,
        value_max=None if hi is None else hi * factor,
        unit=unit,
        approximation=approximation,
        order_of_magnitude=order_of_magnitude,
    )


def _read_quantity(s: str, pos: int) -> _Reading | None:
    """The quantity starting with the arabic number at ``pos``, if a unit or scale follows it."""
    match = _NUMBER.match(s, pos)
    if match is None:
        return None
    lo = Decimal(match.group().replace(",", ""))
    end = match.end()
    hi = None
    approximation = next(
        (a for a in _lexicon().words["approximations"] if s.startswith(a, end)), None
    )
    if approximation:
        end += len(approximation)
    elif end < len(s) and s[end] in _RANGE_SEPARATORS:
        upper = _NUMBER.match(s, end + 1)
        if upper:
            hi = Decimal(upper.group().replace(",", ""))
            end = upper.end()
    return _finish_reading(s, pos, lo, hi, approximation, end)


def _read_chinese_quantity(s: str, start: int = 0) -> _Reading | None:
    """A quantity spelled with Chinese numerals (两个百分点), or with scale words alone (万亿级)."""
    lex = _lexicon()
    total, digit, pos = 0, None, start
    while pos < len(s) and (s[pos] in lex.chinese_digits or s[pos] in lex.chinese_multipliers):
        if s[pos] in lex.chinese_digits:
            digit = lex.chinese_digits[s[pos]]
        else:
            total += (1 if digit is None else digit) * lex.chinese_multipliers[s[pos]]
            digit = None
        pos += 1
    total += digit or 0
    if pos == start and (start >= len(s) or s[start] not in lex.scales):
        return None
    return _finish_reading(s, start, Decimal(total if pos > start else 1), None, None, pos)


def _to_quantity(reading: _Reading, raw: str) -> Quantity:
    return Quantity(
        value=float(reading.value),
        value_max=None if reading.value_max is None else float(reading.value_max),
        unit=reading.unit.name if reading.unit else None,
        unit_en=reading.unit.en if reading.unit else None,
        raw=raw,
        order_of_magnitude=reading.order_of_magnitude,
    )
