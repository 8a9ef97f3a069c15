"""`veracity bench ingest` reports the peak memory of the ingest, and of one
long text ingested in a process of its own (issue 15: memory is measured)."""

from __future__ import annotations

import json

from veracity.cli import main

ARTICLES = [
    ("dev", "a1", "The ferry resumed service", "The river ferry resumed service on Sunday "
     "after the storm passed, the operator said."),
    ("dev", "a2", "Teams reach the village", "Rescue teams reached the mountain village on "
     "Thursday morning, officials said."),
    ("train", "b1", "Not in the split asked for", "The council approved the tram line."),
]


def polnear_layout(root):
    """A folder shaped like PolNeAR: metadata.tsv and SPLIT/text/NAME.txt."""
    rows = ["compartment\tfilename\tpublisher\tpublication_date\ttitle"]
    for split, name, title, text in ARTICLES:
        (root / split / "text").mkdir(parents=True, exist_ok=True)
        (root / split / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        rows.append(f"{split}\t{name}\tExample News\t2016-10-0{len(rows)}\t{title}")
    (root / "metadata.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


def test_bench_ingest_reports_peak_memory_of_the_ingest_and_of_a_long_text(tmp_path, capsys):
    root = polnear_layout(tmp_path / "polnear")
    assert main(["bench", "ingest", str(root), "--splits", "dev", "--no-read",
                 "--db", str(tmp_path / "b.sqlite"), "--long", "0.2", "--format", "json"]) == 0
    res = json.loads(capsys.readouterr().out)
    # both dev articles stored once, none the second time
    assert (res["articles"], res["first"]["ingested"], res["second"]["already_stored"],
            res["duplicates_stored_second_time"]) == (2, 2, 2, 0)
    # a resident set of at least the interpreter, and below anything absurd
    assert 10 < res["peak_memory_mb"] < 4096
    long = res["long_text"]
    assert (long["exit_status"], long["ingested"], long["skipped"]) == (0, 1, [])
    assert 190_000 < long["bytes"] <= 200_000  # whole articles up to 0.2 MB
    assert 10 < long["peak_memory_mb"] < 4096
    assert main(["bench", "ingest", str(root), "--splits", "dev", "--no-read",
                 "--db", str(tmp_path / "c.sqlite")]) == 0
    assert "peak memory: " in capsys.readouterr().out
