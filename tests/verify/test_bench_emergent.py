"""``veracity bench emergent``: the stance model is named and its overlap with
the scored headlines warned about, or left out with ``--no-stance-model``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from veracity.cli import main

CLAIM = "Mayor Ola Berg resigned"
HEADLINES = ["Mayor Ola Berg resigned on Monday, the city council said",
             "Ola Berg resigns as mayor of Halden"]


@pytest.fixture
def emergent_files(tmp_path: Path) -> tuple[str, str]:
    articles, claims = tmp_path / "articles.csv", tmp_path / "claims.csv"
    with articles.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["claimHeadline", "articleHeadline", "articleId", "claimId"])
        for i, h in enumerate(HEADLINES):
            w.writerow([CLAIM, h, f"a{i}", "c1"])
    with claims.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["claimId", "claimHeadline", "claimTruth"])
        w.writerow(["c1", CLAIM, "true"])
    return str(articles), str(claims)


def test_without_the_stance_model_the_output_says_so(emergent_files, capsys):
    articles, claims = emergent_files
    rc = main(["bench", "emergent", "--articles", articles, "--claims", claims,
               "--no-stance-model", "--format", "json"])
    res = json.loads(capsys.readouterr().out)
    assert rc == 0 and res["stance_model"] == {"used": False}
    # Two outlets assert the resignation: the reader alone confirms it.
    assert res["verdicts"] == {"confirmed": 1}


def test_with_the_stance_model_its_overlap_is_warned(emergent_files, capsys):
    articles, claims = emergent_files
    assert main(["bench", "emergent", "--articles", articles, "--claims", claims]) == 0
    err = capsys.readouterr().err
    assert "warning: 0 of these 2 Emergent headlines are training headlines" in err


@pytest.mark.parametrize("label, polarity, lean, expected", [
    ("confirmed", "positive", None, "true"),
    ("denied", "positive", None, "false"),
    ("disputed", "positive", None, "unknown"),
    ("disputed", "positive", "false", "false"),
    ("disputed", "positive", "true", "true"),
    ("reported", "positive", None, "unknown"),
    ("disputed", "negative", "false", "true"),  # "Did X not ...?" leaning false: X did
])
def test_a_dispute_maps_to_the_side_it_leans_to(label: str, polarity: str, lean: str | None,
                                                expected: str) -> None:
    from veracity.bench.emergent import to_emergent

    assert to_emergent(label, polarity, lean) == expected
