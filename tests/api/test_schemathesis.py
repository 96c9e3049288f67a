"""Property-based calls against the app's own OpenAPI: no operation answers 5xx.

Each operation gets up to 25 generated cases, derandomised so a run is repeatable. Writes get no
API key: they must answer 401/403, never 5xx.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from plankg.api import create_app
from plankg.settings import Settings

MAX_EXAMPLES = 25


def test_no_operation_answers_a_server_error(sample_store):
    app = create_app(Settings(enable_cypher=True, cypher_timeout_s=1.0), sample_store)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    calls: dict[str, int] = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        label = f"{operation.method.upper()} {operation.path}"

        calls[label] = 0

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def no_server_error(case):
            calls[case.operation.method.upper() + " " + case.operation.path] += 1
            case.call_and_validate(checks=[not_a_server_error])

        no_server_error()
    assert "GET /gaps" in calls and "POST /plans" in calls
    print(f"schemathesis: {sum(calls.values())} cases over {len(calls)} operations")
