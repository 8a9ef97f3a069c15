"""Reading a whole document: its main text and each photo caption.

A caption is evidence about the pictured moment, asserted by its credit (the
photo agency) or else by the outlet, and dated by its own date; it is read
separately so its 2017 meeting never borrows the article's dates.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from veracity.errors import ModelError
from veracity.read import gazetteer as gz
from veracity.read import timex
from veracity.read.attribution_model import shipped_model
from veracity.read.casing import sentence_case_headlines
from veracity.read.entities import NameTable
from veracity.read.factuality_model import FactualityModel, load_factuality
from veracity.read.nlp import load_nlp
from veracity.read.reader import (
    TextReader,
    TextResult,
    explicit_days,
    resolve_time,
    stance_label,
)
from veracity.read.types import AUTHOR, Analysis, Attribution, Entity, Event, Span, Stance
from veracity.settings import Settings
from veracity.types import Caption, Document

# Bump when the output for the same input changes (``veracity reread`` uses it).
READER_VERSION = "read-1.7"
# Sentences shorter than this (bylines, datelines, "Read more") are not kept.
MIN_SENTENCE_WORDS = 3


def credit_name(credit: str | None) -> str | None:
    """ "REUTERS/Carlos Barria" -> "Reuters"; "Matrix Image/Joseph Zahui" -> "Matrix Image"."""
    if not credit:
        return None
    head = re.split(r"\s*[/|]\s*|\s+via\s+", credit.strip(), maxsplit=1)[0].strip(" .,-–—")
    head = re.sub(r"^(photo|photograph|image|picture)\s*(by|:)?\s*", "", head, flags=re.I)
    if not head:
        return None
    if head.isupper() and len(head) > 4:
        head = head.title()
    return head


def _first_hand(source: str, principal: str | None, participants: tuple[str, ...],
                table: NameTable, gov_country: dict[str, str]) -> bool:
    """A participant, or one who speaks for a participant or its government."""
    if source in participants or (principal and principal in participants):
        return True
    voice = principal or source
    country = gov_country.get(voice)
    if country is None:
        info = table.people.get(source)
        if info and info.principal:
            country = gov_country.get(info.principal)
    if country is None:
        return False
    for name in participants:
        if name == country:
            return True
        info = table.people.get(name)
        if info and info.country == country and info.roles & gz.LEADER_TITLES:
            return True
    return False


class _Builder:
    def __init__(self, doc: Document, table: NameTable) -> None:
        self.doc = doc
        self.table = table
        self.events: list[Event] = []
        self.attributions: list[Attribution] = []
        self.sentences: list[tuple[int | None, Span]] = []
        self.notes: list[str] = []
        self.gov_country: dict[str, str] = {}
        self.published = timex.parse_date(doc.published)

    def add(self, r: TextResult, caption: int | None, cap: Caption | None) -> None:
        p = r.p
        # Doc.text joins every token on each access: take it once.  Quotes and
        # words come from the text as written (a headline was parsed in
        # sentence case, which keeps every offset).
        parsed = r.resolver.doc.text
        written = (cap.text if cap is not None else self.doc.text)[:len(parsed)]
        full = written if len(written) == len(parsed) else parsed
        for name, kind in r.resolver.kinds.items():
            if kind == "gov":
                c = gz.country_of(name)
                if c:
                    self.gov_country[name] = c
        anchor = self.published
        cap_date = timex.parse_date(cap.date) if cap is not None else None
        cap_time = None
        if cap is not None and cap_date is None:
            for ent in r.resolver.doc.ents:
                if ent.label_ == "DATE":
                    tv = timex.resolve(ent.text, self.published)
                    if tv and tv.value and tv.granularity == "day":
                        cap_time = (tv.value, ent.text)
                        break
        elif cap_date is not None:
            cap_time = (cap_date.isoformat(), cap.date if cap else None)
        for k in range(len(p.sents)):
            qs, qe = p.sent_chars(k)
            if len(full[qs:qe].split()) >= MIN_SENTENCE_WORDS:
                self.sentences.append((caption, Span(qs, qe, full[qs:qe])))
        prefix = "A" if caption is None else f"C{caption}A"
        for layer in r.layers:
            def span(ab: tuple[int, int] | None) -> Span | None:
                if ab is None or ab[1] < ab[0]:
                    return None
                s, e = p.span_chars(*ab)
                return Span(s, e, full[s:e])
            la = layer.learned
            cue = span(la.cue if la is not None else layer.cue_span)
            assert cue is not None
            source_span = span(la.source if la is not None else layer.source_span)
            # An anaphoric cue's content is what it points back to ("such
            # reports"), which the model does not draw.
            pieces = la.content if la is not None and layer.anaphor is None else (
                (layer.content_span,) if layer.content_span else ())
            parts = tuple(x for x in map(span, pieces) if x is not None)
            self.attributions.append(Attribution(
                id=prefix + layer.id[1:], source=layer.source, source_span=source_span,
                cue=cue, cue_class=layer.cls,
                content=Span(parts[0].start, parts[-1].end, full[parts[0].start:parts[-1].end])
                if parts else None,
                parent=(prefix + layer.parent[1:]) if layer.parent else None, caption=caption,
                anaphoric=layer.anaphor is not None,
                content_parts=parts if len(parts) > 1 else (), rules_only=layer.rules_only))
        days = explicit_days(p)
        for m in r.mentions:
            time, gran, text, resolved, narrative = resolve_time(p, m, anchor, days)
            if narrative is not None:
                note = (f"time: {text!r} counted from {narrative!r}, "
                        "the date the text gave before it")
                if note not in self.notes:
                    self.notes.append(note)
            if time is None and cap_time is not None:
                time, gran, text, resolved = cap_time[0], "day", text or cap_time[1], True
            if not resolved and text:
                self.notes.append(
                    f"time: {text!r} unresolved, no publication date"
                    + (f" (caption {caption})" if caption is not None else ""))
            participants = m.participants()
            qs, qe = p.sent_chars(m.sent)
            quote = full[qs:qe]
            stances: list[Stance] = []
            for s in r.stances[m.tok]:
                cs, ce = p.sent_chars(p.sent_of[s.cue_tok]) if s.cue_tok is not None else (qs, qe)
                stances.append(Stance(
                    source=s.source, stance=stance_label(s.value), cue=s.cue,
                    quote=full[cs:ce], start=cs, end=ce,
                    first_hand=_first_hand(s.source, s.principal, participants, self.table,
                                           self.gov_country),
                    source_kind=s.kind, speaks_for=s.principal))
            # The words as the text writes them (a headline was parsed in
            # sentence case).
            pred = full[p.idx[m.tok]:p.end[m.tok]]
            prt = p.child(m.tok, "prt")
            if prt is not None:
                pred = f"{pred} {full[p.idx[prt]:p.end[prt]]}"
            self.events.append(Event(
                id=f"e{len(self.events) + 1}", predicate=pred, lemma=m.lemma, cls=m.cls,
                participants=participants, time=time, time_text=text, modality=m.modality,
                polarity=m.polarity, quote=quote, start=qs, end=qe, stances=tuple(stances),
                agent=m.agent.name if m.agent else m.agent_text,
                patient=m.patient.name if m.patient else m.patient_text,
                place=m.place, time_granularity=gran, time_resolved=resolved, caption=caption,
                predicate_start=p.idx[m.tok], predicate_end=p.end[m.tok],
                factuality=m.factuality))


def _factuality_model() -> tuple[FactualityModel | None, str | None]:
    """The shipped factuality model, or None and a note saying why the rules
    alone read this document (a missing or outdated artefact)."""
    try:
        return load_factuality(), None
    except ModelError as exc:
        return None, f"factuality: read by the rules alone ({exc})"


def analyze(doc: Document, main: Any, captions: list[Any], *,
            max_events: int = Settings.max_events, rules_only: bool = False) -> Analysis:
    """An :class:`Analysis` from a document and its already-parsed texts (which
    may be cut short of the document's: a note then says how much was read).
    ``rules_only`` leaves the trained attribution model out (for comparing)."""
    learned = None if rules_only else shipped_model()
    table = NameTable()
    table.add_doc(main)
    for c in captions:
        table.add_doc(c)
    outlet = doc.source or AUTHOR
    b = _Builder(doc, table)
    model, problem = _factuality_model()
    if problem:
        b.notes.append(problem)
    main_result = TextReader(main, table, outlet, "author", model, learned).run()
    b.add(main_result, None, None)
    entities: dict[str, Entity] = {}
    for name, spans in main_result.resolver.mentions.items():
        entities[name] = Entity(id="", name=name, kind=main_result.resolver.kinds[name],
                                mentions=tuple(Span(s, e, doc.text[s:e]) for s, e in spans))
    for k, (cap, parsed) in enumerate(zip(doc.captions, captions, strict=True)):
        author = credit_name(cap.credit) or outlet
        r = TextReader(parsed, table, author, "caption", model, learned).run()
        b.add(r, k, cap)
        for name, kind in r.resolver.kinds.items():
            entities.setdefault(name, Entity(id="", name=name, kind=kind))
    ents = tuple(Entity(id=f"E{n + 1}", name=e.name, kind=e.kind, mentions=e.mentions)
                 for n, e in enumerate(entities.values()))
    read = _length(main)
    if read < len(doc.text):
        b.notes.append(f"text cut: read the first {read:,} of {len(doc.text):,} characters "
                       "(setting read_max_chars)")
    if any(_length(p) < len(c.text) for p, c in zip(captions, doc.captions, strict=True)):
        b.notes.append("caption cut: read the first characters only (setting read_max_chars)")
    if learned is None and not rules_only:
        b.notes.append("attributions: the trained model is not installed; spans are the "
                       "rules' alone")
    if len(b.events) > max_events:
        b.notes.append(f"events cut: kept the first {max_events:,} of {len(b.events):,} "
                       "(setting max_events)")
        del b.events[max_events:]
    return Analysis(events=tuple(b.events), attributions=tuple(b.attributions),
                    entities=ents, reader_version=READER_VERSION,
                    notes=tuple(dict.fromkeys(b.notes)), sentence_spans=tuple(b.sentences))


def _length(parsed: Any) -> int:
    """``len(parsed.text)`` without joining the text again (``Doc.text`` joins
    every token on each access): the last token's offset and its length with
    the white space after it."""
    if not len(parsed):
        return 0
    last = parsed[-1]
    return int(last.idx) + len(last.text_with_ws)


# Longest text parsed in one piece.  spaCy's parser and NER need about 1 GB of
# working memory per 100,000 characters (its docs), and refuse texts over
# ``nlp.max_length``; longer texts are cut at paragraph breaks and the parsed
# pieces joined back, so offsets still point into the whole text.
PIECE_CHARS = 100_000


def pieces(text: str, limit: int | None = None) -> list[str]:
    """Text cut into pieces of at most ``limit`` characters that join back to it,
    each cut after a paragraph break, else a line break, a sentence end or a space."""
    limit = limit or PIECE_CHARS
    out: list[str] = []
    start = 0
    n = len(text)
    while n - start > limit:
        window = text[start:start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            k = window.rfind(sep)
            if k > limit // 4:
                cut = k + len(sep)
                break
        if cut <= 0:
            cut = limit
        out.append(text[start:start + cut])
        start += cut
    out.append(text[start:])
    return out


def _join(parsed: list[Any]) -> Any:
    if len(parsed) == 1:
        return parsed[0]
    from spacy.tokens import Doc

    return Doc.from_docs(parsed, ensure_whitespace=False)


def _texts(doc: Document, max_chars: int) -> list[str]:
    """The texts the reader reads: the main text and each caption, each cut at
    a paragraph (else line, sentence, word) break within ``max_chars``."""
    main = sentence_case_headlines(doc.text)
    return [t if len(t) <= max_chars else pieces(t, max_chars)[0]
            for t in (main, *(c.text for c in doc.captions))]


def read_document(doc: Document, nlp: Any = None, *, max_chars: int = Settings.read_max_chars,
                  max_events: int = Settings.max_events, rules_only: bool = False) -> Analysis:
    """Read one document (main text and captions), at most ``max_chars`` of each."""
    nlp = nlp or load_nlp()
    parsed = [_join(list(nlp.pipe(pieces(t)))) for t in _texts(doc, max_chars)]
    return analyze(doc, parsed[0], parsed[1:], max_events=max_events, rules_only=rules_only)


def read_documents(docs: Iterable[Document], *, workers: int = 1, batch_size: int = 32,
                   max_chars: int = Settings.read_max_chars,
                   max_events: int = Settings.max_events,
                   rules_only: bool = False) -> Iterator[Analysis]:
    """Read documents in input order, parsing all texts in one batched ``nlp.pipe``."""
    nlp = load_nlp()
    # Each document's texts, each as its list of pieces, in input order; the
    # queue is filled as spaCy pulls texts, so it always runs ahead of results.
    queue: deque[tuple[Document, list[int]]] = deque()

    def texts() -> Iterator[str]:
        for d in docs:
            cut = [pieces(t) for t in _texts(d, max_chars)]
            queue.append((d, [len(c) for c in cut]))
            for c in cut:
                yield from c

    parsed = iter(nlp.pipe(texts(), n_process=max(1, workers), batch_size=batch_size))
    for first in parsed:
        d, counts = queue.popleft()
        joined = []
        for k, count in enumerate(counts):
            part = [first] if k == 0 else [next(parsed)]
            part.extend(next(parsed) for _ in range(count - 1))
            joined.append(_join(part))
        yield analyze(d, joined[0], joined[1:], max_events=max_events, rules_only=rules_only)
