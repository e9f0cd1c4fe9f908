#!/usr/bin/env bash
# Runs every benchmark against a fresh in-memory storage emulator with a key index (bench/emulator-keys.js: it finds a
# row by its keys, as the service does, instead of scanning its partition; docs/benchmarks.md, "Side by side") and
# rewrites docs/benchmarks.md: SalesBot beside the Bolt peer ("Side by side"), the request counts, the round trips and
# reads ("Latest full run"); then, on an emulator of its own, a big team (1,000 and 10,000 deals; SCALE_DEALS to change,
# e.g. 1000,10000,100000; "Big teams"). Takes about six minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/prerequisites.sh
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 10102)
node --require ./bench/emulator-keys.js node_modules/azurite/dist/src/table/main.js --inMemoryPersistence --skipApiVersionCheck \
  --loose --disableTelemetry --silent --tableHost 127.0.0.1 --tablePort "$port" &
azurite=$!
trap 'kill "$azurite" 2>/dev/null || true' EXIT
sleep 2
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
dotnet build bench/SalesBot.Bench -c Release >/dev/null
# The reference peer of the side-by-side run: a Bolt bot with its own pinned packages.
npm ci --prefix bench/bolt-peer --no-audit --no-fund >/dev/null
dotnet run -c Release --no-build --project bench/SalesBot.Bench -- side \
  --storage "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;TableEndpoint=http://127.0.0.1:$port/devstoreaccount1;" \
  --docs docs/benchmarks.md --peer bench/bolt-peer --emulator-pid "$azurite"
dotnet run -c Release --no-build --project bench/SalesBot.Bench -- requests \
  --storage "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;TableEndpoint=http://127.0.0.1:$port/devstoreaccount1;" \
  --docs docs/benchmarks.md
dotnet run -c Release --no-build --project bench/SalesBot.Bench -- all \
  --storage "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;TableEndpoint=http://127.0.0.1:$port/devstoreaccount1;" \
  --docs docs/benchmarks.md --emulator-pid "$azurite"

# Big teams on an emulator of their own.
kill "$azurite" 2>/dev/null || true
node --require ./bench/emulator-keys.js node_modules/azurite/dist/src/table/main.js --inMemoryPersistence --skipApiVersionCheck --loose \
  --disableTelemetry --silent --tableHost 127.0.0.1 --tablePort "$port" &
azurite=$!
sleep 2
dotnet run -c Release --no-build --project bench/SalesBot.Bench -- scale --deals "${SCALE_DEALS:-1000,10000}" \
  --storage "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;TableEndpoint=http://127.0.0.1:$port/devstoreaccount1;" \
  --docs docs/benchmarks.md >/dev/null
