"""Docs that cannot drift: every command, benchmark and setting is in the README."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from veracity.cli import build_parser
from veracity.settings import SETTINGS, Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def documented(command: str) -> bool:
    # "veracity read" must not be satisfied by "veracity reads" in prose
    return re.search(rf"veracity {re.escape(command)}(?![\w-])", README) is not None


def test_every_command_is_documented():
    missing = []
    for name, sub in subcommands(build_parser()).items():
        nested = subcommands(sub)
        if nested:
            missing += [f"veracity {name} {n}" for n in nested if not documented(f"{name} {n}")]
        elif not documented(name):
            missing.append(f"veracity {name}")
    assert not missing, f"not in the README: {missing}"


def test_every_setting_is_documented_with_its_default():
    defaults = Settings()
    for s in SETTINGS:
        row = re.search(rf"^\| `{s.name}` \| ([^|]+) \|", README, re.MULTILINE)
        assert row, f"setting {s.name} is not in the README's settings table"
        if s.default is not None:
            assert str(getattr(defaults, s.name)).lower() in row.group(1).lower()
