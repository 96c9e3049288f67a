"""Wall time of repeated calls, for the in-process parts of the benchmark."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def timed(call: Callable[[], Any], repeats: int) -> tuple[list[float], Any]:
    """Seconds of each of ``repeats`` calls, and the last call's answer."""
    timings, answer = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        answer = call()
        timings.append(time.perf_counter() - started)
    return timings, answer
