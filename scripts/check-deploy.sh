#!/usr/bin/env bash
# Builds and lints the Azure template (deploy/) with the Bicep CLI, restored from NuGet by deploy/tools, and checks that
# what it would deploy still matches deploy/main.snapshot.json. The CLI exits 0 on warnings, so any line it prints fails.
# After an intended change to the template: scripts/check-deploy.sh --update-snapshot
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet restore deploy/tools/BicepCli.csproj --verbosity quiet >/dev/null
packages="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')"
bicep="${packages%/}/azure.bicep.commandline.linux-x64/0.49.2/tools/bicep"

mode=validate
if [ "${1:-}" = "--update-snapshot" ]; then mode=overwrite; fi

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
{
  "$bicep" build deploy/main.bicep --stdout >/dev/null
  for module in deploy/modules/*.bicep; do "$bicep" lint "$module"; done
  "$bicep" lint deploy/main.bicep
  "$bicep" build-params deploy/main.bicepparam --stdout >/dev/null
  # Fixed ids: the snapshot is the template's resources and settings as Azure would receive them.
  "$bicep" snapshot deploy/main.bicepparam --mode "$mode" --location westeurope --resource-group salesbot-rg \
    --subscription-id 00000000-0000-0000-0000-000000000001 --tenant-id 00000000-0000-0000-0000-000000000002
} 2>&1 | tee "$out"

if [ -s "$out" ]; then
  echo "The Azure template has diagnostics or differs from deploy/main.snapshot.json (above)." >&2
  exit 1
fi
echo "Azure template: builds, lints and matches its snapshot."
