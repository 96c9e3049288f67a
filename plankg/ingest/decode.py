"""Bytes -> text: byte-order marks, UTF-8, else the Chinese encoding detected (never assumed).

Two damaged-but-readable forms are read rather than refused: UTF-16 saved without its byte-order
mark (recognised by the NUL bytes its ASCII characters carry, all on one side of each pair), and a
UTF-8 file with a few stray bytes (a line pasted in another encoding), whose bad bytes become
U+FFFD with a warning that names their byte offsets.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from plankg.errors import UndecodableText

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

# UTF-16 without a byte-order mark: this share of the characters it decodes to is text (Han,
# CJK and general punctuation, full-width forms, printable ASCII and Latin-1).
_UTF16_TEXT_SHARE = 0.95
_TEXT_CHAR = re.compile(
    r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
)

# A well-formed UTF-8 sequence (RFC 3629); anything else in a UTF-8 file is a stray byte.
_UTF8_SEQUENCE = (
    rb"[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]"
    rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_UTF8_RUN_OR_STRAY = re.compile(rb"(?:" + _UTF8_SEQUENCE + rb")+|(.)", re.S)
_MULTIBYTE_UTF8 = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
# A file is UTF-8 with stray bytes when its well-formed multi-byte characters outnumber its bad
# bytes this many times over (a GBK or Big5 file has next to no well-formed UTF-8 sequences).
_UTF8_EVIDENCE_RATIO = 10
_SHOWN_POSITIONS = 10


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was in (detected, never assumed)."""
    decoded = decode(data, name)
    return decoded.text, decoded.encoding


def decode(data: bytes, name: str) -> Decoded:
    """The text of ``data``, the encoding it was in, and what had to be repaired to read it."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return Decoded(_checked_text(data.decode(encoding), name), encoding)
            except UnicodeDecodeError as exc:
                raise UndecodableText(
                    f"{name}: binary or undecodable: {encoding} byte-order mark but invalid "
                    f"{encoding} at byte {exc.start}"
                ) from exc
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise UndecodableText(f"{name}: binary or undecodable: contains NUL bytes")
        text, encoding = utf16
        return Decoded(
            _checked_text(text, name),
            encoding,
            [f"{name}: no byte-order mark; read as {encoding.upper()} by its NUL bytes"],
        )
    try:
        return Decoded(_checked_text(data.decode("utf-8"), name), "utf-8")
    except UnicodeDecodeError:
        pass
    repaired = _utf8_with_stray_bytes(data, name)
    if repaired is not None:
        return repaired
    detected = _detect_chinese_encoding(data)
    if detected is None:
        raise UndecodableText(f"{name}: binary or undecodable: no Chinese text encoding detected")
    try:
        return Decoded(_checked_text(data.decode(detected), name), detected)
    except UnicodeDecodeError as exc:
        raise UndecodableText(
            f"{name}: binary or undecodable: invalid {detected} at byte {exc.start}"
        ) from exc


def decode_declared(data: bytes, name: str, declared: str) -> tuple[str, str]:
    """``data`` in the encoding a page declares (``<meta charset>``), else as detected."""
    encoding = declared.lower().replace("-", "_")
    encoding = _CHINESE_ENCODINGS.get(encoding, encoding)
    try:
        return _checked_text(data.decode(encoding), name), encoding
    except (LookupError, UnicodeDecodeError):
        return decode_text(data, name)  # a wrong or unknown declaration: detect instead


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text that lost its byte-order mark (its ASCII characters carry the NUL bytes): the
    byte order under which it decodes to text; the other order gives unrelated code points."""
    if len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        share = len(_TEXT_CHAR.findall(text)) / max(1, len(text))
        if share >= _UTF16_TEXT_SHARE and (best is None or share > best[0]):
            best = (share, text, encoding)
    return (best[1], best[2]) if best else None


def _utf8_with_stray_bytes(data: bytes, name: str) -> Decoded | None:
    """A UTF-8 file with a few bytes that are not UTF-8: those become U+FFFD, with a warning."""
    stray = [m.start() for m in _UTF8_RUN_OR_STRAY.finditer(data) if m.group(1) is not None]
    if not stray or len(_MULTIBYTE_UTF8.findall(data)) < _UTF8_EVIDENCE_RATIO * len(stray):
        return None
    text = data.decode("utf-8", errors="replace")
    shown = ", ".join(map(str, stray[:_SHOWN_POSITIONS]))
    more = f" and {len(stray) - _SHOWN_POSITIONS} more" if len(stray) > _SHOWN_POSITIONS else ""
    warning = (
        f"{name}: {len(stray)} bytes that are not UTF-8 replaced by U+FFFD "
        f"at byte offsets {shown}{more}"
    )
    return Decoded(_checked_text(text, name), "utf-8", [warning])


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
