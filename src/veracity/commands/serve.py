"""``veracity serve``: the web app and HTTP API over the store."""

from __future__ import annotations

import argparse
import os
import sys

from veracity.commands._common import add_db, existing_store, settings_from
from veracity.errors import NoStore, UsageError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "serve", help="web pages and an HTTP API over the store (loopback only by default)",
        description="Serve the question box, verdict and document pages, and the HTTP API "
        "(OpenAPI description at /api/openapi.json). Binds to 127.0.0.1: there is no "
        "authentication, so bind elsewhere only on a network you trust.")
    add_db(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--processes", type=int, default=1, metavar="N",
                   help="server processes (default 1); each answers questions on its own "
                   "core and loads its own language model")
    p.add_argument("--max-bytes", type=int, metavar="N",
                   help="largest upload accepted, in bytes (default 20000000)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.port <= 65535:
        raise UsageError(f"--port {args.port}: not a port number (1-65535)")
    try:
        import uvicorn
    except ImportError as exc:
        raise UsageError("veracity serve needs uvicorn: pip install 'uvicorn==0.54.0'") from exc
    # Imported here, not at the top: every veracity command imports this module
    # to register it, and the web stack is not needed by the others.
    from veracity.web.app import (
        LOOPBACK_HOSTS,
        SERVE_HOST_ENV,
        allowed_hosts_for,
        create_app,
    )

    settings = settings_from(args)
    try:  # serving may add articles, so a new store is made; but say so (a typo?)
        existing_store(settings).close()
    except NoStore:
        print(f"veracity: note: no store at {settings.db_path} yet; serving a new, empty one",
              file=sys.stderr)
    if args.host not in LOOPBACK_HOSTS:
        print(f"veracity: warning: serving on {args.host}, not loopback: anyone who can reach "
              "it can read and add to the store", file=sys.stderr)
    if args.processes < 1:
        raise UsageError(f"--processes {args.processes}: at least 1")
    # Built here even with several processes: a wrong --db fails now, once.
    app = create_app(settings, allowed_hosts=allowed_hosts_for(args.host))
    print(f"veracity: serving {settings.db_path} on http://{args.host}:{args.port}/ "
          f"with {args.processes} process(es) (Ctrl-C to stop)", file=sys.stderr)
    if args.processes == 1:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
        return 0
    # Each process builds its own app from the environment (uvicorn imports it).
    os.environ.update({"VERACITY_DB": settings.db_path,
                       "VERACITY_MAX_BYTES": str(settings.max_bytes),
                       SERVE_HOST_ENV: args.host})
    uvicorn.run("veracity.web.app:app_from_environment", factory=True,
                workers=args.processes, host=args.host, port=args.port, log_level="warning")
    return 0
