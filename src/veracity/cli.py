"""The command line: parses arguments, calls the library, prints what it returns.

Each subcommand lives in ``veracity.commands.<name>`` with a ``register(sub)``
function; benchmarks live in ``veracity.bench.<name>`` and hang under
``veracity bench``.  Exit status: 0 success, 1 nothing done / failure, 2 usage.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType

from veracity import __version__
from veracity.errors import UsageError, VeracityError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise UsageError(message)


def discover(package: str) -> list[ModuleType]:
    """Modules of ``package`` that define ``register``, in name order."""
    pkg = importlib.import_module(package)
    mods: list[ModuleType] = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{package}.{info.name}")
        if hasattr(mod, "register"):
            mods.append(mod)
    return mods


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="veracity",
        description="Did it actually happen? Ingest news, read who asserts and who "
        "denies each event, and answer questions with verdicts and evidence.",
    )
    parser.add_argument("--version", action="version", version=f"veracity {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for mod in discover("veracity.commands"):
        mod.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help(sys.stderr)
            return 2
        return int(args.func(args) or 0)
    except UsageError as exc:
        print(f"veracity: error: {exc}", file=sys.stderr)
        return 2
    except VeracityError as exc:
        print(f"veracity: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("veracity: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
