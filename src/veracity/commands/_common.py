"""Arguments and helpers shared by several subcommands."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from veracity.settings import Settings, load_settings

if TYPE_CHECKING:
    from veracity.store.base import Store


def add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="FILE",
                   help="store: SQLite file or postgresql:// URL (default: $VERACITY_DB, "
                        "else veracity.sqlite in the XDG data directory)")


class _Default(str):
    """The default format: argparse tells a flag given from one left out by
    identity with its default, so an interned "text" would let ``--json
    --format text`` through as no conflict."""


def add_format(p: argparse.ArgumentParser, formats: Sequence[str] = ("text", "json")) -> None:
    """The one output flag of every command: ``--format``, with ``--json`` short
    for ``--format json`` (the flag some commands had before)."""
    g = p.add_mutually_exclusive_group()
    g.add_argument("--format", choices=formats, default=_Default("text"),
                   help=f"output format: {', '.join(formats)} (default: text)")
    g.add_argument("--json", dest="format", action="store_const", const="json",
                   help="short for --format json")


def existing_store(settings: Settings) -> Store:
    """The store of a command that only reads it (or changes what is in it): a
    store that does not exist is an error naming it, and nothing is created."""
    from veracity.store import open_store

    return open_store(settings.db_path, create=False)


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


def need_counts(args: argparse.Namespace, *flags: str) -> None:
    """A UsageError for the first of ``flags`` given below 1 ("--batch-size 0")."""
    from veracity.errors import UsageError

    for flag in flags:
        value = getattr(args, flag)
        if value is not None and value < 1:
            raise UsageError(f"--{flag.replace('_', '-')} must be 1 or more, not {value}")


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
