"""Property-based calls against the app's own OpenAPI: no operation answers 5xx."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from plankg.api import create_app
from plankg.settings import Settings


@pytest.fixture(scope="module")
def api_schema(sample_store):
    # Writes get no key: they must answer 401/403, never 5xx.
    app = create_app(Settings(enable_cypher=True, cypher_timeout_s=1.0), sample_store)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=25, derandomize=True, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    case.call_and_validate(checks=[not_a_server_error])
