#!/usr/bin/env bash
# Installs Ace by DAISY (@daisy/ace-cli), the EPUB accessibility checker that `octavo check` runs, into
# .tools/ at the top of the repository; does nothing when it is already there, or without npm and Node.js 20+.
# Ace drives a headless Chromium through Puppeteer: Puppeteer's own browser download is skipped, and
# `octavo check` points it at Debian's chromium, which scripts/setup-system.sh installs.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools"

# npm names the command after the package: ace-cli.
if [ -x "$tools/node_modules/.bin/ace-cli" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "octavo setup: npm not found; skipping Ace by DAISY (octavo check will run EPUBCheck alone)" >&2
  exit 0
fi
node_major="$(node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/')"
if [ "${node_major:-0}" -lt 20 ]; then
  echo "octavo setup: Ace by DAISY needs Node.js 20 or later (found ${node_major:-none}); skipping it" >&2
  exit 0
fi
echo "octavo setup: installing Ace by DAISY into $tools"
PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix "$tools" --no-audit --no-fund --loglevel=error @daisy/ace-cli@1.4.6 >/dev/null
