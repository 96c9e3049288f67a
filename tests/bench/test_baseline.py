"""A benchmark result beside an earlier one: which figures are compared, which way a ratio
points, and the report section; a bad --baseline file fails before the run starts."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from plankg.bench.report import to_markdown
from plankg.bench.run import compare_with_baseline, headline_figures
from plankg.cli import app

MACHINE = {
    "cores": 2,
    "memory_gb": 8.0,
    "cpu": "test cpu",
    "python": "3.11",
    "ladybug": "0.22",
    "platform": "linux",
    "load_average_start": [0.5, 0.4, 0.3],
}


def result(
    *,
    sizes: dict[int, tuple[float, float]],
    cold: float | None,
    api: float | None,
    label: str | None = None,
) -> dict:
    """A result with the given (parse s, ingest s) per size, cold start and API rate."""
    return {
        "machine": {**MACHINE, "load_average_end": [0.6, 0.4, 0.3]},
        "settings": {
            "sizes": sorted(sizes),
            "runs": 3,
            "seed": 1,
            "label": label,
            "query_repeats": 2,
            "api_requests": 4,
            "api_threads": 2,
            "naive_subset_plans": 20,
        },
        "sizes": [
            {
                "plans": n,
                "parse": {
                    "seconds": parse,
                    "megabytes": 1,
                    "tasks": 10,
                    "mb_per_s": 1,
                    "tasks_per_s": 1,
                },
                "ingest": {
                    "seconds": ingest,
                    "peak_rss_mb": 500.0,
                    "rows": 100,
                    "plans_per_s": 1,
                    "rows_per_s": 1,
                    "speedup_vs_naive": 2,
                    "naive": {"scaled_seconds": 1, "scaled_from_subset": False},
                },
            }
            for n, (parse, ingest) in sorted(sizes.items())
        ],
        "queries": {},
        "api": {
            "/gaps": {
                "req_per_s": api,
                "requests": 4,
                "threads": 2,
                "errors": 0,
                "p50_ms": 1,
                "p99_ms": 2,
            },
            "server_peak_rss_mb": 900.0,
        }
        if api
        else {},
        "cold_start": {"median_s": cold, "min_s": cold, "runs": 7} if cold else {},
        "goals": {},
    }


BEFORE = result(
    sizes={100: (30.0, 4.0), 1000: (300.0, 8.0)}, cold=0.8, api=100.0, label="commit abc"
)
NOW = result(sizes={1000: (100.0, 2.0)}, cold=0.1, api=300.0)


@pytest.mark.parametrize(
    "figure, times_better",
    [
        ("ingest s, N=1000", 4.0),  # a time: baseline / now
        ("parse s, N=1000", 3.0),
        ("cold start s", 8.0),
        ("API /gaps req_per_s", 3.0),  # a rate: now / baseline
        ("ingest peak RSS MB, N=1000", 1.0),
    ],
)
def test_ratios_point_towards_better(figure, times_better):
    figures = compare_with_baseline(NOW, BEFORE, "old.json")["figures"]
    assert figures[figure]["times_better"] == times_better


def test_only_figures_both_runs_have_are_compared():
    compared = compare_with_baseline(NOW, BEFORE, "old.json")
    assert "ingest s, N=100" in headline_figures(BEFORE)
    assert "ingest s, N=100" not in compared["figures"]
    assert compared["label"] == "commit abc"


def test_report_shows_the_baseline_and_the_load():
    page = to_markdown({**NOW, "baseline": compare_with_baseline(NOW, BEFORE, "old.json")})
    assert "## Against the baseline" in page
    assert "Baseline: commit abc (`old.json`)" in page
    assert "| ingest s, N=1000 | 8.0 | 2.0 | 4.0 |" in page
    assert "at the start [0.5, 0.4, 0.3], at the end [0.6, 0.4, 0.3]" in page


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "cannot read the baseline"),
        ("{not json", "the baseline is not JSON"),
        ('{"sizes": []}', "not a `plankg bench --json` result"),
    ],
    ids=["missing", "not-json", "not-a-result"],
)
def test_a_bad_baseline_is_a_one_line_error(tmp_path, content, message):
    path = tmp_path / "old.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    run = CliRunner().invoke(app, ["bench", "--sizes", "1", "--baseline", str(path)])
    assert run.exit_code == 2
    assert message in run.output
