"""The trained event-factuality model: training, the artefact, and its use by
the reader and by ``veracity bench factuality``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from veracity.cli import main
from veracity.errors import ModelError
from veracity.read import document
from veracity.read.factuality_model import (
    DEFAULT_MODEL,
    FactualityModel,
    learned_value,
    load_factuality,
)
from veracity.read.factuality_train import corpus_files, data_hash, read_records

from .conftest import event, stance

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "factuality"

# A tiny corpus in the packaged layout, written here: people, verbs and
# labels of our own, enough rows for a few splits.
_PEOPLE = ("Kovac", "Lind", "Adeyemi", "Moreau", "Tanaka", "Silva")
_FRAMES = (  # (sentence with {a} and {b}, index of the event word, label)
    ("{a} met {b} on Monday .", 1, 3.0),
    ("{a} did not meet {b} .", 3, -3.0),
    ("{a} may meet {b} soon .", 2, 0.8),
    ("{a} will meet {b} next week .", 2, 1.6),
    ("{a} wants to meet {b} .", 3, 1.2),
    ("Officials said {a} met {b} .", 3, 2.4),
    ("{a} denied that {b} called him .", 5, -1.5),
    ("{a} failed to reach {b} .", 3, -2.6),
)


def _corpus(root: Path, name: str, shift: float = 0.0) -> None:
    lines = []
    for k, (frame, at, label) in enumerate(_FRAMES):
        for j, a in enumerate(_PEOPLE):
            b = _PEOPLE[(j + k + 1) % len(_PEOPLE)]
            text = frame.format(a=a, b=b)
            word = text.split()[at]
            lines.append(json.dumps({"text": text, "targets": [
                {"span1": [at, at + 1], "label": max(-3.0, min(3.0, label + shift)),
                 "span_text": word}]}))
    (root / name).mkdir(parents=True)
    (root / name / "train.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def tiny_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("factuality")
    _corpus(root, "UW")
    _corpus(root, "UDS_IH2", shift=-1.0)  # another corpus's conventions: the aux trees
    return root


@pytest.fixture(scope="module")
def tiny_model(tiny_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("model") / "factuality.npz"
    assert main(["train", "factuality", "--data", str(tiny_data), "--out", str(out),
                 "--quiet"]) == 0
    return out


def test_training_twice_writes_the_same_bytes(tiny_data, tiny_model, capsys):
    first = tiny_model.read_bytes()
    capsys.readouterr()
    assert main(["train", "factuality", "--data", str(tiny_data), "--out", str(tiny_model),
                 "--quiet"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert tiny_model.read_bytes() == first
    assert report["targets"] == {"UW": 48, "UDS_IH2": 48}


def test_the_artefact_records_its_data_and_command(tiny_data, tiny_model):
    meta = FactualityModel.load(tiny_model).meta
    assert meta["data_sha256"] == data_hash(corpus_files(tiny_data))
    assert meta["command"] == (f"veracity train factuality --data {tiny_data} "
                               f"--out {tiny_model}")
    assert meta["conventions"] == ["UW"] and meta["aux_conventions"] == ["UDS_IH2"]
    # Plain arrays only: numpy refuses pickled objects here.
    with np.load(tiny_model, allow_pickle=False) as z:
        assert "meta" in z.files and "aux_roots" in z.files and "ridge_coef" in z.files


def test_a_changed_line_changes_the_data_hash(tiny_data, tmp_path):
    other = tmp_path / "data"
    for name, f in corpus_files(tiny_data):
        (other / name).mkdir(parents=True)
        (other / name / "train.jsonl").write_bytes(f.read_bytes())
    before = data_hash(corpus_files(other))
    f = other / "UW" / "train.jsonl"
    f.write_text(f.read_text(encoding="utf-8").replace("3.0", "2.8", 1), encoding="utf-8")
    assert data_hash(corpus_files(other)) != before


def test_the_tiny_model_learns_negation(tiny_model, nlp):
    from spacy.tokens import Doc

    from veracity.read.entities import NameTable
    from veracity.read.factuality_model import text_rows
    from veracity.read.reader import TextReader

    model = FactualityModel.load(tiny_model)
    scores = []
    for words, at in ((["Silva", "met", "Kovac", "."], 1),
                      (["Silva", "did", "not", "meet", "Kovac", "."], 3)):
        doc = nlp(Doc(nlp.vocab, words=words))
        table = NameTable()
        table.add_doc(doc)
        r = TextReader(doc, table, "author", "author")
        scores.append(float(model.predict(text_rows(r.p, [(at, r.value_of(at))]))[0]))
    assert scores[0] > 1.5 and scores[1] < -1.5, scores


def test_bad_training_lines_are_named_and_left_out(tmp_path, capsys):
    _corpus(tmp_path, "UW")
    f = tmp_path / "UW" / "train.jsonl"
    good = f.read_text(encoding="utf-8")
    f.write_text('{"text": "broken\n' + good
                 + json.dumps({"text": "Lind met Kovac .", "targets": [
                     {"span1": [3, 9], "label": 3.0}]}) + "\n", encoding="utf-8")
    records, problems = read_records(f)
    assert len(records) == 48
    assert [str(p).split(": ")[0] for p in problems] == [f"{f}:1", f"{f}:50"]
    assert "outside the text's 4 tokens" in str(problems[1])
    out = tmp_path / "m.npz"
    assert main(["train", "factuality", "--data", str(tmp_path), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert f"skipped {f}:1: not JSON" in captured.err
    assert len(json.loads(captured.out)["lines_skipped"]) == 2


def test_training_needs_a_news_corpus(tmp_path, capsys):
    _corpus(tmp_path, "CB")
    assert main(["train", "factuality", "--data", str(tmp_path), "--out",
                 str(tmp_path / "m.npz")]) == 2
    assert "UW, MEANTIME" in capsys.readouterr().err
    assert main(["train", "factuality", "--data", str(tmp_path / "nowhere")]) == 2


def test_narrower_inputs_for_measuring_what_each_adds(tiny_data, tmp_path, capsys):
    out = tmp_path / "rules.npz"
    assert main(["train", "factuality", "--data", str(tiny_data), "--out", str(out),
                 "--corpora", "UW", "--groups", "rules", "--quiet"]) == 0
    model = FactualityModel.load(out)
    assert model.meta["groups"] == ["rules"] and model.aux is None
    assert model.meta["command"].endswith("--corpora UW --groups rules")
    assert len(model.columns) == len(model.meta["features"]) < 60
    assert main(["train", "factuality", "--data", str(tiny_data), "--groups", "words"]) == 2
    assert "feature groups are rules, parse" in capsys.readouterr().err


def test_a_model_of_other_features_is_refused(tiny_model, tmp_path):
    model = FactualityModel.load(tiny_model)
    model.meta["features"] = model.meta["features"][:-1]
    with pytest.raises(ModelError, match="other features"):
        FactualityModel(model.forest, model.ridge, model.meta, model.aux)
    with pytest.raises(ModelError, match="cannot load"):
        FactualityModel.load(tmp_path / "missing.npz")
    with pytest.raises(ModelError, match="conventions"):
        FactualityModel.load(tiny_model).predict(np.zeros((1, 3)), "MEANTIME")


def test_the_shipped_model_loads_without_training_libraries():
    code = (
        "import sys\n"
        "sys.modules['sklearn'] = None  # any import of it fails\n"
        "from veracity.read import read_document\n"
        "from veracity.types import Document\n"
        "a = read_document(Document(text='The mayor met the governor on Monday.'))\n"
        "assert all(e.factuality is not None for e in a.events), a\n"
        "assert not any(m.startswith('sklearn') for m in sys.modules if sys.modules[m])\n"
        "print('ok')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_the_shipped_model_says_what_it_was_trained_on():
    meta = load_factuality().meta
    assert meta["command"] == ("veracity train factuality --data ../shared/data/factuality "
                               "--out src/veracity/read/model/factuality.npz")
    assert meta["conventions"] == ["MEANTIME", "UW"]
    assert len(meta["data_sha256"]) == 64
    if DATA.is_dir():  # the data is not shipped; where it is, the hash must match
        assert meta["data_sha256"] == data_hash(corpus_files(DATA))
    assert DEFAULT_MODEL.stat().st_size < 2_000_000


def test_learned_value_only_grades_the_authors_own_assertions():
    ct = ("CT", 1)
    assert learned_value(ct, "actual", [], 2.9) == ct
    assert learned_value(ct, "actual", [], 2.0) == ("PR", 1)
    assert learned_value(ct, "actual", [], 1.0) == ("PS", 1)
    assert learned_value(ct, "actual", [], 0.2) == ("U", 0)
    # Reported, future and negated events keep the rules' value.
    assert learned_value(("U", 0), "actual", ["a layer"], 2.9) == ("U", 0)
    assert learned_value(("U", 0), "future", [], 1.7) == ("U", 0)
    assert learned_value(("CT", -1), "actual", [], 1.0) == ("CT", -1)


def test_the_reader_scores_each_event(read):
    a = read("Kovac met Lind in Vienna on Monday. Kovac did not sign the treaty. "
             "Lind plans to visit Kyiv.")
    met, sign, visit = event(a, "met"), event(a, "sign"), event(a, "visit")
    assert met.factuality is not None and met.factuality > 2.5
    assert stance(met, "author").stance == "asserts"
    assert sign.factuality is not None and sign.factuality < -1.5
    assert stance(sign, "author").stance == "denies"
    # UW's annotators give a plan a middling score; the reader leaves what is
    # only intended uncommitted for the author, whatever the score.
    assert visit.factuality is not None and 0 < visit.factuality < 2.5
    assert stance(visit, "author").stance == "uncommitted"
    assert a.to_dict()["events"][0]["factuality"] == met.factuality


def test_without_the_model_the_rules_read_and_a_note_says_so(read, monkeypatch):
    def broken() -> object:
        raise ModelError("cannot load factuality model x.npz: gone")

    monkeypatch.setattr(document, "load_factuality", broken)
    a = read("Kovac met Lind in Vienna on Monday.")
    assert event(a, "met").factuality is None
    assert stance(event(a, "met"), "author").stance == "asserts"
    assert any(n.startswith("factuality: read by the rules alone") for n in a.notes)


def test_bench_reports_the_trained_model_beside_the_rules(tmp_path, capsys):
    rows = [{"text": "Kovac did not meet Lind .", "targets": [
                {"span1": [3, 4], "label": -3.0, "span_text": "meet"}]},
            {"text": "Kovac met Lind in Vienna .", "targets": [
                {"span1": [1, 2], "label": 3.0, "span_text": "met"}]}]
    f = tmp_path / "MEANTIME" / "dev.jsonl"
    f.parent.mkdir()
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert main(["bench", "factuality", str(f), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["trained"]["convention"] == "MEANTIME"  # the folder names the corpus
    assert res["trained"]["sign_accuracy"] == 1.0
    assert set(res) >= {"mae", "rules_labels", "calibrated", "trained"}
    assert main(["bench", "factuality", str(f), "--convention", "UW"]) == 0
    assert "trained model, UW conventions" in capsys.readouterr().out
    assert main(["bench", "factuality", str(f), "--convention", "FactBank"]) == 2
