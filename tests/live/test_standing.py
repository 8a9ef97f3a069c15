"""Standing questions: a verdict that changes from ``reported`` to ``disputed``
when a denial arrives (through a feed, or a plain ingest) gives exactly one
alert on each channel -- a line on stdout, a JSON line in the alerts log, and a
POST to a webhook received by a loopback server -- and ``history`` shows the
change with the document that caused it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.live.conftest import Loopback, Reply, page, rss
from tests.live.test_watch import socket_closed

from veracity.cli import main
from veracity.store import open_store

QUESTION = "Did Brandt phone Victor Hale?"
# One source nobody names asserts the call: reported.
REPORT = page("Brandt phoned Hale, sources say",
              "Governor Paul Brandt phoned the businessman Victor Hale on Sunday, according "
              "to two people familiar with the call.",
              "The two men spoke for about twenty minutes about the harbour contract, the "
              "people said.", date="2024-06-10")
# The governor's spokesman denies it: disputed.
DENIAL = page("Governor's office denies call to Hale",
              "A spokesman for Governor Paul Brandt, Tom Ekberg, denied on Tuesday that "
              "Brandt phoned Victor Hale on Sunday.",
              "\"The governor did not speak to Mr Hale,\" Ekberg said.", date="2024-06-11")


@pytest.fixture
def reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A store where the question is ``reported``."""
    db = str(tmp_path / "q.sqlite")
    f = tmp_path / "report.html"
    f.write_bytes(REPORT)
    assert main(["ingest", str(f), "--db", db]) == 0
    capsys.readouterr()
    return db


def alerts_in(db: str) -> list[dict]:
    log = Path(db + ".alerts.jsonl")
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def test_a_denial_through_a_feed_alerts_once_on_every_channel(
        web: Loopback, reported: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = reported
    web.routes["/hook"] = Reply(204, content_type=None)
    assert main(["watch", "ask", QUESTION, "--webhook", web.url("/hook"), "--db", db]) == 0
    assert capsys.readouterr().out == (f"standing question 1: {QUESTION}: reported now; "
                                       f"alerts also to {web.url('/hook')}\n")
    web.routes["/denial.html"] = Reply(body=DENIAL)
    web.routes["/feed.xml"] = Reply(body=rss(web.url("/denial.html")),
                                    content_type="application/rss+xml")
    assert main(["watch", "add", web.url("/feed.xml"), "--db", db]) == 0
    capsys.readouterr()

    assert main(["watch", "run", "--once", "--allow-private", "--db", db]) == 0
    out, err = capsys.readouterr()
    # stdout: the one alert line
    assert out == (f'alert: "{QUESTION}" reported -> disputed: doc 2 "Governor\'s office '
                   f'denies call to Hale" <{web.url("/denial.html")}>\n')
    # the alerts log: one JSON object
    (alert,) = alerts_in(db)
    assert (alert["question"], alert["old_verdict"], alert["verdict"]) == (
        QUESTION, "reported", "disputed")
    assert [(d["id"], d["url"]) for d in alert["documents"]] == [(2, web.url("/denial.html"))]
    assert "phone call" in alert["lead"]
    # the webhook: one POST of the same JSON
    (hook,) = [s for s in web.seen if s.path == "/hook"]
    assert hook.method == "POST" and hook.headers["content-type"] == "application/json"
    assert json.loads(hook.body) == alert
    assert "webhook" not in err

    # polled again: nothing new, so nothing asked and nothing alerted
    assert main(["watch", "run", "--once", "--allow-private", "--db", db]) == 0
    assert capsys.readouterr().out == ""
    assert len(alerts_in(db)) == 1 and len([s for s in web.seen if s.path == "/hook"]) == 1

    # history: the recorded changes, each with the documents that caused it
    assert main(["history", QUESTION, "--db", db]) == 0
    text = capsys.readouterr().out
    tail = text[text.index("Standing question since"):].splitlines()
    assert "reported    (first answer)" in tail[1] and tail[2].startswith('    doc 1 "Brandt')
    assert "disputed    (reported -> disputed)" in tail[3]
    assert tail[4] == f'    doc 2 "Governor\'s office denies call to Hale" ' \
                      f'<{web.url("/denial.html")}>'
    assert main(["history", QUESTION.upper(), "--db", db, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    changes = data["standing"]["changes"]
    assert [(c["old_verdict"], c["verdict"]) for c in changes] == [(None, "reported"),
                                                                  ("reported", "disputed")]
    assert changes[1]["documents"][0]["title"] == "Governor's office denies call to Hale"
    assert "history" in data  # the per-date history is still there

    assert main(["watch", "list", "--db", db, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(q["question"], q["verdict"]) for q in listed["questions"]] == [
        (QUESTION, "disputed")]


def test_a_plain_ingest_alerts_too_and_a_broken_webhook_is_not_fatal(
        reported: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    db = reported
    log = tmp_path / "elsewhere" / "alerts.jsonl"
    monkeypatch.setenv("VERACITY_ALERTS_LOG", str(log))
    with socket_closed() as dead:
        assert main(["watch", "ask", QUESTION, "--webhook", dead, "--db", db]) == 0
        f = tmp_path / "denial.html"
        f.write_bytes(DENIAL)
        capsys.readouterr()
        assert main(["ingest", str(f), "--db", db]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].startswith("ingested 1 document(s)")
    assert lines[1:] == [f'alert: "{QUESTION}" reported -> disputed: doc 2 "Governor\'s '
                         'office denies call to Hale"']
    assert f"webhook {dead}: failed:" in err
    (alert,) = [json.loads(x) for x in log.read_text().splitlines()]
    assert alert["verdict"] == "disputed" and not Path(db + ".alerts.jsonl").exists()
    # the same file again: nothing stored, nothing asked, no second alert
    assert main(["ingest", str(f), "--db", db]) == 0
    assert "alert:" not in capsys.readouterr().out
    assert len(log.read_text().splitlines()) == 1


def test_standing_questions_listed_and_removed(reported: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = reported
    assert main(["watch", "ask", QUESTION, "--db", db]) == 0
    assert main(["watch", "ask", "  did brandt PHONE victor hale? ", "--db", db]) == 0
    assert main(["watch", "ask", QUESTION, "--webhook", "ftp://x", "--db", db]) == 2
    out, err = capsys.readouterr()
    assert out.splitlines()[1] == f"already standing 1: {QUESTION}: reported now"
    assert "webhook 'ftp://x': expected an http:// or https:// address" in err
    assert main(["watch", "list", "--db", db]) == 0
    assert f"   1  reported     {QUESTION}" in capsys.readouterr().out
    assert main(["watch", "unask", "DID BRANDT PHONE VICTOR HALE?", "--db", db]) == 0
    assert main(["watch", "unask", "1", "--db", db]) == 1
    out, err = capsys.readouterr()
    assert out == f"no longer asking 1: {QUESTION}\n" and "no standing question '1'" in err
    with open_store(db) as store:
        assert store.questions() == [] and store.changes() == []


def test_an_ingest_through_the_web_app_alerts_in_the_log_and_webhook(
        web: Loopback, reported: str) -> None:
    import warnings

    from veracity.settings import Settings
    from veracity.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    db = reported
    web.routes["/hook"] = Reply(200, b"ok", content_type="text/plain")
    assert main(["watch", "ask", QUESTION, "--webhook", web.url("/hook"), "--db", db]) == 0
    with TestClient(create_app(Settings(db=db), allowed_hosts=["testserver"])) as client:
        r = client.post("/api/ingest", files={"files": ("denial.html", DENIAL, "text/html")})
    assert r.status_code == 200, r.text
    (alert,) = alerts_in(db)
    assert (alert["old_verdict"], alert["verdict"]) == ("reported", "disputed")
    assert [json.loads(s.body) for s in web.seen if s.path == "/hook"] == [alert]
