"""Schemathesis with every check against the app's own OpenAPI document: no 5xx, every status
code and body as documented, schema-valid requests accepted and schema-violating ones refused,
``Allow`` listing each path's methods, auth enforced.

Seeded so a run is repeatable. In CI: the examples, coverage and fuzzing phases with two
generated cases per operation; ``PLANKG_SCHEMATHESIS_EXAMPLES=N`` (N > 3) makes the long run:
N cases per operation, the stateful phase, and the coverage phase for Cypher too. Writes get no API key: they must refuse (401/403), never fail.
"""

from __future__ import annotations

import os
import time
from collections import Counter

import schemathesis
from schemathesis.config import SchemathesisConfig

from plankg.api import create_app
from plankg.settings import Settings
from tests.api import cypher_cases

EXAMPLES = int(os.environ.get("PLANKG_SCHEMATHESIS_EXAMPLES", "2"))
LONG_RUN = EXAMPLES > 3
EVERY_CHECK = {
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "positive_data_acceptance",
    "missing_required_header",
    "unsupported_method",
    "allow_header_conformance",
    "use_after_free",
    "ensure_resource_availability",
    "ignored_auth",
}


def test_the_api_does_what_its_openapi_document_says(sample_store):
    assert cypher_cases.CYPHER is not None  # the `format: cypher` strategy is registered
    app = create_app(Settings(enable_cypher=True, cypher_timeout_s=2.0), sample_store)
    config = SchemathesisConfig.from_dict(
        {
            "seed": 2024,
            "generation": {"max-examples": EXAMPLES, "database": "none"},
            "checks": {"enabled": True},
            "phases": {
                "coverage": {"unexpected-methods": ["OPTIONS", "PATCH"]},
                "stateful": {"enabled": LONG_RUN},
            },
            # To keep CI short, Cypher (a sandboxed child process per statement) gets examples
            # and fuzzing here, its coverage phase in the long run only.
            "operations": [
                {
                    "include-path-regex": "^/cypher$",
                    "phases": {"coverage": {"enabled": LONG_RUN}},
                }
            ],
        }
    )
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=config)
    failures: list[str] = []
    checks: Counter[str] = Counter()
    cases = 0
    started = time.monotonic()
    for event in schemathesis.engine.from_schema(schema).execute():
        name = type(event).__name__
        if name == "PhaseFinished":
            print(f"{event.phase.name}: {time.monotonic() - started:.1f} s")
        if name in ("NonFatalError", "FatalError"):
            failures.append(f"{name}: {event.info.message if hasattr(event, 'info') else event}")
        if name != "ScenarioFinished":
            continue
        cases += len(event.recorder.cases)
        for case_id, results in event.recorder.checks.items():
            for check in results:
                checks[check.name] += 1
                if check.status.name == "FAILURE":
                    info = check.failure_info
                    title = info.failure.title if info else ""
                    exchange = event.recorder.interactions.get(case_id)
                    answer = exchange.response if exchange else None
                    sent = exchange.request.body if exchange else None
                    got = f"{answer.status_code} {answer.content[:300]!r}" if answer else ""
                    failures.append(
                        f"{event.recorder.label}: {check.name}: {title}: {sent!r} -> {got}"
                    )
    print(f"schemathesis: {cases} cases, {sum(checks.values())} checks, {len(failures)} failures")
    assert not failures, "\n".join(sorted(set(failures)))
    assert EVERY_CHECK - {"use_after_free", "ensure_resource_availability"} <= set(checks)
    assert cases >= 300
