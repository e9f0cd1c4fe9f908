using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace SalesBot.Pipeline;

/// <summary>
/// Summary rows and their pending changes as table rows. A summary row's cells are JSON compressed with Brotli (a big
/// team's month holds thousands of cells that differ in a few characters: about a tenth of the bytes to store and
/// read), split over as many binary properties as their length needs; a pending change's are JSON text. Sums name
/// people, so forgetting a person drops them to be counted again.
/// </summary>
internal static class SummaryEntities
{
    public const string Prefix = "sum|";
    public const string Generation = Prefix + "gen";
    public const string BasePrefix = Prefix + "b|";
    public const string DeltaPrefix = Prefix + "d|";

    /// <summary>Characters per string property (a property holds up to 64 KiB of UTF-16).</summary>
    private const int Chunk = 30_000;

    /// <summary>Bytes per binary property (a property holds up to 64 KiB).</summary>
    private const int BinaryChunk = 60_000;

    public static bool IsSummary(string rowKey) => rowKey.StartsWith(Prefix, StringComparison.Ordinal);

    public static string Base(string cubeRow) => BasePrefix + cubeRow;

    public static string Delta(string dealId, int version) => $"{DeltaPrefix}{Uri.EscapeDataString(dealId)}|{version:D7}";

    public static TableEntity BaseRow(string pk, string cubeRow, IReadOnlyDictionary<string, CubeCell> cells, IReadOnlyDictionary<string, string> names)
    {
        var e = new TableEntity(pk, Base(cubeRow));
        SetCompressed(e, "CellsZ", WriteCells(cells));
        e["Names"] = JsonSerializer.Serialize(names);
        return e;
    }

    public static (Dictionary<string, CubeCell> Cells, Dictionary<string, string> Names) ReadBase(TableEntity e) =>
        (ReadCells(e.ContainsKey("CellsZ") ? GetCompressed(e, "CellsZ") : GetText(e, "Cells")), ReadNames(e));

    public static TableEntity DeltaRow(string pk, string dealId, int version, string basis, CubeRows delta)
    {
        var json = new StringBuilder("{");
        foreach (var (row, cells) in delta.Rows)
        {
            json.Append(json.Length > 1 ? "," : "").Append(JsonSerializer.Serialize(row)).Append(':').Append(WriteCells(cells));
        }

        var e = new TableEntity(pk, Delta(dealId, version)) { ["DealId"] = dealId, ["Version"] = version, ["Basis"] = basis };
        SetText(e, "Rows", json.Append('}').ToString());
        e["Names"] = JsonSerializer.Serialize(delta.Names);
        return e;
    }

    public static CubeRows ReadDelta(TableEntity e)
    {
        var delta = new CubeRows();
        using var json = JsonDocument.Parse(GetText(e, "Rows"));
        foreach (var row in json.RootElement.EnumerateObject())
        {
            foreach (var (cell, value) in Cells(row.Value))
            {
                delta.Add(row.Name, cell, value);
            }
        }

        foreach (var (id, name) in ReadNames(e))
        {
            delta.Names[id] = name;
        }

        return delta;
    }

    private static string WriteCells(IReadOnlyDictionary<string, CubeCell> cells)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var (key, c) in cells)
            {
                w.WriteStartArray(key);
                w.WriteNumberValue(c.Count);
                w.WriteNumberValue(c.Amount);
                w.WriteNumberValue(c.Sum);
                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Dictionary<string, CubeCell> ReadCells(string text)
    {
        using var json = JsonDocument.Parse(text);
        return Cells(json.RootElement).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
    }

    private static IEnumerable<KeyValuePair<string, CubeCell>> Cells(JsonElement cells) =>
        cells.EnumerateObject().Select(p => new KeyValuePair<string, CubeCell>(
            p.Name, new CubeCell(p.Value[0].GetInt64(), p.Value[1].GetDecimal(), p.Value[2].GetInt64()))).ToArray();

    private static Dictionary<string, string> ReadNames(TableEntity e) =>
        e.GetString("Names") is { Length: > 0 } names ? JsonSerializer.Deserialize<Dictionary<string, string>>(names) ?? [] : [];

    private static void SetText(TableEntity e, string name, string text)
    {
        for (var i = 0; i * Chunk < text.Length || i == 0; i++)
        {
            e[i == 0 ? name : name + i] = text.Substring(i * Chunk, Math.Min(Chunk, text.Length - (i * Chunk)));
        }
    }

    private static void SetCompressed(TableEntity e, string name, string text)
    {
        using var buffer = new MemoryStream();
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Optimal))
        {
            brotli.Write(Encoding.UTF8.GetBytes(text));
        }

        var bytes = buffer.ToArray();
        for (var i = 0; i * BinaryChunk < bytes.Length || i == 0; i++)
        {
            e[i == 0 ? name : name + i] = bytes[(i * BinaryChunk)..Math.Min(bytes.Length, (i + 1) * BinaryChunk)];
        }
    }

    private static string GetCompressed(TableEntity e, string name)
    {
        using var compressed = new MemoryStream();
        for (var i = 0; e.GetBinary(i == 0 ? name : name + i) is { } part; i++)
        {
            compressed.Write(part);
        }

        compressed.Position = 0;
        using var brotli = new BrotliStream(compressed, CompressionMode.Decompress);
        using var reader = new StreamReader(brotli, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string GetText(TableEntity e, string name)
    {
        var text = new StringBuilder(e.GetString(name) ?? "{}");
        for (var i = 1; e.GetString(name + i) is { } more; i++)
        {
            text.Append(more);
        }

        return text.ToString();
    }
}
