"""Invented news records for the backfill tests: varied enough that no two are
near-duplicates by chance, with planted copies across shards."""

from __future__ import annotations

import json
import random
from pathlib import Path

FIRST = ["Lena", "Paul", "Mara", "Tomas", "Ines", "Karl", "Sofia", "Ravi", "Nora", "Emil",
         "Alma", "Jonas", "Vera", "Omar", "Lucia", "Hugo", "Petra", "Ivan", "Greta", "Malik"]
LAST = ["Ortiz", "Brandt", "Keller", "Novak", "Silva", "Haas", "Moreau", "Quist", "Duarte",
        "Lindqvist", "Varga", "Okafor", "Pereira", "Sato", "Berger", "Costa", "Falk", "Ibsen"]
PLACES = ["Lisbon", "Vienna", "Oslo", "Prague", "Dublin", "Warsaw", "Tallinn", "Zagreb",
          "Lyon", "Porto", "Graz", "Bergen", "Krakow", "Cork", "Tartu", "Split"]
VERBS = ["met", "thanked", "criticised", "praised", "visited", "called", "sued", "hired"]
THINGS = ["budget", "bridge", "harbour plan", "rail contract", "tax rule", "school reform",
          "water deal", "port lease", "energy bill", "housing fund"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def article(rng: random.Random, n: int) -> dict[str, str]:
    """One record: a title and five sentences with a slot every few words."""
    a, b, c = _person(rng), _person(rng), _person(rng)
    place, other = rng.sample(PLACES, 2)
    thing = rng.choice(THINGS)
    day = rng.choice(DAYS)
    text = (f"{a} {rng.choice(VERBS)} {b} in {place} on {day} about the {thing}. "
            f"{c} said {a} had signed {rng.randint(2, 90)} letters on the {thing} "
            f"before {day}. "
            f"{b} denied that {c} {rng.choice(VERBS)} officials from {other} last week. "
            f"A spokesperson for {a} declined to comment on {rng.randint(100, 999)} "
            f"pages seen by reporters in {place}. "
            f"{c} told the council in {other} that {b} would review the {thing} "
            f"by {rng.choice(DAYS)}, item {n}.")
    return {"title": f"{a} and {b} in {place}", "text": text,
            "published": f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            "source": rng.choice(["Daily Ledger", "Harbour News", "The Courier"])}


def write_shards(folder: Path, shards: int, per_shard: int, seed: int = 7
                 ) -> dict[str, object]:
    """JSON-lines shards in ``folder``; returns what a correct backfill must do:
    the distinct records, the near-duplicate pairs planted across shards (by
    title: copy, original), the exact repeats and the bad lines."""
    rng = random.Random(seed)
    rows: list[list[str]] = [[] for _ in range(shards)]
    originals: list[dict[str, str]] = []
    for s in range(shards):
        for k in range(per_shard):
            rec = article(rng, s * per_shard + k)
            originals.append(rec)
            rows[s].append(json.dumps(rec))
    near: list[tuple[str, str]] = []
    # A copy of a record of shard 0 in each later shard: another headline and a
    # trailer, as a wire story republished.
    for s in range(1, shards):
        src = originals[s * 3]
        copy = dict(src, title=f"Update: {src['title']}",
                    text=src["text"] + " (Wire service.)")
        rows[s].insert(per_shard // 2, json.dumps(copy))
        near.append((copy["title"], src["title"]))
    # The same line twice across shards: one input, stored once.
    rows[-1].append(rows[0][1])
    # Bad lines: malformed JSON and a record with no text.
    rows[1].insert(5, '{"title": "broken", "text": ')
    rows[2].insert(7, json.dumps({"title": "no text here"}))
    paths = []
    for s, lines in enumerate(rows):
        path = folder / f"shard-{s:02d}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    # "repeats": inputs met again (the repeated line), counted as already stored.
    return {"paths": paths, "distinct": len(originals) + len(near), "near": near, "repeats": 1,
            "bad": ["shard-01.jsonl:6", "shard-02.jsonl:8"]}
