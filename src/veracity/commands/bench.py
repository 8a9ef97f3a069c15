"""``veracity bench NAME ...``: benchmarks, one module each in ``veracity.bench``."""

from __future__ import annotations

import argparse

from veracity.cli import discover


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("bench", help="run a benchmark and print figures comparable "
                       "with the literature")
    bsub = p.add_subparsers(dest="bench", metavar="BENCHMARK", parser_class=type(p))
    for mod in discover("veracity.bench"):
        mod.register(bsub)
