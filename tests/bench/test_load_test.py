"""The API load test counts a request that fails at the transport (refused, timed out) as an
error and goes on, instead of losing the worker thread."""

from __future__ import annotations

from plankg.bench.run import _free_port, load_test


def test_refused_requests_are_counted_as_errors():
    url = f"http://127.0.0.1:{_free_port()}/health"  # nothing listens there
    outcome = load_test(url, requests=5, threads=2, seconds=20.0)
    assert outcome["requests"] == 5
    assert outcome["errors"] == 5
