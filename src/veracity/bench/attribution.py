"""``veracity bench attribution DIR``: attribution spans against PolNeAR.

DIR is a PolNeAR split: ``DIR/text/*.txt`` and ``DIR/attributions/*.ann``
(brat standoff: ``T`` lines are Source, Cue and Content spans; ``E`` lines
tie the spans of one attribution).  The reader's attributions (source, cue,
content) are scored per span type, as the PolNeAR paper does:

* exact: a predicted span counts when a gold span of the same type has the
  same start and end (leading/trailing punctuation and space ignored);
* overlap: token level, over the whole split: precision is the share of
  predicted tokens inside gold spans of that type, recall the share of gold
  tokens covered.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from veracity import metrics
from veracity.commands._common import add_format, print_json
from veracity.errors import UsageError
from veracity.read import Attribution, Span, read_documents
from veracity.types import Document

KINDS = ("source", "cue", "content")
_WORD = re.compile(r"\w+")
Spans = dict[str, set[tuple[int, int]]]


def read_ann(text: str) -> Spans:
    """Gold spans by type from a brat ``.ann`` file (discontinuous parts kept apart)."""
    out: Spans = {k: set() for k in KINDS}
    for line in text.splitlines():
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        kind, _, offsets = parts[1].partition(" ")
        kind = kind.lower()
        if kind not in out:
            continue
        for piece in offsets.split(";"):
            a, _, b = piece.strip().partition(" ")
            if a.isdigit() and b.isdigit():
                out[kind].add((int(a), int(b)))
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and not text[a].isalnum():
        a += 1
    while b > a and not text[b - 1].isalnum():
        b -= 1
    return a, b


def _tokens(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    toks: set[int] = set()
    for a, b in spans:
        toks.update(m.start() + a for m in _WORD.finditer(text[a:b]))
    return toks


def _prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(metrics.f1(p, r), 4)}


def evaluate(directory: str, *, limit: int | None = None, workers: int = 1,
             rules_only: bool = False) -> dict[str, object]:
    """Precision, recall and F1 of source, cue and content spans, exact and
    overlap, of the reader (``rules_only``: of its hand-written rules alone)."""
    root = Path(directory)
    texts_dir, ann_dir = root / "text", root / "attributions"
    if not texts_dir.is_dir() or not ann_dir.is_dir():
        raise UsageError(f"{directory}: expected a PolNeAR split with text/ and attributions/")
    anns = sorted(ann_dir.glob("*.ann"))
    pairs: list[tuple[str, Path]] = []
    for t in sorted(texts_dir.glob("*.txt")):
        # Annotation files carry the annotator's id: NAME_ef2d.ann (first one used).
        match = [a for a in anns if a.stem == t.stem or a.stem.startswith(t.stem + "_")]
        if match:
            pairs.append((t.stem, match[0]))
    if limit:
        pairs = pairs[:limit]
    if not pairs:
        raise UsageError(f"{directory}: no text/*.txt with a matching attributions/*.ann")
    names = [n for n, _ in pairs]
    texts = [(texts_dir / f"{n}.txt").read_text(encoding="utf-8") for n in names]
    golds = [read_ann(a.read_text(encoding="utf-8")) for _, a in pairs]
    counts, flagged = _counts(), _counts()
    docs = (Document(text=t) for t in texts)
    analyses = read_documents(docs, workers=workers, rules_only=rules_only)
    for text, gold, analysis in zip(texts, golds, analyses, strict=True):
        # The reader's attributions are the trained model's; cues only the
        # rules found are listed flagged, and scored apart below.
        _score(text, gold, [at for at in analysis.attributions if not at.rules_only], counts)
        _score(text, gold, list(analysis.attributions), flagged)
    result: dict[str, object] = {"documents": len(names), **_figures(counts)}
    if flagged != counts:
        result["with_rules_only"] = {k: v["exact"] for k, v in _figures(flagged).items()}
    return result


Counts = dict[str, dict[str, int]]


def _counts() -> Counts:
    return {k: {"exact_tp_p": 0, "exact_tp_r": 0, "pred": 0, "gold": 0,
                "tok_tp": 0, "tok_pred": 0, "tok_gold": 0} for k in KINDS}


def _score(text: str, gold: Spans, attributions: list[Attribution], counts: Counts) -> None:
    pred: Spans = {k: set() for k in KINDS}
    kept = [at for at in attributions
            if not at.anaphoric and not (at.cue_class == "no_comment" and at.content is None)]
    # PolNeAR is univocal (a token belongs to at most one attribution), so
    # attributions nested inside another one's content are not annotated:
    # score the outermost ones only.
    contents = [(c.start, c.end) for at in kept for c in _pieces(at)]
    kept = [at for at in kept if not any(a <= at.cue.start and at.cue.end <= b
                                         for a, b in contents)]
    for at in kept:
        for kind, spans in (("source", (at.source_span,)), ("cue", (at.cue,)),
                            ("content", _pieces(at))):
            for span in spans:
                if span is not None and span.end > span.start:
                    pred[kind].add((span.start, span.end))
    for k in KINDS:
        c = counts[k]
        g = {_trim(text, a, b) for a, b in gold[k]}
        p = {_trim(text, a, b) for a, b in pred[k]}
        c["pred"] += len(p)
        c["gold"] += len(g)
        c["exact_tp_p"] += len(p & g)
        c["exact_tp_r"] += len(g & p)
        gt, pt = _tokens(text, gold[k]), _tokens(text, pred[k])
        c["tok_tp"] += len(gt & pt)
        c["tok_pred"] += len(pt)
        c["tok_gold"] += len(gt)


def _figures(counts: Counts) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for k in KINDS:
        c = counts[k]
        out[k] = {
            "exact": _prf(c["exact_tp_p"], c["pred"], c["exact_tp_r"], c["gold"]),
            "overlap": _prf(c["tok_tp"], c["tok_pred"], c["tok_tp"], c["tok_gold"]),
            "predicted": c["pred"], "gold": c["gold"],
        }
    return out


def _pieces(at: Attribution) -> tuple[Span, ...]:
    """The content as PolNeAR annotates it: each piece of a split quotation."""
    if at.content_parts:
        return at.content_parts
    return (at.content,) if at.content is not None else ()


def compare(directory: str, *, limit: int | None = None, workers: int = 1
            ) -> dict[str, object]:
    """The reader's figures and its rules' alone, side by side."""
    return {"trained": evaluate(directory, limit=limit, workers=workers),
            "rules": evaluate(directory, limit=limit, workers=workers, rules_only=True)}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("attribution", help="attribution source/cue/content spans against a "
                       "PolNeAR split (DIR/text, DIR/attributions): P/R/F1, exact and overlap")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--limit", type=int, metavar="N", help="only the first N articles")
    p.add_argument("--workers", type=int, default=1, metavar="N")
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = compare(args.dir, limit=args.limit, workers=args.workers)
    if args.format == "json":
        print_json(result)
        return 0
    out = sys.stdout
    trained, rules = result["trained"], result["rules"]
    assert isinstance(trained, dict) and isinstance(rules, dict)
    out.write(f"PolNeAR attribution, {trained['documents']} documents: the reader "
              "(trained model + rules) and its rules alone\n")
    out.write(f"{'span':<8} {'match':<8} {'P':>6} {'R':>6} {'F1':>6}   "
              f"{'rules P':>7} {'R':>6} {'F1':>6}\n")
    for k in KINDS:
        for m in ("exact", "overlap"):
            f, g = trained[k][m], rules[k][m]
            out.write(f"{k:<8} {m:<8} {f['precision']:>6.3f} {f['recall']:>6.3f} "
                      f"{f['f1']:>6.3f}   {g['precision']:>7.3f} {g['recall']:>6.3f} "
                      f"{g['f1']:>6.3f}\n")
    extra = trained.get("with_rules_only")
    if isinstance(extra, dict):
        out.write("with the cues only the rules found (listed rules_only) counted too: exact F1 "
                  + ", ".join(f"{k} {extra[k]['f1']:.3f}" for k in KINDS) + "\n")
    return 0
