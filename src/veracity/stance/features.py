"""Features of a (claim, body) pair, from what a reader knows.

A body is analysed once (:func:`analyse_body`) and a claim once
(:func:`analyse_claim`); :func:`pair_features` then costs a few sparse dot
products, so a benchmark with 30 claims per body reuses the body's analysis.

Feature groups, and why each is there:

- similarity: TF-IDF and LSA cosine of claim and body, the best-matching
  sentences, the lead: related vs unrelated.
- overlap: the share of the claim's stems and bigrams found in the body.
- cues: counts of the reader's cue classes (denial, falsity, hedge, report,
  negation, no-comment, ...) over the body, weighted by each sentence's
  similarity to the claim, and in the three sentences closest to the claim:
  a denial in a sentence about the claim is what "disagree" looks like, a hedge
  or "according to" there is "discuss".
- near: cue words within a few tokens of a claim word.
- claim cues: the claim's own hedges, negations and falsity words ("... is a
  hoax") flip what agreement looks like.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from veracity.stance import text as tx
from veracity.stance.vectors import Vectors

# Sentences whose TF-IDF cosine with the claim reaches these count as "about
# the claim"; 0.1 and 0.25 bracket the related/unrelated boundary seen on the
# FNC-1 training split (unrelated pairs rarely pass 0.1).
SIM_LOW = 0.1
SIM_HIGH = 0.25
# Number of closest sentences whose cues are counted (and shown as deciding).
TOP_K = 3
# Tokens either side of a claim word in which a cue counts as "near" it.
NEAR_WINDOW = 6
# Sentences in the lead (journalistic inverted pyramid: the claim is there).
LEAD_SENTENCES = 2
_NEAR_CLASSES = ("denial", "falsity", "refuting", "negation", "hedge", "modal")


@dataclass(frozen=True)
class BodyAnalysis:
    text: str
    spans: tuple[tuple[int, int], ...]
    sent_tfidf: sp.csr_matrix  # n_sent x V, unit rows
    body_tfidf: sp.csr_matrix  # 1 x V, unit
    body_latent: np.ndarray  # SVD_DIMS, unit
    cues: np.ndarray  # n_sent x N_CUES
    markers: np.ndarray  # n_sent x len(MARKER_WORDS)
    stem_set: frozenset[str]
    bigram_set: frozenset[tuple[str, str]]
    lead_set: frozenset[str]
    token_stems: tuple[str, ...]  # all tokens, in order
    near_masks: np.ndarray  # len(_NEAR_CLASSES) x n_tokens, bool
    n_tokens: int


@dataclass(frozen=True)
class ClaimAnalysis:
    text: str
    content: tuple[str, ...]
    tfidf: sp.csr_matrix  # 1 x V
    latent: np.ndarray
    cues: np.ndarray  # N_CUES
    markers: np.ndarray
    bigrams: frozenset[tuple[str, str]]


def analyse_body(body: str, vectors: Vectors) -> BodyAnalysis:
    spans = tx.split_sentences(body) or [(0, len(body))]
    sent_stems = [tx.stems(body[a:b]) for a, b in spans]
    sent_content = [[s for s in st if s not in _STOP_STEMS] for st in sent_stems]
    all_stems = [s for st in sent_stems for s in st]
    content = [s for st in sent_content for s in st]
    sent_tfidf = vectors.tfidf(sent_content)
    body_tfidf = vectors.tfidf([content])
    cues = np.array([tx.cue_counts(body[a:b], st) for (a, b), st in zip(spans, sent_stems,
                                                                        strict=True)],
                    dtype=np.float32).reshape(len(spans), tx.N_CUES)
    markers = np.array([tx.marker_counts(st) for st in sent_stems], dtype=np.float32
                       ).reshape(len(spans), len(tx.MARKER_WORDS))
    near = np.zeros((len(_NEAR_CLASSES), len(all_stems)), dtype=bool)
    for i, name in enumerate(_NEAR_CLASSES):
        cls = tx.CUE_CLASSES[name]
        near[i] = [s in cls for s in all_stems]
    lead = [s for st in sent_content[:LEAD_SENTENCES] for s in st]
    return BodyAnalysis(
        text=body,
        spans=tuple(spans),
        sent_tfidf=sent_tfidf,
        body_tfidf=body_tfidf,
        body_latent=vectors.latent(body_tfidf)[0],
        cues=cues,
        markers=markers,
        stem_set=frozenset(content),
        bigram_set=frozenset(zip(content, content[1:], strict=False)),
        lead_set=frozenset(lead),
        token_stems=tuple(all_stems),
        near_masks=near,
        n_tokens=len(all_stems),
    )


def analyse_claim(claim: str, vectors: Vectors) -> ClaimAnalysis:
    st = tx.stems(claim)
    content = tuple(s for s in st if s not in _STOP_STEMS)
    tfidf = vectors.tfidf([list(content)])
    return ClaimAnalysis(
        text=claim,
        content=content,
        tfidf=tfidf,
        latent=vectors.latent(tfidf)[0],
        cues=np.asarray(tx.cue_counts(claim, st), dtype=np.float32),
        markers=np.asarray(tx.marker_counts(st), dtype=np.float32),
        bigrams=frozenset(zip(content, content[1:], strict=False)),
    )


_STOP_STEMS = frozenset(tx.stem(w) for w in tx.STOPWORDS) - {"not", "no", "never"}

_SCALAR_NAMES = (
    "cos_body", "cos_latent", "sim_max", "sim_top3", "sim_lead", "frac_sent_low",
    "frac_sent_high", "best_position", "overlap", "jaccard", "bigram_overlap",
    "lead_overlap", "log_tokens", "log_sentences", "claim_len",
)
FEATURE_NAMES: tuple[str, ...] = (
    *_SCALAR_NAMES,
    *(f"body_{c}" for c in tx.CUE_NAMES),
    *(f"wsim_{c}" for c in tx.CUE_NAMES),
    *(f"top_{c}" for c in tx.CUE_NAMES),
    *(f"claim_{c}" for c in tx.CUE_NAMES),
    *(f"near_{c}" for c in _NEAR_CLASSES),
    "claim_neg_x_top_neg", "claim_false_x_top_denial",
    *(f"bodyw_{w}" for w in tx.MARKER_WORDS),
    *(f"topw_{w}" for w in tx.MARKER_WORDS),
    *(f"claimw_{w}" for w in tx.MARKER_WORDS),
)
N_FEATURES = len(FEATURE_NAMES)


def sentence_sims(body: BodyAnalysis, claim: ClaimAnalysis) -> np.ndarray:
    """TF-IDF cosine of the claim with each body sentence."""
    return np.asarray((body.sent_tfidf @ claim.tfidf.T).toarray()).ravel()


def pair_features(body: BodyAnalysis, claim: ClaimAnalysis) -> tuple[np.ndarray, np.ndarray]:
    """(feature vector, per-sentence similarity) for one pair."""
    f = np.zeros(N_FEATURES, dtype=np.float32)
    sims = sentence_sims(body, claim)
    n_sent = len(sims)
    order = np.argsort(-sims, kind="stable")
    top = order[:TOP_K]
    claim_set = set(claim.content)
    n_claim = max(len(claim_set), 1)
    f[0] = float((body.body_tfidf @ claim.tfidf.T).toarray()[0, 0])
    f[1] = float(body.body_latent @ claim.latent)
    f[2] = sims[order[0]]
    f[3] = float(sims[top].mean())
    f[4] = float(sims[:LEAD_SENTENCES].max())
    f[5] = float((sims >= SIM_LOW).mean())
    f[6] = float((sims >= SIM_HIGH).mean())
    f[7] = order[0] / max(n_sent - 1, 1)
    inter = claim_set & body.stem_set
    f[8] = len(inter) / n_claim
    f[9] = len(inter) / max(len(claim_set | body.stem_set), 1)
    f[10] = len(claim.bigrams & body.bigram_set) / max(len(claim.bigrams), 1)
    f[11] = len(claim_set & body.lead_set) / n_claim
    f[12] = np.log1p(body.n_tokens)
    f[13] = np.log1p(n_sent)
    f[14] = len(claim.content)
    k = len(_SCALAR_NAMES)
    c = tx.N_CUES
    f[k:k + c] = body.cues.sum(axis=0) / n_sent
    w = np.clip(sims, 0.0, None)
    wsum = float(w.sum())
    if wsum > 0:
        f[k + c:k + 2 * c] = (w @ body.cues) / wsum
    f[k + 2 * c:k + 3 * c] = body.cues[top].sum(axis=0)
    f[k + 3 * c:k + 4 * c] = claim.cues
    k += 4 * c
    f[k:k + len(_NEAR_CLASSES)] = _near_counts(body, claim_set)
    k += len(_NEAR_CLASSES)
    neg = tx.CUE_NAMES.index("negation")
    f[k] = float(claim.cues[neg] > 0) * body.cues[top, neg].sum()
    f[k + 1] = (float(claim.cues[tx.CUE_NAMES.index("falsity")] > 0)
                * body.cues[top, tx.CUE_NAMES.index("denial")].sum())
    k += 2
    m = len(tx.MARKER_WORDS)
    f[k:k + m] = np.log1p(body.markers.sum(axis=0))
    f[k + m:k + 2 * m] = body.markers[top].sum(axis=0)
    f[k + 2 * m:k + 3 * m] = claim.markers
    return f, sims


def _near_counts(body: BodyAnalysis, claim_set: set[str]) -> np.ndarray:
    """Cue words within NEAR_WINDOW tokens of a claim word, per 100 body tokens."""
    n = body.n_tokens
    if n == 0 or not claim_set:
        return np.zeros(len(_NEAR_CLASSES), dtype=np.float32)
    hit = np.fromiter((s in claim_set for s in body.token_stems), dtype=bool, count=n)
    if not hit.any():
        return np.zeros(len(_NEAR_CLASSES), dtype=np.float32)
    # Dilate the claim-word hits by the window with a cumulative sum.
    c = np.concatenate(([0], np.cumsum(hit)))
    lo = np.clip(np.arange(n) - NEAR_WINDOW, 0, n)
    hi = np.clip(np.arange(n) + NEAR_WINDOW + 1, 0, n)
    near = (c[hi] - c[lo]) > 0
    share: np.ndarray = (body.near_masks & near).sum(axis=1).astype(np.float32) * (100.0 / n)
    return share
