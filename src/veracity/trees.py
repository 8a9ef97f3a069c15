"""Gradient-boosted trees as plain arrays, shared by the two trained models:
article stance (``veracity.stance``) and event factuality (``veracity.read``).

Training uses scikit-learn's histogram gradient boosting (the classifier for
stance, the regressor for factuality); what ships is its trees flattened into
numpy arrays (no pickle), evaluated here with vectorised numpy, so loading a
model and predicting need numpy only.  A test checks that the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

# Rows evaluated at once: (rows x trees) node indices stay ~ a few MB.
_CHUNK = 2048


@dataclass(frozen=True)
class Forest:
    feature: np.ndarray  # int32, per node
    threshold: np.ndarray  # float64, per node: go left when x <= threshold
    left: np.ndarray  # int32, per node (leaves point at themselves)
    right: np.ndarray  # int32
    value: np.ndarray  # float64, leaf values
    roots: np.ndarray  # int32, per tree
    tree_class: np.ndarray  # int32, per tree: which class's raw score it adds to
    baseline: np.ndarray  # float64, per class
    depth: int
    # bool, per node: where a missing (NaN) value goes, as scikit-learn decided
    # when it fitted the split; None in artefacts older than this field (NaN
    # then goes right, as ``x <= threshold`` is false).
    missing_left: np.ndarray | None = None

    @cached_property
    def _walk(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """What ``raw`` looks up, made once: the one-hot map from tree to class (so
        summing leaf values is a matmul), which nodes are leaves, each node's
        children side by side (``2 * node`` its right, ``2 * node + 1`` its
        left) and its feature as an index."""
        n_trees, n_nodes = len(self.roots), len(self.left)
        tree_to_class = np.zeros((n_trees, len(self.baseline)))
        tree_to_class[np.arange(n_trees), self.tree_class] = 1.0
        is_leaf = self.left == np.arange(n_nodes)
        children = np.empty(2 * n_nodes, dtype=np.intp)
        children[0::2] = self.right
        children[1::2] = self.left
        return tree_to_class, is_leaf, children, self.feature.astype(np.intp)

    def raw(self, x: np.ndarray) -> np.ndarray:
        """Raw (pre-softmax) class scores, shape (n, n_classes)."""
        x = np.asarray(x, dtype=np.float64)
        n, n_cols = x.shape
        n_trees = len(self.roots)
        tree_to_class, is_leaf, children, feature = self._walk
        out = np.tile(self.baseline, (n, 1))
        for a in range(0, n, _CHUNK):
            xs = x[a:a + _CHUNK]
            m = xs.shape[0]
            flat = xs.ravel()
            node = np.broadcast_to(self.roots, (m, n_trees)).ravel().astype(np.intp)
            # Where a missing value goes matters only if there is one.
            missing = self.missing_left if np.isnan(xs).any() else None
            # Only the (row, tree) pairs not yet at a leaf move on: most paths
            # end long before the deepest tree's.  ``row`` is where each pair's
            # row starts in ``flat``.
            active = np.flatnonzero(~is_leaf[node])
            row = (active // n_trees) * n_cols
            for _ in range(self.depth):
                if not active.size:
                    break
                cur = node[active]
                v = flat[row + feature[cur]]
                go_left = v <= self.threshold[cur]
                if missing is not None:
                    go_left |= np.isnan(v) & missing[cur]
                nxt = children[2 * cur + go_left]
                node[active] = nxt
                keep = ~is_leaf[nxt]
                active = active[keep]
                row = row[keep]
            out[a:a + _CHUNK] += self.value[node.reshape(m, -1)] @ tree_to_class
        return out

    def proba(self, x: np.ndarray) -> np.ndarray:
        z = self.raw(x)
        if z.shape[1] == 1:  # binary: one raw score for the positive class
            p = 1.0 / (1.0 + np.exp(-z[:, 0]))
            return np.stack([1.0 - p, p], axis=1)
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        probs: np.ndarray = e / e.sum(axis=1, keepdims=True)
        return probs

    def to_arrays(self, prefix: str = "tree_") -> dict[str, np.ndarray]:
        extra = {} if self.missing_left is None else {f"{prefix}missing_left": self.missing_left}
        return extra | {
            f"{prefix}feature": self.feature, f"{prefix}threshold": self.threshold,
            f"{prefix}left": self.left, f"{prefix}right": self.right,
            f"{prefix}value": self.value, f"{prefix}roots": self.roots,
            f"{prefix}class": self.tree_class, f"{prefix}baseline": self.baseline,
            f"{prefix}depth": np.asarray([self.depth], dtype=np.int32),
        }

    @classmethod
    def from_arrays(cls, a: dict[str, np.ndarray], prefix: str = "tree_") -> Forest:
        return cls(
            feature=np.asarray(a[f"{prefix}feature"]),
            threshold=np.asarray(a[f"{prefix}threshold"]),
            left=np.asarray(a[f"{prefix}left"]), right=np.asarray(a[f"{prefix}right"]),
            value=np.asarray(a[f"{prefix}value"]), roots=np.asarray(a[f"{prefix}roots"]),
            tree_class=np.asarray(a[f"{prefix}class"]),
            baseline=np.asarray(a[f"{prefix}baseline"]),
            depth=int(np.asarray(a[f"{prefix}depth"])[0]),
            missing_left=(np.asarray(a[f"{prefix}missing_left"], dtype=bool)
                          if f"{prefix}missing_left" in a else None),
        )


def from_sklearn(model: object) -> Forest:
    """Flatten a fitted HistGradientBoostingClassifier or -Regressor (numeric
    features only).

    scikit-learn has no public access to these trees: this reads its private
    ``_predictors`` and ``_baseline_prediction`` (as skl2onnx's converter does),
    so the train extra pins scikit-learn's version and
    ``test_flattened_trees_match_sklearn`` checks, missing values included, that
    the flattened trees give scikit-learn's probabilities."""
    feats: list[np.ndarray] = []
    thr: list[np.ndarray] = []
    left: list[np.ndarray] = []
    right: list[np.ndarray] = []
    value: list[np.ndarray] = []
    missing: list[np.ndarray] = []
    roots: list[int] = []
    tree_class: list[int] = []
    offset = 0
    depth = 0
    for per_iter in model._predictors:  # type: ignore[attr-defined]
        for k, pred in enumerate(per_iter):
            nodes = pred.nodes
            if np.any(nodes["is_categorical"]):
                raise ValueError("categorical splits are not supported")
            leaf = nodes["is_leaf"].astype(bool)
            idx = np.arange(len(nodes), dtype=np.int64)
            feats.append(np.where(leaf, 0, nodes["feature_idx"]).astype(np.int32))
            thr.append(np.where(leaf, 0.0, nodes["num_threshold"]).astype(np.float64))
            left.append((np.where(leaf, idx, nodes["left"]) + offset).astype(np.int32))
            right.append((np.where(leaf, idx, nodes["right"]) + offset).astype(np.int32))
            value.append(np.where(leaf, nodes["value"], 0.0).astype(np.float64))
            missing.append(~leaf & nodes["missing_go_to_left"].astype(bool))
            roots.append(offset)
            tree_class.append(k)
            depth = max(depth, int(nodes["depth"].max()))
            offset += len(nodes)
    baseline = np.asarray(model._baseline_prediction, dtype=np.float64).ravel()  # type: ignore[attr-defined]
    return Forest(
        feature=np.concatenate(feats), threshold=np.concatenate(thr),
        left=np.concatenate(left), right=np.concatenate(right), value=np.concatenate(value),
        roots=np.asarray(roots, dtype=np.int32), tree_class=np.asarray(tree_class, dtype=np.int32),
        baseline=baseline, depth=depth, missing_left=np.concatenate(missing),
    )
