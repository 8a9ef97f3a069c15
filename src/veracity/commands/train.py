"""``veracity train MODEL ...``: rebuild a shipped model from its data.

``veracity train stance --fnc1 DIR --out PATH`` and ``veracity train
attribution --polnear DIR [--out PATH]`` and ``veracity train factuality
--data DIR [--out PATH]``.  Training never overwrites a shipped model unless
told to write there.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from veracity.commands._common import need_counts, print_json
from veracity.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("train", help="retrain a shipped model from its data (deterministic)")
    tsub = p.add_subparsers(dest="model", metavar="MODEL", parser_class=type(p))
    s = tsub.add_parser("stance", help="train the article-stance model on FNC-1 "
                        "(train_bodies.csv, train_stances.csv)")
    s.add_argument("--fnc1", required=True, metavar="DIR",
                   help="folder with train_bodies.csv and train_stances.csv")
    s.add_argument("--out", required=True, metavar="PATH",
                   help="where to write the model .npz (the shipped one is "
                        "src/veracity/stance/model/stance.npz)")
    s.add_argument("--dev-split", nargs="?", const="bodies", choices=("bodies", "claims"),
                   help="leave a development split out, to measure with `veracity bench fnc1 "
                        "--dev-split --model PATH`: 'bodies' (default; ~20%% of Body IDs) or "
                        "'claims' (~20%% of claims: their bodies and headlines)")
    s.add_argument("--quiet", action="store_true", help="no progress on stderr")
    s.set_defaults(func=run_stance)
    a = tsub.add_parser("attribution", help="train the attribution span model (cue, source, "
                        "content) on a PolNeAR split (text/, attributions/)")
    a.add_argument("--polnear", required=True, metavar="DIR",
                   help="PolNeAR split with text/*.txt and attributions/*.ann (the shipped "
                        "model: ../shared/data/polnear/train)")
    a.add_argument("--out", default="attribution.npz", metavar="PATH",
                   help="where to write the model .npz (default: attribution.npz here; the "
                        "shipped one is src/veracity/read/model/attribution.npz)")
    a.add_argument("--limit", type=int, metavar="N", help="only the first N articles")
    a.add_argument("--quiet", action="store_true", help="no progress on stderr")
    a.set_defaults(func=run_attribution)
    f = tsub.add_parser("factuality", help="train the reader's event-factuality model on "
                        "the factuality corpora (DIR/*/train.jsonl)")
    f.add_argument("--data", required=True, metavar="DIR",
                   help="folder of corpus folders (UW, MEANTIME, UDS_IH2, ...), each with "
                        "train.jsonl; UW and MEANTIME train the model, the others its aux trees")
    f.add_argument("--out", metavar="PATH", default="factuality.npz",
                   help="where to write the model .npz (default: ./factuality.npz; the shipped "
                        "one is src/veracity/read/model/factuality.npz)")
    f.add_argument("--limit", type=int, metavar="N",
                   help="only the first N sentences of each corpus (quick runs, tests)")
    f.add_argument("--corpora", metavar="NAME,...",
                   help="only these corpus folders (default: all under DIR)")
    f.add_argument("--groups", metavar="GROUP,...",
                   help="only these feature groups (default: rules, parse, lexicon, vectors, "
                        "head_vectors), to measure what each adds")
    f.add_argument("--quiet", action="store_true", help="no progress on stderr")
    f.set_defaults(func=run_factuality)


def _need_sklearn() -> None:
    try:
        import sklearn  # noqa: F401  (only training needs it)
    except ImportError as exc:
        raise UsageError("training needs scikit-learn: pip install 'veracity[train]'") from exc


def run_factuality(args: argparse.Namespace) -> int:
    from veracity.read.factuality_train import GROUPS, train_factuality

    _need_sklearn()
    need_counts(args, "limit")
    command = f"veracity train factuality --data {args.data} --out {args.out}"
    for flag in ("limit", "corpora", "groups"):
        if getattr(args, flag):
            command += f" --{flag} {getattr(args, flag)}"
    corpora = args.corpora.split(",") if args.corpora else None

    def progress(line: str) -> None:
        if not args.quiet:
            print(line, file=sys.stderr)

    groups = tuple(args.groups.split(",")) if args.groups else GROUPS
    model, report = train_factuality(args.data, limit=args.limit, command=command,
                                     corpora=corpora, groups=groups, progress=progress)
    out = Path(args.out)
    model.save(out)
    print_json({"model": str(out), "targets": report.corpora, "rows": report.rows,
                "data_sha256": report.data_sha256, "bytes": out.stat().st_size,
                "lines_skipped": list(report.skipped)})
    return 0


def run_stance(args: argparse.Namespace) -> int:
    from veracity.stance.score import read_bodies, read_stances
    from veracity.stance.train import train_stance

    _need_sklearn()
    folder = Path(args.fnc1)
    bodies_path = folder / "train_bodies.csv"
    stances_path = folder / "train_stances.csv"
    for f in (bodies_path, stances_path):
        if not f.is_file():
            raise UsageError(f"--fnc1 {folder}: no {f.name} there")
    bodies = read_bodies(bodies_path)
    pairs = read_stances(stances_path)

    def progress(i: int, n: int) -> None:
        if not args.quiet:
            print(f"features: {i}/{n} pairs", file=sys.stderr)

    source = "FNC-1 training set (train_bodies.csv, train_stances.csv)"
    if args.dev_split:
        source += f", development {args.dev_split} held out"
    model, report = train_stance(bodies, pairs, dev_split=args.dev_split, source=source,
                                 progress=progress)
    out = Path(args.out)
    model.save(out)
    print_json({"model": str(out), "pairs": report.pairs, "bodies": report.bodies,
                "class_counts": report.class_counts, "dev_split": report.dev_split,
                "bytes": out.stat().st_size})
    return 0


def run_attribution(args: argparse.Namespace) -> int:
    from veracity.read.attribution_train import parse_articles, read_split, train_attribution

    _need_sklearn()
    need_counts(args, "limit")
    articles = read_split(args.polnear, limit=args.limit)

    def progress(i: int, n: int) -> None:
        if not args.quiet:
            print(f"parsed {i}/{n} articles", file=sys.stderr)

    command = f"veracity train attribution --polnear {args.polnear} --out {args.out}"
    if args.limit:
        command += f" --limit {args.limit}"
    source = f"PolNeAR {Path(args.polnear).name} split ({args.polnear})"
    model, report = train_attribution(articles, parse_articles(articles, progress),
                                      command=command, source=source)
    out = Path(args.out)
    model.save(out)
    print_json({"model": str(out), "articles": report.articles,
                "attributions": report.attributions, "rows": report.rows,
                "features": report.features, "data_sha256": model.meta["data_sha256"],
                "bytes": out.stat().st_size})
    return 0
