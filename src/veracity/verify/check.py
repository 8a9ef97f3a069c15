"""Check an article: every claim it makes, with what the rest of the corpus says.

1. Read the article (``veracity.read``) and list its claims and asides
   (``claims.extract``): the headline, then each event somebody in it asserts,
   hedges or denies; intentions, predictions, conditions and opinions apart.
2. Find the article and its near-duplicate copies in the store (content hash
   and MinHash, as ingest links copies): they are left out, so a wire story
   never confirms itself.
3. Each claim's statement is answered from the rest of the corpus
   (``answer.gather`` with ``exclude_docs``, then ``verdict.decide``): the
   corpus verdict, its evidence and near misses, exactly as ``ask`` gives them.
4. The article's own sources join the event the corpus answer leads with, and
   that event is judged again (``cluster.event_verdict``): an article asserting
   what another denies is disputed, with both quotes.
5. Claims are ordered by how much they matter: the headline, then the lead
   paragraph, then the rest; contested (disputed, denied) before uncontested
   inside each, then claims with evidence before those without.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from veracity.ingest import dedupe
from veracity.read.timex import parse_date
from veracity.read.types import Analysis
from veracity.store.base import Store
from veracity.types import Document
from veracity.verify import claims as cl
from veracity.verify.answer import gather
from veracity.verify.cluster import (
    Cluster,
    DocInfo,
    Mention,
    build_clusters,
    event_verdict,
)
from veracity.verify.types import EventVerdict, Evidence, Verdict
from veracity.verify.verdict import Found, decide

# The article being checked, in evidence and clusters: no stored document has it.
ARTICLE_ID = 0
CONTESTED = frozenset({"disputed", "denied"})


@dataclass(frozen=True)
class CheckedClaim:
    """A claim of the article with its verdict and evidence."""

    claim: cl.ArticleClaim
    verdict: str  # the article's own sources together with the rest of the corpus
    reason: str
    evidence: tuple[Evidence, ...]  # of that verdict (this article's quotes: doc_id 0)
    answer: Verdict  # the rest of the corpus alone, as ``ask`` answers the statement

    @property
    def corpus_verdict(self) -> str:
        return self.answer.verdict

    @property
    def contested(self) -> bool:
        return self.verdict in CONTESTED or self.corpus_verdict in CONTESTED

    def to_dict(self) -> dict[str, Any]:
        return {**self.claim.to_dict(), "verdict": self.verdict,
                "corpus_verdict": self.corpus_verdict, "reason": self.reason,
                "evidence": [evidence_dict(e) for e in self.evidence],
                "answer": self.answer.to_dict()}


def evidence_dict(e: Evidence) -> dict[str, Any]:
    """Evidence as JSON; the checked article's own quotes have ``doc_id`` null
    and ``this_article`` true (offsets are into the article's text)."""
    d = e.to_dict()
    d["this_article"] = e.doc_id == ARTICLE_ID
    if d["this_article"]:
        d["doc_id"] = None
    return d


@dataclass(frozen=True)
class ArticleCheck:
    """Every claim of one article, checked against the rest of the store."""

    title: str | None
    source: str | None
    published: str | None
    url: str | None
    text: str
    claims: tuple[CheckedClaim, ...]  # most important first
    asides: tuple[cl.Aside, ...]
    excluded: tuple[int, ...]  # stored documents left out: the article and its copies
    as_of: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def no_evidence(self) -> int:
        """Claims about which the rest of the corpus says nothing."""
        return sum(c.corpus_verdict == "no_evidence" for c in self.claims)

    def counts(self) -> dict[str, Any]:
        by: dict[str, int] = {}
        for c in self.claims:
            by[c.verdict] = by.get(c.verdict, 0) + 1
        return {"claims": len(self.claims), "no_evidence": self.no_evidence,
                "contested": sum(c.contested for c in self.claims),
                "asides": len(self.asides), "verdicts": by}

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "source": self.source, "published": self.published,
                "url": self.url, "as_of": self.as_of, "excluded": list(self.excluded),
                "counts": self.counts(), "claims": [c.to_dict() for c in self.claims],
                "asides": [a.to_dict() for a in self.asides], "notes": list(self.notes)}


def copies_in_store(store: Store, doc: Document, threshold: float) -> set[int]:
    """Stored documents that are this article or a near-duplicate of it (and
    every copy linked to those), found as ingest finds them."""
    found: set[int] = set()
    exact = store.find_hash(dedupe.content_hash(doc.title, doc.text))
    if exact is not None:
        found.add(exact)
    sigs = list(store.minhashes())
    if sigs:
        mine = np.asarray(dedupe.minhash(f"{doc.title or ''} {doc.text}").hashvalues,
                          dtype=np.uint64)
        table = np.frombuffer(b"".join(s for _, s in sigs), dtype=np.uint64).reshape(
            len(sigs), -1)
        # The MinHash estimate of Jaccard similarity: the share of equal slots.
        share = (table == mine).mean(axis=1)
        found |= {sigs[i][0] for i in np.flatnonzero(share >= threshold)}
    for d in sorted(found):
        found |= {c.id for c in store.copies(d)}
        original = store.get(d).copy_of
        if original is not None:
            found.add(original)
            found |= {c.id for c in store.copies(original)}
    return found


def _article_info(doc: Document, found: dict[str, int]) -> DocInfo:
    """The article as a document of a cluster; its outlet counts as the stored
    articles of that outlet do (one source)."""
    group = found.get((doc.source or "").strip().lower(), ARTICLE_ID)
    day = parse_date(doc.published)
    return DocInfo(id=ARTICLE_ID, title=doc.title, outlet=doc.source,
                   published=day.isoformat() if day else None, url=doc.url,
                   kind=doc.kind, copy_of=None, group=group)


def _own_evidence(c: cl.ArticleClaim, info: DocInfo) -> list[Evidence]:
    return [Evidence(
        source=s.source if not (s.source_kind == "author" and info.outlet) else info.outlet,
        stance=s.stance, quote=s.quote, doc_id=ARTICLE_ID, title=info.title,
        published=info.published, start=s.start, end=s.end, url=info.url, outlet=info.outlet,
        cue=s.cue, first_hand=s.first_hand, source_kind=s.source_kind,
        speaks_for=s.speaks_for) for s in c.stances]


def _with_article(c: cl.ArticleClaim, found: Found, verdict: Verdict, doc: Document,
                  cutoff: str | None) -> EventVerdict | None:
    """The lead event of the corpus answer judged again with the article's sources."""
    mentions = [m for m in found.mentions
                if cutoff is None or (m.doc.published is not None and m.doc.published <= cutoff)]
    outlets = {(m.doc.outlet or "").strip().lower(): m.doc.group for m in mentions
               if m.doc.outlet}
    info = _article_info(doc, outlets)
    claim = found.claim
    mine = Mention(doc=info, event_id=ARTICLE_ID, lemma=claim.predicate, cls=claim.cls,
                   participants=claim.participants or c.participants, time=None,
                   time_text=None, granularity=None, interval=None, place=None, caption=None,
                   evidence=_own_evidence(c, info), statement=True)
    lead = verdict.lead
    home = Cluster()
    if lead is not None:
        for cluster in build_clusters(mentions):
            ev = event_verdict(cluster)
            if ev is not None and ev.documents == lead.documents and ev.summary == lead.summary:
                home = cluster
                break
    home.mentions.append(mine)
    home.classes.add(mine.cls)
    return event_verdict(home)


def _check_claim(store: Store, c: cl.ArticleClaim, doc: Document, anchor: date,
                 exclude: frozenset[int], cutoff: str | None) -> CheckedClaim:
    found = gather(store, c.statement, anchor, exclude_docs=exclude)
    answer = decide(c.statement, found, as_of=cutoff)
    combined = _with_article(c, found, answer, doc, cutoff)
    if combined is None:
        return CheckedClaim(c, answer.verdict, "", answer.lead.evidence if answer.lead
                            else (), answer)
    return CheckedClaim(c, combined.label, combined.reason, combined.evidence, answer)


def _order(c: CheckedClaim) -> tuple[int, int, int, int]:
    tier = 0 if c.claim.headline else 1 if c.claim.lead else 2
    position = c.claim.start if c.claim.start is not None else -1
    return (tier, 0 if c.contested else 1, 1 if c.corpus_verdict == "no_evidence" else 0,
            position)


def check_document(doc: Document, store: Store, *, as_of: str | None = None,
                   analysis: Analysis | None = None,
                   near_duplicate_threshold: float = 0.8) -> ArticleCheck:
    """Check every claim of ``doc`` against ``store`` without the article and its
    copies.  ``as_of`` (YYYY-MM-DD) uses documents published by then only."""
    from veracity.read import analyze, read_document
    from veracity.read.document import PIECE_CHARS
    from veracity.read.nlp import load_nlp

    cutoff_date = parse_date(as_of) if as_of else None
    cutoff = cutoff_date.isoformat() if cutoff_date else None
    nlp = load_nlp()
    parsed = None
    if analysis is None and len(doc.text) <= PIECE_CHARS:
        # One parse for the reader and for the claims' statements.
        parsed = nlp(doc.text)
        analysis = analyze(doc, parsed, list(nlp.pipe(c.text for c in doc.captions)))
    elif analysis is None:
        analysis = read_document(doc, nlp)
    found, asides = cl.extract(analysis, doc.text, doc.title, doc.source, nlp, parsed)
    excluded = frozenset(copies_in_store(store, doc, near_duplicate_threshold))
    # Relative times in the article's sentences count from its own date.
    anchor = parse_date(doc.published) or cutoff_date or date.today()
    checked = [_check_claim(store, c, doc, anchor, excluded, cutoff) for c in found]
    notes = list(analysis.notes)
    if excluded:
        notes.append(f"left out {len(excluded)} stored document(s): this article and its "
                     "copies (" + ", ".join(f"doc {d}" for d in sorted(excluded)) + ")")
    if doc.captions:
        notes.append("photo captions are not checked")
    return ArticleCheck(title=doc.title, source=doc.source, published=doc.published,
                        url=doc.url, text=doc.text, claims=tuple(sorted(checked, key=_order)),
                        asides=tuple(asides), excluded=tuple(sorted(excluded)), as_of=cutoff,
                        notes=tuple(notes))



URL_PREFIXES = ("http://", "https://")


def load_article(*, text: str | None = None, path: str | None = None,
                 published: str | None = None, source: str | None = None,
                 url: str | None = None, max_bytes: int = 20_000_000) -> Document:
    """The article of pasted page text or of a file (HTML, pasted text), as
    ingest extracts it (teasers and captions split off)."""
    from veracity.errors import InputError, UsageError
    from veracity.ingest import extract_file
    from veracity.ingest.pasted import split_page

    if (text is None) == (path is None):
        raise UsageError("give the article as text or as a path (one of them)")
    if path is not None and path.lower().startswith(URL_PREFIXES):
        raise UsageError(f"{path}: URL fetching is not available yet; save the page (or "
                         "paste its text into a file) and check the file")
    if path is not None:
        return extract_file(path, published=published, source=source, url=url,
                            max_bytes=max_bytes)[0]
    assert text is not None
    if not text.strip():
        raise UsageError("the article is empty: paste its text")
    if len(text.encode("utf-8", errors="replace")) > max_bytes:
        raise InputError("pasted text", f"over the limit of {max_bytes:,} bytes "
                         "(setting max_bytes)")
    doc = split_page(text, published=published, source=source, url=url, origin="pasted text")
    if not doc.text.strip():
        raise InputError("pasted text", "no article text found")
    return doc


def store_article(store: Store, doc: Document, settings: Any) -> list[int]:
    """Ingest the checked article (``--store``): ids of what was stored."""
    from veracity.ingest import Ingester
    from veracity.ingest.records import Unit, raw_hash

    ing = Ingester(store, settings)
    raw = f"{doc.title or ''}\n{doc.text}".encode()
    ing.flush([Unit(doc.origin or "checked article", raw_hash(raw), (doc,))])
    return list(ing.report.doc_ids)


def check(text: str | None = None, *, path: str | None = None,
          document: Document | None = None, store: Store | None = None,
          db: str | None = None, as_of: str | None = None, published: str | None = None,
          source: str | None = None, url: str | None = None,
          save: bool = False) -> ArticleCheck:
    """Check every claim of an article (pasted ``text``, a file at ``path``, or a
    ``document``) against the store, leaving out the article and its copies.

    ``store`` is an open store; else ``db`` (a path or URL), else the configured
    store.  ``as_of`` uses documents published by then only; ``save`` also
    ingests the article (after it is checked, so it never counts for itself).
    """
    from veracity.errors import UsageError
    from veracity.settings import load_settings
    from veracity.store import open_store

    if as_of is not None and parse_date(as_of) is None:
        raise UsageError(f"as_of {as_of!r}: expected a date as YYYY-MM-DD")
    settings = load_settings().with_overrides(db=db)
    doc = document if document is not None else load_article(
        text=text, path=path, published=published, source=source, url=url,
        max_bytes=settings.max_bytes)
    if store is not None:
        result = check_document(doc, store, as_of=as_of,
                                near_duplicate_threshold=settings.near_duplicate_threshold)
        if save:
            store_article(store, doc, settings)
        return result
    with open_store(settings.db_path) as opened:
        result = check_document(doc, opened, as_of=as_of,
                                near_duplicate_threshold=settings.near_duplicate_threshold)
        if save:
            store_article(opened, doc, settings)
        return result
