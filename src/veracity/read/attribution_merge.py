"""The trained attribution model's spans joined to the hand-written rules' layers.

The rules (``cues``) know what a cue does: its class (assert, deny, hedge,
decline ...), whom its source names, which clause its content is rooted in,
nested and anaphoric cues.  The trained model (``attribution_model``) draws
the spans as PolNeAR's annotators do and finds many cues the rules miss.  So:

* a rule layer whose cue the model also found keeps its class, source name,
  content root and its own spans for the stances, and shows the model's cue,
  source and content spans as its attribution;
* a cue only the model found becomes a layer of its own, shown as an
  attribution but left out of the stance chains (``display_only``): its
  class comes from the cue lexicon, or is "other" when the lexicon does not
  know the word, and no verdict changes on a cue the rules cannot read;
* a cue only the rules found stays, with its stances (the rules' fallback),
  and is listed flagged ``rules_only`` unless it is a no-comment or points
  back ("such reports were fiction"): few of the rest are PolNeAR cues, so
  ``veracity bench attribution`` leaves the flagged ones out of the reader's
  figures (and says what they would cost).

Measured on PolNeAR dev with ``veracity bench attribution`` (see the README).
"""

from __future__ import annotations

from dataclasses import replace

from veracity.read import lexicon as lx
from veracity.read.attribution_model import AttributionModel, LearnedAttribution
from veracity.read.cues import Layer, Sources
from veracity.read.parse import Parse

# The class of a cue the lexicon does not know ("criticized", "wants",
# "in Bolton's view"): an attribution to show, not a stance to draw.
OTHER = "other"


def _head_of(p: Parse, a: int, b: int) -> int:
    """The word of a token range whose syntactic head lies outside it."""
    for t in range(a, b + 1):
        h = p.head[t]
        if h == t or not a <= h <= b:
            if p.pos[t] not in ("PUNCT", "SPACE"):
                return t
    return b


def _match(layer: Layer, found: list[LearnedAttribution]) -> LearnedAttribution | None:
    a, b = layer.cue_span
    for la in found:
        if la.cue[0] <= layer.cue <= la.cue[1] or a <= la.head <= b:
            return la
    return None


def _hull(pieces: tuple[tuple[int, int], ...]) -> tuple[int, int] | None:
    if not pieces:
        return None
    return pieces[0][0], pieces[-1][1]


def merge(p: Parse, srcs: Sources, layers: list[Layer], found: list[LearnedAttribution],
          prefix: str = "A") -> list[Layer]:
    """The rules' layers with the model's spans, then the model's own finds,
    numbered in that order."""
    used: set[int] = set()
    out: list[Layer] = []
    for layer in layers:
        la = _match(layer, found)
        if la is None:
            # Measured on PolNeAR dev: 8% of the cues the rules alone find
            # are annotated cues (45 of 580), against 87% of those both find.
            # No-comments and back-references are not flagged: they carry
            # their own findings ("declined to comment", "such reports").
            flag = layer.cls != "no_comment" and layer.anaphor is None
            out.append(replace(layer, rules_only=flag))
            continue
        used.add(la.head)
        out.append(replace(layer, learned=la))
    for la in found:
        if la.head in used or any(x.cue_span[0] <= la.head <= x.cue_span[1] for x in out):
            continue
        subj = _head_of(p, *la.source) if la.source is not None else None
        name, kind, principal = srcs.name(subj)
        out.append(Layer(
            id="", cue=la.head, cue_span=la.cue, cls=lx.cue_class(p.lemma[la.head]) or OTHER,
            source=name, source_kind=kind, principal=principal, source_span=la.source,
            content_root=la.content_roots[0] if la.content_roots else None,
            roots=la.content_roots[1:], content_span=_hull(la.content), learned=la,
            display_only=True))
    # The rules' layers keep their order, which the stance chains read ("an
    # unfounded theory ... accused": the outlet's denial is outside the
    # accusation); the model's own come after them, in text order.
    for k, x in enumerate(out, 1):
        x.id = f"{prefix}{k}"
    return out


def learned_layers(p: Parse, srcs: Sources, layers: list[Layer],
                   model: AttributionModel | None) -> list[Layer]:
    """``layers`` joined to the model's attributions of the text (unchanged
    when there is no model)."""
    if model is None:
        return layers
    return merge(p, srcs, layers, model.predict(p))
