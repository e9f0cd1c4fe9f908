# Sourced by run.sh and test.sh: checks the tools and installs the pinned storage emulator if it is missing.
command -v dotnet >/dev/null || { echo "SalesBot needs the .NET 10 SDK (dotnet) on PATH." >&2; exit 1; }
command -v node >/dev/null || { echo "SalesBot needs Node.js 20 or later (node, npm) on PATH for the local storage emulator (Azurite)." >&2; exit 1; }
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || { echo "SalesBot needs Node.js 20 or later for the local storage emulator (Azurite); this is Node.js $(node --version)." >&2; exit 1; }
[ -f node_modules/azurite/dist/src/table/main.js ] || npm ci --no-audit --no-fund
