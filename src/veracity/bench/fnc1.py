"""``veracity bench fnc1 --bodies FILE --stances FILE``: the stance model on
FNC-1-layout data (FNC-1, ARC): official relative score, macro-F1, per-class
F1, confusion matrix and pairs per second."""

from __future__ import annotations

import argparse
import json
import sys

from veracity.commands._common import add_format, print_json


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("fnc1", help="stance of article bodies toward headlines (FNC-1, ARC): "
                       "official score, macro-F1, per-class F1, confusion, pairs/s")
    p.add_argument("--bodies", required=True, metavar="FILE",
                   help="bodies CSV (Body ID, articleBody)")
    p.add_argument("--stances", required=True, metavar="FILE",
                   help="stances CSV (Headline, Body ID[, Stance])")
    p.add_argument("--model", metavar="PATH",
                   help="stance model .npz (default: the one shipped in the package)")
    p.add_argument("--dev-split", nargs="?", const="bodies", choices=("bodies", "claims"),
                   help="score only the development side of a split of a training set: "
                        "what `veracity train stance --dev-split [bodies|claims]` leaves out")
    p.add_argument("--limit", type=int, metavar="N", help="only the first N pairs")
    p.add_argument("--predictions", metavar="OUT.csv",
                   help="write predictions in the FNC-1 layout (Headline, Body ID, Stance)")
    p.add_argument("--out", metavar="FILE.json", help="also write the figures as JSON")
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from veracity.stance.evaluate import evaluate, format_text
    from veracity.stance.model import StanceModel

    model = StanceModel.load(args.model)
    result = evaluate(args.bodies, args.stances, model=model, dev_split=args.dev_split,
                      limit=args.limit, predictions=args.predictions)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            json.dump(result.to_dict(), fh, indent=2)
            fh.write("\n")
    if args.format == "json":
        print_json(result.to_dict())
    else:
        sys.stdout.write(format_text(result) + "\n")
    return 0
