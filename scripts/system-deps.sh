#!/usr/bin/env bash
# Install the Debian packages the tests need, only those missing:
#   chromium (real-browser tests), postgresql (throwaway test cluster),
#   fonts-dejavu-core (Unicode PDF letters), poppler-utils (PDF -> PNG in tests).
# Runs `apt-get update` once before installing. Uses sudo only when not root.
# SKIP_SYSTEM_DEPS=1 skips this step.
set -euo pipefail

if [ "${SKIP_SYSTEM_DEPS:-}" = "1" ]; then
  echo "system-deps: skipped (SKIP_SYSTEM_DEPS=1)"
  exit 0
fi

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
if ! dpkg -s fonts-dejavu-core >/dev/null 2>&1 \
   && ! { command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi dejavu; }; then
  missing+=(fonts-dejavu-core)
fi
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)

if [ "${#missing[@]}" -eq 0 ]; then
  echo "system-deps: chromium, postgresql, fonts-dejavu-core, poppler-utils present"
  exit 0
fi

echo "system-deps: installing ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: apt-get not found; install these yourself: ${missing[*]}" >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "system-deps: not root and no sudo; install as root: ${missing[*]}" >&2
    exit 1
  fi
fi
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
