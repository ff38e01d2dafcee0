"""Quiet start: the terminal shows readiness and errors, not dependencies' deprecation warnings; var/ gets the rest."""

from __future__ import annotations

import subprocess
import warnings

from bot.tools import launch
from bot.tools.processes import wait_http
from bot.settings import PROJECT_ROOT
from tests.servers import VENV_BIN, free_port

DEPENDENCY_FILE = str(PROJECT_ROOT / ".venv" / "lib" / "python3.10" / "site-packages" / "somelib" / "core.py")
OUR_FILE = str(PROJECT_ROOT / "bot" / "widget" / "server.py")


def test_dependency_deprecations_are_not_shown_but_ours_and_other_warnings_are(monkeypatch):
    shown = []
    monkeypatch.setattr(warnings, "showwarning", lambda message, category, *args, **kw: shown.append(category))
    for name in launch.DEPENDENCY_ENV:
        monkeypatch.delenv(name, raising=False)
    launch.quiet_dependencies()
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn_explicit("old API", DeprecationWarning, DEPENDENCY_FILE, 1)
        warnings.warn_explicit("will change", FutureWarning, DEPENDENCY_FILE, 2)
        warnings.warn_explicit("we call an old API", DeprecationWarning, OUR_FILE, 3)
        warnings.warn_explicit("check your config", UserWarning, DEPENDENCY_FILE, 4)
    assert shown == [DeprecationWarning, UserWarning]
    assert all(launch.os.environ[name] == value for name, value in launch.DEPENDENCY_ENV.items())


def run_launch(*args: str) -> subprocess.Popen:
    """Start ``python -m bot.tools.launch ARGS``; its stdout and stderr are what the terminal would show."""
    return subprocess.Popen([str(VENV_BIN / "python"), "-m", "bot.tools.launch", *args], cwd=PROJECT_ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)


def test_a_server_started_quietly_prints_nothing_and_logs_everything(tmp_path):
    log, port = tmp_path / "actions.log", free_port()
    proc = run_launch("--log", str(log), "run", "actions", "--actions", "actions", "-p", str(port))
    try:
        wait_http(f"http://127.0.0.1:{port}/health", proc)
    finally:
        proc.terminate()
        terminal, _ = proc.communicate(timeout=30)
    assert terminal == ""  # without the launcher: a DeprecationWarning from sanic_cors, among others
    assert "Action endpoint is up and running" in log.read_text()
    assert "DeprecationWarning" not in log.read_text()


def test_a_failed_start_shows_the_error_in_one_line_and_where_the_details_are(tmp_path):
    log = tmp_path / "actions.log"
    proc = run_launch("--log", str(log), "run", "actions", "--actions", "no_such_actions_package", "-p", str(free_port()))
    try:
        terminal, _ = proc.communicate(timeout=120)
    finally:
        proc.kill()  # a no-op once it has exited; never leave a server behind if it did not
    assert proc.returncode != 0
    assert "ERROR rasa_sdk.executor: Failed to register package 'no_such_actions_package'" in terminal
    assert f"rasa run stopped (exit 1); see {log}" in terminal
    assert "Traceback" not in terminal and "DeprecationWarning" not in terminal  # one line per error here
    assert "ModuleNotFoundError: No module named 'no_such_actions_package'" in log.read_text()  # the details
