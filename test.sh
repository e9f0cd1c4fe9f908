#!/usr/bin/env bash
# Runs the whole test suite. The tests start their own in-memory Azurite on a free port; this script installs it
# (pinned in package-lock.json) if it is missing. Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")"

. scripts/prerequisites.sh

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
