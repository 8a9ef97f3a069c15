"""HTML pages: main text and metadata with trafilatura, the date with htmldate,
photo captions from <figcaption> kept apart from the article."""

from __future__ import annotations

import json
import logging
import re

import lxml.html
import trafilatura
from htmldate import find_date

from veracity.errors import InputError
from veracity.ingest.dates import caption_date
from veracity.ingest.pasted import is_credit
from veracity.types import Caption, Document

# trafilatura and htmldate log every page they find hard; the batch summary
# already says what was skipped and why.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


_WORD = re.compile(r"[^\W\d_]{2,}")


def captions_of(tree: lxml.html.HtmlElement) -> tuple[Caption, ...]:
    out: list[Caption] = []
    seen: set[str] = set()
    for fig in tree.iter("figcaption"):
        credit_el = None
        for el in fig.iter():
            cls = (el.get("class") or "").lower()
            if el is not fig and ("credit" in cls or "copyright" in cls):
                credit_el = el
                break
        credit = " ".join(credit_el.text_content().split()) if credit_el is not None else None
        if credit_el is not None:
            credit_el.drop_tree()
        text = " ".join(fig.text_content().split())
        if credit is None:
            # "… July 7, 2017. REUTERS/Carlos Barria" printed in one caption.
            m = re.search(r"(?:(?<=[.)])|^)\s*([^.]{2,60}/[^.]{2,60})$", text)
            if m and is_credit(m.group(1)):
                credit, text = m.group(1).strip(), text[: m.start(1)].strip()
        if len(text.split()) < 3 or text.casefold() in seen:
            continue
        seen.add(text.casefold())
        out.append(Caption(text=text, credit=credit, date=caption_date(text)))
    return tuple(out)


# Fewest words an extracted article may have; the shortest real news items
# ("Port strike ends after union vote") are longer.
MIN_ARTICLE_WORDS = 4


def extract_html(name: str, html: str, *, url: str | None = None,
                 published: str | None = None, source: str | None = None) -> Document:
    """The article of an HTML page, with its title, author, outlet, date and captions."""
    if not html.strip():
        raise InputError(name, "empty HTML document")
    try:
        raw = trafilatura.extract(html, url=url, output_format="json", with_metadata=True,
                                  include_comments=False, include_tables=True,
                                  deduplicate=False)
    except Exception as exc:  # trafilatura raises assorted lxml/parser errors
        raise InputError(name, f"malformed HTML: {exc}") from exc
    if not raw:
        raise InputError(name, "no article text found in the HTML page")
    meta = json.loads(raw)
    text = (meta.get("text") or "").strip()
    title = meta.get("title") or None
    # trafilatura keeps the <h1> as the first line; the title is stored apart.
    if title and text.startswith(title):
        text = text[len(title):].lstrip()
    words = len(_WORD.findall(text))
    if not words:
        raise InputError(name, "no article text found in the HTML page")
    if words < MIN_ARTICLE_WORDS:
        # What trafilatura keeps of a page of links only ("Home", "News").
        raise InputError(name, f"no article text found in the HTML page (only {words} "
                               "word(s): navigation, not an article)")
    date = published or meta.get("date")
    if not date:
        try:
            date = find_date(html, url=url, extensive_search=False, original_date=True)
        except Exception:  # htmldate gives up on some broken pages; no date then
            date = None
    try:
        captions = captions_of(lxml.html.fromstring(html))
    except (ValueError, lxml.etree.ParserError):
        captions = ()
    return Document(
        text=text, title=title, kind="article",
        source=source or meta.get("sitename") or meta.get("source-hostname")
        or meta.get("hostname") or None,
        url=url or meta.get("source") or meta.get("url") or None,
        author=meta.get("author") or None, published=(date or None) and str(date)[:10],
        origin=name, captions=captions, format="html")
