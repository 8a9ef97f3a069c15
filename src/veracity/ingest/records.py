"""Multi-record inputs: JSON lines (one article a line) and WARC archives.

Each record is its own unit: a bad record is reported as ``path:line N`` or
``path#record N`` and the rest of the file goes on.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace

from veracity.errors import InputError
from veracity.ingest.dates import parse_published
from veracity.ingest.html import extract_html
from veracity.ingest.pasted import split_page
from veracity.types import Document


@dataclass(frozen=True)
class Unit:
    """One raw input turned into documents (the article, its teasers inside)."""

    origin: str
    raw_hash: str
    documents: tuple[Document, ...]


def raw_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def jsonl_units(name: str, text: str, *, published: str | None, source: str | None,
                max_bytes: int, skip: set[str] | None = None
                ) -> Iterator[Unit | InputError]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        origin = f"{name}:{lineno}"
        data = line.encode("utf-8", "surrogatepass")
        h = raw_hash(data)
        if skip is not None and h in skip:
            yield Unit(origin, h, ())
            continue
        if len(data) > max_bytes:
            yield InputError(origin, f"record too large: {len(data):,} bytes over the limit "
                                     f"of {max_bytes:,}")
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(origin, f"malformed JSON line: {exc.msg} at column {exc.colno}")
            continue
        except (ValueError, RecursionError):  # e.g. ten thousand nested brackets
            yield InputError(origin, "malformed JSON line: nested too deeply")
            continue
        if not isinstance(rec, dict):
            yield InputError(origin, "a JSON line must be an object with 'text' or 'html'")
            continue
        try:
            yield Unit(origin, h, (record_document(origin, rec, published=published,
                                                   source=source),))
        except InputError as exc:
            yield exc


def _str(rec: dict[str, object], key: str) -> str | None:
    v = rec.get(key)
    if v is None:
        return None
    if not isinstance(v, str | int | float):
        raise InputError("", f"field {key!r} must be a string")
    # NUL characters ("\u0000" in JSON) carry nothing and no SQL text column takes them.
    return str(v).replace("\x00", "").strip() or None


def record_document(origin: str, rec: dict[str, object], *, published: str | None,
                    source: str | None) -> Document:
    try:
        text, html = _str(rec, "text"), _str(rec, "html")
        url, title = _str(rec, "url"), _str(rec, "title")
        # A record's own fields (and then its page's) are more specific than
        # the command's defaults, which only fill what is missing.
        date = parse_published(_str(rec, "published"))
        src = _str(rec, "source") or source
    except InputError as exc:
        raise InputError(origin, exc.reason) from exc
    except Exception as exc:  # a bad date in the record
        raise InputError(origin, f"bad 'published' value: {exc}") from exc
    if html:
        doc = extract_html(origin, html, url=url, published=date, source=src)
        return replace(doc, title=title or doc.title, published=doc.published or published)
    if not text:
        raise InputError(origin, "record has neither 'text' nor 'html'")
    doc = split_page(text, published=date or published, source=src, url=url, origin=origin)
    if title:
        # An explicit title wins; a first line the splitter took as a headline
        # goes back to the text only when it differs from the given title.
        body = doc.text
        if doc.title and doc.title.strip() != title.strip():
            body = f"{doc.title}\n\n{body}" if body else doc.title
        doc = replace(doc, title=title, text=body)
    return doc


def warc_units(name: str, data: bytes, *, published: str | None, source: str | None,
               max_bytes: int, skip: set[str] | None = None) -> Iterator[Unit | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from veracity.ingest.detect import decode

    n = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type not in ("response", "resource"):
                continue
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers
                     else record.rec_headers.get_header("Content-Type")) or ""
            n += 1
            origin = f"{name}#record{n}"
            try:
                body = record.content_stream().read(max_bytes + 1)
            except Exception as exc:  # truncated or corrupt record body
                yield InputError(origin, f"truncated WARC record: {exc}")
                return
            if "html" not in ctype.lower() and not body.lstrip()[:1] == b"<":
                continue
            h = raw_hash(body)
            if skip is not None and h in skip:
                yield Unit(origin, h, ())
                continue
            if len(body) > max_bytes:
                yield InputError(origin, f"record too large: over the limit of {max_bytes:,}")
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            try:
                html = decode(origin, body)
                doc = extract_html(origin, html, url=url, published=published, source=source)
            except InputError as exc:
                yield exc
                continue
            yield Unit(origin, h, (doc,))
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield InputError(name, f"damaged WARC file after {n} records: {exc}")
