"""The trained attribution model: training is reproducible, the artefact loads
without the training libraries, and the reader takes its spans."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from veracity.bench.attribution import compare
from veracity.cli import main
from veracity.read import analyze, read_document
from veracity.read.attribution_model import DEFAULT_MODEL, AttributionModel
from veracity.read.attribution_train import (
    parse_articles,
    read_attributions,
    read_split,
    train_attribution,
)
from veracity.read.types import Analysis
from veracity.types import Document

# A small PolNeAR-style split written by the tests: each sentence's source,
# cue and content, with offsets computed from the text.
SENTENCES = [
    ("Anna Kovac", "said", "the council approved the budget", "{s} {c} that {t}."),
    ("The mayor", "denied", "that the bridge was closed", "{s} {c} {t}."),
    ("Police", "reported", "that two men were arrested", "{s} {c} {t} on Monday."),
    ("Mr. Lind", "told reporters", "the plan would fail", "{s} {c} {t}."),
    ("Officials", "claimed", "the water was safe", "Last week, {s} {c} {t}."),
    ("The union", "warned", "that a strike could follow", "{s} {c} {t}."),
]


def _article(rows: list[tuple[str, str, str, str]]) -> tuple[str, str]:
    text = ""
    ann: list[str] = []
    for k, (src, cue, content, pattern) in enumerate(rows):
        sentence = pattern.format(s=src, c=cue, t=content)
        start = len(text)
        text += sentence + " "
        spans = []
        for kind, words in (("Source", src), ("Cue", cue), ("Content", content)):
            a = start + sentence.index(words)
            spans.append((kind, a, a + len(words), words))
        ids = []
        for kind, a, b, words in spans:
            tid = f"T{len(ann) + 1}"
            ann.append(f"{tid}\t{kind} {a} {b}\t{words}")
            ids.append(f"{kind}:{tid}")
        ann.append(f"E{k + 1}\tAttribution:{ids[1].split(':')[1]} " + " ".join(ids))
    return text.strip(), "\n".join(ann) + "\n"


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("polnear")
    (root / "text").mkdir()
    (root / "attributions").mkdir()
    for n in range(4):
        rows = SENTENCES[n:] + SENTENCES[:n]
        text, ann = _article(rows)
        (root / "text" / f"doc{n}.txt").write_text(text, encoding="utf-8")
        (root / "attributions" / f"doc{n}_ab12.ann").write_text(ann, encoding="utf-8")
    return root


def test_read_attributions_joins_the_parts_of_each_attribution():
    ann = ("T1\tSource 0 4\tAnna\nT2\tCue 5 9\tsaid\nT3\tContent 10 14;20 24\tab cd\n"
           "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n")
    (got,) = read_attributions(ann)
    assert got.source == ((0, 4),) and got.cue == ((5, 9),)
    assert got.content == ((10, 14), (20, 24))


def test_training_twice_gives_identical_bytes(split: Path, tmp_path: Path):
    articles = read_split(split)
    parses = parse_articles(articles)
    paths = []
    for k in range(2):
        model, report = train_attribution(articles, parses, command="the same command")
        paths.append(tmp_path / f"m{k}.npz")
        model.save(paths[-1])
    assert report.articles == 4 and report.attributions == 4 * len(SENTENCES)
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_train_command_writes_a_model_that_reads(split: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]):
    out = tmp_path / "attribution.npz"
    assert main(["train", "attribution", "--polnear", str(split), "--out", str(out),
                 "--quiet"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["articles"] == 4 and report["bytes"] == out.stat().st_size
    model = AttributionModel.load(out)
    assert model.meta["command"].startswith("veracity train attribution --polnear")
    assert model.meta["data_sha256"] == report["data_sha256"]


def test_train_command_names_a_folder_that_is_not_polnear(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]):
    assert main(["train", "attribution", "--polnear", str(tmp_path)]) != 0
    assert "text/ and attributions/" in capsys.readouterr().err


def test_shipped_model_records_its_data_and_command():
    meta = AttributionModel.load().meta
    assert meta["command"] == ("veracity train attribution --polnear "
                               "../shared/data/polnear/train --out "
                               "src/veracity/read/model/attribution.npz")
    assert len(meta["data_sha256"]) == 64 and meta["articles"] == 840


def test_model_loads_and_reads_without_the_training_libraries():
    code = ("import sys\n"
            "from veracity.read import read_document\n"
            "from veracity.types import Document\n"
            "a = read_document(Document(text='Anna Kovac said that the council met.'))\n"
            "assert a.attributions, a\n"
            "assert 'sklearn' not in sys.modules, 'sklearn imported'\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_model_that_is_not_one_is_a_model_error(tmp_path: Path):
    from veracity.errors import ModelError

    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ModelError, match="train one with"):
        AttributionModel.load(bad)


def _spans(a: Analysis) -> list[tuple[str | None, str, tuple[str, ...]]]:
    out = []
    for at in a.attributions:
        parts = at.content_parts or ((at.content,) if at.content else ())
        out.append((at.source_span.text if at.source_span else None, at.cue.text,
                    tuple(p.text for p in parts)))
    return out


def test_reader_draws_the_spans_as_polnear_does(read):  # type: ignore[no-untyped-def]
    a = read("Anna Kovac said that the council approved the budget.")
    assert ("Anna Kovac", "said", ("that the council approved the budget",)) in _spans(a)


def test_a_quotation_split_by_its_cue_has_two_pieces(read):  # type: ignore[no-untyped-def]
    text = ('"The budget is sound," Kovac said on Monday, "and the council will pass it '
            'next week."')
    a = read(text)
    (at,) = [x for x in a.attributions if x.cue.text.startswith("said")]
    assert [p.text for p in at.content_parts] == [
        "The budget is sound", "and the council will pass it next week"]
    # content runs from the first piece to the last, for readers of one span
    assert at.content is not None and at.content.start == at.content_parts[0].start


def test_model_only_cues_are_shown_but_leave_the_stances_alone(nlp):  # type: ignore[no-untyped-def]
    text = ("Senator Hale criticized the governor for the plan. Hale wants the state "
            "to build a new bridge. The mayor said the bridge was closed.")
    doc = Document(text=text)
    trained = analyze(doc, nlp(text), [])
    rules = analyze(doc, nlp(text), [], rules_only=True)
    assert len(trained.attributions) > len(rules.attributions)
    assert any(at.cue_class == "other" for at in trained.attributions)

    def stances(a: Analysis) -> list[tuple[str, list[tuple[str, str]]]]:
        return [(e.predicate, [(s.source, s.stance) for s in e.stances]) for e in a.events]

    assert stances(trained) == stances(rules)


def test_content_parts_survive_the_store_round_trip(read):  # type: ignore[no-untyped-def]
    a = read('"We are ready," Kovac said, "and we will win."')
    again = Analysis.from_dict(json.loads(json.dumps(a.to_dict())))
    assert again.attributions == a.attributions
    assert any(at.content_parts for at in again.attributions)


def test_bench_reports_the_reader_beside_its_rules(split: Path):
    result = compare(str(split), limit=2)
    trained, rules = result["trained"], result["rules"]
    assert isinstance(trained, dict) and isinstance(rules, dict)
    assert trained["documents"] == rules["documents"] == 2
    for kind in ("source", "cue", "content"):
        assert 0.0 <= trained[kind]["exact"]["f1"] <= 1.0


def test_reading_a_document_gives_the_same_attributions_twice():
    doc = Document(text="The mayor told reporters that the bridge would reopen soon.")
    assert read_document(doc).attributions == read_document(doc).attributions


def test_default_model_is_package_data():
    assert DEFAULT_MODEL.is_file() and DEFAULT_MODEL.suffix == ".npz"
    assert DEFAULT_MODEL.stat().st_size < 3_000_000
