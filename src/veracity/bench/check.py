"""``veracity bench check``: does checking an article find the claim a question
asks about, with the verdict the other articles support?

From a questions file (the layout of ``../shared/data/questions``: ``q``,
``accept``, ``files``, ``quotes``), the questions whose evidence spans several
articles (two or more ``files``) are taken.  Each listed article is found in
the store (PolNeAR documents as ``veracity bench ingest`` stores them: URL
``polnear:SPLIT/FILE``) and checked against the store without it
(``check_document``, read again as a new article would be).  For each article:

* **found**: one of its claims is the question's claim: the claim's sentence
  holds one of the question's expected quotes, or its statement has most of
  the words of the question's statement;
* **agrees**: that claim's verdict (the article's sources with the rest of
  the corpus) is one of the question's accepted labels; **corpus agrees**: the
  rest of the corpus alone gives an accepted label.

Prints recall of claims (found / articles checked), agreement of verdicts
(agrees / found, and corpus agrees / found) and seconds per article (after
a warm-up question that loads the models).
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path
from typing import Any

from veracity.bench.questions import quote_found, read_items
from veracity.commands._common import add_db, add_format, print_json, settings_from, write_jsonl
from veracity.errors import UsageError

_WORD = re.compile(r"[A-Za-z0-9']+")
# Share of the question statement's content words a claim's statement must have
# to be taken for the question's claim when no expected quote is in its sentence.
WORD_SHARE = 0.6
_STOP = frozenset("a an the of to in on for and or is was were be been has have had did "
                  "does do that it its with by at as from he she they his her their".split())


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("check", help="recall of questions' claims among the claims "
                       "`veracity check` finds in their articles, and agreement of verdicts")
    p.add_argument("questions", metavar="QUESTIONS.jsonl")
    add_db(p)
    p.add_argument("--min-files", type=int, default=2, metavar="N",
                   help="only questions whose evidence spans N articles or more (default 2)")
    p.add_argument("--predictions", metavar="OUT.jsonl",
                   help="write one JSON line per article checked")
    add_format(p)
    p.set_defaults(func=run)


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP}


def same_claim(statement: str, quotes: list[str], claim_statement: str,
               claim_quote: str) -> bool:
    """Whether an article's claim is the question's claim."""
    if any(quote_found(q, [claim_quote]) for q in quotes):
        return True
    want = _content_words(statement)
    return bool(want) and len(want & _content_words(claim_statement)) >= WORD_SHARE * len(want)


def _polnear_ids(store: Any) -> dict[str, int]:
    """File name -> document id of the PolNeAR articles in the store."""
    out: dict[str, int] = {}
    for d in store.documents():
        url = d.doc.url or ""
        if url.startswith("polnear:"):
            out[url.rsplit("/", 1)[-1]] = d.id
    return out


def run(args: argparse.Namespace) -> int:
    from veracity.store import open_store
    from veracity.verify import ask
    from veracity.verify.check import check_document
    from veracity.verify.claim import parse_question

    items = [i for i in read_items(args.questions)
             if len(i.get("files") or []) >= args.min_files]
    if not items:
        raise UsageError(f"{args.questions}: no question lists {args.min_files} or more files")
    settings = settings_from(args)
    if args.db is None and settings.db is None:
        raise UsageError("--db FILE is required: the store holding the questions' articles")
    rows: list[dict[str, Any]] = []
    seconds = 0.0
    words = 0
    with open_store(settings.db_path) as store:
        ids = _polnear_ids(store)
        ask(items[0]["q"], store=store)  # loads spaCy, the encoder and the stance model
        for item in items:
            statement = parse_question(item["q"])[0].text
            quotes = [q for q in item.get("quotes", []) if q]
            for name in item["files"]:
                doc_id = ids.get(Path(name).stem)
                if doc_id is None:
                    rows.append({"q": item["q"], "file": name, "missing": True})
                    continue
                stored = store.get(doc_id)
                started = time.perf_counter()
                # Read again, as an article a user checks is: the time is the
                # whole check (reader, claims, every claim against the store).
                result = check_document(stored.doc, store, near_duplicate_threshold=settings.
                                        near_duplicate_threshold)
                seconds += time.perf_counter() - started
                words += len(stored.doc.text.split())
                want = _content_words(statement)
                # The claim most like the question's statement among those that are it.
                match = max((c for c in result.claims if same_claim(
                    statement, quotes, c.claim.statement, c.claim.quote)),
                    key=lambda c: len(want & _content_words(c.claim.statement)), default=None)
                rows.append({
                    "q": item["q"], "accept": item["accept"], "file": name, "doc_id": doc_id,
                    "claims": len(result.claims), "found": match is not None,
                    "claim": match.claim.statement if match else None,
                    "verdict": match.verdict if match else None,
                    "corpus_verdict": match.corpus_verdict if match else None,
                    "agrees": bool(match and match.verdict in item["accept"]),
                    "corpus_agrees": bool(match and match.corpus_verdict in item["accept"]),
                    "excluded": list(result.excluded)})
    checked = [r for r in rows if not r.get("missing")]
    found = [r for r in checked if r["found"]]
    n, k = len(checked), len(found)
    result_figures = {
        "questions": len(items), "articles": n,
        "missing": len(rows) - n,
        "claims_found": k, "recall": round(k / n, 3) if n else 0.0,
        "agree": sum(r["agrees"] for r in found),
        "agreement": round(sum(r["agrees"] for r in found) / k, 3) if k else 0.0,
        "corpus_agree": sum(r["corpus_agrees"] for r in found),
        "corpus_agreement": round(sum(r["corpus_agrees"] for r in found) / k, 3) if k else 0.0,
        "claims_per_article": round(sum(r["claims"] for r in checked) / n, 1) if n else 0.0,
        "seconds_per_article": round(seconds / n, 2) if n else 0.0,
        "words_per_article": round(words / n) if n else 0,
    }
    if args.predictions:
        write_jsonl(args.predictions, rows)
    if args.format == "json":
        print_json(result_figures)
        return 0
    f = result_figures
    print(f"{f['questions']} questions with {args.min_files}+ articles; {n} articles checked"
          + (f" ({f['missing']} not in the store)" if f["missing"] else ""))
    print(f"claim found: {k} / {n} (recall {f['recall']:.1%}); "
          f"{f['claims_per_article']} claims per article")
    print(f"verdict agrees: {f['agree']} / {k} ({f['agreement']:.1%}) with the article's "
          f"sources; {f['corpus_agree']} / {k} ({f['corpus_agreement']:.1%}) from the rest "
          "of the corpus alone")
    print(f"{f['seconds_per_article']:.2f} s per article ({f['words_per_article']} words on "
          "average; reading, claims and checks, models loaded)")
    return 0
