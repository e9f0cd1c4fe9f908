#!/usr/bin/env bash
# Runs the whole test suite. The tests start their own in-memory Azurite on a free port; this script installs it
# (pinned in package-lock.json) if it is missing. Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")"

. scripts/prerequisites.sh

# The chat page's browser test drives Debian's headless Chromium through chromedriver.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing chromium and chromium-driver for the browser test…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "The browser test needs chromium and chromedriver: sudo apt-get install chromium chromium-driver" >&2
    exit 1
  fi
fi

# The Azure template (deploy/) must build and lint without a single diagnostic.
bash scripts/check-deploy.sh
# What production runs; Hosting/PublishedAppTests starts it in Production with environment variables only.
bash scripts/publish.sh

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
# A hung test fails the run after five minutes, naming the test, instead of hanging CI.
dotnet test SalesBot.sln -c Release --blame-hang-timeout 5m --blame-hang-dump-type none 2>&1 | tee "$log" || status=$?

# One plain summary line: "N passed, N failed".
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "$passed passed, $failed failed"
exit "$status"
