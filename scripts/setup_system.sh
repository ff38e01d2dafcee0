#!/usr/bin/env bash
# Install the Debian packages the tests and the cluster profile use: Chromium (widget browser test)
# and nginx (load balancer). Does nothing when both are present.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "Please install as root: apt-get install -y ${missing[*]}" >&2; exit 1
  fi
else SUDO=""; fi
$SUDO apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 || {
  $SUDO apt-get update -q >/dev/null 2>&1 && $SUDO apt-get install -y -q "${missing[@]}" >/dev/null
} || { echo "Could not install ${missing[*]} with apt-get; install them and run make again." >&2; exit 1; }
