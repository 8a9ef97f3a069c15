"""The shipped models' files: plain numpy arrays in a zip (no pickle), with a
JSON ``meta`` array saying what the file is, written byte for byte the same
for the same model.

The stance, attribution and factuality models each keep their own arrays;
reading and writing the file, and refusing one of another format, is here.
Reading needs numpy only.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from veracity.errors import ModelError


def write_npz(path: str | Path, arrays: dict[str, np.ndarray]) -> None:
    """np.savez_compressed, but byte-reproducible: fixed member order and
    timestamps (numpy stamps members with the current time)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.asarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, buf.getvalue())


def meta_array(meta: dict[str, Any]) -> np.ndarray:
    """The ``meta`` member: the metadata as sorted JSON."""
    return np.asarray(json.dumps(meta, sort_keys=True))


def read_npz(path: Path, what: str, version: int, train: str
             ) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The arrays of a model file (``meta`` taken out) and its metadata; a
    ModelError naming ``what`` ("stance model") when the file cannot be read
    or is of another format than ``version``, with how to ``train`` one."""
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        meta = json.loads(str(arrays.pop("meta")))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise ModelError(f"cannot load {what} {path}: {exc}; train one with `{train}`") from exc
    if meta.get("format") != version:
        raise ModelError(f"{path}: {what} format {meta.get('format')}, expected {version}")
    return arrays, meta
