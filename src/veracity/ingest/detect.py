"""Reading raw input safely: size limits, gzip, binary detection, encodings,
and telling the format from the content."""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path, PurePath

import charset_normalizer

from veracity.errors import InputError

FORMATS = ("html", "text", "jsonl", "warc")


def shown(path: str | PurePath) -> str:
    """A path as text that any terminal, JSON or store takes: bytes of a file name
    that are not UTF-8 are written as ``\\xff`` instead of lone surrogates."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, gunzipped when compressed; InputError on any problem."""
    name = shown(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc
    if size == 0:
        raise InputError(name, "empty file")
    if size > max_bytes:
        raise InputError(name, f"too large: {size:,} bytes over the limit of {max_bytes:,} "
                               "(raise it with --max-bytes)")
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc
    return unpack(path, data, max_bytes)


def unpack(path: PurePath, data: bytes, max_bytes: int) -> bytes:
    """A file's bytes gunzipped when compressed (not a ``.warc.gz``, which the WARC
    reader takes record by record), held to ``max_bytes`` once decompressed."""
    if data[:2] == b"\x1f\x8b" and not _is_warc_gz(path):
        return gunzip(shown(path), data, max_bytes)
    return data


def _is_warc_gz(path: PurePath) -> bool:
    # warcio reads gzipped WARC record by record itself.
    return path.name.lower().endswith((".warc.gz", ".arc.gz"))


def gunzip(name: str, data: bytes, max_bytes: int) -> bytes:
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise InputError(name, f"corrupt gzip data: {exc}") from exc
    if len(out) > max_bytes or d.unconsumed_tail:
        raise InputError(name, f"too large once decompressed: over the limit of {max_bytes:,} "
                               "bytes (raise it with --max-bytes)")
    if not d.eof:
        raise InputError(name, "truncated gzip file: the compressed stream ends early")
    if not out:
        raise InputError(name, "empty file (after decompression)")
    return out


def gunzip_members(name: str, data: bytes, max_bytes: int) -> tuple[bytes, str | None]:
    """Every member of a multi-member gzip file (a ``.warc.gz`` holds one a
    record), decompressed up to ``max_bytes`` in all, and why it stopped early:
    what came before a cut or damaged member is kept, for the WARC reader to
    check record by record."""
    out: list[bytes] = []
    total = 0
    rest = data
    while rest:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            chunk = d.decompress(rest, max_bytes + 1 - total)
        except zlib.error as exc:
            return b"".join(out), f"corrupt gzip data: {exc}"
        out.append(chunk)
        total += len(chunk)
        if total > max_bytes or d.unconsumed_tail:
            raise InputError(name, f"too large once decompressed: over the limit of "
                                   f"{max_bytes:,} bytes (raise it with --max-bytes)")
        if not d.eof:
            return b"".join(out), "truncated gzip file: the compressed stream ends early"
        rest = d.unused_data.lstrip(b"\x00")
    return b"".join(out), None


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > len(head) * 0.05


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when text without a byte order mark has the
    NUL of every ASCII character on one side of each byte pair, else None."""
    head = data[:8192]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even = head[0:pairs * 2:2].count(0)
    odd = head[1:pairs * 2:2].count(0)
    # Latin text has a NUL in most pairs, other scripts in those of spaces and
    # punctuation: NULs on one side only (binary has them on both) mark UTF-16,
    # and the decoded text must then be printable.
    if odd >= pairs * 0.05 and even <= pairs * 0.005:
        encoding = "utf-16-le"
    elif even >= pairs * 0.05 and odd <= pairs * 0.005:
        encoding = "utf-16-be"
    else:
        return None
    text = head[:pairs * 2].decode(encoding, "replace")
    printable = sum(1 for c in text if c.isprintable() or c in "\t\n\r")
    return encoding if printable >= len(text) * 0.95 else None


# Bytes 0x91-0x94 are curly quotes in every Windows code page and letters or
# box drawing in the DOS and Mac ones, which is where a detector goes wrong on
# short English text with smart quotes (cp775 was chosen for cp1252).
_SMART_QUOTES = frozenset(b"\x91\x92\x93\x94")
_WINDOWS = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256",
            "cp1257", "cp1258")


def legacy_encoding(data: bytes) -> str | None:
    """The single-byte encoding of text that is not UTF-8 (None if nothing fits);
    cp1252 wins whenever it reads the bytes as well as the detector's choice."""
    results = list(charset_normalizer.from_bytes(data[:200_000]))
    if not results:
        return None
    if _SMART_QUOTES & set(data[:200_000]):
        windows = [m for m in results if set(m.could_be_from_charset) & set(_WINDOWS)]
        results = windows or results
    low = min(m.chaos for m in results)
    tied = [m for m in results if m.chaos <= low + 0.001]
    top = max(m.coherence for m in tied)
    for m in tied:
        if "cp1252" in m.could_be_from_charset and m.coherence >= top - 0.001:
            return "cp1252"
    best = max(tied, key=lambda m: m.coherence)
    for enc in _WINDOWS:  # the Windows name of a group that decodes alike
        if enc in best.could_be_from_charset:
            return enc
    return str(best.encoding)


def decode(name: str, data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM) first, then UTF-16 (with or
    without BOM), else the detected single-byte encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(name, f"bad UTF-16 text: {exc.reason}") from exc
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError as exc:
            raise InputError(name, f"looks like UTF-16 but is not: {exc.reason}") from exc
        return text
    if looks_binary(data):
        raise InputError(name, "binary file, not text, HTML, JSON lines or WARC")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    encoding = legacy_encoding(data)
    if encoding is None:
        raise InputError(name, "not UTF-8 and no other text encoding fits")
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(name, f"cannot decode as {encoding}: {exc}") from exc


def sniff(path: PurePath, data: bytes) -> str:
    """The input format, from the content first and the file name second."""
    name = path.name.lower()
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"WARC/") or name.endswith((".warc", ".warc.gz")):
        return "warc"
    low = head[:2048].lower()
    if head.startswith(b"<") and any(t in low for t in (
            b"<html", b"<!doctype", b"<body", b"<head", b"<div", b"<p", b"<article",
            b"<meta", b"<title")):
        return "html"
    if head.startswith(b"{"):
        first = head.split(b"\n", 1)[0]
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except (ValueError, RecursionError):
            if name.endswith((".jsonl", ".ndjson", ".json", ".jsonl.gz")):
                return "jsonl"
    if name.endswith((".jsonl", ".ndjson", ".jsonl.gz")):
        return "jsonl"
    if name.endswith((".html", ".htm", ".html.gz", ".htm.gz", ".xhtml")):
        return "html"
    return "text"



__all__ = ["FORMATS", "decode", "gunzip", "gunzip_members", "legacy_encoding", "looks_binary",
           "read_bytes", "shown", "sniff", "unpack", "utf16_without_bom"]
