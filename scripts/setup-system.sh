#!/usr/bin/env bash
# Installs what Octavo needs from Debian, and only what is missing:
#   libpango/libharfbuzz  WeasyPrint's text layout, and HarfBuzz's fast font subsetter
#   poppler-utils         pdftoppm and pdftotext, to look at the PDFs we make
#   default-jre-headless  Java for EPUBCheck (skipped when a `java` is already on the PATH)
#   chromium              the browser Ace by DAISY (scripts/setup-ace.sh) checks books in; only where npm is,
#                         since Ace runs on Node.js
# Without root it says what is missing and how to install it, and carries on.
set -euo pipefail

wanted=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils)
command -v java >/dev/null 2>&1 || wanted+=(default-jre-headless)
if command -v npm >/dev/null 2>&1; then wanted+=(chromium); fi

missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "octavo setup: not a Debian system; install the equivalents of: ${missing[*]}" >&2
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "octavo setup: cannot install ${missing[*]} without root; ask an administrator to run:" >&2
  echo "  apt-get install ${missing[*]}" >&2
  echo "octavo setup: carrying on; WeasyPrint needs Pango to make PDFs." >&2
  exit 0
fi
echo "octavo setup: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
