"""veracity: did it actually happen?

Reads news articles, finds the events they report, records who asserts each
event, who denies it and who declines to comment, and answers questions with a
verdict and the quoted evidence.  See ``pipeline.py`` for the stages.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def ask(question: str, **kwargs: Any) -> Any:
    """Answer a question from the store; see :func:`veracity.verify.ask`."""
    from veracity.verify import ask as _ask

    return _ask(question, **kwargs)


def check(text: str | None = None, **kwargs: Any) -> Any:
    """Check every claim of an article against the store; see
    :func:`veracity.verify.check.check`."""
    from veracity.verify.check import check as _check

    return _check(text, **kwargs)


__all__ = ["__version__", "ask", "check"]
