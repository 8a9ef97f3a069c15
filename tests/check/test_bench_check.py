"""``veracity bench check`` on a two-article corpus laid out as PolNeAR."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.check.conftest import RESIGNED

from veracity.cli import main
from veracity.ingest.pasted import split_page


def test_both_articles_find_the_claim_and_agree(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    article = split_page(RESIGNED.read_text(encoding="utf-8"))
    denial = json.loads((RESIGNED.parent / "corpus.jsonl").read_text().splitlines()[0])
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in (
        {**denial, "url": "polnear:dev/post_keller-denies"},
        {"title": article.title, "text": article.text, "published": "2024-05-08",
         "source": "Vesterby Courier", "url": "polnear:dev/courier_keller-resigns"})) + "\n")
    questions = tmp_path / "questions.jsonl"
    questions.write_text(json.dumps({
        "q": "Did Marta Keller resign?", "accept": ["disputed"],
        "files": ["courier_keller-resigns", "post_keller-denies"],
        "quotes": ["Marta Keller resigned as head of the Vesterby harbour authority"]}) + "\n")
    db = str(tmp_path / "bench.sqlite")
    assert main(["ingest", str(feed), "--db", db]) == 0
    capsys.readouterr()
    main(["bench", "check", str(questions), "--db", db, "--format", "json"])
    figures = json.loads(capsys.readouterr().out)
    assert (figures["claims_found"], figures["agree"]) == (2, 2)
