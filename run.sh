#!/usr/bin/env bash
# Runs SalesBot on http://localhost:3978 with the dev chat endpoint on.
# Installs the local Table Storage emulator (Azurite, pinned in package-lock.json) on first use and starts it,
# keeping its data under .azurite/ so deals survive a restart. Extra arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")"

. scripts/prerequisites.sh

port="${AZURITE_TABLE_PORT:-10002}"
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if listening "$port"; then
  echo "Using the Table Storage already listening on 127.0.0.1:$port."
else
  mkdir -p .azurite
  node node_modules/azurite/dist/src/table/main.js --location .azurite --tableHost 127.0.0.1 --tablePort "$port" \
    --skipApiVersionCheck --loose --disableTelemetry --silent &
  azurite=$!
  trap 'kill "$azurite" 2>/dev/null || true' EXIT INT TERM
  for _ in $(seq 1 100); do listening "$port" && break; sleep 0.1; done
  listening "$port" || { echo "Azurite did not start on port $port." >&2; exit 1; }
  echo "Local Table Storage (Azurite) on 127.0.0.1:$port, data in .azurite/"
fi

if [ "$port" != 10002 ]; then
  export Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$port/devstoreaccount1;"
fi
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
dotnet run --project src/SalesBot --launch-profile SalesBot -- --urls "${SALESBOT_URLS:-http://localhost:3978}" "$@"
