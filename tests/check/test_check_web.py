"""``POST /api/check`` and the check page through an in-process client."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

import pytest
from tests.check.conftest import RESIGNED

from veracity.settings import Settings
from veracity.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

FORM = {"published": "2024-05-08", "source": "Vesterby Courier"}


@pytest.fixture
def client(check_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=check_db), allowed_hosts=["testserver"])) as c:
        yield c


def test_api_check_answers_the_claims(client: TestClient) -> None:
    r = client.post("/api/check", json={"text": RESIGNED.read_text(encoding="utf-8"), **FORM})
    assert (r.status_code, r.json()["counts"]["claims"]) == (200, 6)


def test_api_check_refuses_a_blank_article(client: TestClient) -> None:
    r = client.post("/api/check", json={"text": "   "})
    assert (r.status_code, r.json()["error"]["code"]) == (422, "invalid_request")


def test_api_check_is_described_in_openapi(client: TestClient) -> None:
    assert "/api/check" in client.get("/api/openapi.json").json()["paths"]


def test_page_links_each_claim_sentence_to_its_evidence(client: TestClient) -> None:
    r = client.post("/check", data={"text": RESIGNED.read_text(encoding="utf-8"), **FORM})
    link = re.search(r'<a class="claim label-disputed" href="#claim-(c\d+)"[^>]*>Marta Keller '
                     r'resigned', r.text)
    assert link is not None and f'id="claim-{link.group(1)}"' in r.text


def test_page_accepts_an_uploaded_file(client: TestClient) -> None:
    r = client.post("/check", data=FORM, files={"file": ("resigned.txt", RESIGNED.read_bytes(),
                                                         "text/plain")})
    assert "6 claim(s) checked against the rest of the store" in r.text


def test_page_says_what_to_fix_when_nothing_is_sent(client: TestClient) -> None:
    r = client.post("/check", data={"text": ""})
    assert (r.status_code, "nothing to check" in r.text) == (400, True)


def test_claim_links_escape_the_article_text() -> None:
    from veracity.web.highlight import ClaimSpan, link_claims

    html = link_claims("<b>Keller</b> resigned.", [ClaimSpan(0, 23, "c1", "disputed")])
    assert str(html) == ('<a class="claim label-disputed" href="#claim-c1" id="text-c1">'
                         '&lt;b&gt;Keller&lt;/b&gt; resigned.</a>')


def test_claim_links_take_only_known_labels_as_classes() -> None:
    from veracity.web.highlight import ClaimSpan, link_claims

    html = link_claims("Keller resigned.", [ClaimSpan(0, 6, 'c1"x', '" onclick="x')])
    assert str(html).startswith('<a class="claim label-no_evidence" href="#claim-c1x"')
