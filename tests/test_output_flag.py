"""One output flag across commands: ``--format``, with ``--json`` short for
``--format json`` on every command that prints, and reading standard input
with ``ingest -``."""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
from pathlib import Path

import pytest
from tests.conftest import FIXTURES
from tests.test_docs import subcommands

from veracity.cli import build_parser, main
from veracity.errors import UsageError


def every_command() -> dict[str, argparse.ArgumentParser]:
    out: dict[str, argparse.ArgumentParser] = {}
    for name, sub in subcommands(build_parser()).items():
        nested = subcommands(sub)
        out.update({f"{name} {n}": p for n, p in nested.items()} if nested else {name: sub})
    return out


def options(p: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {o: a for a in p._actions for o in a.option_strings}


def test_every_command_with_an_output_format_takes_both_spellings():
    with_format = 0
    for name, p in every_command().items():
        opts = options(p)
        if "--json" not in opts and "--format" not in opts:
            continue
        with_format += 1
        assert {"--json", "--format"} <= set(opts), name
        assert opts["--json"].dest == opts["--format"].dest == "format", name
        assert "json" in (opts["--format"].choices or ()), name
    assert with_format >= 20  # the commands and the benchmarks


@pytest.mark.parametrize("argv", [
    ["docs", "--json"], ["ask", "Q?", "--json"], ["history", "Q?", "--json"],
    ["read", "f.html", "--json"], ["bench", "extract", "d", "--json"],
])
def test_json_is_short_for_format_json(argv):
    assert build_parser().parse_args(argv).format == "json"


def test_both_spellings_at_once_is_a_usage_error(capsys):
    with pytest.raises(UsageError, match="not allowed with"):
        build_parser().parse_args(["docs", "--json", "--format", "text"])
    assert main(["ask", "Q?", "--json", "--format", "markdown"]) == 2
    capsys.readouterr()


def test_docs_prints_the_same_json_either_way(tmp_path: Path, capsys):
    db = str(tmp_path / "v.sqlite")
    assert main(["ingest", str(FIXTURES / "harbour-page.txt"), "--db", db, "--no-read",
                 "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["ingested"] == 3
    outs = []
    for flag in (["--json"], ["--format", "json"]):
        assert main(["docs", "--db", db, *flag]) == 0
        outs.append(capsys.readouterr().out)
    assert outs[0] == outs[1] and [d["id"] for d in json.loads(outs[0])] == [1, 2, 3]
    assert main(["show", "2", "--db", db]) == 0  # a teaser: its first words for a title
    assert capsys.readouterr().out.startswith("# Farmers in the northern valley say")


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


@pytest.mark.parametrize("pack", [lambda b: b, gzip.compress], ids=["plain", "gzipped"])
def test_ingest_reads_standard_input(pack, tmp_path: Path, capsys, monkeypatch):
    db = str(tmp_path / "v.sqlite")
    _stdin(monkeypatch, pack((FIXTURES / "harbour-page.txt").read_bytes()))
    assert main(["ingest", "-", "--db", db, "--no-read", "--published", "2024-06-04"]) == 0
    assert "ingested 3 document(s)" in capsys.readouterr().out
    assert main(["show", "1", "--db", db, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["origin"], shown["published"]) == ("stdin", "2024-06-04")


@pytest.mark.parametrize("data, reason", [
    (b"", "empty input"),
    (b"   \n", "empty file (only white space)"),
    (b"\x1f\x8b\x08\x00broken", "truncated gzip file"),
    (b"x" * 5000, "too large"),
])
def test_bad_standard_input_is_one_line(data, reason, tmp_path: Path, capsys, monkeypatch):
    _stdin(monkeypatch, data)
    assert main(["ingest", "-", "--db", str(tmp_path / "v.sqlite"), "--max-bytes",
                 "4000"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"skipped stdin: {reason}") and err.count("\n") == 1
