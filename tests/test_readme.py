"""The README's first command runs as written (after set-up) and gives a real answer."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_quick_start_command_answers_from_the_examples(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = re.search(r"```sh\n(.+?)\n```", readme).group(1)
    steps = [s.strip() for s in first.split("&&")]
    assert steps[0] == "./scripts/setup"  # set-up is what the test run itself stands on
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("VERACITY_DB", None)
    out = ""
    for step in steps[1:]:
        argv = shlex.split(step)
        assert argv[0] == ".venv/bin/veracity"
        done = subprocess.run([sys.executable, "-m", "veracity", *argv[1:]], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        out = done.stdout
    assert out.splitlines()[0].startswith("Did Lena Ortiz meet Paul Brandt?")
    assert "CONFIRMED" in out and "Lena Ortiz  (first-hand)" in out
    assert (tmp_path / "data" / "veracity" / "veracity.sqlite").is_file()
