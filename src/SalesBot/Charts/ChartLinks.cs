using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.IdentityModel.Tokens;
using SalesBot.Messaging;
using SalesBot.Storage;

namespace SalesBot.Charts;

/// <summary>
/// Links to a chart's picture that need no storage and cannot be guessed: the chart's data itself, compressed, with an
/// expiry and an HMAC-SHA256 signature, in the path (<c>/api/charts/{data}.{expiry}.{signature}.png</c>). Any instance
/// checks and draws it. The signing key is <c>Charts:SigningKey</c> (base64, 32 bytes) or else one made once and kept in
/// the Meta table, so every instance of an installation shares it. A link lives <see cref="Lifetime"/>.
/// </summary>
internal sealed class ChartLinks(TableStorage storage, IConfiguration configuration, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private byte[]? _key;

    /// <summary>The picture's address: absolute under <c>PublicUrl</c> when it is set, else relative to this host.</summary>
    public async Task<string> UrlAsync(ReplyChart chart, CancellationToken ct)
    {
        using var packed = new MemoryStream();
        await using (var deflate = new DeflateStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            await JsonSerializer.SerializeAsync(deflate, chart with { ImageUrl = null }, Json, ct);
        }

        var data = Base64UrlEncoder.Encode(packed.ToArray());
        var expiry = (clock.GetUtcNow() + Lifetime).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var path = $"/api/charts/{data}.{expiry}.{Sign(await KeyAsync(ct), data, expiry)}.png";
        return configuration["PublicUrl"] is { Length: > 0 } root ? root.TrimEnd('/') + path : path;
    }

    /// <summary>The chart behind a link, or null when the link is forged, damaged or expired.</summary>
    public async Task<ReplyChart?> ReadAsync(string token, CancellationToken ct)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || !long.TryParse(parts[1], out var expiry) || DateTimeOffset.FromUnixTimeSeconds(expiry) < clock.GetUtcNow())
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(await KeyAsync(ct), parts[0], parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }

        try
        {
            await using var inflate = new DeflateStream(new MemoryStream(Base64UrlEncoder.DecodeBytes(parts[0])), CompressionMode.Decompress);
            return await JsonSerializer.DeserializeAsync<ReplyChart>(inflate, Json, ct);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or FormatException)
        {
            return null;
        }
    }

    private static string Sign(byte[] key, string data, string expiry) =>
        Base64UrlEncoder.Encode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(data + "." + expiry)));

    private async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        if (_key is { } known)
        {
            return known;
        }

        if (configuration["Charts:SigningKey"] is { Length: > 0 } configured)
        {
            return _key = Convert.FromBase64String(configured);
        }

        _key = await storage.RunAsync(async () =>
        {
            var meta = storage.Table(TableStorage.MetaTable);
            try
            {
                await meta.AddEntityAsync(new TableEntity("keys", "chart-links") { ["Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }, ct);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Another instance made it first: everyone uses that one.
            }

            return Convert.FromBase64String((await meta.GetEntityAsync<TableEntity>("keys", "chart-links", cancellationToken: ct)).Value.GetString("Key"));
        }, ct);
        return _key;
    }
}

internal static class ChartsExtensions
{
    public static IServiceCollection AddCharts(this IServiceCollection services) => services.AddSingleton<ChartLinks>();

    /// <summary><c>GET /api/charts/{link}.png</c>: the chart's picture, only for a link that is signed and unexpired.</summary>
    public static WebApplication MapCharts(this WebApplication app)
    {
        app.MapGet("/api/charts/{link}", async (string link, ChartLinks links, CancellationToken ct) =>
            link.EndsWith(".png", StringComparison.Ordinal) && await links.ReadAsync(link[..^4], ct) is { } chart
                ? Results.File(ChartRenderer.Png(chart), "image/png")
                : Results.NotFound());
        return app;
    }
}
