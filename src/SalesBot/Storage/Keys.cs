using System.Security.Cryptography;
using System.Text;

namespace SalesBot.Storage;

/// <summary>
/// Partition and row keys. Text from users is normalised and percent-escaped, so keys never hold / \ # ? or control
/// characters and a name can never change the meaning of a key range.
/// </summary>
internal static class Keys
{
    public const string DealPrefix = "deal|";
    private const int MaxEscapedLength = 400;
    private const int HistoryVersionCeiling = 9_999_999;

    public static string Partition(string tenant) => Escape(tenant);

    public static string Deal(string dealId) => DealPrefix + dealId;

    public const string OpenPrefix = "open|";
    public const string ClosedPrefix = "closed|";

    public static string Open(string dealId) => OpenPrefix + dealId;

    /// <summary>Closed deals by UTC month of closing: yyyyMM.</summary>
    public static string Closed(string month, string dealId) => $"{ClosedPrefix}{month}|{dealId}";

    public static string Name(string normalizedName) => "name|" + Escape(normalizedName);

    public static string Word(string word, string dealId) => WordPrefix(word) + "|" + dealId;

    public static string WordPrefix(string wordPrefix) => "t|" + Escape(wordPrefix);

    /// <summary>Inverted version, so a range read returns the newest events first.</summary>
    public static string History(string dealId, int version) => $"{HistoryPrefix(dealId)}{HistoryVersionCeiling - version:D7}";

    public static string HistoryPrefix(string dealId) => $"h|{dealId}|";

    public static string Operation(string operationId) => OperationPrefix + Escape(operationId);

    /// <summary>The operation id an operation row's key was made from; null for a key kept as a hash.</summary>
    public static string? OperationId(string rowKey) =>
        rowKey.StartsWith(OperationPrefix, StringComparison.Ordinal) && !rowKey.StartsWith(OperationPrefix + "~", StringComparison.Ordinal)
            ? Uri.UnescapeDataString(rowKey[OperationPrefix.Length..])
            : null;

    private const string OperationPrefix = "op|";

    public static string User(string userId) => "u|" + Escape(userId);

    public static string UserName(string normalizedName, string userId) => UserNamePrefix(normalizedName) + "|" + Escape(userId);

    public static string UserNamePrefix(string normalizedName) => "n|" + Escape(normalizedName);

    public static string UserEmailPrefix(string normalizedEmail) => "e|" + Escape(normalizedEmail);

    public static string Escaped(string text) => Escape(text);

    /// <summary>The smallest key above every key that starts with <paramref name="prefix"/>.</summary>
    public static string UpperBound(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static string Escape(string text)
    {
        var escaped = Uri.EscapeDataString(text);
        return escaped.Length <= MaxEscapedLength
            ? escaped
            : "~" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
