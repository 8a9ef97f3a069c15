"""``veracity bench serve-load``: concurrent ``POST /api/ask`` against a real server.

Starts ``veracity serve`` on a free loopback port in its own process (or uses
``--url``), waits until it answers, sends one warm-up question (the first ask
loads the language model), then sends ``--requests`` questions with at most
``--concurrency`` in flight, and prints latency percentiles, throughput and the
number of errors. Exit status 1 when any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from veracity.commands._common import add_format, print_json
from veracity.errors import UsageError


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (the value below which q% of requests finished)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def start_server(db: str, port: int, processes: int = 1) -> subprocess.Popen[bytes]:
    if not Path(db).is_file():
        raise UsageError(f"{db}: no such store; ingest articles first (veracity ingest ...)")
    return subprocess.Popen(
        [sys.executable, "-m", "veracity", "serve", "--db", db, "--host", "127.0.0.1",
         "--port", str(port), "--processes", str(processes)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(os.environ))


async def wait_ready(client: Any, url: str, proc: subprocess.Popen[bytes] | None,
                     timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if proc is not None and proc.poll() is not None:
            err = (proc.stderr.read() if proc.stderr else b"").decode(errors="replace")
            raise UsageError(f"the server exited ({proc.returncode}): {err.strip()[-500:]}")
        try:
            r = await client.get(f"{url}/api/documents", params={"limit": 1})
            if r.status_code == 200:
                return
        except Exception:  # not listening yet: httpx raises ConnectError and friends
            pass
        if time.monotonic() > deadline:
            raise UsageError(f"the server at {url} did not answer within {timeout:.0f} s")
        await asyncio.sleep(0.1)


async def load(url: str, question: str, requests: int, concurrency: int,
               proc: subprocess.Popen[bytes] | None, processes: int = 1) -> dict[str, Any]:
    import httpx

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=300.0) as client:
        await wait_ready(client, url, proc)
        t0 = time.perf_counter()
        # Each server process loads its language model on its first question:
        # a warm-up round that likely reaches every process keeps that out of
        # the figures.
        warm_round = await asyncio.gather(*(
            client.post(f"{url}/api/ask", json={"question": question})
            for _ in range(2 * processes - 1)))
        warm = warm_round[0]
        warmup_s = time.perf_counter() - t0
        if warm.status_code != 200:
            raise UsageError(f"the warm-up question failed ({warm.status_code}): "
                             f"{warm.text[:300]}")
        verdict = warm.json().get("verdict")
        gate = asyncio.Semaphore(concurrency)
        latencies: list[float] = []
        errors: list[str] = []

        async def one() -> None:
            async with gate:
                start = time.perf_counter()
                try:
                    r = await client.post(f"{url}/api/ask", json={"question": question})
                    ok = r.status_code == 200 and r.json().get("verdict") == verdict
                    if not ok:
                        errors.append(f"{r.status_code}: {r.text[:200]}")
                except httpx.HTTPError as exc:
                    errors.append(f"{type(exc).__name__}: {exc}")
                latencies.append(time.perf_counter() - start)

        t0 = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(requests)))
        wall = time.perf_counter() - t0
    ms = [1000 * x for x in latencies]
    return {
        "url": url, "question": question, "verdict": verdict, "requests": requests,
        "processes": processes,
        "concurrency": concurrency, "errors": len(errors), "error_samples": errors[:5],
        "warmup_ms": 1000 * warmup_s, "p50_ms": percentile(ms, 50),
        "p95_ms": percentile(ms, 95), "p99_ms": percentile(ms, 99), "max_ms": max(ms),
        "requests_per_s": requests / wall, "wall_s": wall,
    }


def run_benchmark(db: str | None, url: str | None, question: str, requests: int,
                  concurrency: int, processes: int = 1) -> dict[str, Any]:
    if concurrency < 1 or requests < 1:
        raise UsageError("--concurrency and --requests must be at least 1")
    proc = None
    if url is None:
        if not db:
            raise UsageError("give --db FILE (a store to serve) or --url of a running server")
        port = free_port()
        proc = start_server(db, port, processes)
        url = f"http://127.0.0.1:{port}"
    try:
        return asyncio.run(load(url.rstrip("/"), question, requests, concurrency, proc,
                                processes))
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("serve-load", help="concurrent POST /api/ask against a real "
                       "`veracity serve` on loopback: p50/p95 latency and errors")
    p.add_argument("--db", metavar="FILE", help="store to serve (a server is started on a "
                   "free loopback port)")
    p.add_argument("--url", help="use this running server instead (e.g. http://127.0.0.1:8000)")
    p.add_argument("--question", default="Did Trump actually talk to Putin?",
                   help="the question asked every time")
    p.add_argument("--concurrency", type=int, default=50, help="requests in flight (default 50)")
    p.add_argument("--requests", type=int, default=None,
                   help="requests in all (default: 4 x concurrency)")
    p.add_argument("--processes", type=int, default=1,
                   help="server processes of the started server (default 1)")
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    res = run_benchmark(args.db, args.url, args.question,
                        args.requests or 4 * args.concurrency, args.concurrency,
                        args.processes)
    if args.format == "json":
        print_json(res)
    else:
        print(f"{res['requests']} x POST /api/ask, {res['concurrency']} concurrent, "
              f"on {res['url']}: {res['question']!r} -> {res['verdict']}")
        print(f"p50 {res['p50_ms']:.0f} ms  p95 {res['p95_ms']:.0f} ms  "
              f"p99 {res['p99_ms']:.0f} ms  max {res['max_ms']:.0f} ms  "
              f"({res['requests_per_s']:.1f} requests/s; warm-up {res['warmup_ms']:.0f} ms)")
        print(f"errors: {res['errors']}")
        for e in res["error_samples"]:
            print(f"  {e}", file=sys.stderr)
    return 1 if res["errors"] else 0
