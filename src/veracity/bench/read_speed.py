"""``veracity bench read-speed DIR``: words per second of the whole read stage
against bare spaCy ``nlp.pipe`` on the same texts, in the same process.

DIR holds ``*.txt`` files (or a ``text/`` folder of them, as a PolNeAR split).
Both runs use the same loaded pipeline; the bare run leaves out the reader's
own sentence-boundary component.  Each is timed ``--repeat`` times,
alternating, after a warm-up, and the fastest run of each counts (the least
disturbed by other work on the machine).  The ratio is read speed over bare
speed: 1.0 means the reader costs nothing on top of parsing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from veracity.commands._common import add_format, print_json
from veracity.errors import UsageError
from veracity.read import read_documents
from veracity.read.nlp import PARAGRAPH_COMPONENT, load_nlp
from veracity.types import Document


def _texts(directory: str, limit: int | None) -> list[str]:
    root = Path(directory)
    folder = root / "text" if (root / "text").is_dir() else root
    files = sorted(folder.glob("*.txt"))
    if limit:
        files = files[:limit]
    if not files:
        raise UsageError(f"{directory}: no .txt files (nor text/*.txt)")
    return [f.read_text(encoding="utf-8") for f in files]


def measure(directory: str, *, repeat: int = 2, batch_size: int = 32,
            limit: int | None = None) -> dict[str, object]:
    """Words per second, bare spaCy and the full reader, and their ratio."""
    texts = _texts(directory, limit)
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp()
    list(nlp.pipe(texts[:2]))  # warm-up: first-call allocations
    docs = [Document(text=t) for t in texts]
    bare_times: list[float] = []
    read_times: list[float] = []
    for _ in range(max(1, repeat)):
        with nlp.select_pipes(disable=[PARAGRAPH_COMPONENT]):
            t0 = time.perf_counter()
            for _doc in nlp.pipe(texts, batch_size=batch_size):
                pass
            bare_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for _a in read_documents(docs, batch_size=batch_size):
            pass
        read_times.append(time.perf_counter() - t0)
    bare, read = min(bare_times), min(read_times)
    return {"documents": len(texts), "words": words,
            "bare_spacy_words_per_s": round(words / bare, 1),
            "read_words_per_s": round(words / read, 1),
            "ratio": round(bare / read, 4),
            "bare_seconds": round(bare, 3), "read_seconds": round(read, 3),
            "repeat": max(1, repeat)}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("read-speed", help="words/s of the reader vs bare spaCy nlp.pipe on "
                       "the same texts (ratio; target >= 0.75)")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--repeat", type=int, default=2, metavar="N",
                   help="timed runs of each, alternating; the fastest counts (default 2)")
    p.add_argument("--limit", type=int, metavar="N", help="only the first N files")
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = measure(args.dir, repeat=args.repeat, limit=args.limit)
    if args.format == "json":
        print_json(result)
        return 0
    sys.stdout.write(
        f"{result['documents']} documents, {result['words']} words\n"
        f"bare spaCy: {result['bare_spacy_words_per_s']:.0f} words/s\n"
        f"reader:     {result['read_words_per_s']:.0f} words/s\n"
        f"ratio:      {result['ratio']:.3f}\n")
    return 0
