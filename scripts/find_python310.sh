#!/usr/bin/env bash
# Print the path of a CPython 3.10 interpreter, or explain how to get one and fail.
# Rasa Open Source 3.6 supports Python 3.8-3.10 only.
set -euo pipefail
candidates=()
[ -n "${PYTHON310:-}" ] && candidates+=("$PYTHON310")
if command -v pyenv >/dev/null 2>&1; then
  while read -r v; do
    candidates+=("$(pyenv root)/versions/$v/bin/python")
  done < <(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.[0-9]+)?$' | sort -V -r)
fi
for d in "$HOME"/.pyenv/versions/3.10.*; do [ -x "$d/bin/python" ] && candidates+=("$d/bin/python"); done
candidates+=(python3.10 python3 python)
for c in "${candidates[@]}"; do
  if p=$(command -v "$c" 2>/dev/null) && "$p" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; then
    echo "$p"; exit 0
  fi
done
cat >&2 <<'MSG'
ERROR: no Python 3.10 interpreter found. Rasa 3.6 runs on Python 3.10 at the newest.
Fix: install one, e.g. `pyenv install 3.10.13` (or your OS package python3.10),
or point PYTHON310=/path/to/python3.10 at an existing one, then run the command again.
MSG
exit 1
