#!/usr/bin/env bash
# Installs the tools bench/anchors.py times Octavo against, from Debian: pandoc (EPUB) and Calibre's
# ebook-convert (EPUB and PDF). Only for the benchmark; Octavo itself needs neither.
# Without root it says what is missing and how to install it, and stops.
set -euo pipefail

missing=()
command -v pandoc >/dev/null 2>&1 || missing+=(pandoc)
command -v ebook-convert >/dev/null 2>&1 || missing+=(calibre)
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "octavo bench setup: not a Debian system; install ${missing[*]} and run again" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "octavo bench setup: cannot install ${missing[*]} without root; ask an administrator to run:" >&2
  echo "  apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "octavo bench setup: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
