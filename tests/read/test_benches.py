"""The reader's benchmarks on tiny inputs written by the tests (not timed)."""

from __future__ import annotations

import json

from veracity.bench.attribution import evaluate as attribution
from veracity.bench.attribution import read_ann
from veracity.bench.factuality import evaluate as factuality
from veracity.cli import main

TEXT = "Anna Kovac said that the council approved the budget."


def _polnear(tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc1.txt").write_text(TEXT, encoding="utf-8")
    ann = ("T1\tSource 0 10\tAnna Kovac\nT2\tCue 11 15\tsaid\n"
           "T3\tContent 16 53\tthat the council approved the budget\n"
           "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n")
    (tmp_path / "attributions" / "doc1_ab12.ann").write_text(ann, encoding="utf-8")
    return tmp_path


def test_read_ann_keeps_types_and_discontinuous_parts():
    spans = read_ann("T1\tSource 0 4;10 12\tab cd\nT2\tCue 5 9\tsaid\nR1\tx\n")
    assert spans["source"] == {(0, 4), (10, 12)}
    assert spans["cue"] == {(5, 9)}
    assert spans["content"] == set()


def test_attribution_bench_scores_a_perfect_match(tmp_path):
    result = attribution(str(_polnear(tmp_path)))
    assert result["documents"] == 1
    for kind in ("source", "cue", "content"):
        assert result[kind]["exact"]["f1"] == 1.0, (kind, result[kind])  # type: ignore[index]


def test_factuality_bench(tmp_path):
    rows = [
        {"text": "Kovac did not meet Lind .", "targets": [
            {"span1": [3, 4], "label": -3.0, "span_text": "meet"}]},
        {"text": "Kovac met Lind .", "targets": [
            {"span1": [1, 2], "label": 3.0, "span_text": "met"}]},
        {"text": "Kovac may meet Lind .", "targets": [
            {"span1": [2, 3], "label": 1.0, "span_text": "meet"}]},
    ]
    f = tmp_path / "dev.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = factuality(str(f))
    assert result["targets"] == 3
    assert result["sign_accuracy"] == 1.0
    assert result["mae"] == 0.0


def test_read_speed_command_json(tmp_path, capsys):
    d = _polnear(tmp_path)
    assert main(["bench", "read-speed", str(d), "--repeat", "1", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["documents"] == 1 and out["words"] == len(TEXT.split())
    assert out["ratio"] > 0


def test_reading_bench_counts_what_the_reader_found(tmp_path, capsys):
    # Two articles and a copy of the first: the copy is not counted twice (too
    # short for the language detector, so the language is given).
    first = ("The port authority fined the shipping company on Monday. Its director, "
             "Marta Novak, said the company had ignored three warnings.")
    second = ("Harbour workers went on strike in Gdansk. The union said talks had failed "
              "and that the strike would last a week.")
    for name, text in (("a.txt", first), ("b.txt", second), ("c.txt", first + " ")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = str(tmp_path / "s.sqlite")
    assert main(["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                 str(tmp_path / "c.txt"), "--db", db, "--language", "en"]) == 0
    capsys.readouterr()
    assert main(["bench", "reading", "--db", db, "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["articles"] == 2 and out["read"] == 2
    assert out["events"] >= 4  # fined, said, ignored, strike, failed, last ...
    assert 0 < out["with_agent"] <= out["with_participant"] <= 1
    # Marta Novak is named; "The port authority", "The union" are only described.
    assert 0 < out["with_named_agent"] < out["with_agent"]
    assert out["with_named_agent"] <= out["with_named_participant"] <= out["with_participant"]
    assert out["languages"] == {"en": 1.0}


def test_reading_bench_needs_an_existing_store(tmp_path, capsys):
    assert main(["bench", "reading", "--db", str(tmp_path / "none.sqlite")]) != 0
    assert "no such store" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite").exists()
