"""Named errors.  Each says what went wrong and, where it can, how to fix it.

Bad input is an expected outcome: ingest turns a :class:`InputError` into one
line naming the path and the reason and goes on with the batch.
"""

from __future__ import annotations


class VeracityError(Exception):
    """Base class of every error veracity raises on purpose."""

    code = "error"


class UsageError(VeracityError):
    """The command line or a setting is wrong (exit status 2)."""

    code = "usage"


class InputError(VeracityError):
    """One input (file, record, page) cannot be ingested; the batch goes on."""

    code = "bad_input"

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def crash_reason(exc: BaseException) -> str:
    """The one-line reason for an input our own code failed on: it says it is a
    bug, so the user reports it instead of fixing the input."""
    lines = str(exc).strip().splitlines()
    detail = f"{type(exc).__name__}: {lines[0][:200]}" if lines else type(exc).__name__
    return (f"internal error ({detail}); this is a bug in veracity, please report it "
            "with this input")


class StoreError(VeracityError):
    """The store cannot be opened or is not a veracity store."""

    code = "store"


class NoStore(StoreError):
    """A command that only reads a store was given one that does not exist."""


class ModelError(VeracityError):
    """A model or shipped artefact is missing or cannot be loaded."""

    code = "model"


class NotFound(VeracityError):
    """A document, event or other record asked for does not exist."""

    code = "not_found"


class Unavailable(VeracityError):
    """A part of veracity the server needs is not installed or not ready."""

    code = "unavailable"


class TooLarge(VeracityError):
    """A request or an uploaded file is over the size limit."""

    code = "too_large"


class Abandoned(VeracityError):
    """A question whose client went away, stopped before it was answered."""

    code = "abandoned"


class ClusterError(VeracityError):
    """The Ray cluster a backfill runs on failed, or could not be reached."""

    code = "cluster"
