"""Reader edges: text that lost its byte-order mark, and UTF-8 with a few stray bytes."""

from __future__ import annotations

import pytest

from plankg.errors import UndecodableText
from plankg.ingest.read import read_bytes

PLAN = "某县产业发展行动方案\n一、重点任务\n（一）建设园区2个。（县发展改革局负责）\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark_is_detected(encoding: str) -> None:
    source = read_bytes(PLAN.encode(encoding), "plan.txt")
    assert source.encoding == encoding
    assert [p.text for p in source.paragraphs][:2] == ["某县产业发展行动方案", "一、重点任务"]
    assert any(encoding.upper() in w for w in source.warnings)


def test_nul_bytes_that_are_not_utf16_text_are_still_refused() -> None:
    with pytest.raises(UndecodableText, match="NUL bytes"):
        read_bytes(b"\x00\x01\x02\x03" * 64, "plan.txt")


def test_utf8_with_a_few_stray_bytes_is_read_with_them_replaced() -> None:
    head = PLAN.encode("utf-8")
    stray = "附件".encode("gbk")  # a word pasted in from a GBK file
    data = head + stray + b"\n" + PLAN.encode("utf-8")
    source = read_bytes(data, "plan.txt")
    assert source.encoding == "utf-8"
    assert "\ufffd" in source.text
    assert source.text.count("某县产业发展行动方案") == 2
    warning = next(w for w in source.warnings if "not UTF-8" in w)
    assert "4 bytes" in warning and str(len(head)) in warning


def test_a_gbk_file_is_still_read_as_gbk() -> None:
    source = read_bytes((PLAN * 3).encode("gbk"), "plan.txt")
    assert source.encoding == "gb18030"
    assert "\ufffd" not in source.text
