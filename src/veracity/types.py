"""Plain typed data that crosses stage boundaries (ingest -> store -> read)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

DocKind = Literal["article", "teaser"]


@dataclass(frozen=True)
class Caption:
    """A photo caption: evidence about the pictured moment, never article text.

    ``credit`` is the photo credit line ("REUTERS/Carlos Barria") when one
    follows the caption; ``date`` is the ISO date the caption names, if any.
    """

    text: str
    credit: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Document:
    """One article or teaser, clean text plus metadata.

    ``parent_hash`` links a teaser to the content hash of the article of the page
    it was printed on; ``origin`` is where it came from (path, path#record, URL).
    ``language`` is the ISO 639-1 code of its language, detected at ingest (or
    given with ``--language``); None when the text was too short to tell.
    """

    text: str
    title: str | None = None
    kind: DocKind = "article"
    source: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None
    origin: str | None = None
    captions: tuple[Caption, ...] = ()
    teasers: tuple[Document, ...] = field(default=(), compare=True)
    format: str | None = None
    language: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def heading(self, words: int = 12) -> str:
        """The title, else the first words of the text: teasers seldom have a
        headline of their own, and "(no title)" says nothing about them."""
        if self.title and self.title.strip():
            return self.title
        parts = self.text.split()
        return " ".join(parts[:words]) + ("…" if len(parts) > words else "")

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        d = dict(d)
        d["captions"] = tuple(Caption(**c) for c in d.get("captions", ()))
        d["teasers"] = tuple(cls.from_dict(t) for t in d.get("teasers", ()))
        return cls(**d)


@dataclass(frozen=True)
class StoredDocument:
    """A document as the store holds it, with its id and links."""

    id: int
    doc: Document
    content_hash: str
    ingested_at: str
    parent_id: int | None = None
    copy_of: int | None = None

    def summary(self) -> dict[str, Any]:
        """The fields of a document listing (``veracity docs --json``, the HTTP API)."""
        d = self.doc
        return {"id": self.id, "kind": d.kind, "title": d.title, "source": d.source,
                "published": d.published, "url": d.url, "words": len(d.text.split()),
                "captions": len(d.captions), "parent_id": self.parent_id,
                "copy_of": self.copy_of, "origin": d.origin, "language": d.language}
