"""CI smoke run of the benchmark: tiny sizes, no timing assertions."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from typer.testing import CliRunner

from plankg.bench.run import RESULT_KEYS, percentile
from plankg.cli import app


def test_bench_command_writes_json_and_markdown(tmp_path):
    json_path, md_path = tmp_path / "bench.json", tmp_path / "bench.md"
    result = CliRunner().invoke(
        app,
        [
            "bench",
            "--sizes",
            "5",
            "--runs",
            "1",
            "--api-requests",
            "4",
            "--query-repeats",
            "2",
            "--api-client",
            "httpx",
            "--api-workers",
            "1",
            "--json",
            str(json_path),
            "--out",
            str(md_path),
            # The same install as its own baseline: both columns are measured, run by run.
            "--baseline-plankg",
            str(Path(sys.executable).parent / "plankg"),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert set(RESULT_KEYS) <= set(data)
    size = data["sizes"][0]
    assert size["plans"] == 5 and size["parse"]["tasks"] > 0 and size["ingest"]["rows"] > 0
    assert {"offices_sharing", "office_tasks", "targets", "gap_no_owner"} <= set(
        data["queries"]["by_query"]
    )
    for query in data["queries"]["by_query"].values():
        assert set(query["store"]) == {"p50_ms", "p95_ms", "p99_ms"}
    assert data["api"]["/gaps"]["requests"] == 4
    paged = data["paged"]["by_case"]
    assert {"all tasks, first page", "office, middle page"} <= set(paged)
    for case in paged.values():
        assert case["total"] > 0 and 0 < case["rows"] <= data["paged"]["page_size"]
        assert case["paged"]["p99_ms"] > 0 and case["whole_list"]["p99_ms"] > 0
    assert "paged_tasks_p99_ms" in data["goals"]
    cold = data["cold_commands"]
    assert set(cold) == {"now", "baseline"}
    for measured in cold.values():
        assert measured["ref"]
        for step in ("ingest", "query"):
            assert measured[step]["runs"] == 1
            assert measured[step]["median_s"] > 0 and measured[step]["peak_rss_mb"] > 0
    assert {"cold_ingest_s", "cold_query_rss_mb"} <= set(data["goals"])
    markdown = md_path.read_text(encoding="utf-8")
    assert "| goal |" in markdown and "## Cold commands" in markdown
    assert "## API-paged task lists" in markdown


def test_a_missing_baseline_program_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(
        app, ["bench", "--sizes", "1", "--baseline-plankg", str(tmp_path / "nowhere")]
    )
    assert result.exit_code != 0
    assert "no such program (--baseline-plankg)" in result.output


def test_bad_sizes_are_a_one_line_error():
    result = CliRunner().invoke(app, ["bench", "--sizes", "ten"])
    assert result.exit_code == 2
    assert "--sizes 'ten'" in result.output


def test_percentile_interpolates():
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 50) == 3.0
    assert percentile([0.0, 10.0], 99) == 9.9
    assert percentile([], 99) == 0.0
