"""Questions answered in worker threads while the event loop watches their
clients: a question whose client goes away is given up, waiting or running.

Answering is CPU-bound Python, so a question holds a worker thread, not the
event loop; the pool's gate lets ``ask_slots`` of them run at once (a slow
question leaves the other slots to the rest).  The watcher waits for the
client's ``http.disconnect``; it then sets the question's ``gone`` event,
which the gate and every store read check, and interrupts the statement the
question is running, so a long answer stops within one read.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread
from starlette.requests import Request

from veracity.errors import Abandoned
from veracity.web.service import StorePool

log = logging.getLogger("veracity.web")

T = TypeVar("T")


async def attended(request: Request, pool: StorePool,
                   call: Callable[[threading.Event], T]) -> T:
    """``call(gone)`` in a worker thread; ``gone`` is set when the client leaves
    before it returns (``call`` then raises :class:`Abandoned`)."""
    gone = threading.Event()

    async def watch() -> None:
        # The request's body has been read (or it has none): what comes next is
        # the disconnect, when the client closes the connection first.
        while (await request.receive())["type"] != "http.disconnect":
            pass
        gone.set()
        await anyio.to_thread.run_sync(pool.interrupt, gone)

    error: Exception | None = None
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(watch)
        try:
            result = await anyio.to_thread.run_sync(call, gone)
        except Exception as exc:
            # Raised outside the task group, so that it is not wrapped in an
            # exception group and the app's error handlers see it as it is.
            error = exc
        tasks.cancel_scope.cancel()
    if isinstance(error, Abandoned):
        log.info("%s %s: the client went away; its question was given up",
                 request.method, request.url.path)
    if error is not None:
        raise error
    return result
