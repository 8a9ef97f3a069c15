"""Training is deterministic, the flattened trees equal scikit-learn's, and the
model finds the stances of the synthetic data and of hand-written articles."""

from __future__ import annotations

import numpy as np
import pytest
from tests.stance.conftest import TINY_ITER, TOPICS, body_for, synthetic

from veracity.stance import DEFAULT_MODEL, StanceModel, predict_batch
from veracity.stance.score import Pair
from veracity.stance.train import train_stance
from veracity.trees import from_sklearn


def _pairs(rows):
    return [Pair(r["Headline"], r["Body ID"], r["Stance"]) for r in rows]


def test_training_twice_gives_identical_bytes(tmp_path):
    bodies, rows = synthetic(seed=1, per_topic=2)
    paths = []
    for i in range(2):
        model, report = train_stance(bodies, _pairs(rows), max_iter=TINY_ITER)
        paths.append(tmp_path / f"m{i}.npz")
        model.save(paths[-1])
    assert report.pairs == len(rows)
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_dev_split_leaves_dev_bodies_out():
    bodies, rows = synthetic(seed=2)
    _, full = train_stance(bodies, _pairs(rows), max_iter=2)
    _, dev = train_stance(bodies, _pairs(rows), max_iter=2, dev_split=True)
    assert dev.dev_split and dev.bodies < full.bodies


@pytest.mark.parametrize("n_classes", [2, 4])  # binary has one raw score, multiclass one each
def test_flattened_trees_match_sklearn(n_classes):
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 6)).astype(np.float32)
    y = (np.digitize(x[:, 0] + 0.5 * x[:, 1], [-0.6, 0.0, 0.6]) % n_classes)
    # Missing values, in training and in prediction: they follow the side
    # scikit-learn chose for them at each split.
    x[rng.random(x.shape) < 0.1] = np.nan
    clf = HistGradientBoostingClassifier(max_iter=15, random_state=0).fit(x, y)
    forest = from_sklearn(clf)
    np.testing.assert_allclose(forest.proba(x), clf.predict_proba(x), atol=1e-9)
    # Rows with no missing value at all take the same paths (the walk skips
    # the missing-value test for them).
    full = ~np.isnan(x).any(axis=1)
    assert 0 < full.sum() < len(x)
    np.testing.assert_allclose(forest.proba(x[full]), clf.predict_proba(x[full]), atol=1e-9)


def test_save_load_round_trip(tiny_model_path, tmp_path):
    model = StanceModel.load(tiny_model_path)
    again = tmp_path / "again.npz"
    model.save(again)
    assert again.read_bytes() == tiny_model_path.read_bytes()


def test_tiny_model_learns_the_synthetic_stances(tiny_model_path):
    model = StanceModel.load(tiny_model_path)
    import random

    rng = random.Random(99)  # fresh bodies, not the training ones
    topic, other = TOPICS[0], TOPICS[3]
    cases = [(topic[0], body_for(topic, s, rng), s) for s in ("agree", "disagree", "discuss")]
    cases.append((other[0], body_for(topic, "agree", rng), "unrelated"))
    got = [r.label for r in model.predict_many([(c, b) for c, b, _ in cases])]
    assert got == [s for _, _, s in cases]


def test_deciding_sentences_are_spans_of_the_text(tiny_model_path):
    model = StanceModel.load(tiny_model_path)
    import random

    body = body_for(TOPICS[1], "disagree", random.Random(5))
    r = model.predict(TOPICS[1][0], body)
    assert r.label == "disagree"
    assert r.sentences, "a related verdict must show its sentences"
    for s in r.sentences:
        assert body[s.start:s.end] == s.text
    # The denial sentence is among the deciding ones, with its cue named.
    assert any("denial" in s.cues or "falsity" in s.cues for s in r.sentences)
    assert sum(r.scores.values()) == pytest.approx(1.0, abs=1e-3)


def test_missing_model_is_a_model_error(tmp_path):
    from veracity.errors import ModelError

    with pytest.raises(ModelError, match="veracity train stance"):
        StanceModel.load(tmp_path / "nope.npz")


# Hand-written articles for the shipped model (trained on FNC-1 news).
CLAIM = "Kremlin confirms Putin had a phone call with Trump last Thursday"
DENIAL = (
    "Moscow has rejected reports of a phone call between Vladimir Putin and Donald Trump. "
    "Kremlin spokesman Dmitry Peskov said the reports of a call last Thursday were pure "
    "fiction and completely untrue. \"This is false information, there was no call,\" Peskov "
    "told reporters. Peskov denied that the two leaders had spoken at all."
)
UNRELATED = (
    "A rare orchid has bloomed for the first time in forty years at the botanical garden in "
    "Kew. Gardeners said crowds queued for hours to see the flower, which smells of rotting "
    "meat. The garden will stay open late this weekend."
)


@pytest.mark.skipif(not DEFAULT_MODEL.is_file(), reason="no shipped stance model")
def test_shipped_model_on_written_articles():
    denial, unrelated = predict_batch([(CLAIM, DENIAL), (CLAIM, UNRELATED)])
    assert denial.label == "disagree"
    assert unrelated.label == "unrelated"
    assert unrelated.sentences == ()
