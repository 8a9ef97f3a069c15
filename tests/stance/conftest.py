"""A tiny synthetic FNC-1-style data set and a model trained on it, so the
stance tests need neither ../shared nor the shipped artefact."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

TOPICS = [
    ("Mayor Ellison resigned from office in Carrow", "mayor", "ellison", "resigned", "carrow"),
    ("A meteorite crashed near the airport in Dunmore", "meteorite", "crashed", "airport",
     "dunmore"),
    ("Singer Lyra Voss cancelled her tour of Brenland", "singer", "voss", "cancelled", "tour"),
    ("Fishermen caught a giant squid off Kell island", "squid", "fishermen", "kell", "giant"),
    ("The Orvia bank was hacked by criminals", "orvia", "bank", "hacked", "criminals"),
    ("A tiger escaped from the Fenwick zoo", "tiger", "escaped", "fenwick", "zoo"),
    ("The Talmar bridge collapsed after storms", "talmar", "bridge", "collapsed", "storms"),
    ("Actor Ben Marsh died in a car crash", "actor", "marsh", "died", "crash"),
]
FILLER = ["The weather was mild on the day.", "Local residents gathered in the square.",
          "Traffic was heavy in the morning.", "The council meets again next month.",
          "Prices at the market were stable."]


def body_for(topic: tuple[str, ...], stance: str, rng: random.Random) -> str:
    claim, *words = topic
    w = " ".join(words)
    lines = {
        "agree": [f"Officials confirmed that {claim.lower()}.",
                  f"Witnesses saw it happen and the {words[0]} story is true.",
                  f"Photos of the {w} were verified by the police."],
        "disagree": [f"Officials denied reports that {claim.lower()}.",
                     f"The {words[0]} story is a hoax and completely false.",
                     f"A spokesman dismissed the {w} claims as fake news, not true."],
        "discuss": [f"Reports claim that {claim.lower()}, but this could not be verified.",
                    f"The {words[0]} story allegedly started on social media.",
                    f"According to unconfirmed sources the {w} may have happened."],
        "unrelated": [],
    }[stance]
    sents = lines + rng.sample(FILLER, 3)
    rng.shuffle(sents)
    return " ".join(sents)


def synthetic(seed: int = 0, per_topic: int = 3) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Bodies and pairs: each body takes one stance toward its topic's claim and
    is unrelated to the other topics' claims."""
    rng = random.Random(seed)
    bodies: dict[str, str] = {}
    rows: list[dict[str, str]] = []
    n = 0
    for t, topic in enumerate(TOPICS):
        for stance in ("agree", "disagree", "discuss"):
            for _ in range(per_topic):
                bid = str(n)
                n += 1
                bodies[bid] = body_for(topic, stance, rng)
                rows.append({"Headline": topic[0], "Body ID": bid, "Stance": stance})
                other = TOPICS[(t + 1 + rng.randrange(len(TOPICS) - 1)) % len(TOPICS)]
                rows.append({"Headline": other[0], "Body ID": bid, "Stance": "unrelated"})
    return bodies, rows


def write_fnc(folder: Path, bodies: dict[str, str], rows: list[dict[str, str]],
              bodies_name: str = "train_bodies.csv",
              stances_name: str = "train_stances.csv") -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    bp, sp = folder / bodies_name, folder / stances_name
    with open(bp, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Body ID", "articleBody"])
        for k, v in bodies.items():
            w.writerow([k, v])
    with open(sp, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["Headline", "Body ID", "Stance"])
        w.writeheader()
        w.writerows(rows)
    return bp, sp


# Boosting rounds for the tiny model: enough to separate the synthetic
# classes, few enough to train in about a second.
TINY_ITER = 20


@pytest.fixture(scope="session")
def tiny_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fnc1")
    write_fnc(folder, *synthetic())
    return folder


@pytest.fixture(scope="session")
def tiny_model_path(tiny_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from veracity.stance.score import read_bodies, read_stances
    from veracity.stance.train import train_stance

    model, _ = train_stance(read_bodies(tiny_data / "train_bodies.csv"),
                            read_stances(tiny_data / "train_stances.csv"),
                            max_iter=TINY_ITER, source="synthetic")
    path = tmp_path_factory.mktemp("model") / "tiny.npz"
    model.save(path)
    return path
