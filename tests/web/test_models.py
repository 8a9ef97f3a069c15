"""The API models name exactly the keys the library returns: the verdict
models allow extra keys (so none is ever dropped), which would hide a key the
library adds or renames; these tests do not."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel
from tests.web.conftest import PAGE, TestClient

from veracity.settings import Settings
from veracity.web import create_app
from veracity.web import models as m


def keys(model: type[BaseModel]) -> set[str]:
    return {f.alias or name for name, f in model.model_fields.items()}


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Real answers of the API over the fixture page: a verdict with evidence,
    one with a near miss (no Oslo in the page), a document, stored events."""
    db = tmp_path_factory.mktemp("models") / "m.sqlite"
    with TestClient(create_app(Settings(db=str(db)), allowed_hosts=["testserver"])) as c:
        ingest = c.post("/api/ingest", data={"text": PAGE.read_text(encoding="utf-8"),
                                             "published": "2024-11-13"}).json()
        verdict = c.post("/api/ask", json={"question": "Did Sandra Hale meet Daniel Okafor?"})
        oslo = c.post("/api/ask", json={"question": "Did Sandra Hale meet Daniel Okafor in "
                                                    "Oslo?"})
        return {"ingest": ingest, "verdict": verdict.json(), "oslo": oslo.json(),
                "document": c.get("/api/documents/1").json(),
                "events": c.get("/api/events", params={"entity": "Sandra Hale"}).json()}


# Each case: a model and where the library's answer holds one of its instances.
CASES = [
    (m.Verdict, lambda a: a["verdict"]),
    (m.ClaimOut, lambda a: a["verdict"]["claim"]),
    (m.ConstraintOut, lambda a: a["verdict"]["understood"][0]),
    (m.VerdictEvent, lambda a: a["verdict"]["events"][0]),
    (m.Evidence, lambda a: a["verdict"]["events"][0]["evidence"][0]),
    (m.NearMissOut, lambda a: a["oslo"]["near_misses"][0]),
    (m.DocumentDetail, lambda a: a["document"]),
    (m.DocumentSummary, lambda a: a["document"]["teasers"][0]),
    (m.CaptionOut, lambda a: a["document"]["captions_list"][0]),
    (m.EventOut, lambda a: a["document"]["events"][0]),
    (m.StanceOut, lambda a: a["document"]["events"][0]["stances"][0]),
    (m.AttributionOut, lambda a: a["document"]["attributions"][0]),
    (m.EntityOut, lambda a: a["document"]["entities"][0]),
    (m.StoredEventOut, lambda a: a["events"]["events"][0]),
    (m.IngestResult, lambda a: a["ingest"]),
]


@pytest.mark.parametrize("model, pick", CASES, ids=[c[0].__name__ for c in CASES])
def test_model_names_exactly_the_library_keys(answers, model, pick):
    assert keys(model) == set(pick(answers))
