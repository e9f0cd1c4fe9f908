using System.Security.Cryptography;
using System.Text;
using SalesBot.Deals;

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

    /// <summary>The ordered lists' row of a team that has all of them (<see cref="TableDealStore.BuildListsAsync"/>).</summary>
    public const string ListsBuilt = "lists";

    /// <summary>
    /// Where an ordered list starts: the team's (<c>l|</c>), an owner's (<c>lo|{owner}|</c>) or a stage's (<c>ls|{stage}|</c>).
    /// </summary>
    public static string ListPrefix(ListOrder order) =>
        order.OwnerId is { } owner ? $"lo|{Escape(owner)}|" : order.Stage is { } stage ? $"ls|{Escape(stage)}|" : "l|";

    /// <summary>A deal's place in a list from its close date on: yyyyMMdd, or "~" (after every date) without one.</summary>
    public static string ListFrom(ListOrder order, DateOnly? closeDate) =>
        ListPrefix(order) + (closeDate is { } d && d != DateOnly.MaxValue ? d.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) : "~");

    /// <summary>
    /// A deal's row in a list: close date, then its name upper-cased (as an ordinal ignore-case sort orders it) and cut to
    /// <see cref="ListNameLength"/> characters, then a space and its id. A space sorts before every character the name
    /// part holds, so "Acme" comes before "Acme Corp": the name's own spaces (and control characters) become "!", and
    /// the characters a key cannot hold the character just below them ("A/S" → "A.S"), so the order stays.
    /// </summary>
    public static string ListRow(ListOrder order, DateOnly? closeDate, string name, string dealId) =>
        $"{ListFrom(order, closeDate)}|{ListName(name)} {dealId}";

    /// <summary>The ranked rows' row of a team that has all of them (lists and ranks are built together).</summary>
    public const string RanksBuilt = "ranks";

    /// <summary>
    /// Where the deals of one month are ranked, largest amount first: open deals by close month (<c>ra|</c>, an owner's
    /// <c>rao|{owner}|</c>), closed deals by UTC month of closing (<c>rc|</c>, <c>rco|{owner}|</c>), open deals by UTC
    /// month of their last slip (<c>rl|</c>, <c>rlo|{owner}|</c>); the month (yyyyMM) follows.
    /// </summary>
    public static string RankMonth(RankOrder order, string month) =>
        (order.Closed ? "rc" : order.Slipped ? "rl" : "ra") + (order.OwnerId is { } owner ? $"o|{Escape(owner)}|" : "|") + month + "|";

    /// <summary>
    /// A deal's rank row: the month, the amount counted down from the largest an amount can be (so the largest sorts
    /// first), then <paramref name="tail"/>, which orders equal amounts (an open deal's close date and list name, a
    /// closed deal's id).
    /// </summary>
    public static string RankRow(RankOrder order, string month, decimal amount, string tail) =>
        $"{RankMonth(order, month)}{(RankCeiling - Math.Clamp(amount, 0, RankCeiling)).ToString("0000000000000.00000000", System.Globalization.CultureInfo.InvariantCulture)}|{tail}";

    private const decimal RankCeiling = 9_999_999_999_999m;

    /// <summary>What orders open deals of equal amount in a rank: close date, then as in the ordered lists.</summary>
    public static string RankTail(DateOnly closeDate, string name, string dealId) =>
        $"{closeDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)}|{ListName(name)} {dealId}";

    public const int ListNameLength = 48;

    private static string ListName(string name)
    {
        var upper = name.ToUpperInvariant();
        var chars = upper.Length > ListNameLength ? upper[..ListNameLength].ToCharArray() : upper.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                ' ' => '!',
                '#' or '/' or '?' or '\\' => (char)(chars[i] - 1),
                var c when char.IsControl(c) => '!',
                var c => c,
            };
        }

        var length = chars.Length > 0 && char.IsHighSurrogate(chars[^1]) ? chars.Length - 1 : chars.Length;
        return new string(chars, 0, length);
    }

    /// <summary>Whether a row is one a deal is found or listed by through its name (name, word and list rows).</summary>
    public static bool IsNamedRow(string rowKey) =>
        rowKey.StartsWith("name|", StringComparison.Ordinal) || rowKey.StartsWith("t|", StringComparison.Ordinal) || rowKey.StartsWith("l|", StringComparison.Ordinal)
        || rowKey.StartsWith("lo|", StringComparison.Ordinal) || rowKey.StartsWith("ls|", StringComparison.Ordinal) || IsRankRow(rowKey);

    private static bool IsRankRow(string rowKey) =>
        rowKey.StartsWith("ra|", StringComparison.Ordinal) || rowKey.StartsWith("rao|", StringComparison.Ordinal)
        || rowKey.StartsWith("rc|", StringComparison.Ordinal) || rowKey.StartsWith("rco|", StringComparison.Ordinal)
        || rowKey.StartsWith("rl|", StringComparison.Ordinal) || rowKey.StartsWith("rlo|", StringComparison.Ordinal);

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
