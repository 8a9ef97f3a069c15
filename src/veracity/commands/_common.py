"""Arguments and helpers shared by several subcommands."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import Any

from veracity.settings import Settings, load_settings


def add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="FILE",
                   help="store: SQLite file or postgresql:// URL (default: $VERACITY_DB, "
                        "else veracity.sqlite in the XDG data directory)")


def add_language(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--language", metavar="CODE", type=_language,
                   help=f"the language of {what} as an ISO 639-1 code (en, ru, pt...), "
                   "instead of the detected one; the reader reads English only, so "
                   "'--language en' reads a page the detector puts in another language")


def _language(value: str) -> str:
    from veracity.ingest.language import language_code

    try:
        return language_code(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def settings_from(args: argparse.Namespace) -> Settings:
    return load_settings().with_overrides(
        db=getattr(args, "db", None),
        max_bytes=getattr(args, "max_bytes", None),
        workers=getattr(args, "workers", None),
    )


def print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2, sort_keys=False)
    sys.stdout.write("\n")


def write_jsonl(path: str, rows: Iterable[Any]) -> None:
    """One JSON object a line (benchmarks' ``--predictions``)."""
    with open(path, "w", encoding="utf-8") as out:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
