"""Running the portal under uvicorn, on a port of the caller's choice or any free one (`--port 0`).

The server binds its socket itself, so it knows the port before uvicorn starts, and prints its URL as the FIRST
LINE of stdout only once uvicorn listens: a parent process (a test fixture, `studio portal serve`) reads that
line to learn where to connect and that it may. Nothing else is written to stdout; uvicorn logs to stderr.
With `exit_with_stdin`, the server also stops when its standard input closes, which is how a parent that dies
without cleaning up (killed, or timed out) still takes its server with it.
"""

from __future__ import annotations

import copy
import socket
import sys
import threading
from pathlib import Path
from typing import Any

import uvicorn
import uvicorn.config

from reference_portal.app import create_app


class _AnnouncingServer(uvicorn.Server):
    """A uvicorn server that prints its URL once it listens."""

    def __init__(self, config: uvicorn.Config, url: str) -> None:
        super().__init__(config)
        self.url = url

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            print(self.url, flush=True)


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    # A server restarted on its port (tests do) must not wait for the old connections' TIME_WAIT to pass.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def _log_config() -> dict[str, Any]:
    """uvicorn's logging with the access log moved to stderr: stdout carries the URL line and nothing else (a
    parent that reads only that line would otherwise see its pipe fill up and the server block on a write)."""
    config: dict[str, Any] = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    return config


def url_of(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def serve(*, host: str, port: int, data_dir: Path, with_faults: bool, log_level: str = "warning",
          exit_with_stdin: bool = False) -> None:
    """Serve the portal until interrupted (SIGINT/SIGTERM), or until stdin closes with `exit_with_stdin`."""
    app = create_app(data_dir, with_faults=with_faults)
    sock = _bind(host, port)
    config = uvicorn.Config(app, log_level=log_level, log_config=_log_config(), proxy_headers=False,
                            server_header=False, lifespan="off", timeout_graceful_shutdown=5)
    server = _AnnouncingServer(config, url_of(host, sock.getsockname()[1]))
    if exit_with_stdin:
        def watch_stdin() -> None:
            for _ in sys.stdin.buffer:
                pass
            server.should_exit = True

        threading.Thread(target=watch_stdin, name="stdin-watch", daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
