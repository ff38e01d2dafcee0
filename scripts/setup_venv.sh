#!/usr/bin/env bash
# Build .venv from CPython 3.10 and install the pinned dependency tree.
# Idempotent: does nothing when .venv already matches requirements.lock.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=.venv/.installed
want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
py=$(scripts/find_python310.sh)
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)'; then
  echo "Creating .venv with $py"
  rm -rf .venv
  "$py" -m venv .venv
fi
# The machine-wide pip constraint file (if any) caps unrelated packages; our lock is authoritative.
export PIP_CONSTRAINT=
.venv/bin/python -m pip install --quiet --disable-pip-version-check "pip==24.0"
echo "Installing pinned dependencies (first run takes a few minutes)..."
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
echo "$want" > "$stamp"
echo "Environment ready: $(.venv/bin/python --version)"
