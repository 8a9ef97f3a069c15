"""`veracity read` on a small file written by the test (no shared data)."""

from __future__ import annotations

import json

from veracity.cli import main


def test_read_text_file_json(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text("Kovac and Lind: what happened?\n\n"
                    "Anna Kovac met Boris Lind in Vienna last Thursday, officials said. "
                    "Lind's office declined to comment on the meeting.\n", encoding="utf-8")
    assert main(["read", str(page), "--published", "2024-11-11", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    met = [e for e in data["events"] if e["predicate"] == "met"][0]
    assert met["class"] == "meet"
    assert met["participants"] == ["Anna Kovac", "Boris Lind"]
    assert met["time"] == "2024-11-07"
    stances = {s["source"]: s["stance"] for s in met["stances"]}
    assert stances["unnamed officials"] == "asserts"
    assert stances["Boris Lind's office"] == "no_comment"
    text = page.read_text(encoding="utf-8")
    assert "met" in text[met["start"]:met["end"]]
