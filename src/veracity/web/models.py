"""The shapes of the HTTP API, for validation and for the OpenAPI description.

They mirror the library's plain data (``veracity.types``, ``veracity.read.types``
and the JSON of ``veracity ask --format json``) field for field; the API returns
what the library returns, and these models only describe it.  The verdict
models allow extra keys (the JSON only ever gains keys), so that a key added to
the library is never dropped; ``tests/web/test_models.py`` checks that the
models name exactly the keys the library returns.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

# SQLite integers are signed 64-bit: larger ids cannot exist, and passing them
# to sqlite3 raises OverflowError instead of "not found".
MAX_ID = 2**63 - 1


def _utf8(value: str) -> str:
    """Strings must be encodable (JSON allows lone surrogates; SQLite does not)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("text must be valid Unicode (no lone surrogates)") from exc
    return value


# "Has a character that is not white space" in a form every reader of the schema
# agrees on: JSON Schema's \S (ECMA) keeps \x1c-\x1f and \x85, which Python's
# str.strip() removes, so those count as blank too.
NOT_BLANK = r"[^\s\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=2000, pattern=NOT_BLANK,
                          description="A question as people type it, e.g. "
                          "'Did Trump actually talk to Putin?', or a plain claim.",
                          examples=["Did Trump actually talk to Putin?"])
    as_of: date | None = Field(None, description="Answer from documents published by this "
                               "date only (YYYY-MM-DD): what was known then.")

    _check = field_validator("question")(_utf8)


class CheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, pattern=NOT_BLANK,
                      description="The article as page text pasted from a browser (headline "
                      "first; captions and 'More from ...' teasers are split off). At most "
                      "max_bytes.")
    published: date | None = Field(None, description="The article's publication date "
                                   "(YYYY-MM-DD): relative times in it count from this day.")
    source: str | None = Field(None, max_length=200, description="The article's outlet.")
    as_of: date | None = Field(None, description="Check against documents published by "
                               "this date only.")

    _check = field_validator("text")(_utf8)


class CheckedClaim(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str = Field(description="c1, c2, ... in reading order (the headline first).")
    statement: str = Field(description="The claim as a sentence, as it was checked.")
    quote: str = Field(description="The article's sentence that makes the claim.")
    start: int | None = Field(description="Offsets of the quote in the article text; null "
                              "for the headline.")
    end: int | None
    verdict: str = Field(description="The article's own sources together with the rest of "
                         "the corpus: confirmed, reported, disputed, denied or no_evidence.")
    corpus_verdict: str = Field(description="The rest of the corpus alone.")
    evidence: list[dict[str, Any]] = Field(description="Evidence of the verdict; this "
                                           "article's own quotes have doc_id null and "
                                           "this_article true.")
    answer: Any = Field(description="The rest of the corpus's answer, as POST /api/ask.")


class CheckResult(BaseModel):
    """The JSON of ``veracity check --format json``."""

    model_config = ConfigDict(extra="allow")

    title: str | None = None
    counts: dict[str, Any] = Field(description="claims, no_evidence, contested, asides, "
                                   "verdicts (label -> claims).")
    claims: list[CheckedClaim] = Field(description="Most important first: headline, lead, "
                                       "then the rest; contested before uncontested.")
    asides: list[dict[str, Any]] = Field(description="Intentions, predictions, conditions "
                                         "and opinions: listed, not checked.")
    excluded: list[int] = Field(description="Stored documents left out: the article and "
                                "its copies.")


class Evidence(BaseModel):
    model_config = ConfigDict(extra="allow")

    source: str
    stance: str
    quote: str
    doc_id: int
    title: str | None = None
    published: str | None = None
    start: int
    end: int
    caption: int | None = Field(None, description="Index of the caption the quote is in; "
                                "absent or null when it is in the main text.")
    outlet: str | None = None
    url: str | None = None
    cue: str | None = None
    first_hand: bool = False
    source_kind: str = Field("named", description="author, named, unnamed, caption or model")
    speaks_for: str | None = None
    counted: bool = Field(True, description="False for a near-duplicate copy of a document "
                          "already counted: shown, counted once.")
    copy_of: int | None = None
    method: str = Field("reader", description="reader or stance-model")
    matches: dict[str, bool] | None = Field(None, description="How the quote's sentence met "
                                            "each constraint; null for the stance model.")


class VerdictEvent(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    label: str = Field(description="confirmed, reported, disputed, denied or no_evidence")
    summary: str | None = Field(None, description="The event in words.")
    reason: str | None = Field(None, description="Why this label, in words.")
    predicate: str | None = None
    class_: str | None = Field(None, alias="class")
    participants: list[str] = []
    time: str | None = None
    time_text: str | None = None
    time_granularity: str | None = None
    place: str | None = None
    lead: bool = Field(False, description="True for the event the question is about.")
    time_match: str | None = Field(None, description="match, unknown, mismatch or none")
    sources: dict[str, int] = Field({}, description="Independent sources per stance.")
    documents: list[int] = []
    mentions: int = 0
    lean: str | None = Field(None, description="A disputed event's lean by the weight of its "
                             "sources: true, false, or null.")
    evidence: list[Evidence] = []


class ClaimOut(BaseModel):
    """The statement a question makes."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    text: str
    participants: list[str] = []
    predicate: str | None = None
    class_: str | None = Field(None, alias="class")
    classes: list[str] = []
    polarity: str = "positive"
    agent: str | None = None
    patient: str | None = None
    objects: list[str] = []
    keywords: list[str] = []
    time: Any = None
    frame: Any = None
    future: bool = Field(False, description="A claim about what will happen, answered by what "
                         "sources say will happen.")


class ConstraintOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    kind: str = Field(description="name, number, quote, said, time or words")
    text: str
    forms: list[str] = []
    scope: str = Field("sentence", description="sentence, near, document or optional")


class NearMissOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    quote: str
    doc_id: int
    title: str | None = None
    published: str | None = None
    start: int
    end: int
    caption: int | None = None
    missed: list[str] = Field(description="The constraints the sentence does not meet.")
    matches: dict[str, bool] = {}
    time: str | None = None
    outlet: str | None = None
    summary: str


class Verdict(BaseModel):
    """The JSON of ``veracity ask --format json``."""

    model_config = ConfigDict(extra="allow")

    question: str
    claim: ClaimOut | None = None
    verdict: str = Field(description="The lead event's label (no_evidence when none matches).")
    lean: str | None = Field(None, description="The lead event's lean when it is disputed.")
    as_of: str | None = None
    events: list[VerdictEvent] = Field(description="The lead event first, then the others.")
    notes: list[str] = []
    understood: list[ConstraintOut] = []
    near_misses: list[NearMissOut] = []


class DocumentSummary(BaseModel):
    id: int
    kind: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    words: int
    captions: int = Field(description="How many photo captions the document has.")
    parent_id: int | None = Field(description="For a teaser: the page it was printed on.")
    copy_of: int | None = Field(description="The document this one is a near-duplicate of.")
    origin: str | None
    language: str | None = Field(description="ISO 639-1 code of its language, detected at "
                                 "ingest; null when the text was too short to tell. Only "
                                 "documents in English (or undetermined) are read.")


class DocumentList(BaseModel):
    documents: list[DocumentSummary]
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page; null on the last.")


class CaptionOut(BaseModel):
    index: int
    text: str
    credit: str | None
    date: str | None


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class AttributionOut(BaseModel):
    id: str
    source: str | None
    source_span: SpanOut | None
    cue: SpanOut
    content: SpanOut | None
    cue_class: str
    parent: str | None = None
    caption: int | None = None
    # The pieces of a content its cue splits ('"…," he said, "…"'); empty
    # when the content is one piece.
    content_parts: list[SpanOut] = []
    # Found by the hand-written rules only, not by the trained model.
    rules_only: bool = False


class StanceOut(BaseModel):
    source: str
    stance: str
    cue: str | None
    quote: str
    start: int
    end: int
    first_hand: bool = False
    source_kind: str = "named"
    speaks_for: str | None = None


class EventOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    id: str
    predicate: str
    lemma: str
    class_: str = Field(alias="class")
    participants: list[str]
    time: str | None
    time_text: str | None
    modality: str
    polarity: str
    quote: str
    start: int
    end: int
    stances: list[StanceOut]
    agent: str | None = None
    patient: str | None = None
    place: str | None = None
    time_granularity: str | None = None
    time_resolved: bool = True
    caption: int | None = None
    predicate_start: int | None = None
    predicate_end: int | None = None


class EntityOut(BaseModel):
    id: str
    name: str
    kind: str
    mentions: list[SpanOut] = []


class DocumentDetail(DocumentSummary):
    author: str | None
    text: str
    captions_list: list[CaptionOut] = Field(description="The photo captions, with credit "
                                            "and date; offsets of caption spans are into "
                                            "these texts.")
    teasers: list[DocumentSummary]
    copies: list[DocumentSummary]
    read: bool = Field(description="Whether the reader has analysed this document.")
    events: list[EventOut]
    attributions: list[AttributionOut]
    entities: list[EntityOut]
    reader_version: str | None
    notes: list[str]


class StoredEventOut(EventOut):
    event_id: int
    doc_id: int
    doc_title: str | None


class EventList(BaseModel):
    events: list[StoredEventOut]
    resolved: dict[str, list[str]] = Field(description="Each name asked for, with the "
                                           "stored participant names it was resolved to.")


class Skipped(BaseModel):
    path: str
    reason: str


class IngestResult(BaseModel):
    ingested: int
    teasers: int
    replaced: int = Field(description="Documents already stored that took this input's "
                          "metadata and were read again (`veracity ingest --force`; 0 here).")
    duplicates: int
    near_duplicates: int
    already_stored: int
    files: int
    doc_ids: list[int]
    skipped: list[Skipped]
    not_read: list[Skipped] = Field(description="Documents stored but not read, and why "
                                    "(a language the reader does not read).")
    unsure: list[Skipped] = Field(default=[], description="Inputs stored whose text encoding "
                                  "was guessed without confidence, and what was guessed.")


class ErrorBody(BaseModel):
    status: int
    code: str = Field(description="usage, bad_input, not_found, invalid_request, too_large, "
                      "forbidden, unavailable, method_not_allowed, store, model, abandoned or "
                      "internal")
    message: str
    details: list[dict[str, Any]] = []


class ErrorResponse(BaseModel):
    """Every error of the API has this one shape."""

    error: ErrorBody
