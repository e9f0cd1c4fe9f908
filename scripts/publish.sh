#!/usr/bin/env bash
# Builds what production runs: the published app (artifacts/publish/) and its zip for App Service
# (artifacts/salesbot-<version>.zip; deploy it with `az webapp deploy --type zip`, docs/deploy.md).
# The output runs anywhere .NET 10's ASP.NET Core runtime is, configured by environment variables only:
#   ASPNETCORE_ENVIRONMENT=Production Storage__TableEndpoint=… dotnet artifacts/publish/SalesBot.dll
set -euo pipefail
cd "$(dirname "$0")/.."

rm -rf artifacts/publish
dotnet publish src/SalesBot/SalesBot.csproj -c Release -o artifacts/publish --nologo -v quiet
version="$(dotnet artifacts/publish/SalesBot.dll version)"
zip_file="artifacts/salesbot-${version%%+*}.zip"
rm -f "$zip_file"
(cd artifacts/publish && zip -q -r "../$(basename "$zip_file")" .)
echo "Published SalesBot $version: artifacts/publish/ and $zip_file"
