"""Our extensions of Rasa's internals, fenced in one package and checked against the Rasa version they were written for.

Each one replaces or subclasses something Rasa does not offer as a plug-in point, so each can break silently
on another Rasa release. They live here, and only here:

- ``action_validation``: Rasa's ``RemoteAction._validate_action_result`` (a private method) uses a JSON
  Schema validator built once instead of re-checking the schema on every action call (~25% of server CPU);
- ``tracker_store``: Rasa's ``SQLTrackerStore`` that redacts what it stores, erases a conversation on request,
  rolls long sessions over and flags a failed read or write for the channels (``bot/turn_status.py``);
- ``lock_store``: Rasa's ``RedisLockStore`` whose waiting tickets survive a dead replica.

Installation happens in one place: importing this package runs :func:`install`, which first checks the Rasa
version. Every Rasa server process imports it - ``endpoints.yml`` names ``bot.rasa_ext.tracker_store``
and the REST channel (``bot/channels/rest.py``) imports it for deployments configured with another tracker
store - so the patch is in place before the first action runs. On a Rasa other than the pinned 3.6 line the
import fails loudly, naming what to re-check, instead of running patched code against internals that moved.
"""

from __future__ import annotations

from typing import Optional

SUPPORTED_RASA = "3.6."


class UnsupportedRasaVersion(RuntimeError):
    """Rasa is not the version these extensions were written and tested against."""


def require_supported_rasa(version: Optional[str] = None) -> None:
    """Raise :class:`UnsupportedRasaVersion` unless ``version`` (default: the installed Rasa) is 3.6.x."""
    if version is None:
        import rasa

        version = rasa.__version__
    if not version.startswith(SUPPORTED_RASA):
        raise UnsupportedRasaVersion(
            f"bot.rasa_ext was written for Rasa {SUPPORTED_RASA}x and found Rasa {version}: re-check "
            "RemoteAction._validate_action_result, SQLTrackerStore.save/retrieve and RedisLockStore's ticket "
            "handling against the new release (and their tests in tests/bot/rasa_ext/) before changing SUPPORTED_RASA."
        )


def install() -> None:
    """Check the Rasa version, then put the RemoteAction patch in place (idempotent)."""
    require_supported_rasa()
    from bot.rasa_ext import action_validation

    action_validation.install()


install()
