"""``veracity bench reading --db STORE``: what the reader found in a store's
articles, where no gold annotation exists.

For pages nobody annotated (the 181 real news pages of an extraction corpus,
a user's own archive) the reader can still be judged by what it fills in:
how many events a page gives, how many of them know who acted (an agent) or
anyone at all (a participant), named or only described, a time or a place, how many attributions a
page has, and which languages the documents are in.  A change that reads
participants better moves these shares; a change that reads noise as events
moves the events per page.  Only articles are counted (not teasers), copies
once, each by its stored analysis.
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from veracity.commands._common import add_db, add_format, existing_store, print_json, settings_from
from veracity.errors import UsageError
from veracity.store.base import Store

# Documents are fetched from the store this many at a time.
PAGE = 200


def _share(n: int, total: int) -> float:
    return round(n / total, 4) if total else 0.0


def measure(store: Store) -> dict[str, Any]:
    """Counts over every stored article (copies left out) and its analysis."""
    languages: Counter[str] = Counter()
    articles = read = events = attributions = 0
    agent = participant = named_agent = named = timed = placed = 0
    offset = 0
    while True:
        page = store.documents(limit=PAGE, offset=offset, kind="article")
        if not page:
            break
        offset += len(page)
        for sd in page:
            if sd.copy_of is not None:
                continue
            articles += 1
            languages[sd.doc.language or "unknown"] += 1
            analysis = store.analysis(sd.id)
            if analysis is None:
                continue
            read += 1
            events += len(analysis.events)
            attributions += len(analysis.attributions)
            for e in analysis.events:
                agent += e.agent is not None
                participant += bool(e.agent or e.patient or e.participants)
                # Named: resolved to a person, organisation or place the
                # document names ("Regulators" is an agent, not a named one).
                named_agent += e.agent is not None and e.agent in e.participants
                named += bool(e.participants)
                timed += e.time is not None
                placed += e.place is not None
    return {
        "articles": articles, "read": read, "events": events,
        "events_per_article": round(events / read, 2) if read else 0.0,
        "attributions_per_article": round(attributions / read, 2) if read else 0.0,
        "with_agent": _share(agent, events), "with_participant": _share(participant, events),
        "with_named_agent": _share(named_agent, events),
        "with_named_participant": _share(named, events),
        "with_time": _share(timed, events), "with_place": _share(placed, events),
        "languages": {k: _share(n, articles) for k, n in languages.most_common()},
    }


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("reading", help="what the reader found in a store's articles: events "
                       "per article, shares with an agent, a participant, a time, a place; "
                       "articles by language")
    add_db(p)
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if args.db is None and settings.db is None:
        raise UsageError("--db FILE is required: the store to count")
    with existing_store(settings) as store:
        r = measure(store)
    if args.format == "json":
        print_json(r)
        return 0
    print(f"{r['articles']} articles ({r['read']} read): {r['events_per_article']} events and "
          f"{r['attributions_per_article']} attributions per article read")
    print(f"events with an agent {r['with_agent']:.1%} (named {r['with_named_agent']:.1%}), "
          f"any participant {r['with_participant']:.1%} (named "
          f"{r['with_named_participant']:.1%}), a time {r['with_time']:.1%}, a place "
          f"{r['with_place']:.1%}")
    print("languages: " + ", ".join(f"{k} {v:.1%}" for k, v in r["languages"].items()))
    return 0
