"""Start Rasa's command line (the bot, the action server, the terminal chat) with a quiet terminal.

Whoever starts the bot needs to see that it is ready, where, and any error - not the screens of
deprecation warnings our pinned dependencies print while they import (pkg_resources, distutils, Click,
pyparsing, SQLAlchemy, TensorFlow...), which nobody here can act on. So, for the process it starts, this:

- sets the environment variables the dependencies read when they are imported (TensorFlow's C++ log
  level, SQLAlchemy's 2.0 notice, Rasa's telemetry) unless the caller set them;
- drops DeprecationWarning, PendingDeprecationWarning and FutureWarning raised in dependencies' code,
  at the one place every warning is shown (``warnings.showwarning``). Filters are not enough: importing
  Sanic inserts ``filterwarnings("once", DeprecationWarning)`` in front of ``PYTHONWARNINGS=ignore``, and
  Rasa's ``filterwarnings("once", UserWarning)`` catches pyparsing's deprecations, which are both. Such
  warnings from our own code (``bot/``, ``actions/``) still show: those we can fix;
- with ``--log FILE``, writes everything the process prints (its log at the usual level, other warnings,
  tracebacks) to FILE and shows on the terminal only log records at ERROR or above, so errors stay
  visible and the full log stays in ``var/``.

    python -m bot.tools.launch --log var/rasa.log run -m models/bot.tar.gz ...    # make run
    python -m bot.tools.launch --log var/shell.log --keep-stdout shell ...        # make shell: stdout is the chat
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import warnings
from pathlib import Path
from typing import Any, List, Optional, TextIO

from bot.settings import PROJECT_ROOT

# Read by the dependencies at import time, so they must be in the environment before Rasa is imported.
DEPENDENCY_ENV = {"TF_CPP_MIN_LOG_LEVEL": "2", "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "RASA_TELEMETRY_ENABLED": "false"}
NOISY_WARNINGS = (DeprecationWarning, PendingDeprecationWarning, FutureWarning)
OUR_CODE = tuple(str(PROJECT_ROOT / folder) + os.sep for folder in ("bot", "actions"))


def is_dependency_deprecation(category: type, filename: str) -> bool:
    """Say whether a warning is a deprecation notice raised outside our own code."""
    return issubclass(category, NOISY_WARNINGS) and not str(filename).startswith(OUR_CODE)


def quiet_dependencies() -> None:
    """Set the dependencies' environment and stop showing their deprecation warnings (ours still show)."""
    for name, value in DEPENDENCY_ENV.items():
        os.environ.setdefault(name, value)
    show = warnings.showwarning

    def show_unless_dependency_deprecation(message: Any, category: type, filename: str, *args: Any, **kwargs: Any) -> None:
        if not is_dependency_deprecation(category, filename):
            show(message, category, filename, *args, **kwargs)

    warnings.showwarning = show_unless_dependency_deprecation


def send_output_to_log(log: Path, keep_stdout: bool, tag: str) -> TextIO:
    """Point this process's stderr (and stdout unless ``keep_stdout``) at ``log``; errors still reach the terminal.

    Returns the terminal stream. A handler on the root logger writes ERROR and CRITICAL records there;
    Rasa's own console handler writes to ``sys.stderr``, now the log, so it does not replace ours.
    """
    terminal = os.fdopen(os.dup(sys.stderr.fileno()), "w", buffering=1, encoding="utf-8", errors="replace")
    log.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    sys.stdout.flush()
    sys.stderr.flush()
    if not keep_stdout:
        os.dup2(fd, sys.stdout.fileno())
    os.dup2(fd, sys.stderr.fileno())
    os.close(fd)
    handler = logging.StreamHandler(terminal)
    handler.setLevel(logging.ERROR)
    handler.setFormatter(OneLineFormatter(f"[{tag}] %(levelname)s %(name)s: %(message)s (details: {log})"))
    logging.getLogger().addHandler(handler)
    return terminal


class OneLineFormatter(logging.Formatter):
    """Formats a record as one line, without its traceback: the terminal gets the error, the log the details."""

    def format(self, record: logging.LogRecord) -> str:
        """Return the record's first line (each handler sets ``record.message`` afresh, so this is safe)."""
        record.message = (record.getMessage().splitlines() or [""])[0]
        return self.formatMessage(record)


def run_rasa(rasa_args: List[str]) -> None:
    """Run Rasa's command line with ``rasa_args`` in this process."""
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *rasa_args]
    rasa_main()


def main(argv: Optional[List[str]] = None) -> int:
    """Parse our options, quiet the dependencies, then run Rasa with the remaining arguments."""
    parser = argparse.ArgumentParser(prog="python -m bot.tools.launch", description=__doc__.splitlines()[0])
    parser.add_argument("--log", type=Path, help="write the full output here; only errors reach the terminal")
    parser.add_argument("--keep-stdout", action="store_true", help="with --log: leave stdout on the terminal (rasa shell)")
    parser.add_argument("rasa_args", nargs=argparse.REMAINDER, help="arguments for the rasa command line")
    args = parser.parse_args(argv)
    quiet_dependencies()
    terminal = send_output_to_log(args.log, args.keep_stdout, args.log.stem) if args.log else sys.stderr
    try:
        run_rasa(args.rasa_args)
    except KeyboardInterrupt:
        return 130
    except Exception:  # noqa: BLE001 - one line on the terminal, the traceback in the log, exit 1
        logging.getLogger(__name__).exception("rasa %s crashed", " ".join(args.rasa_args[:1]))
        return 1
    except SystemExit as exc:
        if exc.code not in (0, None) and args.log:
            terminal.write(f"[{args.log.stem}] rasa {' '.join(args.rasa_args[:1])} stopped (exit {exc.code}); see {args.log}\n")
        raise
    return 0


if __name__ == "__main__":
    sys.exit(main())
