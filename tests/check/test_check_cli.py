"""``veracity check`` through the command line's runner, and ``veracity.check``."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from tests.check.conftest import COLUMN, RESIGNED

import veracity
from veracity.cli import main
from veracity.store import open_store

ARGS = ("--published", "2024-05-08", "--source", "Vesterby Courier")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_leads_with_how_many_claims_found_no_evidence(
        capsys: pytest.CaptureFixture[str], check_db: str) -> None:
    _, out, _ = run(capsys, "check", str(RESIGNED), "--db", check_db, *ARGS)
    assert out.splitlines()[2] == ("6 claim(s) checked against the rest of the corpus: "
                                   "3 contested, 4 found no evidence")


def test_text_shows_the_headline_claim_first(capsys: pytest.CaptureFixture[str],
                                             check_db: str) -> None:
    _, out, _ = run(capsys, "check", str(RESIGNED), "--db", check_db, *ARGS)
    assert out.splitlines()[4] == ("[1] DISPUTED   Harbour chief Marta Keller resigns over "
                                   "dredging contract  (headline)")


def test_json_is_the_library_dict(capsys: pytest.CaptureFixture[str], check_db: str) -> None:
    _, out, _ = run(capsys, "check", str(RESIGNED), "--db", check_db, "--format", "json", *ARGS)
    expected = veracity.check(path=str(RESIGNED), db=check_db, published="2024-05-08",
                              source="Vesterby Courier").to_dict()
    assert json.loads(out) == expected


def test_markdown_heads_with_the_title(capsys: pytest.CaptureFixture[str], check_db: str
                                       ) -> None:
    _, out, _ = run(capsys, "check", str(COLUMN), "--db", check_db, "--format", "markdown")
    assert out.startswith("## Check: The harbour deserves better leadership\n")


def test_stdin_is_read_as_pasted_text(capsys: pytest.CaptureFixture[str], check_db: str,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(COLUMN.read_text(encoding="utf-8")))
    _, out, _ = run(capsys, "check", "-", "--db", check_db, "--format", "json")
    assert json.loads(out)["counts"]["claims"] == 1


def test_a_url_is_a_usage_error(capsys: pytest.CaptureFixture[str], check_db: str) -> None:
    code, _, err = run(capsys, "check", "https://example.org/a", "--db", check_db)
    assert (code, "URL fetching is not available yet" in err) == (2, True)


def test_store_ingests_the_article_after_checking_it(capsys: pytest.CaptureFixture[str],
                                                     check_db: str, tmp_path: Path) -> None:
    if check_db.startswith("postgresql"):
        pytest.skip("copies the SQLite file")
    db = tmp_path / "copy.sqlite"
    shutil.copy(check_db, db)
    run(capsys, "check", str(COLUMN), "--db", str(db), "--store")
    with open_store(str(db)) as store:
        assert store.count() == 3
