"""Stored text never drives the terminal: `docs`, `show`, `ask` and `history`
print its control characters (ESC, OSC, CSI, BEL) as visible escapes."""

from __future__ import annotations

import json

import pytest

from veracity.cli import main

# window title (OSC 0), clear screen (CSI 2J), clipboard write (OSC 52), C1 CSI
RECORD = {
    "title": "Mayor resigns \x1b]0;pwned\x07",
    "text": "Mayor Lena Ortiz resigned on Monday, the city council said. "
            "\x1b[2J\x1b]52;c;ZXZpbA==\x07 She denied any wrongdoing in a statement.",
    "source": "Valley \x9b31mTimes",
    "published": "2024-05-01",
}
RAW = ("\x1b", "\x07", "\x9b")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("term")
    feed = folder / "feed.jsonl"
    feed.write_text(json.dumps(RECORD) + "\n")
    url = str(folder / "v.sqlite")
    assert main(["ingest", str(feed), "--db", url]) == 0
    return url


@pytest.mark.parametrize("argv", [
    # the list of documents (title, outlet)
    ["docs"],
    # one document in full
    ["show", "1"],
    # a verdict quoting the text, as text and as Markdown
    ["ask", "Did Lena Ortiz resign?"],
    ["ask", "Did Lena Ortiz resign?", "--format", "markdown"],
])
def test_control_characters_are_shown_not_sent(capsys, db, argv):
    assert main([*argv, "--db", db]) == 0
    out = capsys.readouterr().out
    assert (["\\x1b" in out, "\\x9b" in out or argv[0] == "ask"],
            [c in out for c in RAW]) == ([True, True], [False, False, False])


def test_json_keeps_the_stored_text_exactly(capsys, db):
    assert main(["show", "1", "--db", db, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == RECORD["title"]
