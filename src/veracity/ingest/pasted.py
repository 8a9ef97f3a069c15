"""Page text pasted from a browser: split headline, captions, credits and bylines,
the article, and "More from ..." teaser blocks.

The rules are general, read off how news pages print:

* a photo caption is a descriptive line followed by a credit line, or printed
  twice in a row (many pages print the caption once for the image alt text and
  once below it);
* a credit line names an agency and a photographer ("REUTERS/Carlos Barria",
  "Matrix Image/Joseph Zahui", "AP Photo/Jane Doe", "Photo: Getty Images"); a
  lone personal name on its own line is a byline;
* a related block starts at a short line such as "More from GZERO Media",
  "Related", "Read more", "Recommended", "Most popular"; every paragraph after
  it is a teaser of another article, and captions in the block illustrate the
  teaser that follows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from veracity.ingest.dates import caption_date
from veracity.types import Caption, Document

# "REUTERS/Carlos Barria", "Matrix Image/Joseph Zahui", "AP Photo/Evan Vucci",
# "Reuters/Liesa Johannssen": an agency, a slash, a name; at most ~8 words.
_CREDIT_SLASH = re.compile(r"^[A-Z][\w&.'’ -]{1,40}\s?/\s?[A-Z][\w.'’ -]{1,50}$")
# "Photo: ...", "Photograph by ...", "(Photo by X/Getty Images)", "Getty Images".
_CREDIT_WORDS = re.compile(
    r"^\(?\s*(photo|photograph|image|picture|credit|illustration)s?\b.{0,80}$|"
    r"^.{0,60}\b(getty images|afp|associated press|shutterstock|reuters|ap photo|epa)\)?$",
    re.IGNORECASE)
_NAME_WORD = r"[A-Z][a-z’'-]+|[A-Z]\.|[A-Z][a-z]*[A-Z][a-z]+"
# A lone personal name: two to four capitalised words, nothing else.
_LONE_NAME = re.compile(
    rf"^(?:By\s+)?(?:{_NAME_WORD})(?:\s+(?:{_NAME_WORD}|de|van|von|al|bin)){{1,3}}$")
_RELATED = re.compile(
    r"^(more (from|on|in|stories|news|articles)\b.*|"
    r"related( (stories|articles|content|news|coverage))?|"
    r"read (more|next|also)|recommended( for you)?|you (may|might) (also )?like.*|"
    r"most (popular|read)|also (read|on)\b.*|trending( now)?|top stories|see also|"
    r"latest (news|stories)|editor'?s picks|what to read next)\s*:?$",
    re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…\"”’)]$")


def is_credit(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 90 or s.endswith((".", "?", "!")) and not s.endswith("Inc."):
        return False
    return bool(_CREDIT_SLASH.match(s) or _CREDIT_WORDS.match(s))


def is_lone_name(line: str) -> bool:
    return bool(_LONE_NAME.match(line.strip()))


def is_related_heading(line: str) -> bool:
    s = line.strip()
    return len(s) < 80 and bool(_RELATED.match(s))


def _words(s: str) -> int:
    return len(s.split())


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


@dataclass
class _Item:
    """A stretch of the page: paragraphs with the captions that go with them."""

    paragraphs: list[str] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Line:
    text: str
    blank_before: bool


def _lines(text: str) -> list[Line]:
    out: list[Line] = []
    blank = True
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        s = " ".join(raw.split())
        if not s:
            blank = True
            continue
        out.append(Line(s, blank))
        blank = False
    return out


def classify(lines: list[Line]) -> list[tuple[str, str]]:
    """Label each line: caption, credit, byline, related, or text.

    Repeated captions collapse into one; other exact repeats are kept (the
    caller drops repeated teasers).
    """
    labels: list[tuple[str, str]] = []
    i = 0
    n = len(lines)
    while i < n:
        s = lines[i].text
        nxt = lines[i + 1].text if i + 1 < n else ""
        if is_related_heading(s):
            labels.append(("related", s))
        elif is_credit(s):
            labels.append(("credit", s))
        elif is_lone_name(s) and _words(s) <= 5:
            labels.append(("byline", s))
        elif _words(s) >= 6 and nxt == s and not is_credit(s):
            # A line printed twice in a row is a caption (image alt + caption);
            # if a credit follows, the credit is picked up on the next turn.
            labels.append(("caption", s))
            i += 1
        elif _words(s) >= 4 and nxt and is_credit(nxt):
            labels.append(("caption", s))
        else:
            labels.append(("text", s))
        i += 1
    return labels


def split_page(text: str, *, published: str | None = None, source: str | None = None,
               url: str | None = None, origin: str | None = None) -> Document:
    """Turn pasted page text into the article document, its teasers attached."""
    labels = classify(_lines(text))
    title: str | None = None
    # The headline: the first text line when it is short and does not read as
    # a sentence of running prose (no final full stop), or ends with "?".
    for idx, (kind, s) in enumerate(labels):
        if kind == "text":
            if _words(s) <= 25 and (not s.endswith(".") or s.endswith("?")) and \
                    idx + 1 < len(labels):
                title = s
                labels = labels[:idx] + labels[idx + 1:]
            break
    main = _Item()
    teasers: list[_Item] = []
    in_related = False
    pending_captions: list[Caption] = []
    pending_bylines: list[str] = []
    seen: set[str] = set()
    for pos, (kind, s) in enumerate(labels):
        if kind == "related":
            in_related = True
            continue
        if kind == "caption":
            credit = None
            if pos + 1 < len(labels) and labels[pos + 1][0] == "credit":
                credit = labels[pos + 1][1]
            pending_captions.append(Caption(text=s, credit=credit, date=caption_date(s)))
            continue
        if kind == "credit":
            continue  # attached to the caption above it, or a stray photo credit
        if kind == "byline":
            pending_bylines.append(s.removeprefix("By ").strip())
            continue
        if not in_related:
            main.paragraphs.append(s)
            main.captions.extend(pending_captions)
            main.bylines.extend(pending_bylines)
        else:
            key = _norm(s)
            if key in seen:  # the same teaser printed twice
                pending_captions, pending_bylines = [], []
                continue
            seen.add(key)
            teasers.append(_Item([s], list(pending_captions), list(pending_bylines)))
        pending_captions, pending_bylines = [], []
    # Captions at the very end of the page have nothing after them to illustrate.
    if pending_captions and not in_related:
        main.captions.extend(pending_captions)
    if not main.paragraphs and title is None:
        # Nothing read as running text: a lone short line taken for a byline
        # or a credit ("Macaulay Culkin Dead") is the text, not lost.
        main.paragraphs = [s for kind, s in labels if kind in ("byline", "credit")]
        main.bylines = []
    teaser_docs = tuple(
        Document(text="\n\n".join(t.paragraphs), title=None, kind="teaser", source=source,
                 author=t.bylines[0] if t.bylines else None, origin=origin,
                 captions=tuple(t.captions), format="text")
        for t in teasers)
    return Document(
        text="\n\n".join(main.paragraphs), title=title, kind="article", source=source,
        url=url, author=main.bylines[0] if main.bylines else None, published=published,
        origin=origin, captions=tuple(_unique(main.captions)), teasers=teaser_docs,
        format="text")


def _unique(captions: list[Caption]) -> list[Caption]:
    seen: set[str] = set()
    out = []
    for c in captions:
        if _norm(c.text) not in seen:
            seen.add(_norm(c.text))
            out.append(c)
    return out
