"""Reading raw input safely: size limits, gzip, binary detection, encodings,
and telling the format from the content."""

from __future__ import annotations

import codecs
import json
import os
import re
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

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

# The letters beyond ASCII each language writes, for the languages single-byte
# code pages serve (by charset_normalizer's names for them). A reading whose
# letters are not those of the language its words are in is mojibake: the
# detector scores "déclaré" read as cp775 ("dķclarķ") as French as well as the
# right one, but ķ is no French letter. English borrows the Western accents.
_WESTERN = "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœ"
_ALPHABETS: dict[str, str] = {
    "English": _WESTERN, "French": "àâæçéèêëîïôœùûüÿ", "German": "äöüß",
    "Spanish": "áéíñóúü", "Italian": "àèéìíîòóùú", "Portuguese": "áâãàçéêíóôõú",
    "Dutch": "éëïóöü", "Swedish": "åäöé", "Finnish": "åäöšž", "Danish": "æøåé",
    "Norwegian": "æøåé", "Czech": "áčďéěíňóřšťúůýž", "Slovak": "áäčďéíĺľňóôŕšťúýž",
    "Polish": "ąćęłńóśźż", "Hungarian": "áéíóöőúüű", "Romanian": "ăâîșțşţ",
    "Croatian": "čćđšž", "Slovene": "čćđšž", "Turkish": "çğıöşüâî",
    "Lithuanian": "ąčęėįšųūž", "Estonian": "äõöüšž", "Indonesian": "é",
}
# Scripts written in one code page each, by the first word of a letter's Unicode name.
_SCRIPTS = {"Russian": "CYRILLIC", "Ukrainian": "CYRILLIC", "Bulgarian": "CYRILLIC",
            "Serbian": "CYRILLIC", "Kazakh": "CYRILLIC", "Greek": "GREEK",
            "Hebrew": "HEBREW", "Arabic": "ARABIC", "Farsi": "ARABIC", "Thai": "THAI"}
# Non-letters that are plausible in running text: punctuation, currency, maths,
# other symbols (°, ©), spaces, common fractions. Not superscripts ("B³rger" is
# "Bürger" read as cp775), control or format characters.
_PLAUSIBLE = ("P", "Sc", "Sm", "So", "Zs")

# Below this confidence the decoding is reported as unsure. A single-byte
# reading that another explains as well scores 0.5 at best; one with a letter
# that only it explains ("naïve" against cp1250's "naďve") 0.75. Checked on the
# generated texts of tests/ingest/test_decoding.py (news sentences in English,
# French, German, Czech, Polish and Russian in their Windows or ISO code pages):
# all decode right at 0.75 or more, and the short line with nothing to tell the
# readings apart stays at 0.5.
UNSURE_BELOW = 0.7


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the encoding and how sure the choice is
    (1.0: a byte order mark or valid UTF-8; lower for a guessed single-byte
    encoding whose bytes another encoding reads differently about as well).
    ``rival`` is that other encoding."""

    text: str
    encoding: str
    confidence: float = 1.0
    rival: str | None = None

    @property
    def unsure(self) -> bool:
        return self.confidence < UNSURE_BELOW

    def note(self) -> str:
        """What a user is told about an unsure decoding."""
        rival = f" ({self.rival} would read its accented letters differently)" \
            if self.rival else ""
        return (f"text encoding guessed as {self.encoding} with confidence "
                f"{self.confidence:.2f}{rival}; check the stored text, or convert the "
                "file to UTF-8")


def _misfits(text: str, languages: list[str]) -> tuple[int, int]:
    """(characters beyond ASCII in ``text``, the fewest of them that are neither
    letters of one of ``languages`` nor plausible punctuation and symbols)."""
    chars = [c for c in text if ord(c) > 127]
    fewest = len(chars)
    for lang in languages:
        alphabet = _ALPHABETS.get(lang, "")
        script = _SCRIPTS.get(lang)
        bad = 0
        for c in chars:
            if c.isalpha():
                bad += not (c.lower() in alphabet or (
                    script is not None and unicodedata.name(c, "").startswith(script)))
            else:
                bad += not (unicodedata.category(c).startswith(_PLAUSIBLE) or c in "¼½¾")
        fewest = min(fewest, bad)
    return len(chars), fewest


def legacy_decoding(data: bytes) -> Decoded | None:
    """The single-byte decoding of text that is not UTF-8 (None if nothing
    fits), with its confidence. Among the readings the detector finds least
    messy, the one with the fewest letters foreign to the language of the text
    wins; cp1252 wins ties with the detector's choice."""
    sample = data[:200_000]
    results = list(charset_normalizer.from_bytes(sample))
    if not results:
        return None
    if _SMART_QUOTES & set(sample):
        windows = [m for m in results if set(m.could_be_from_charset) & set(_WINDOWS)]
        results = windows or results
    low = min(m.chaos for m in results)
    tied = [m for m in results if m.chaos <= low + 0.001]
    # Each distinct reading of the bytes, with the encodings that give it.
    readings: dict[str, list[Any]] = {}
    for m in tied:
        readings.setdefault(str(m), []).append(m)
    # The languages the detector finds likeliest in any reading (the words,
    # mostly ASCII, tell them), else every language; each reading is judged by
    # the one that fits it best.
    languages = [lang for lang in dict.fromkeys(lang for m in tied for lang in m.languages[:3])
                 if lang in _ALPHABETS or lang in _SCRIPTS] or [*_ALPHABETS, *_SCRIPTS]
    misfits = {text: _misfits(text, languages) for text in readings}
    fewest = min(bad for _, bad in misfits.values())
    top = max(m.coherence for m in tied)

    def name(text: str) -> str:
        ms = readings[text]
        for m in ms:  # cp1252 where it reads the bytes as well as the top choice
            if "cp1252" in m.could_be_from_charset and m.coherence >= top - 0.001:
                return "cp1252"
        m = max(ms, key=lambda m: m.coherence)
        for enc in _WINDOWS:  # the Windows name of a group that decodes alike
            if enc in m.could_be_from_charset:
                return enc
        return str(m.encoding)

    fitting = [t for t in readings if misfits[t][1] == fewest]
    chosen = next((t for t in fitting if name(t) == "cp1252"), None) or max(
        fitting, key=lambda t: max(m.coherence for m in readings[t]))
    total, bad = misfits[chosen]
    confidence = (1.0 - low) * (1.0 - bad / total if total else 1.0)
    rivals = sorted((t for t in readings if t != chosen), key=lambda t: misfits[t][1])
    if rivals:
        # Each character beyond ASCII that only the chosen reading explains
        # halves the doubt; a rival that explains the text as well leaves 0.5.
        confidence *= 1.0 - 0.5 ** (misfits[rivals[0]][1] - bad + 1)
    return Decoded(data.decode(name(chosen)), name(chosen), round(confidence, 3),
                   name(rivals[0]) if rivals else None)


def legacy_encoding(data: bytes) -> str | None:
    """The single-byte encoding of text that is not UTF-8 (None if nothing fits)."""
    found = legacy_decoding(data)
    return found.encoding if found else None


def decode_text(name: str, data: bytes, declared: str | None = None) -> Decoded:
    """Text from bytes: UTF-8 (with or without BOM) first, then UTF-16 (with or
    without BOM), else the encoding the input ``declared`` (an HTML page's meta
    charset) when its bytes fit it, else the detected single-byte encoding,
    with how sure it is."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(name, f"bad UTF-16 text: {exc.reason}") from exc
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError as exc:
            raise InputError(name, f"looks like UTF-16 but is not: {exc.reason}") from exc
        # The NUL pattern is strong evidence; what is not printable is doubt.
        printable = sum(1 for c in text[:4096] if c.isprintable() or c in "\t\n\r")
        return Decoded(text, utf16, round(printable / max(1, len(text[:4096])), 3))
    if looks_binary(data):
        raise InputError(name, "binary file, not text, HTML, JSON lines or WARC")
    try:
        # Bytes of another encoding are almost never valid UTF-8 by chance.
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if declared is not None and declared != "utf-8":
        try:
            return Decoded(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass  # an input that lies about its charset: detected as any other
    found = legacy_decoding(data)
    if found is None:
        raise InputError(name, "not UTF-8 and no other text encoding fits")
    return found


# The charset an HTML page declares: <meta charset="x"> or the http-equiv
# Content-Type's "charset=x", in its first bytes.
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""",
                           re.IGNORECASE)
# Labels browsers read as another encoding (the WHATWG Encoding Standard).
_BROWSER_LABELS = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                   "us-ascii": "cp1252", "ascii": "cp1252", "iso-8859-9": "cp1254",
                   "tis-620": "cp874", "gb2312": "gb18030", "gbk": "gb18030",
                   "shift-jis": "shift_jis", "x-sjis": "shift_jis"}


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in a meta tag, when Python knows it."""
    m = _META_CHARSET.search(data[:4096])
    if m is None:
        return None
    label = m.group(1).decode("ascii", "replace").lower()
    label = _BROWSER_LABELS.get(label, label)
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    # Bytes-to-bytes codecs ("base64", "rot13") are no text encodings, and no
    # browser reads UTF-7 (a page can hide markup in it).
    if not getattr(info, "_is_text_encoding", True) or info.name == "utf-7":
        return None
    return info.name


def decode_html(name: str, data: bytes) -> Decoded:
    """An HTML page's text: :func:`decode_text` with the charset the page
    declares (:func:`declared_charset`)."""
    return decode_text(name, data, declared_charset(data))


def decode(name: str, data: bytes) -> str:
    """The text of :func:`decode_text`, without the confidence."""
    return decode_text(name, data).text


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



__all__ = ["FORMATS", "Decoded", "decode", "decode_html", "decode_text", "gunzip", "gunzip_members",
           "legacy_decoding", "legacy_encoding", "looks_binary", "read_bytes", "shown", "sniff",
           "unpack", "utf16_without_bom"]
