"""``veracity bench questions``: the JSON contract, and figures that follow from
the answers (a question counts as right only when ``ask`` gives an accepted
label, and as quoted only when its evidence holds an expected quote)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veracity.bench.questions import quote_found
from veracity.cli import main
from veracity.verify import ask

ARTICLES = Path(__file__).parent / "data" / "reporting.jsonl"
ITEMS = [
    {"q": "Did Berg meet Wanjiru?", "accept": ["reported"],
     "quotes": ["Ola Berg met Kenyan President Grace Wanjiru in Nairobi"]},
    {"q": "Did Berg meet Wanjiru in Oslo?", "accept": ["no_evidence"], "quotes": []},
    {"q": "Did Ruud resign?", "accept": ["denied"], "quotes": ["Officials denied"]},
    # A wrong gold label on purpose: the bench must count it wrong.
    {"q": "Did Rovers pay the fee to Benfica?", "accept": ["disputed"], "quotes": []},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("benchq") / "s.sqlite")
    assert main(["ingest", str(ARTICLES), "--db", path]) == 0
    return path


def test_figures_follow_from_the_answers(db: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    qfile = tmp_path / "q.jsonl"
    qfile.write_text("".join(json.dumps(i) + "\n" for i in ITEMS), encoding="utf-8")
    preds = tmp_path / "p.jsonl"
    capsys.readouterr()
    assert main(["bench", "questions", str(qfile), "--db", db, "--format", "json",
                 "--predictions", str(preds)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"questions", "accuracy", "quotes", "confusion", "by_label"}
    verdicts = [ask(i["q"], db=db).verdict for i in ITEMS]
    right = [v in i["accept"] for v, i in zip(verdicts, ITEMS, strict=True)]
    assert result["questions"] == len(ITEMS)
    assert result["accuracy"] == round(sum(right) / len(ITEMS), 3)
    assert not right[-1] and result["by_label"]["disputed"] == {"questions": 1, "right": 0}
    assert result["confusion"]["disputed"] == {verdicts[-1]: 1}
    rows = [json.loads(line) for line in preds.read_text(encoding="utf-8").splitlines()]
    assert [r["verdict"] for r in rows] == verdicts
    assert all("understood" in r and "evidence" in r for r in rows)


def test_a_quote_is_found_in_a_longer_or_shorter_evidence_quote() -> None:
    assert quote_found("met Governor Paul Brandt", ["Mayor Lena Ortiz met Governor Paul Brandt."])
    assert quote_found("Mayor Lena Ortiz met Governor Paul Brandt in Halden on Tuesday",
                       ["Mayor Lena Ortiz met Governor Paul Brandt in Halden"])
    assert not quote_found("the governor resigned", ["Mayor Lena Ortiz met Governor Paul Brandt"])


def test_bad_question_files_are_usage_errors(db: str, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"q": "Did it happen?", "accept": ["maybe"]}\n', encoding="utf-8")
    assert main(["bench", "questions", str(bad), "--db", db]) == 2
    assert "unknown label 'maybe'" in capsys.readouterr().err
