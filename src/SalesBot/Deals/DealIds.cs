using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace SalesBot.Deals;

/// <summary>Short ids people can type: D-7F3A. The alphabet has no 0/O or 1/I.</summary>
internal static partial class DealIds
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    [GeneratedRegex("^D-[2-9A-HJ-NP-Z]{4,6}$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    public static string New(int length = 4) =>
        "D-" + string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });

    public static bool IsId(string text) => Pattern().IsMatch(text);

    public static string Canonical(string text) => text.ToUpperInvariant();
}
