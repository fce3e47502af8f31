"""Fixture files served over HTTP on loopback, so URL inputs are real URLs.

The runner downloads URL inputs itself (``ensure_urls_downloaded``, through fsspec), so a
legacy ``predict_by_url`` or a pythonic ``Image(url=...)`` exercises the same download path
as on the platform, only against ``127.0.0.1``.

Shipped files (``legacy_compat/testing/fixtures/``):

* ``cat.png``: 32x24 PNG, an orange shape on blue;
* ``dog.jpg``: 24x32 JPEG, a brown shape on green (a second, different image);
* ``tone.wav``: 0.25 s of 440 Hz, 8 kHz mono 16-bit PCM;
* ``clip.mp4``: 3 KB ISO-BMFF blob (an ``ftyp`` box and a hash-filled ``mdat``; not
  decodable video, which no reference model needs);
* ``hello.txt``: one English sentence.
"""

from __future__ import annotations

import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, List, Optional

__all__ = ["FIXTURES_DIR", "FixtureServer", "fixture_names", "fixture_path"]

FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"


def fixture_names() -> List[str]:
    """The shipped fixture files, sorted."""
    return sorted(p.name for p in FIXTURES_DIR.iterdir() if p.is_file())


def fixture_path(name: str) -> Path:
    """The path of a shipped fixture file; ``KeyError`` naming the known files otherwise."""
    path = FIXTURES_DIR / name
    if "/" in name or "\\" in name or not path.is_file():
        raise KeyError(
            f"no fixture file named {name!r}; the shipped fixtures are: "
            f"{', '.join(fixture_names())}"
        )
    return path


class _QuietHandler(SimpleHTTPRequestHandler):
    # A stuck client must not hold a handler thread for ever.
    timeout = 10

    def log_message(self, format: str, *args: Any) -> None:
        pass


class FixtureServer:
    """A ``ThreadingHTTPServer`` on ``127.0.0.1`` serving :data:`FIXTURES_DIR`.

    Example::

        with FixtureServer() as files:
            files.url("cat.png")  # "http://127.0.0.1:PORT/cat.png"
    """

    def __init__(self) -> None:
        self._server: Optional[ThreadingHTTPServer] = None
        self._thread: Optional[threading.Thread] = None

    def start(self) -> None:
        directory = str(FIXTURES_DIR)

        class Handler(_QuietHandler):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, directory=directory, **kwargs)

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # Join request threads on close, so closing leaves no thread behind.
        server.daemon_threads = False
        server.block_on_close = True
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="legacy-compat-fixture-http",
            daemon=True,
        )
        self._thread.start()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the fixture server is not running; start() it first")
        return int(self._server.server_address[1])

    def url(self, name: str) -> str:
        fixture_path(name)  # a clear error for an unknown name
        return f"http://127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> FixtureServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
