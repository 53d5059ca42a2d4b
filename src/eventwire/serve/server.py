"""``eventwire serve``: the web UI and JSON API of a store, with uvicorn.

:func:`run` serves until interrupted; :func:`serve_in_thread` serves on a free loopback port in a background
thread (tests, benchmarks) and stops when its block ends. The app itself is :func:`eventwire.api.create_app`.
"""
from __future__ import annotations

import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import StoreError
from ..store.database import Store

__all__ = ["run", "serve_in_thread"]


def _check(db: str | os.PathLike[str]) -> None:
    """Fail early, with the store's own message, when ``db`` is not a readable store."""
    Store(db, read_only=True, lock_timeout=30).count()


def run(db: str | os.PathLike[str], *, host: str = "127.0.0.1", port: int = 8000,
        min_confidence: float | None = None) -> None:
    """Serve the store ``db`` at ``http://host:port/`` until Ctrl+C (loopback only by default); events with a
    confidence below ``min_confidence`` are not shown unless a request asks for them."""
    import uvicorn

    from .api import create_app

    _check(db)
    try:
        sock = _bind(host, port)
    except OSError as exc:
        raise StoreError(f"cannot listen on {host}:{port} ({exc.strerror}): give another --port") from None
    shown = f"[{host}]" if ":" in host else host
    print(f"eventwire: serving {db} at http://{shown}:{sock.getsockname()[1]}/ (Ctrl+C to stop)",
          file=sys.stderr, flush=True)
    config = uvicorn.Config(create_app(db, min_confidence=min_confidence), log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


@contextmanager
def serve_in_thread(db: str | os.PathLike[str], *, host: str = "127.0.0.1",
                    lock_timeout: float = 10.0) -> Iterator[str]:
    """Serve ``db`` on a free port of ``host`` in a daemon thread; yields the base URL; stops on exit."""
    import uvicorn

    from .api import create_app

    sock = _bind(host, 0)
    config = uvicorn.Config(create_app(db, lock_timeout=lock_timeout), log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        if not server.started:
            raise StoreError(f"the server for {db} did not start within 10 s")
        yield f"http://{host}:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(128)
    sock.set_inheritable(True)
    return sock
