"""Bytes -> text: byte-order marks, UTF-8, else the Chinese encoding detected (never assumed)."""

from __future__ import annotations

import codecs
import re

from plankg.errors import (
    UndecodableText,
)

# Encodings a Chinese official document can plausibly be in; anything else charset-normalizer
# proposes for a file that is not UTF-8 means we are looking at something that is not such a text.
_CHINESE_ENCODINGS = {
    "gb18030": "gb18030",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "hz": "hz",
    "big5": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "cp950": "cp950",
    "ascii": "utf-8",
    "utf_8": "utf-8",
}
_MAX_CONTROL_SHARE = 0.01

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was in (detected, never assumed)."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _checked_text(data.decode(encoding), name), encoding
            except UnicodeDecodeError as exc:
                raise UndecodableText(
                    f"{name}: binary or undecodable: {encoding} byte-order mark but invalid "
                    f"{encoding} at byte {exc.start}"
                ) from exc
    if b"\x00" in data:
        raise UndecodableText(f"{name}: binary or undecodable: contains NUL bytes")
    try:
        return _checked_text(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    detected = _detect_chinese_encoding(data)
    if detected is None:
        raise UndecodableText(f"{name}: binary or undecodable: no Chinese text encoding detected")
    encoding = detected
    try:
        return _checked_text(data.decode(encoding), name), encoding
    except UnicodeDecodeError as exc:
        raise UndecodableText(
            f"{name}: binary or undecodable: invalid {encoding} at byte {exc.start}"
        ) from exc


def decode_declared(data: bytes, name: str, declared: str) -> tuple[str, str]:
    """``data`` in the encoding a page declares (``<meta charset>``), else as detected."""
    encoding = declared.lower().replace("-", "_")
    encoding = _CHINESE_ENCODINGS.get(encoding, encoding)
    try:
        return _checked_text(data.decode(encoding), name), encoding
    except (LookupError, UnicodeDecodeError):
        return decode_text(data, name)  # a wrong or unknown declaration: detect instead


def _detect_chinese_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    for match in from_bytes(data):
        encoding = _CHINESE_ENCODINGS.get(match.encoding)
        if encoding:
            return encoding
    return None


def _checked_text(text: str, name: str) -> str:
    """Reject text that decoded but is mostly control characters (a binary file)."""
    if "\x00" in text:
        raise UndecodableText(f"{name}: binary or undecodable: contains NUL characters")
    if text:
        controls = len(CONTROL_CHARS.findall(text))
        if controls > _MAX_CONTROL_SHARE * len(text):
            raise UndecodableText(
                f"{name}: binary or undecodable: {controls} control characters in "
                f"{len(text)} characters"
            )
    return text
