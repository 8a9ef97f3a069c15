"""One settings object, layered: shipped defaults, then the user's config file
(``$XDG_CONFIG_HOME/veracity/config.toml``, a flat table), then ``VERACITY_*``
environment variables, then command-line flags.

Every setting has a name, a default and a help line here, in one place, so the
CLI help and the README agree (a test checks the README lists them all).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import platformdirs

from veracity.errors import UsageError

APP = "veracity"


def default_db_path() -> str:
    return str(Path(platformdirs.user_data_dir(APP, appauthor=False)) / "veracity.sqlite")


def _version() -> str:
    # Read from the installed package: importing veracity here would make an
    # import circle (veracity -> verify -> settings -> veracity).
    try:
        return version(APP)
    except PackageNotFoundError:
        return "0"


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    db: str | None = _setting(None, "Store: a SQLite file path or a postgresql:// URL "
                              "(default: veracity.sqlite in the per-user XDG data directory).")
    max_bytes: int = _setting(20_000_000, "Largest input file (or record) ingested, in bytes.")
    max_shard_bytes: int = _setting(
        2_000_000_000, "Largest shard `veracity backfill` reads (a JSON-lines or WARC file, "
        "once decompressed), in bytes; each record in it is still held to max_bytes.")
    workers: int = _setting(1, "Processes used by the reader's spaCy pipeline "
                            "(nlp.pipe n_process).")
    batch_size: int = _setting(32, "Documents per spaCy batch and per ingest batch (an "
                               "ingest computing sentence vectors parses its batches 8 "
                               "documents at a time).")
    # Reading costs about 3 MB of memory per 1,000 characters on top of the
    # ~200 MB of the models (300,000 characters peaked at 1.1 GB; measured on
    # examples/corpus repeated, spaCy en_core_web_sm): 200,000 keeps a read
    # under 1 GB and is several times the longest news article.
    read_max_chars: int = _setting(
        200_000, "Characters of a document (and of each caption) the reader reads; the "
        "rest is stored and searchable by text but not read, and a note says so.")
    max_events: int = _setting(
        5_000, "Events kept per document; a note says when more were found.")
    near_duplicate_threshold: float = _setting(
        0.8, "MinHash Jaccard estimate above which two documents are linked as copies.")
    read_on_ingest: bool = _setting(True, "Run the reader on documents as they are ingested.")
    embed_on_ingest: bool = _setting(
        True, "Compute the sentence vectors of documents as they are read (else `ask` "
        "computes those it needs).")
    ask_time_budget: float = _setting(
        10.0, "Seconds `ask` spends checking candidate sentences before it answers from "
        "what it has checked (with a note saying so).")
    # `veracity bench serve-load` (50 concurrent copies of one quick question,
    # the 84 PolNeAR dev articles, 2 shared cores at load 3-4): 1 slot 27.0
    # requests/s, p95 2.2 s; 2 slots 24.0-25.3/s, p95 2.1-2.2 s; 4 slots
    # 20.6/s, p95 2.5 s. Answering is CPU-bound Python under one GIL, so extra
    # slots buy no throughput; but with 1 a slow question held every other one
    # for up to ask_time_budget, and 2 keep a slot free beside it for 6-11 %.
    ask_slots: int = _setting(
        2, "Questions (and article checks) one server process answers at once; the "
        "others wait in arrival order, and a question whose client has gone is given up.")
    # -- fetching pages and feeds (``ingest URL``, ``watch``) ----------------
    user_agent: str = _setting(
        f"veracity/{_version()} (news verification; honours robots.txt)",
        "User-Agent of every request; its first word ('veracity') is the name robots.txt "
        "rules are matched against.")
    fetch_timeout: float = _setting(
        20.0, "Seconds a page, feed or robots.txt may take: to connect, between two reads, "
        "and in all.")
    fetch_delay: float = _setting(
        2.0, "Seconds between two requests to the same host (a robots.txt Crawl-delay, "
        "up to 60, is honoured when longer).")
    fetch_max_redirects: int = _setting(5, "Redirects followed for one URL.")
    allow_private: bool = _setting(
        False, "Fetch from private, loopback, link-local and other non-public addresses "
        "(refused by default, so a page, feed or redirect cannot reach into the local "
        "network).")
    watch_interval: str = _setting(
        "15m", "How often `watch run` polls each feed: seconds, or a number with s, m, h "
        "or d; a failing feed is retried after 1, 2, 4 ... 32 intervals.")
    watch_max_items: int = _setting(
        50, "New items fetched per feed per poll, newest first; the rest wait for the "
        "next poll.")
    alerts_log: str | None = _setting(
        None, "File the alerts of standing questions are appended to, one JSON object a "
        "line (default: beside a SQLite store, FILE.alerts.jsonl; else alerts.jsonl in "
        "the XDG data directory).")
    webhook_timeout: float = _setting(
        10.0, "Seconds a standing question's webhook may take to accept an alert.")

    def __post_init__(self) -> None:
        # A negative limit once let every file through ("--max-bytes -1").
        for name in ("max_bytes", "max_shard_bytes", "workers", "batch_size", "read_max_chars",
                     "max_events", "watch_max_items", "ask_slots"):
            value = getattr(self, name)
            if isinstance(value, int) and value < 1:
                raise UsageError(f"setting {name!r} must be 1 or more, not {value}")
        if not self.ask_time_budget > 0:
            raise UsageError("setting 'ask_time_budget' must be a number of seconds above 0, "
                             f"not {self.ask_time_budget}")
        for name in ("fetch_timeout", "webhook_timeout"):
            if not getattr(self, name) > 0:
                raise UsageError(f"setting {name!r} must be a number of seconds above 0, "
                                 f"not {getattr(self, name)}")
        if not self.fetch_delay >= 0:
            raise UsageError(f"setting 'fetch_delay' must be 0 or more, not {self.fetch_delay}")
        if self.fetch_max_redirects < 0:
            raise UsageError("setting 'fetch_max_redirects' must be 0 or more, not "
                             f"{self.fetch_max_redirects}")
        parse_duration(self.watch_interval, "watch_interval")
        if not self.user_agent.strip():
            raise UsageError("setting 'user_agent' must not be empty: sites and robots.txt "
                             "rules need a name to go by")

    @property
    def db_path(self) -> str:
        return self.db or default_db_path()

    @property
    def alerts_path(self) -> str:
        """Where alerts are appended: the setting, else beside a SQLite store."""
        if self.alerts_log:
            return self.alerts_log
        db = self.db_path
        if db.startswith(("postgresql://", "postgres://")) or db == ":memory:":
            return str(Path(platformdirs.user_data_dir(APP, appauthor=False)) / "alerts.jsonl")
        return str(Path(db.removeprefix("sqlite:///")).expanduser()) + ".alerts.jsonl"

    @property
    def interval_seconds(self) -> float:
        return parse_duration(self.watch_interval, "watch_interval")

    def with_overrides(self, **overrides: Any) -> Settings:
        clean = {k: v for k, v in overrides.items() if v is not None}
        return replace(self, **clean)


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str, what: str = "duration") -> float:
    """Seconds in "90", "30s", "15m", "2h" or "1d"; a UsageError naming ``what``
    for anything else (and for less than a second)."""
    raw = str(text).strip().lower()
    unit = _UNITS.get(raw[-1:], 0) if raw else 0
    number = raw[:-1] if unit else raw
    try:
        seconds = float(number) * (unit or 1)
    except ValueError:
        seconds = float("nan")
    if not seconds >= 1 or seconds == float("inf"):
        raise UsageError(f"{what} {text!r}: expected a number of seconds of at least 1, or "
                         "a number with s, m, h or d (30s, 15m, 2h)")
    return seconds


# Name, default and help of every setting, read off the one definition above.
SETTINGS: tuple[Setting, ...] = tuple(
    Setting(f.name, f.default, f.metadata["help"]) for f in fields(Settings))


_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})
# Smallest value of each numeric setting (the threshold is also at most 1).
_MINIMUM: dict[str, float] = {"max_bytes": 1, "max_shard_bytes": 1, "workers": 1,
                              "batch_size": 1, "near_duplicate_threshold": 0.0,
                              "fetch_delay": 0.0, "fetch_max_redirects": 0,
                              "watch_max_items": 1}


def _coerce(name: str, value: Any) -> Any:
    """A setting's value from TOML or the environment, or a UsageError that says
    what is wrong: "ture" is not read as false, 2.5 workers not as 2."""
    kind = type(getattr(Settings(), name))
    if name in ("db", "alerts_log"):
        return str(value)
    bad = UsageError(f"setting {name!r}: cannot read {value!r} as {kind.__name__}"
                     + (" (true or false)" if kind is bool else ""))
    if kind is bool:
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower() if isinstance(value, str) else None
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        raise bad
    if isinstance(value, bool) or (kind is int and isinstance(value, float)):
        raise bad
    try:
        out = kind(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError) as exc:
        raise bad from exc
    low = _MINIMUM.get(name)
    if low is not None and (out < low or (name == "near_duplicate_threshold" and out > 1)):
        allowed = "between 0 and 1" if name == "near_duplicate_threshold" else f"at least {low:g}"
        raise UsageError(f"setting {name!r}: {value!r} is out of range; it must be {allowed}")
    return out


def config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP, appauthor=False)) / "config.toml"


def load_settings(env: dict[str, str] | None = None, path: Path | None = None) -> Settings:
    """Defaults, then the config file, then the environment."""
    env = dict(os.environ if env is None else env)
    values: dict[str, Any] = {}
    names = {f.name for f in fields(Settings)}
    cfg = path or config_file()
    if cfg.is_file():
        try:
            data = tomllib.loads(cfg.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise UsageError(f"{cfg}: cannot read config file: {exc}") from exc
        for key, value in data.items():
            if key not in names:
                raise UsageError(f"{cfg}: unknown setting {key!r}")
            values[key] = _coerce(key, value)
    for name in names:
        raw = env.get(f"VERACITY_{name.upper()}")
        if raw:
            values[name] = _coerce(name, raw)
    return Settings(**values)
