"""``veracity stance``, ``veracity train stance`` and ``veracity bench fnc1``
through the command line's runner."""

from __future__ import annotations

import csv
import json
import random

from tests.stance.conftest import TOPICS, body_for, synthetic, write_fnc

from veracity.cli import main
from veracity.stance.provenance import TUNED_ON


def test_stance_json_and_text(tiny_model_path, tmp_path, capsys):
    rng = random.Random(7)
    a = tmp_path / "denial.txt"
    a.write_text(body_for(TOPICS[2], "disagree", rng), encoding="utf-8")
    b = tmp_path / "other.txt"
    b.write_text(body_for(TOPICS[5], "agree", rng), encoding="utf-8")
    rc = main(["stance", "--claim", TOPICS[2][0], str(a), str(b), "--model",
               str(tiny_model_path), "--format", "json"])
    assert rc == 0
    out = json.loads(capsys.readouterr().out)
    labels = [x["label"] for x in out["articles"]]
    assert labels == ["disagree", "unrelated"]
    assert set(out["articles"][0]["scores"]) == {"agree", "disagree", "discuss", "unrelated"}
    rc = main(["stance", "--claim", TOPICS[2][0], str(a), "--model", str(tiny_model_path)])
    text = capsys.readouterr().out
    assert rc == 0 and text.startswith(f"{a}: disagree\n    scores: disagree")


def test_stance_missing_file_is_skipped(tiny_model_path, tmp_path, capsys):
    rc = main(["stance", "--claim", "x", str(tmp_path / "gone.txt"), "--model",
               str(tiny_model_path)])
    assert rc == 1
    assert "gone.txt" in capsys.readouterr().err


def test_stance_needs_a_claim(capsys):
    assert main(["stance", "file.txt"]) == 2


def test_train_then_bench(tiny_data, tmp_path, capsys):
    out = tmp_path / "m.npz"
    rc = main(["train", "stance", "--fnc1", str(tiny_data), "--out", str(out), "--quiet"])
    assert rc == 0
    info = json.loads(capsys.readouterr().out)
    assert out.is_file() and info["bytes"] == out.stat().st_size
    # Fresh bodies in the same layout, scored with the model just trained.
    bodies, rows = synthetic(seed=3, per_topic=1)
    bp, sp = write_fnc(tmp_path / "test", bodies, rows, "b.csv", "s.csv")
    preds = tmp_path / "pred.csv"
    rc = main(["bench", "fnc1", "--bodies", str(bp), "--stances", str(sp), "--model", str(out),
               "--predictions", str(preds), "--format", "json"])
    assert rc == 0
    res = json.loads(capsys.readouterr().out)
    assert res["pairs"] == len(rows) and res["bodies"] == len(bodies)
    assert res["fnc_score"] > 90 and res["pairs_per_second"] > 0
    with open(preds, encoding="utf-8", newline="") as fh:
        written = list(csv.DictReader(fh))
    assert [w["Body ID"] for w in written] == [r["Body ID"] for r in rows]
    assert {w["Stance"] for w in written} <= {"agree", "disagree", "discuss", "unrelated"}


def test_bench_text_output_and_unknown_body(tiny_model_path, tmp_path, capsys):
    bodies, rows = synthetic(seed=4, per_topic=1)
    bp, sp = write_fnc(tmp_path, bodies, rows, "b.csv", "s.csv")
    rc = main(["bench", "fnc1", "--bodies", str(bp), "--stances", str(sp), "--model",
               str(tiny_model_path)])
    text = capsys.readouterr().out
    assert rc == 0 and "FNC-1 score:" in text and "confusion" in text
    rows.append({"Headline": "h", "Body ID": "999999", "Stance": "agree"})
    bp, sp = write_fnc(tmp_path, bodies, rows, "b.csv", "s.csv")
    rc = main(["bench", "fnc1", "--bodies", str(bp), "--stances", str(sp), "--model",
               str(tiny_model_path)])
    assert rc == 2 and "999999" in capsys.readouterr().err


def test_train_without_files_is_a_usage_error(tmp_path, capsys):
    assert main(["train", "stance", "--fnc1", str(tmp_path), "--out", str(tmp_path / "m.npz")]) == 2
    assert "train_bodies.csv" in capsys.readouterr().err


def test_train_needs_a_path_to_write_to(tiny_data, capsys):
    # Never the shipped model by default: the user names where the model goes.
    assert main(["train", "stance", "--fnc1", str(tiny_data)]) == 2
    assert "--out" in capsys.readouterr().err


def test_bench_dev_split_with_a_model_trained_on_all_is_refused(tiny_data, tiny_model_path,
                                                                 capsys):
    # The tiny model was trained on the whole set: its dev side is training data.
    rc = main(["bench", "fnc1", "--bodies", str(tiny_data / "train_bodies.csv"), "--stances",
               str(tiny_data / "train_stances.csv"), "--model", str(tiny_model_path),
               "--dev-split", "claims"])
    assert rc == 2 and "--dev-split claims --out" in capsys.readouterr().err


def test_bench_refuses_rows_the_model_was_trained_on(tiny_data, tiny_model_path,
                                                                  capsys):
    rc = main(["bench", "fnc1", "--bodies", str(tiny_data / "train_bodies.csv"), "--stances",
               str(tiny_data / "train_stances.csv"), "--model", str(tiny_model_path)])
    n = len(synthetic()[1])
    assert rc == 2 and f"{n} of {n} pairs to score have a headline and a body" in (
        capsys.readouterr().err)


def test_bench_says_what_trained_and_tuned_the_model(tiny_model_path, tmp_path, capsys):
    bodies, rows = synthetic(seed=5, per_topic=1)
    bp, sp = write_fnc(tmp_path, bodies, rows, "b.csv", "s.csv")
    assert main(["bench", "fnc1", "--bodies", str(bp), "--stances", str(sp), "--model",
                 str(tiny_model_path), "--format", "json"]) == 0
    res = json.loads(capsys.readouterr().out)
    # Fresh bodies, but the synthetic headlines are the training ones: all seen.
    assert res["model"]["trained_on"] == "synthetic" and res["model"]["tuned_on"] == TUNED_ON
    assert (res["headlines_seen_in_training"], res["bodies_seen_in_training"]) == (len(rows), 0)


def test_emergent_overlap_counts_training_headlines_in_any_case(tiny_model_path):
    from veracity.bench.emergent import stance_model_overlap
    from veracity.stance import StanceModel

    heads = [TOPICS[0][0].upper(), "  " + TOPICS[1][0], "A headline never trained on"]
    info = stance_model_overlap(heads, StanceModel.load(tiny_model_path))
    assert info["headlines_in_training"] == 2
