"""Settings read from the environment and the config file: malformed values
are errors that name the setting, never a silent default."""

from __future__ import annotations

import pytest

from veracity.errors import UsageError
from veracity.settings import load_settings


def _load(tmp_path, **env):
    return load_settings(env={f"VERACITY_{k.upper()}": v for k, v in env.items()},
                         path=tmp_path / "none.toml")


@pytest.mark.parametrize("name, raw, expected", [
    ("read_on_ingest", "off", False),          # the words of a switch
    ("read_on_ingest", " Yes ", True),         # any case, spaces around
    ("workers", "4", 4),
    ("near_duplicate_threshold", "0.9", 0.9),
    ("watch_interval", "2h", "2h"),
    ("allow_private", "yes", True),
    ("alerts_log", "/tmp/a.jsonl", "/tmp/a.jsonl"),
])
def test_well_formed_values_are_read(tmp_path, name, raw, expected):
    assert getattr(_load(tmp_path, **{name: raw}), name) == expected


@pytest.mark.parametrize("name, raw", [
    ("read_on_ingest", "ture"),                # a typo once read as false
    ("workers", "2.5"),                        # not a whole number
    ("workers", "0"),                          # no process at all
    ("max_bytes", "-1"),
    ("near_duplicate_threshold", "1.5"),       # a Jaccard estimate is at most 1
    ("watch_interval", "soon"),                # not a duration
    ("watch_interval", "0.5s"),                # under a second: a busy loop
    ("fetch_timeout", "0"),                    # a request must get some time
    ("fetch_delay", "-1"),
    ("fetch_max_redirects", "-2"),
    ("user_agent", "   "),                     # sites need a name to go by
])
def test_malformed_values_are_errors_naming_the_setting(tmp_path, name, raw):
    with pytest.raises(UsageError, match=name):
        _load(tmp_path, **{name: raw})


@pytest.mark.parametrize("line", [
    "workers = 2.5",                           # a TOML float for a whole number
    "embed_on_ingest = 1",                     # a number for a switch
])
def test_malformed_config_file_values_are_errors(tmp_path, line):
    cfg = tmp_path / "config.toml"
    cfg.write_text(line + "\n")
    with pytest.raises(UsageError, match=line.split()[0]):
        load_settings(env={}, path=cfg)


@pytest.mark.parametrize("text, seconds", [
    ("90", 90), ("30s", 30), ("15m", 900), ("2h", 7200), ("1d", 86400), (" 1.5M ", 90),
])
def test_durations(text, seconds):
    from veracity.settings import Settings, parse_duration

    assert parse_duration(text) == seconds
    assert Settings(watch_interval=text).interval_seconds == seconds
