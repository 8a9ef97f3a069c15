"""Training the event-factuality model (``veracity train factuality``).

Data: the layout of ``../shared/data/factuality`` — one folder per corpus
(UW, MEANTIME, UDS_IH2, ...), each with ``train.jsonl``: ``text`` (tokens
joined by single spaces) and ``targets``, each a ``span1`` token range and a
gold ``label`` on −3…+3.  Only ``train.jsonl`` files are read; development
files are for ``veracity bench factuality``.

Each sentence is parsed on its own tokens (so the spans line up), read by the
rule reader, and every target's head word becomes one row of features
(``factuality_features``).  Boosted regression trees (scikit-learn's
HistGradientBoostingRegressor) are fitted and flattened into plain arrays.

Deterministic on one machine and library versions: files and rows in a fixed
order, a fixed seed, no early stopping, one thread, and an artefact writer
without timestamps — the same data gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from veracity.errors import InputError, UsageError
from veracity.read import factuality_features as ff
from veracity.read.entities import NameTable
from veracity.read.factuality_model import (
    FORMAT_VERSION,
    READER_CONVENTION,
    Decision,
    FactualityModel,
    Ridge,
    onehot,
    text_rows,
)
from veracity.read.nlp import load_nlp
from veracity.read.reader import TextReader

if TYPE_CHECKING:
    from veracity.trees import Forest

SEED = 20150917  # any fixed number would do
# Corpora whose conventions the main trees learn (news); every other corpus
# found under --data trains the aux trees (see ``factuality_model``).
MAIN_CORPORA: tuple[str, ...] = ("UW", "MEANTIME")
# The conventions the aux trees imitate when they feed the main trees.
AUX_VIEW = "UDS_IH2"
GROUPS: tuple[str, ...] = ("rules", "parse", "lexicon", "vectors", "head_vectors")
# Settings chosen on UW and MEANTIME dev (see README for the comparisons).
MAIN_PARAMS: dict[str, Any] = {"max_iter": 400, "learning_rate": 0.05, "max_leaf_nodes": 31,
                               "min_samples_leaf": 20, "l2_regularization": 1.0,
                               "loss": "absolute_error", "max_features": 0.3}
AUX_PARAMS: dict[str, Any] = {"max_iter": 400, "learning_rate": 0.05, "max_leaf_nodes": 31,
                              "min_samples_leaf": 20, "l2_regularization": 1.0,
                              "loss": "squared_error"}
RIDGE_ALPHA = 100.0
# The ridge's predictions that train the main trees are out-of-fold (each
# sentence scored by a ridge fitted without it), as they will be on new text.
FOLDS = 5


@dataclass(frozen=True)
class Target:
    """One labelled event word: its sentence and gold value."""

    corpus: str
    sentence: int
    head: int
    label: float


@dataclass(frozen=True)
class TrainReport:
    corpora: dict[str, int]  # targets per corpus
    rows: int
    data_sha256: str
    skipped: tuple[str, ...] = ()  # one line per input line left out


def corpus_files(data: str | Path, corpora: Sequence[str] | None = None,
                 split: str = "train") -> list[tuple[str, Path]]:
    """(corpus, file) of each ``SPLIT.jsonl`` under ``data`` (a folder of corpus
    folders, or one corpus folder), in name order."""
    root = Path(data)
    if not root.is_dir():
        raise UsageError(f"--data {data}: no such folder")
    if (root / f"{split}.jsonl").is_file():
        found = [(root.name, root / f"{split}.jsonl")]
    else:
        found = [(d.name, d / f"{split}.jsonl") for d in sorted(root.iterdir())
                 if (d / f"{split}.jsonl").is_file()]
    if corpora:
        unknown = sorted(set(corpora) - {name for name, _ in found})
        if unknown:
            raise UsageError(f"--data {data}: no {split}.jsonl for {', '.join(unknown)}")
        found = [(name, f) for name, f in found if name in corpora]
    if not found:
        raise UsageError(f"--data {data}: no {split}.jsonl files (one folder per corpus)")
    return found


def read_records(path: Path, limit: int | None = None
                 ) -> tuple[list[dict[str, Any]], list[InputError]]:
    """The first ``limit`` (default all) good records of a file, and one error
    per line left out (not JSON, no text, no usable target)."""
    records: list[dict[str, Any]] = []
    problems: list[InputError] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if limit and len(records) >= limit:
                break
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(InputError(f"{path}:{n}", f"not JSON: {exc}"))
                continue
            reason = _bad_record(rec)
            if reason:
                problems.append(InputError(f"{path}:{n}", reason))
                continue
            records.append(rec)
    return records, problems


def _bad_record(rec: Any) -> str | None:
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
        return "no 'text' string"
    words = len(rec["text"].split())
    targets = rec.get("targets")
    if not isinstance(targets, list):
        return "no 'targets' list"
    for t in targets:
        try:
            a, b = t["span1"]
            float(t["label"])
        except (TypeError, ValueError, KeyError):
            return "a target without a span1 [start, end) and a numeric label"
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= words):
            return f"target span {t['span1']} outside the text's {words} tokens"
    return None


def data_hash(files: Sequence[tuple[str, Path]]) -> str:
    """sha256 over each file's corpus name and bytes, in order."""
    h = hashlib.sha256()
    for name, f in files:
        h.update(f"{name}/{f.name}\n".encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def read_targets(records: Sequence[dict[str, Any]], nlp: Any = None
                 ) -> Iterator[tuple[int, TextReader, list[tuple[int, Decision]], list[float]]]:
    """Each record parsed on its own tokens and read by the rules: its index,
    the reader, the rules' decision for each target's head word, and the gold
    labels (targets outside the text are left out)."""
    from spacy.tokens import Doc

    nlp = nlp or load_nlp()
    # Tokens are the whitespace-separated words (one RP line starts with a space).
    docs = (Doc(nlp.vocab, words=r["text"].split()) for r in records)
    for n, (rec, doc) in enumerate(zip(records, nlp.pipe(docs, batch_size=64), strict=True)):
        table = NameTable()
        table.add_doc(doc)
        reader = TextReader(doc, table, "author", "author")
        decisions = []
        labels = []
        for t in rec.get("targets", ()):
            a, b = t["span1"]
            if 0 <= a < b <= len(doc):
                head = ff.head_of(doc, a, b)
                decisions.append((head, reader.value_of(head)))
                labels.append(float(t["label"]))
        yield n, reader, decisions, labels


def featurise(records: Sequence[dict[str, Any]], corpus: str = "",
              nlp: Any = None) -> tuple[np.ndarray, list[Target]]:
    """Feature rows and targets of records."""
    rows: list[np.ndarray] = []
    targets: list[Target] = []
    for n, reader, decisions, labels in read_targets(records, nlp):
        if decisions:
            rows.append(text_rows(reader.p, decisions))
            targets += [Target(corpus, n, head, y)
                        for (head, _), y in zip(decisions, labels, strict=True)]
    x = np.vstack(rows) if rows else np.zeros((0, len(ff.ALL_FEATURES)), dtype=np.float32)
    return x, targets


def fit_trees(x: np.ndarray, y: np.ndarray, params: dict[str, Any], seed: int = SEED
              ) -> Forest:
    """Boosted regression trees, flattened into arrays."""
    from sklearn.ensemble import HistGradientBoostingRegressor

    from veracity.stance.train import _single_thread
    from veracity.trees import from_sklearn

    reg = HistGradientBoostingRegressor(early_stopping=False, random_state=seed, **params)
    with _single_thread():
        reg.fit(x, y)
    return from_sklearn(reg)


def fit_ridge(x: np.ndarray, y: np.ndarray, alpha: float = RIDGE_ALPHA) -> Ridge:
    """Ridge regression on standardised columns (closed form, numpy only)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    ym = float(y.mean())
    coef = np.linalg.solve(z.T @ z + alpha * np.eye(z.shape[1]), z.T @ (y - ym))
    return Ridge(mean, scale, coef, ym)


@dataclass(frozen=True)
class _Part:
    """The featurised rows of one corpus."""

    name: str
    x: np.ndarray
    y: np.ndarray
    sentence: np.ndarray


def _conventions(parts: list[_Part], names: Sequence[str]) -> np.ndarray:
    return np.vstack([onehot(names, p.name, len(p.y)) for p in parts])


def train_factuality(data: str | Path, *, limit: int | None = None, command: str = "",
                     corpora: Sequence[str] | None = None, groups: Sequence[str] = GROUPS,
                     seed: int = SEED, progress: Callable[[str], None] | None = None,
                     ) -> tuple[FactualityModel, TrainReport]:
    """Read, featurise and fit; ``limit`` keeps the first N sentences of each
    file, ``corpora`` (default: every one under ``data``) and ``groups`` (of
    ``factuality_features.GROUPS``) narrow the inputs, to measure what each adds."""
    unknown = [g for g in groups if g not in ff.GROUPS]
    if unknown or not groups:
        raise UsageError(f"--groups {','.join(groups)}: feature groups are "
                         f"{', '.join(ff.GROUPS)}")
    groups = tuple(g for g in ff.GROUPS if g in groups)
    files = corpus_files(data, corpora)
    if not any(name in MAIN_CORPORA for name, _ in files):
        raise UsageError(f"--data {data}: none of {', '.join(MAIN_CORPORA)} (the news "
                         "corpora the model imitates) has a train.jsonl there")
    nlp = load_nlp()
    main: list[_Part] = []
    aux: list[_Part] = []
    skipped: list[str] = []
    for name, f in files:
        records, problems = read_records(f, limit)
        skipped += [str(p) for p in problems]
        x, targets = featurise(records, name, nlp)
        if progress:
            for p in problems:
                progress(f"skipped {p}")
            progress(f"{name}: {len(targets)} targets in {len(records)} sentences")
        if not targets:
            continue
        part = _Part(name, x[:, ff.columns(groups)].astype(np.float64),
                     np.asarray([t.label for t in targets]),
                     np.asarray([t.sentence for t in targets]))
        (main if name in MAIN_CORPORA else aux).append(part)
    if not main:
        raise UsageError(f"--data {data}: no targets to train on")
    conventions = [p.name for p in main]
    aux_conventions = [p.name for p in aux]
    aux_view = AUX_VIEW if AUX_VIEW in aux_conventions else (aux_conventions or [""])[0]
    xm = np.vstack([p.x for p in main])
    ym = np.concatenate([p.y for p in main])
    base = np.hstack([xm, _conventions(main, conventions)])
    aux_forest = None
    stacked = [base]
    if aux:
        if progress:
            progress(f"aux trees: {sum(len(p.y) for p in aux)} targets")
        xa = np.hstack([np.vstack([p.x for p in aux]), _conventions(aux, aux_conventions)])
        aux_forest = fit_trees(xa, np.concatenate([p.y for p in aux]), AUX_PARAMS, seed)
        view = onehot(aux_conventions, aux_view, len(ym))
    # Out-of-fold ridge predictions for the main trees' training rows.
    fold = np.concatenate([p.sentence % FOLDS for p in main])
    oof = np.zeros(len(ym))
    for k in range(FOLDS):
        held = fold == k
        if held.any() and (~held).any():
            oof[held] = fit_ridge(base[~held], ym[~held]).predict(base[held])
    stacked.append(oof[:, None])
    if aux_forest is not None:
        stacked.append(aux_forest.raw(np.hstack([xm, view]))[:, [0]])
    if progress:
        progress(f"main trees: {len(ym)} targets")
    forest = fit_trees(np.hstack(stacked), ym, MAIN_PARAMS, seed)
    ridge = fit_ridge(base, ym)
    digest = data_hash(files)
    counts = {p.name: len(p.y) for p in main + aux}
    meta = {
        "format": FORMAT_VERSION,
        "groups": list(groups),
        "features": [ff.ALL_FEATURES[k] for k in ff.columns(groups)],
        "conventions": conventions,
        "aux_conventions": aux_conventions,
        "aux_view": aux_view if aux else None,
        "reader_convention": READER_CONVENTION,
        "seed": seed,
        "trained_on": [f"{name}/{f.name}" for name, f in files],
        "targets": counts,
        "sentence_limit": limit,
        "lines_skipped": len(skipped),
        "data_sha256": digest,
        "command": command,
        "params": {"main": MAIN_PARAMS, "aux": AUX_PARAMS if aux else None,
                   "ridge_alpha": RIDGE_ALPHA, "folds": FOLDS},
        "tuned_on": "UW and MEANTIME dev (feature groups, corpora and their roles, "
                    "boosting settings)",
    }
    return FactualityModel(forest, ridge, meta, aux_forest), TrainReport(
        counts, int(sum(counts.values())), digest, tuple(skipped))
