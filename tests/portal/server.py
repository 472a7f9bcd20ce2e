"""The real reference portal in a child process, for tests: `running_portal(data_dir, faults=...)`.

    from tests.portal.server import running_portal

    with running_portal(tmp_path / "portal", faults=True) as portal:
        token = portal.token("content:read", "content:write", name="studio")
        requests.get(f"{portal.url}/v1/capabilities", headers={"Authorization": f"Bearer {token}"}, timeout=10)
        portal.fault(method="POST", path="/v1/releases", fault="commit_then_drop")
        portal.requests_seen()        # {"POST /v1/releases": 1, ...}
        portal.kill()                 # SIGKILL, as a crash would
        portal.start()                # again, on the same port and data folder

What you get (`Portal`):

- `url`: `http://127.0.0.1:<port>`, a free port chosen by the server (`serve --port 0`), which prints it as the
  first line of its stdout once it listens; the fixture waits for that line, so the server answers at once.
- `token(*scopes, name="studio", expires_in=None) -> str`: a new token from `python -m reference_portal token`
  on the same data folder (`expires_in=0` gives one already expired). Tokens stay valid across restarts.
- `fault(**spec) -> dict`, `clear_faults()`, `requests_seen() -> dict[str, int]`, `clear_requests()`: the
  `/_faults` and `/_requests` routes (need `faults=True`). A spec is `method` ("GET", "PUT", "POST", "DELETE",
  "*"), `path` (a prefix), `fault` ("status", "slow", "reset", "commit_then_drop"), and as needed `status`,
  `retry_after`, `seconds`, `times` (default 1; None for every request).
- `kill()` (SIGKILL), `stop()` (graceful), `start()` (again on the same port), `running`, and `log()`: what the
  server wrote on stderr, which a failing start includes in its error.

The child runs `sys.executable -m reference_portal serve --exit-with-stdin` with the repository root on its
PYTHONPATH (set only in the child's environment): it also stops when this process dies and its stdin closes, so
no server outlives a killed or timed-out test run. Leaving the `with` block always stops it and closes its pipes.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import requests

REPO_ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0


def portal_env() -> dict[str, str]:
    """The environment of a child running `python -m reference_portal`: ours, with the repository importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def portal_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "reference_portal", *args]


def make_token(data_dir: Path, *scopes: str, name: str = "studio", expires_in: float | None = None) -> str:
    """Run the `token` command on `data_dir` and return what it printed (the token alone)."""
    args = ["token", "--data", str(data_dir), "--name", name]
    for scope in scopes:
        args += ["--scope", scope]
    if expires_in is not None:
        args += ["--expires-in", str(expires_in)]
    done = subprocess.run(portal_command(*args), capture_output=True, text=True, env=portal_env(),
                          timeout=60, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"reference_portal token failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout.strip()


class Portal:
    """A reference portal running in a child process; see the module docstring."""

    def __init__(self, data_dir: Path, *, faults: bool, host: str = "127.0.0.1") -> None:
        self.data_dir = data_dir
        self.faults = faults
        self.host = host
        self.port = 0  # chosen by the first start, kept by the next ones
        self.url = ""
        self._process: subprocess.Popen[str] | None = None
        self._log: IO[bytes] | None = None

    # --- the process ---------------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Start the server (on the port of the previous start, if any) and wait until it listens."""
        if self.running:
            raise RuntimeError("the portal is running already")
        self._close()
        args = ["serve", "--host", self.host, "--port", str(self.port), "--data", str(self.data_dir),
                "--exit-with-stdin", "--log-level", "info"]
        if self.faults:
            args.append("--faults")
        # Kept open while the server runs (its stderr), closed by _close: no `with` can span that.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115
        self._process = subprocess.Popen(portal_command(*args), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=self._log, text=True, env=portal_env())
        first_line = self._first_line(self._process, START_TIMEOUT)
        if not first_line.startswith("http://"):
            self.kill()
            raise RuntimeError(f"the portal did not start (it printed {first_line!r}):\n{self.log()}")
        self.url = first_line.strip()
        self.port = int(self.url.rsplit(":", 1)[1])

    @staticmethod
    def _first_line(process: subprocess.Popen[str], timeout: float) -> str:
        # A thread reads, so that a server that never prints cannot hang the test past `timeout`.
        lines: queue.Queue[str] = queue.Queue()
        assert process.stdout is not None
        stdout = process.stdout
        reader = threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True)
        reader.start()
        try:
            return lines.get(timeout=timeout)
        except queue.Empty:
            return ""

    def stop(self) -> None:
        """Stop the server gracefully (closing its stdin), killing it if it does not stop in time."""
        process = self._process
        if process is None:
            return
        if process.poll() is None:
            assert process.stdin is not None
            process.stdin.close()
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(STOP_TIMEOUT)
        self._close_pipes()

    def kill(self) -> None:
        """Kill the server at once (SIGKILL), as a crash or a power cut would."""
        process = self._process
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait(STOP_TIMEOUT)
        self._close_pipes()

    def _close_pipes(self) -> None:
        process = self._process
        if process is None:
            return
        for pipe in (process.stdin, process.stdout):
            if pipe is not None and not pipe.closed:
                pipe.close()

    def _close(self) -> None:
        """Forget the stopped process and its log."""
        self._close_pipes()
        self._process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def log(self) -> str:
        """What the server wrote on stderr so far (uvicorn's log, tracebacks)."""
        if self._log is None:
            return ""
        self._log.flush()
        self._log.seek(0)
        text = self._log.read().decode("utf-8", "replace")
        self._log.seek(0, os.SEEK_END)
        return text

    # --- tokens and faults ---------------------------------------------------------------------------------

    def token(self, *scopes: str, name: str = "studio", expires_in: float | None = None) -> str:
        """A new token for `name` holding `scopes` (all three if none are named)."""
        wanted = scopes or ("content:read", "content:write", "release:create")
        return make_token(self.data_dir, *wanted, name=name, expires_in=expires_in)

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        if not self.faults:
            raise RuntimeError("start the portal with faults=True to use /_faults and /_requests")
        answer = requests.request(method, self.url + path, json=body, timeout=10)
        answer.raise_for_status()
        return answer.json() if answer.content else None

    def fault(self, **spec: Any) -> dict[str, Any]:
        """Queue a fault (see faults.py of reference_portal); returns it as the server stored it."""
        result: dict[str, Any] = self._call("POST", "/_faults", spec)
        return result

    def clear_faults(self) -> None:
        self._call("DELETE", "/_faults")

    def requests_seen(self) -> dict[str, int]:
        """Requests seen since the start (or `clear_requests`), per `METHOD /route/{template}`."""
        counts: dict[str, int] = self._call("GET", "/_requests")["counts"]
        return counts

    def clear_requests(self) -> None:
        self._call("DELETE", "/_requests")


@contextmanager
def running_portal(data_dir: Path, *, faults: bool = False) -> Iterator[Portal]:
    """A reference portal serving `data_dir` on 127.0.0.1 for the `with` block; always stopped at its end."""
    portal = Portal(data_dir, faults=faults)
    try:
        portal.start()
        yield portal
    finally:
        portal.stop()
        portal._close()
