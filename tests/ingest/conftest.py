"""Inputs the ingest tests build."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest


@pytest.fixture
def warc() -> Callable[..., bytes]:
    return make_warc


def make_warc(records: list[tuple[str | None, str]], *, gzip: bool = False) -> bytes:
    """A WARC file of HTML response records (``None`` leaves out WARC-Target-URI)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    for uri, text in records:
        html = (f"<html><head><title>Local news</title></head><body><article><p>{text}</p>"
                f"<p>{text}</p></article></body></html>").encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                protocol="HTTP/1.1")
        rec = writer.create_warc_record(uri or "https://x.example/", "response",
                                        payload=io.BytesIO(html), http_headers=http)
        if uri is None:
            rec.rec_headers.remove_header("WARC-Target-URI")
        writer.write_record(rec)
    return buf.getvalue()
