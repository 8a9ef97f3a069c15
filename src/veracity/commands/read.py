"""``veracity read FILE``: print the reader's analysis of one page, storing nothing."""

from __future__ import annotations

import argparse
import io
import sys
from typing import TextIO

from veracity.commands._common import add_format, add_language, print_json, settings_from
from veracity.errors import UsageError
from veracity.ingest.language import detect, is_read, language_name, not_read_note
from veracity.read import READER_VERSION, read_document
from veracity.read.timex import parse_date
from veracity.read.types import Analysis, Event
from veracity.render.terminal import terminal_safe


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("read", help="read one file (HTML or pasted page text) and print its "
                       "events, who asserts or denies each, and when; stores nothing")
    p.add_argument("file", metavar="FILE", help="an HTML page or a text file")
    p.add_argument("--published", metavar="DATE",
                   help="publication date (YYYY-MM-DD) for relative times such as "
                        "'last Thursday'; without it they stay unresolved")
    p.add_argument("--source", metavar="NAME", help="outlet name (the author's voice)")
    add_language(p, "the page")
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from veracity.ingest import extract_file  # ingest is heavier; import on use

    if args.published and parse_date(args.published) is None:
        raise UsageError(f"--published {args.published!r}: expected a date as YYYY-MM-DD")
    settings = settings_from(args)
    docs = extract_file(args.file, published=args.published, source=args.source,
                        max_bytes=settings.max_bytes)
    doc = docs[0]
    language = args.language or detect(doc.text, doc.title)
    if language is not None and not is_read(language):  # as ingest does: not read
        analysis = Analysis(events=(), reader_version=READER_VERSION,
                            notes=(not_read_note(language),))
    else:
        analysis = read_document(doc, max_chars=settings.read_max_chars,
                                 max_events=settings.max_events)
    if args.format == "json":
        print_json({"title": doc.title, "source": doc.source, "published": doc.published,
                    "language": language, **analysis.to_dict()})
    else:
        out = io.StringIO()
        write_text(analysis, out, title=doc.title, published=doc.published,
                   language=language)
        sys.stdout.write(terminal_safe(out.getvalue()))
    return 0


def _event_block(e: Event) -> list[str]:
    where = f" caption {e.caption}" if e.caption is not None else ""
    who = ", ".join(e.participants) or "-"
    lines = [f"{e.id}  {e.predicate} [{e.cls}]  {who}"]
    time = e.time or ("unresolved" if not e.time_resolved else "-")
    if e.time_text:
        time += f" ({e.time_text!r})"
    extra = f"  place: {e.place}" if e.place else ""
    if e.factuality is not None:
        extra += f"  factuality: {e.factuality:+.2f}"
    lines.append(f"    time: {time}  modality: {e.modality}  polarity: {e.polarity}{extra}")
    lines.append(f"    quote{where} [{e.start}:{e.end}]: {e.quote}")
    for s in e.stances:
        cue = f'  cue "{s.cue}"' if s.cue else ""
        hand = "  first-hand" if s.first_hand else ""
        lines.append(f"    - {s.source}: {s.stance}{cue}{hand}")
    return lines


def write_text(a: Analysis, out: TextIO, *, title: str | None = None,
               published: str | None = None, language: str | None = None) -> None:
    """Readable analysis: one block per event with its stances."""
    if title:
        q = "  (a question: asserts nothing)" if title.rstrip().endswith("?") else ""
        out.write(f"title: {title}{q}\n")
    lang = f"{language_name(language)} ({language})" if language else "undetermined"
    out.write(f"published: {published or 'unknown'}   language: {lang}   "
              f"reader: {a.reader_version}\n\n")
    for e in a.events:
        out.write("\n".join(_event_block(e)) + "\n\n")
    for note in a.notes:
        out.write(f"note: {note}\n")
