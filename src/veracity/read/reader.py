"""Reading one text: the stages, in order.

1. ``Parse``: token arrays from the spaCy parse (one pass).
2. ``Resolver``: entity mentions, titles, possessives and pronouns.
3. ``find_layers``: every cue and its source and content (attributions).
4. Event mentions: class, participants, polarity, modality.
5. Chains: each event's layers, innermost first, and every source's stance.
6. Anaphoric cues ("such reports were pure fiction", "a prospect Kyiv
   rejected") and no-comment cues, linked back to the events they mean.
7. Times: DATE entities attached to their events and resolved.

``read.document`` runs this over a document's main text and each caption.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from veracity.read import lexicon as lx
from veracity.read import timex
from veracity.read.attribution_merge import learned_layers
from veracity.read.attribution_model import AttributionModel
from veracity.read.cues import Layer, Sources, find_layers
from veracity.read.entities import NameTable, Resolver
from veracity.read.events import CLASS_OF, Mention, event_class, fill, is_event
from veracity.read.factuality_model import Decision, FactualityModel, learned_value, text_rows
from veracity.read.parse import Parse
from veracity.read.stances import CT_POS, Value, chain, label, local_value, stances, through

# Sentences back that an anaphor ("such reports", "it") may reach.
ANAPHOR_REACH = 3
_REPORTISH = frozenset({"report", "story", "news", "rumor", "rumour", "claim", "allegation",
                        "reporting", "account", "speculation", "article"})


@dataclass
class SourceStance:
    source: str
    value: Value | None  # None: no comment
    cue: str | None
    cue_tok: int | None  # sentence of the quote
    kind: str
    principal: str | None = None


@dataclass
class TextResult:
    p: Parse
    resolver: Resolver
    layers: list[Layer]
    mentions: list[Mention]
    stances: dict[int, list[SourceStance]] = field(default_factory=dict)
    values: dict[int, Value] = field(default_factory=dict)  # author's value per token


class TextReader:
    """Reads one parsed text (an article body or a caption)."""

    def __init__(self, doc: object, table: NameTable, author: str, author_kind: str,
                 model: FactualityModel | None = None,
                 spans: AttributionModel | None = None) -> None:
        self.p = Parse(doc)
        self.model = model
        self.res = Resolver(doc, table)
        self.author = author
        self.author_kind = author_kind
        srcs = Sources(self.p, self.res, author)
        self.layers = learned_layers(self.p, srcs, find_layers(self.p, srcs), spans)
        self.by_root: dict[int, list[Layer]] = {}
        for layer in self.layers:
            if (layer.anaphor is None and layer.cls != "no_comment"
                    and layer.content_root is not None and not layer.display_only):
                self.by_root.setdefault(layer.content_root, []).append(layer)
                for r in layer.roots:
                    self.by_root.setdefault(r, []).append(layer)
        for lst in self.by_root.values():
            lst.sort(key=lambda la: la.cls != "hedge")  # modifiers are inner to verbs
        self.layer_roots = set(self.by_root)
        self._skip = {layer.cue for layer in self.layers if layer.cls == "no_comment"}
        self._skip |= {layer.topic for layer in self.layers if layer.topic is not None}
        for layer in self.layers:
            if layer.cls == "no_comment":
                self._skip.update(c for c in self.p.children[layer.cue] if self.p.dep[c] == "xcomp")
        self._parents()

    def _parents(self) -> None:
        by_cue = {la.cue: la for la in self.layers}
        for layer in self.layers:
            outer = chain(self.p, layer.cue, self.by_root)
            outer = [la for la in outer if la is not layer]
            if outer:
                layer.parent = outer[0].id
            elif layer.anaphor is not None and layer.extra.get("speaker_cue"):
                sp = by_cue.get(int(layer.extra["speaker_cue"]))
                layer.parent = sp.id if sp else None

    def value_of(self, i: int) -> tuple[str, Value, list[Layer], list[Value], Value]:
        """Modality, local value, layers, their stances and the author's, for token i."""
        modality, v, _ = local_value(self.p, i, self.layer_roots)
        layers = chain(self.p, i, self.by_root)
        vals, author_v = stances(v, layers)
        return modality, v, layers, vals, author_v

    def run(self) -> TextResult:
        p = self.p
        out = TextResult(p, self.res, self.layers, [])
        decisions = []
        for i in range(p.n):
            if i in self._skip or not is_event(p, i):
                continue
            m = Mention(tok=i, sent=p.sent_of[i], lemma=p.lemma[i], cls=event_class(p, i))
            fill(p, self.res, m)
            decision = self.value_of(i)
            decisions.append((i, decision))
            modality, v, layers, vals, author_v = decision
            m.modality = modality
            if v[1] < 0 and m.polarity == "positive":
                m.polarity = "negative"  # "failed to meet", "refused to sign"
            out.mentions.append(m)
            ss = [SourceStance(self.author, author_v,
                               self._cue_text(layers[-1]) if layers else None,
                               layers[-1].cue if layers else i, self.author_kind)]
            if layers and layers[-1].source == self.author:
                ss = []  # the author's own cue ("an unfounded claim") says its stance
            for layer, val in zip(reversed(layers), reversed(vals), strict=True):
                ss.append(SourceStance(layer.source, val, self._cue_text(layer), layer.cue,
                                       layer.source_kind, layer.principal))
            out.stances[i] = ss
            out.values[i] = author_v
        self._learned(out, decisions)
        self._anaphora(out)
        self._no_comment(out)
        self._times(out)
        return out

    def _learned(self, out: TextResult, decisions: list[tuple[int, Decision]]) -> None:
        """The trained model's score of each event, and the author's value where
        it replaces the rules' (``factuality_model.learned_value``)."""
        if self.model is None or not decisions:
            return
        scores = self.model.predict(text_rows(self.p, decisions))
        by_tok = {m.tok: m for m in out.mentions}
        for (i, (modality, _, layers, _, rule)), f in zip(decisions, scores, strict=True):
            by_tok[i].factuality = round(float(f), 2)
            value = learned_value(rule, modality, layers, float(f))
            if value != rule:
                out.values[i] = value
                out.stances[i][0].value = value  # no layers: the author's own stance

    def _cue_text(self, layer: Layer) -> str:
        a, b = layer.cue_span
        text = " ".join(self.p.text[a:b + 1])
        sp = layer.extra.get("speaker_cue")
        if sp is not None:
            text = f"{self.p.text[int(sp)]} … {text}"
        return text

    # -- back-references ------------------------------------------------------
    def _antecedents(self, out: TextResult, a: int) -> list[Mention]:
        p = self.p
        before = [m for m in out.mentions if m.tok < a and p.sent_of[a] - m.sent <= ANAPHOR_REACH
                  and m.modality != "question"]
        # "… give up territory — a prospect Kyiv rejected": a noun in apposition
        # to the clause just before it.
        if p.lemma[a] in lx.ANAPHOR_NOUNS and any(
                p.pos[j] == "PUNCT" for j in range(max(0, a - 3), a)):
            h = p.head[a]
            hits = [m for m in before if m.tok == h]
            if hits:
                return hits
        reportish = p.lemma[a] in _REPORTISH or p.lower[a] in lx.ANAPHOR_PRONOUNS
        before = [m for m in before if m.modality == "actual"]
        if reportish:
            reported = [m for m in before if any(
                s.kind == "unnamed" for s in out.stances.get(m.tok, ()))]
            if reported:
                return reported
        prior = [la for la in self.layers if la.cue < a and la.anaphor is None
                 and not la.display_only
                 and la.content_root is not None and la.cls != "no_comment"
                 and p.sent_of[a] - p.sent_of[la.cue] <= 1]
        if prior:
            last = prior[-1]
            root = last.content_root or 0
            lo, hi = last.content_span or (root, root)
            inside = [m for m in before if lo <= m.tok <= hi]
            if inside:
                return inside
        prev = [m for m in before if m.sent == p.sent_of[a] - 1]
        return [m for m in prev if p.dep[m.tok] == "ROOT"] or prev[:1]

    def _anaphora(self, out: TextResult) -> None:
        for layer in self.layers:
            if layer.anaphor is None or layer.cls not in ("denial", "factive", "truth"):
                continue
            targets = self._antecedents(out, layer.anaphor)
            val = through(layer.cls, CT_POS, layer.negated)
            for m in targets:
                ss = out.stances[m.tok]
                if any(s.source == layer.source for s in ss):
                    continue
                ss.append(SourceStance(layer.source, val, self._cue_text(layer), layer.cue,
                                       layer.source_kind, layer.principal))

    def _no_comment(self, out: TextResult) -> None:
        p = self.p
        for layer in self.layers:
            if layer.cls != "no_comment":
                continue
            before = [m for m in out.mentions if m.tok < layer.cue and m.modality == "actual"
                      and p.sent_of[layer.cue] - m.sent <= ANAPHOR_REACH]
            targets: list[Mention] = []
            t = layer.topic
            if t is not None:
                cls = CLASS_OF.get(p.lemma[t])
                owner = p.child(t, "poss")
                ref = self.res.refs.get(owner) if owner is not None else None
                # "his private calls": phone calls he took part in; failing
                # those, conversations of any kind.
                for cls_ok in ({cls}, {"phone_call", "communicate", "meet"}):
                    if cls is None:
                        break
                    targets = [m for m in before if m.cls in cls_ok and (
                        ref is None or ref.name in m.participants())]
                    if targets:
                        break
            if not targets:
                targets = [m for m in before if m.sent == p.sent_of[layer.cue] - 1
                           and p.dep[m.tok] == "ROOT"]
            for m in targets:
                ss = out.stances[m.tok]
                if any(s.source == layer.source for s in ss):
                    continue
                ss.append(SourceStance(layer.source, None, self._cue_text(layer), layer.cue,
                                       layer.source_kind, layer.principal))

    # -- time -------------------------------------------------------------------
    def _times(self, out: TextResult) -> None:
        p = self.p
        by_tok = {m.tok: m for m in out.mentions}
        for ent in self.res.doc.ents:
            if ent.label_ != "DATE":
                continue
            cur = ent.root.i
            for _ in range(6):
                m = by_tok.get(cur)
                if m is not None and m.time_tok is None:
                    m.time_tok = (ent.start, ent.end - 1)
                    break
                if cur == p.head[cur]:
                    break
                cur = p.head[cur]
        for m in sorted(out.mentions, key=lambda m: m.tok):
            if m.time_tok is not None:
                continue
            # "refused during a speech in July": the time of the event it was
            # during; "refused to endorse him in July": the refusal's time.
            for c in p.children[m.tok]:
                if p.dep[c] == "prep" and p.lower[c] in _DURING:
                    o = by_tok.get(p.child(c, "pobj") or -1)
                    if o is not None and o.time_tok is not None:
                        m.time_tok = o.time_tok
                        break
            head = by_tok.get(p.head[m.tok])
            if m.time_tok is None and p.dep[m.tok] == "xcomp" and head is not None:
                m.time_tok = head.time_tok


# Prepositions by which an event happens at another's time.
_DURING = frozenset({"during", "at", "in", "on", "amid"})


def explicit_days(p: Parse) -> list[tuple[int, date, str]]:
    """(token, day, words) of each calendar date a text states in full
    ("Sept. 12, 2016"): the times its narrative can count from."""
    out = []
    for ent in p.doc.ents:
        if ent.label_ != "DATE":
            continue
        tv = timex.resolve(ent.text, None)
        if tv is not None and tv.resolved and not tv.relative and tv.granularity == "day" \
                and tv.value is not None:
            out.append((ent.start, date.fromisoformat(tv.value), ent.text))
    return out


def resolve_time(p: Parse, m: Mention, anchor: date | None,
                 days: list[tuple[int, date, str]] | None = None) -> tuple[
        str | None, str | None, str | None, bool, str | None]:
    """(ISO value, granularity, text, resolved, narrative anchor) for a
    mention's time expression.  "The previous week", "two days later", "the
    day before" count from the last full date stated before them in the same
    paragraph (its words are returned as the anchor), else from ``anchor``,
    the publication date."""
    if m.time_tok is None:
        return None, None, None, True, None
    a, b = m.time_tok
    text = p.doc[a:b + 1].text
    used: str | None = None
    if days and set(text.lower().split()) & timex.ANAPHORIC_WORDS:
        start = p.idx[a]
        before = [(d, words) for i, d, words in days
                  if i < a and "\n" not in p.doc.text[p.idx[i]:start]]
        if before:
            anchor, used = before[-1]
    tv = timex.resolve(text, anchor, future=m.modality in ("future", "intended"))
    if tv is None:
        return None, None, text, True, None
    return tv.value, tv.granularity, text, tv.resolved, used if tv.relative else None


def stance_label(value: Value | None) -> str:
    return "no_comment" if value is None else label(value)
