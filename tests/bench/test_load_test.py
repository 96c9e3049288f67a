"""The API load test counts a request that fails at the transport (refused, timed out) as an
error and goes on, instead of losing the worker thread."""

from __future__ import annotations

from plankg.bench.run import _free_port, load_test


def test_refused_requests_are_counted_as_errors():
    url = f"http://127.0.0.1:{_free_port()}/health"  # nothing listens there
    outcome = load_test(url, requests=5, threads=2, seconds=20.0)
    assert outcome["requests"] == 5
    assert outcome["errors"] == 5


WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8766/industries/Nonferrous/offices
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.10ms   20.52ms 200.00ms   95.00%
    Req/Sec     1.36k   200.00     1.80k    70.00%
  Latency Distribution
     50%    8.30ms
     75%   10.00ms
     90%   14.00ms
     99%  165.00ms
  27112 requests in 10.00s, 80.00MB read
  Non-2xx or 3xx responses: 3
Requests/sec:   2711.16
Transfer/sec:      8.00MB
"""


def test_wrk_output_is_read_into_the_same_figures_as_the_httpx_client():
    from plankg.bench.run import parse_wrk

    figures = parse_wrk(WRK_OUTPUT, 16)
    assert figures == {
        "client": "wrk",
        "requests": 27112,
        "errors": 3,
        "threads": 16,
        "req_per_s": 2711.16,
        "p50_ms": 8.3,
        "p99_ms": 165.0,
    }
