"""Starting and stopping server processes on loopback: used by ``make bench`` and by the tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Dict, Optional, Sequence

from bot.tools.launch import DEPENDENCY_ENV

# Quiet, offline defaults for every Rasa process we start (the dependencies' settings are bot.tools.launch's).
QUIET_ENV = {"PYTHONWARNINGS": "ignore", **DEPENDENCY_ENV}


def free_port() -> int:
    """Return a TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, timeout: float = 180.0) -> None:
    """Wait until ``url`` answers, or fail if the process exits or the time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server for {url} exited early with {proc.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


class Server:
    """A subprocess in its own process group with its own log file, stopped with SIGTERM (then SIGKILL)."""

    def __init__(self, args: Sequence[str], log: Path, env: Optional[Dict[str, str]] = None, cwd: Optional[Path] = None):
        from bot.settings import PROJECT_ROOT

        self.log = log
        self._fh = open(log, "wb")
        full_env = {**os.environ, **QUIET_ENV, **(env or {})}
        self.proc = subprocess.Popen(list(args), cwd=cwd or PROJECT_ROOT, stdout=self._fh, stderr=subprocess.STDOUT,
                                     env=full_env, start_new_session=True)

    def stop(self) -> None:
        """Stop the process group and close the log."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._fh.close()
