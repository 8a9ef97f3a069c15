"""``veracity show DOC_ID``: one document with its captions, teasers and copies."""

from __future__ import annotations

import argparse

from veracity.commands._common import add_db, add_format, existing_store, print_json, settings_from
from veracity.ingest.language import is_read, language_name, not_read_note
from veracity.render.terminal import terminal_safe


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("show", help="print one document with its captions, teasers and copies")
    p.add_argument("doc_id", type=int, metavar="DOC_ID")
    add_db(p)
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    with existing_store(settings) as store:
        s = store.get(args.doc_id)
        teasers = store.children(s.id)
        copies = store.copies(s.id)
        parent = store.get(s.parent_id) if s.parent_id else None
        unread = store.analysis(s.id) is None
    d = s.doc
    note = not_read_note(d.language) if d.language and not is_read(d.language) and unread \
        else None
    if args.format == "json":
        print_json({**s.summary(), "author": d.author, "text": d.text,
                    "captions": [c.__dict__ for c in d.captions],
                    "teasers": [t.summary() for t in teasers],
                    "copies": [c.summary() for c in copies],
                    "notes": [note] if note else []})
        return 0
    out = [f"# {d.heading()}"]
    meta = [f"id {s.id}", d.kind]
    meta += [x for x in (d.source, d.author and f"by {d.author}", d.published, d.url) if x]
    meta.append(f"language: {language_name(d.language)} ({d.language})" if d.language
                else "language: undetermined")
    out.append("  ".join(meta))
    if note:
        out.append(note)
    if parent:
        out.append(f"teaser printed on document {parent.id}: {parent.doc.title or ''}")
    out.append("")
    out.append(d.text)
    for i, c in enumerate(d.captions):
        out.append(f"\n[caption {i}{', ' + c.date if c.date else ''}] {c.text}"
                   + (f" ({c.credit})" if c.credit else ""))
    if teasers:
        out.append("\nteasers:")
        for t in teasers:
            out.append(f"  {t.id:>5}  {t.doc.text[:90]}{'…' if len(t.doc.text) > 90 else ''}")
    if copies:
        out.append("\ncopies:")
        for copy in copies:
            out.append(f"  {copy.id:>5}  {copy.doc.source or '-'}  {copy.doc.title or ''}")
    print(terminal_safe("\n".join(out)))  # stored text must not drive the terminal
    return 0
