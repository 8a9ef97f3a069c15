"""Schemathesis against the API's own OpenAPI description: generated requests
(valid and invalid) must never make a server error, and every answer must match
the documented status codes, content types and response schemas (the one error
shape included)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.config import SchemathesisConfig
from tests.web.conftest import PAGE, TestClient

from veracity.settings import Settings
from veracity.web import create_app

# Few examples per operation keep the whole web suite well under a minute on two
# shared cores; CI runs the same count, so failures reproduce.
EXAMPLES = int(os.environ.get("VERACITY_SCHEMA_EXAMPLES", "12"))


@pytest.fixture(scope="module")
def web_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    db = tmp_path_factory.mktemp("schema") / "web.sqlite"
    app = create_app(Settings(db=str(db), max_bytes=20_000),
                     allowed_hosts=["testserver", "localhost", "127.0.0.1"])
    with TestClient(app) as c:
        # Something to find: document ids 1 and 2, events about Sandra Hale.
        r = c.post("/api/ingest", data={"text": PAGE.read_text(encoding="utf-8"),
                                        "published": "2024-11-13"})
        assert r.status_code == 200, r.text
        yield app


@pytest.fixture(scope="module")
def api_schema(web_app: Any) -> Any:
    # An uploaded file that is empty, binary or has no article is schema-valid but
    # cannot be ingested: the documented answer is 422 bad_input (or 413 when over
    # max_bytes), not a rejection of well-formed data.
    # Likewise a pasted article of punctuation only is schema-valid text with no
    # article in it: /api/check answers 422 bad_input.
    config = SchemathesisConfig.from_dict({"operations": [{
        "include-path": "/api/ingest",
        "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "413", "422"]}},
    }, {
        "include-path": "/api/check",
        "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "413", "422"]}},
    }]})
    return schemathesis.openapi.from_asgi("/api/openapi.json", web_app, config=config)


# One test per operation. Schemathesis' own pytest plugin (``from_fixture``)
# does not run under pytest 9, so each operation's strategy is driven by
# Hypothesis directly, the way Schemathesis documents for other runners.
OPERATIONS = [("POST", "/api/ask"), ("GET", "/api/documents"),
              ("GET", "/api/documents/{doc_id}"), ("GET", "/api/events"),
              ("POST", "/api/ingest"), ("POST", "/api/check")]


@pytest.mark.parametrize("method, path", OPERATIONS)
def test_api_matches_its_openapi_description(api_schema: Any, method: str, path: str) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case: Any) -> None:
        case.call_and_validate()

    check()


def test_every_operation_is_tested(api_schema: Any) -> None:
    found = {(op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)
