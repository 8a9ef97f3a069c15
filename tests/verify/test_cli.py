"""``veracity ask`` and ``veracity history`` through the command line's runner."""

from __future__ import annotations

import json

import pytest

from veracity.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ask_text(capsys: pytest.CaptureFixture[str], corpus_db: str) -> None:
    code, out, _ = run(capsys, "ask", "Did Hale bribe Ortiz?", "--db", corpus_db)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Did Hale bribe Ortiz?"
    assert lines[1] == "claim: Hale bribed Ortiz"
    assert lines[2] == "understood as: Hale · Ortiz · words: bribed"
    assert lines[4] == "DENIED    bribe — Victor Hale and Lena Ortiz, time unknown"
    assert lines[5].strip() == "denied by Victor Hale (first-hand)"
    assert lines[6] == "  denies       Victor Hale  (first-hand)"
    assert lines[7].strip() == '"Businessman Victor Hale denied that he bribed Mayor Lena Ortiz"'
    assert lines[8].strip() == ("doc 5 · Hale denies bribing mayor · Valley Times · 2024-06-12 · "
                                "chars 0-62 · https://valley-times.example/hale-denies")


def test_ask_text_marks_the_copy(capsys: pytest.CaptureFixture[str], corpus_db: str) -> None:
    code, out, _ = run(capsys, "ask", "Did Lena Ortiz meet Paul Brandt?", "--db", corpus_db,
                       "--as-of", "2024-05-02")
    assert code == 0
    assert "as of 2024-05-02 (documents published by then)" in out
    assert out.splitlines()[5].startswith("REPORTED  meeting — Lena Ortiz and Paul Brandt")
    assert "asserted by unnamed people — unnamed sources only" in out
    assert "[copy of doc 1: counted once]" in out
    assert "Valley Times" not in out  # published on 3 May


def test_ask_json_is_the_api_dict(capsys: pytest.CaptureFixture[str], corpus_db: str) -> None:
    from veracity.verify import ask

    code, out, _ = run(capsys, "ask", "Did Brandt phone Victor Hale?", "--db", corpus_db,
                       "--format", "json")
    assert code == 0
    assert json.loads(out) == ask("Did Brandt phone Victor Hale?", db=corpus_db).to_dict()
    assert json.loads(out)["verdict"] == "disputed"


def test_ask_markdown(capsys: pytest.CaptureFixture[str], corpus_db: str) -> None:
    code, out, _ = run(capsys, "ask", "Did Brandt phone Victor Hale?", "--db", corpus_db,
                       "--format", "markdown")
    assert code == 0
    assert out.startswith("## Did Brandt phone Victor Hale?\n\n**Verdict: disputed**\n")
    assert "- **Paul Brandt's office** (first-hand) — *denies*" in out
    assert "[Brandt and Hale call: governor's office cries foul]" \
           "(<https://northern-post.example/2024/06/10/brandt-hale-call>)" in out


def test_ask_claimreview(capsys: pytest.CaptureFixture[str], corpus_db: str) -> None:
    code, out, _ = run(capsys, "ask", "Did Ortiz and Brandt sign a water agreement?", "--db",
                       corpus_db, "--format", "claimreview")
    assert code == 0
    review = json.loads(out)
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "Ortiz and Brandt signed a water agreement"
    assert review["reviewRating"]["alternateName"] == "Confirmed"
    assert review["reviewRating"]["ratingValue"] == 5
    assert {a["publisher"]["name"] for a in review["itemReviewed"]["appearance"]} == {
        "Northern Post", "Valley Times"}
    assert review["datePublished"] == "2024-07-07"


def test_ask_no_evidence(capsys: pytest.CaptureFixture[str], corpus_db: str) -> None:
    code, out, _ = run(capsys, "ask", "Did Hale meet Sara Lind?", "--db", corpus_db)
    assert code == 0
    assert "NO_EVIDENCE nothing in the corpus says whether this happened" in out


def test_history(capsys: pytest.CaptureFixture[str], corpus_db: str) -> None:
    code, out, _ = run(capsys, "history", "Did Lena Ortiz meet Paul Brandt?", "--db", corpus_db)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Did Lena Ortiz meet Paul Brandt?"
    assert [ln[:24] for ln in lines[1:]] == [
        "2024-05-01   reported   ", "2024-05-02   reported   ", "2024-05-03   confirmed  ",
        "2024-07-10   confirmed  "]
    assert lines[3].endswith("(was reported)")


def test_history_json(capsys: pytest.CaptureFixture[str], corpus_db: str) -> None:
    code, out, _ = run(capsys, "history", "Did Lena Ortiz meet Paul Brandt?", "--db", corpus_db,
                       "--format", "json")
    assert code == 0
    d = json.loads(out)
    assert [p["verdict"] for p in d["history"]] == ["reported", "reported", "confirmed",
                                                    "confirmed"]


@pytest.mark.parametrize("argv, message", [
    # a date that is not one: our own error, saying how to write it
    (["ask", "Did Hale bribe Ortiz?", "--as-of", "last spring"], "expected a date as YYYY-MM-DD"),
    # an unknown format: argparse's error, naming the choices
    (["ask", "Did Hale bribe Ortiz?", "--format", "pdf"], "invalid choice: 'pdf'"),
])
def test_usage_errors(capsys: pytest.CaptureFixture[str], corpus_db: str,
                      argv: list[str], message: str) -> None:
    code, _, err = run(capsys, *argv, "--db", corpus_db)
    assert code == 2 and message in err


def test_empty_question_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                         corpus_db: str) -> None:
    code, _, err = run(capsys, "ask", "  ", "--db", corpus_db)
    assert code == 2
    assert "the question is empty" in err
