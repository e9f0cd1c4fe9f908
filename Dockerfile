# SalesBot as a container image. Build where mcr.microsoft.com and NuGet are reachable, e.g.
#   docker build -t salesbot:0.9.0 .        or        az acr build -r <registry> -t salesbot:0.9.0 .
# Run with environment variables only (docs/deploy.md), e.g.
#   docker run -p 8080:8080 -e Storage__TableEndpoint=https://<account>.table.core.windows.net -e AZURE_CLIENT_ID=… salesbot:0.9.0

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/SalesBot/SalesBot.csproj src/SalesBot/
RUN dotnet restore src/SalesBot/SalesBot.csproj
COPY src/ src/
COPY .git/ .git/
RUN dotnet publish src/SalesBot/SalesBot.csproj -c Release -o /app --no-restore

# "chiseled-extra": no shell, non-root (APP_UID 1654), and the ICU and time-zone data SalesBot needs (team time zones,
# Danish formats); plain "chiseled" has neither and SalesBot stops at start-up there.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
WORKDIR /app
COPY --from=build /app .
USER $APP_UID
# The port comes from ASPNETCORE_HTTP_PORTS (8080 in this image); health: GET /healthz, ready: GET /readyz.
ENV ASPNETCORE_ENVIRONMENT=Production
EXPOSE 8080
ENTRYPOINT ["dotnet", "SalesBot.dll"]
