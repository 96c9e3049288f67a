"""Chinese numerals as written in plans: 一 / 十一 / 二十三 / 一百零五 / 二〇二三."""

from __future__ import annotations

import re

CN_DIGIT = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_COMPOSED = re.compile(
    r"(?:([一二两三四五六七八九])百)?[零〇]?(?:([一二两三四五六七八九])?(十))?([一二两三四五六七八九])?"
)


def chinese_numeral_to_int(s: str) -> int:
    """``一`` -> 1, ``十一`` -> 11, ``二十三`` -> 23, ``一百零五`` -> 105, ``二〇二三`` -> 2023.

    Raises ValueError for anything that is not a Chinese numeral below 1000 (digit-by-digit
    strings such as years excepted).
    """
    s = s.strip()
    if not s:
        raise ValueError("empty Chinese numeral")
    if all(c in CN_DIGIT for c in s):
        # Positional (二〇二三) or a single digit.
        return int("".join(str(CN_DIGIT[c]) for c in s))
    m = _CN_COMPOSED.fullmatch(s)
    if not m or not any(m.groups()):
        raise ValueError(f"not a Chinese numeral: {s!r}")
    hundreds, tens_digit, ten, ones = m.groups()
    value = CN_DIGIT[hundreds] * 100 if hundreds else 0
    if ten:
        value += (CN_DIGIT[tens_digit] if tens_digit else 1) * 10
    if ones:
        value += CN_DIGIT[ones]
    return value
