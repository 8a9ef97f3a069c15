"""Multi-record inputs: JSON lines (one article a line) and WARC archives.

Each record is its own unit: a bad record is reported as ``path:line N`` or
``path#record N`` and the rest of the file goes on.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from veracity.errors import InputError, crash_reason
from veracity.ingest.dates import parse_published
from veracity.ingest.html import extract_html
from veracity.ingest.language import language_code
from veracity.ingest.pasted import split_page
from veracity.types import Document


@dataclass(frozen=True)
class Unit:
    """One raw input turned into documents (the article, its teasers inside)."""

    origin: str
    raw_hash: str
    documents: tuple[Document, ...]
    # Caveats stored with its documents' analyses and reported: an encoding guessed
    # without confidence.
    notes: tuple[str, ...] = ()


def raw_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def jsonl_lines(name: str, data: bytes
                ) -> Iterator[tuple[int, bytes, str | UnicodeDecodeError]]:
    """(line number, raw bytes, text or why the line is not UTF-8) of each
    line. JSON lines are UTF-8 (RFC 8259), so each line is decoded on its own:
    one bad byte loses its line, not the file. A file with a UTF-16 byte order
    mark (or UTF-16 without one) is decoded whole."""
    from veracity.ingest.detect import decode, looks_binary, utf16_without_bom

    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(data):
        for lineno, line in enumerate(decode(name, data).split("\n"), start=1):
            line = line.removesuffix("\r")
            yield lineno, line.encode("utf-8", "surrogatepass"), line
        return
    data = data.removeprefix(b"\xef\xbb\xbf")
    if looks_binary(data):  # one line for the file, not one per "line" of it
        raise InputError(name, "binary file, not text, HTML, JSON lines or WARC")
    if not data.strip():
        raise InputError(name, "empty file (only white space)")
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        raw = raw.removesuffix(b"\r")
        try:
            yield lineno, raw, raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield lineno, raw, exc


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON value")


def jsonl_units(name: str, data: bytes, *, published: str | None, source: str | None,
                max_bytes: int, skip: set[str] | None = None
                ) -> Iterator[Unit | InputError]:
    for lineno, raw, line in jsonl_lines(name, data):
        if not raw.strip():
            continue
        origin = f"{name}:{lineno}"
        h = raw_hash(raw)
        if skip is not None and h in skip:
            yield Unit(origin, h, ())
            continue
        if len(raw) > max_bytes:
            yield InputError(origin, f"record too large: {len(raw):,} bytes over the limit "
                                     f"of {max_bytes:,}")
            continue
        if isinstance(line, UnicodeDecodeError):
            yield InputError(origin, f"not UTF-8: byte 0x{raw[line.start]:02x} at column "
                                     f"{line.start + 1} (JSON lines must be UTF-8)")
            continue
        try:
            yield record_unit(origin, h, line, published=published, source=source)
        except InputError as exc:
            yield exc
        except Exception as exc:  # our own code failed on this line: the rest goes on
            yield InputError(origin, crash_reason(exc))


def record_unit(origin: str, h: str, line: str, *, published: str | None,
                source: str | None) -> Unit:
    """One JSON line as a unit; InputError names what is wrong with it."""
    try:
        # NaN and Infinity are not JSON (RFC 8259) and are no article text.
        rec = json.loads(line, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(origin, f"malformed JSON line: {exc.msg} at column {exc.colno}"
                         ) from exc
    except RecursionError as exc:  # e.g. ten thousand nested brackets
        raise InputError(origin, "malformed JSON line: nested too deeply") from exc
    except ValueError as exc:
        raise InputError(origin, f"malformed JSON line: {exc}") from exc
    if not isinstance(rec, dict):
        raise InputError(origin, "a JSON line must be an object with 'text' or 'html', "
                                 f"not {_json_kind(rec)}")
    return Unit(origin, h, (record_document(origin, rec, published=published,
                                            source=source),))


def _json_kind(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "null" if value is None else type(value).__name__


def _str(rec: dict[str, object], key: str) -> str | None:
    v = rec.get(key)
    if v is None:
        return None
    if not isinstance(v, str):
        raise InputError("", f"field {key!r} must be a string, not {_json_kind(v)}")
    bad = _SURROGATE.search(v)
    if bad:
        # "\ud800" alone is valid JSON but no character: no store can take it.
        raise InputError("", f"field {key!r} holds a lone surrogate "
                             f"(\\u{ord(bad.group()):04x}), not text")
    # NUL characters ("\u0000" in JSON) carry nothing and no SQL text column takes them.
    return v.replace("\x00", "").strip() or None


_SURROGATE = re.compile("[\ud800-\udfff]")


def record_document(origin: str, rec: dict[str, object], *, published: str | None,
                    source: str | None) -> Document:
    try:
        text, html = _str(rec, "text"), _str(rec, "html")
        url, title = _str(rec, "url"), _str(rec, "title")
        # A record's own fields (and then its page's) are more specific than
        # the command's defaults, which only fill what is missing.
        date = parse_published(_str(rec, "published"))
        src = _str(rec, "source") or source
        lang = _str(rec, "language")
    except InputError as exc:
        raise InputError(origin, exc.reason) from exc
    except Exception as exc:  # a bad date in the record
        raise InputError(origin, f"bad 'published' value: {exc}") from exc
    if lang:
        try:
            code: str | None = language_code(lang)
        except ValueError as exc:
            raise InputError(origin, f"bad 'language' value: {exc}") from exc
    else:
        code = None
    return _with_code(_record_document(origin, text, html, url, title, date, src,
                                       published), code)


def _with_code(doc: Document, code: str | None) -> Document:
    return replace(doc, language=code) if code else doc


def _record_document(origin: str, text: str | None, html: str | None, url: str | None,
                     title: str | None, date: str | None, src: str | None,
                     published: str | None) -> Document:
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
               max_bytes: int, skip: set[str] | None = None,
               max_file_bytes: int | None = None) -> Iterator[Unit | InputError]:
    """The HTML response and resource records of a WARC file, each its own unit.

    Records are read whole and checked (length, block digest) before anything
    is extracted, so a truncated or damaged record is reported, never stored
    partial; HTTP headers are parsed here, not by warcio, which fails on a
    response record without ``WARC-Target-URI``. A ``.warc.gz`` is held to
    ``max_file_bytes`` once decompressed (``max_bytes`` unless given: a backfill
    shard may be far larger than one record)."""
    from warcio.archiveiterator import ArchiveIterator

    from veracity.ingest.detect import gunzip_members

    problem = None
    if data[:2] == b"\x1f\x8b":
        # Decompressed here, within the size limit: warcio reads a header line
        # of any length (a 1 MB .warc.gz grew to 3.1 GB).
        data, problem = gunzip_members(name, data, max_file_bytes or max_bytes)
    n = 0
    found = False  # anything stored or reported
    try:
        # check_digests: a record whose WARC-Block-Digest does not match is damaged.
        for record in ArchiveIterator(io.BytesIO(data), no_record_parse=True,
                                      check_digests=True):
            if record.rec_type not in ("response", "resource"):
                continue
            n += 1
            origin = f"{name}#record{n}"
            length = record.length
            if length is None:
                yield InputError(origin, "damaged WARC record: no Content-Length")
                return
            if length > max_bytes:
                found = True
                yield InputError(origin, f"record too large: {length:,} bytes over the limit "
                                         f"of {max_bytes:,}")
                continue
            block = record.raw_stream.read(length)
            if len(block) < length:
                yield InputError(origin, f"truncated WARC record: {len(block):,} of {length:,} "
                                         "bytes (nothing of it stored)")
                return  # the file ends here: nothing after it to read
            if any(p.startswith("block digest failed") for p in record.digest_checker.problems):
                found = True
                yield InputError(origin, "damaged WARC record: its block digest does not match")
                continue
            unit: Unit | InputError | None
            try:
                unit = _warc_unit(origin, record, block, published=published, source=source,
                                  max_bytes=max_bytes, skip=skip)
            except InputError as exc:
                unit = exc
            except Exception as exc:  # our own code failed on this record
                unit = InputError(origin, crash_reason(exc))
            if unit is not None:
                found = True
                yield unit
    except Exception as exc:  # warcio cannot go on: the file is damaged from here
        lines = str(exc).strip().splitlines()
        why = lines[0][:200] if lines else type(exc).__name__
        yield InputError(name, f"damaged WARC file after {n} record(s): {why}")
        return
    if problem is not None:  # the gzip stream broke off between two records
        yield InputError(name, f"{problem}; read {n} record(s) before it")
    elif not found:  # nothing stored and nothing said: say why
        yield InputError(name, "no HTML response or resource records in the WARC file")


def _warc_unit(origin: str, record: Any, block: bytes, *, published: str | None,
               source: str | None, max_bytes: int, skip: set[str] | None) -> Unit | None:
    """The document of one WARC record's block, or None if it is not HTML."""
    from warcio.bufferedreaders import BufferedReader, ChunkedDataReader
    from warcio.statusandheaders import StatusAndHeadersParser

    from veracity.ingest.detect import decode_html

    ctype = record.rec_headers.get_header("Content-Type") or ""
    body = block
    if record.rec_type == "response" and block.startswith(b"HTTP/"):
        stream = io.BytesIO(block)
        try:
            http = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1"], verify=False).parse(stream)
        except (ValueError, EOFError) as exc:
            raise InputError(origin, f"damaged HTTP headers in WARC record: {exc}") from exc
        ctype = http.get_header("Content-Type") or ""
        encoding = (http.get_header("Content-Encoding") or "").lower()
        if encoding not in BufferedReader.get_supported_decompressors():
            encoding = ""
        reader: Any = stream
        if (http.get_header("Transfer-Encoding") or "").lower() == "chunked":
            reader = ChunkedDataReader(stream, decomp_type=encoding or None)
        elif encoding:
            reader = BufferedReader(stream, decomp_type=encoding)
        try:
            body = reader.read(max_bytes + 1)
        except Exception as exc:  # bad chunk sizes or compressed data
            raise InputError(origin, f"damaged WARC record body: {exc}") from exc
    if "html" not in ctype.lower() and body.lstrip()[:1] != b"<":
        return None
    h = raw_hash(body)
    if skip is not None and h in skip:
        return Unit(origin, h, ())
    if len(body) > max_bytes:
        raise InputError(origin, f"record too large once decompressed: over the limit of "
                                 f"{max_bytes:,}")
    url = record.rec_headers.get_header("WARC-Target-URI")
    decoded = decode_html(origin, body)
    return Unit(origin, h, (extract_html(origin, decoded.text, url=url, published=published,
                                         source=source),),
                (decoded.note(),) if decoded.unsure else ())
