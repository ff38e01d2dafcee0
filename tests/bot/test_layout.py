"""`bot/` is grouped by role: a new module goes into one of the role packages, not next to them."""

from pathlib import Path

import bot

BOT = Path(bot.__file__).parent
ROLE_PACKAGES = {"nlu", "rasa_ext", "safety", "flows", "content", "channels", "widget", "privacy", "tools", "staff"}
SHARED_MODULES = {"__init__.py", "__main__.py", "cli.py", "settings.py", "turn_status.py"}


def test_bot_holds_only_role_packages_and_the_shared_modules():
    packages = {p.name for p in BOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    modules = {p.name for p in BOT.glob("*.py")}
    assert packages == ROLE_PACKAGES
    assert modules == SHARED_MODULES


def test_every_role_is_described_in_the_package_docstring():
    for name in ROLE_PACKAGES:
        assert f"``{name}``" in bot.__doc__, name


def test_tests_mirror_the_roles():
    tests = Path(__file__).parent
    assert {p.name for p in tests.iterdir() if p.is_dir() and (p / "__init__.py").exists()} >= ROLE_PACKAGES
