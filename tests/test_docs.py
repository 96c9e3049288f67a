"""The documentation keeps up with the code: every API route documents a summary and an example
answer, and every CLI command and API path is described in README.md or docs/*.md."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from plankg.api import create_app
from plankg.cli import app as cli_app
from plankg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def docs_text() -> str:
    files = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(f.read_text("utf-8") for f in files if f.is_file())


def api_operations() -> list[tuple[str, str, dict]]:
    spec = create_app(Settings()).openapi()
    return [
        (method.upper(), path, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
    ]


def cli_commands(app: typer.Typer, prefix: str = "") -> list[str]:
    names = [
        f"{prefix}{c.name or c.callback.__name__.replace('_', '-')}"
        for c in app.registered_commands
    ]
    for group in app.registered_groups:
        names += cli_commands(group.typer_instance, f"{prefix}{group.name} ")
    return names


def _has_example(operation: dict) -> bool:
    return any(
        "example" in media or "examples" in media
        for response in operation.get("responses", {}).values()
        for media in response.get("content", {}).values()
    )


OPERATIONS = api_operations()


def test_the_app_has_its_routes():
    paths = {path for _, path, _ in OPERATIONS}
    assert {"/plans", "/gaps", "/search", "/industries/{ref}/offices", "/cypher"} <= paths


@pytest.mark.parametrize(
    ("method", "path", "operation"), OPERATIONS, ids=[f"{m} {p}" for m, p, _ in OPERATIONS]
)
def test_route_has_summary_and_example(method, path, operation):
    assert operation.get("summary"), f"{method} {path} has no summary"
    assert _has_example(operation), f"{method} {path} has no response example"


@pytest.mark.parametrize(
    ("method", "path"),
    [(m, p) for m, p, _ in OPERATIONS],
    ids=[f"{m} {p}" for m, p, _ in OPERATIONS],
)
def test_api_path_is_documented(method, path):
    assert f"`{method} {path}" in docs_text()


@pytest.mark.parametrize("command", cli_commands(cli_app))
def test_cli_command_is_documented(command):
    assert f"plankg {command}" in docs_text()
