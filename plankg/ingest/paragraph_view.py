"""A source's paragraphs, matched in simplified script and sliced in the original one."""

from __future__ import annotations

import re

from plankg.models import Evidence, SourceText


class ParagraphView:
    """Paragraphs of a source, matched in simplified script, sliced in the original one."""

    def __init__(self, source: SourceText) -> None:
        self.source = source
        self.match_text = source.match_text or source.text
        self.paragraphs = source.paragraphs
        # Layout, header and outline rules each read every paragraph; slice them once.
        raw = [self.match_text[p.start : p.end] for p in self.paragraphs]
        self._stripped = [r.strip() for r in raw]
        self._leads = [
            p.start + len(r) - len(r.lstrip()) for p, r in zip(self.paragraphs, raw, strict=True)
        ]

    def __len__(self) -> int:
        return len(self.paragraphs)

    def lead(self, i: int) -> int:
        """Offset of paragraph i's first non-space character."""
        return self._leads[i]

    def match(self, i: int) -> str:
        """Paragraph i stripped, in the script patterns are written in."""
        return self._stripped[i]

    def next_nonblank(self, i: int) -> int | None:
        for j in range(i + 1, len(self.paragraphs)):
            if self.match(j):
                return j
        return None

    def evidence(self, start: int, end: int) -> Evidence:
        return Evidence(phrase=self.source.text[start:end], start=start, end=end)

    def group_evidence(self, i: int, m: re.Match[str], group: int | str = 0) -> Evidence:
        """Evidence for a match made on ``match(i)``."""
        base = self.lead(i)
        return self.evidence(base + m.start(group), base + m.end(group))
