using System.Globalization;
using System.Text.RegularExpressions;
using SalesBot.Deals;

namespace SalesBot.Commands;

/// <summary>
/// Reads amounts the way sales people type them: 50000, 50k, 1.2m, 50.000 kr, DKK 50,000, €50k.
/// </summary>
internal static partial class AmountParser
{
    public const decimal MaxAmount = 1_000_000_000_000m;

    private static readonly HashSet<string> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        "AUD", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK", "EUR", "GBP", "HKD", "HUF", "INR", "ISK", "JPY", "MXN",
        "NOK", "NZD", "PLN", "RON", "SEK", "SGD", "USD", "ZAR",
    };

    [GeneratedRegex(@"^(?<pre>[€$£]|[a-z]{3})?(?<num>\d[\d.,']*)(?<suf>k|m|mio|mn|bn)?(?<post>[€$£]|kr\.?|,-|[a-z]{3})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AmountPattern();

    public static bool IsCurrencyCode(string text) => Codes.Contains(text);

    /// <summary>Parses an amount starting at <paramref name="index"/>; it may span two tokens ("DKK 50,000", "50.000 kr").</summary>
    public static bool TryParse(IReadOnlyList<Token> tokens, int index, string defaultCurrency, out Money money, out int consumed)
    {
        money = default;
        consumed = 0;
        if (index >= tokens.Count || tokens[index].Quoted)
        {
            return false;
        }

        var first = tokens[index].Text;
        var next = index + 1 < tokens.Count && !tokens[index + 1].Quoted ? tokens[index + 1].Text : null;

        if (next is not null && Currency(first, defaultCurrency) is { } before && TryParseOne(next, defaultCurrency, out var m1) && !HasCurrency(next))
        {
            money = m1 with { Currency = before };
            consumed = 2;
            return true;
        }

        if (!TryParseOne(first, defaultCurrency, out var m2))
        {
            return false;
        }

        if (next is not null && !HasCurrency(first) && Currency(next, defaultCurrency) is { } after)
        {
            money = m2 with { Currency = after };
            consumed = 2;
            return true;
        }

        money = m2;
        consumed = 1;
        return true;
    }

    public static bool TryParse(string text, string defaultCurrency, out Money money)
    {
        var tokens = Token.Split(text);
        return TryParse(tokens, 0, defaultCurrency, out money, out var consumed) && consumed == tokens.Count;
    }

    private static bool HasCurrency(string token)
    {
        var m = AmountPattern().Match(token);
        return m.Success && (m.Groups["pre"].Success || m.Groups["post"].Success);
    }

    private static bool TryParseOne(string token, string defaultCurrency, out Money money)
    {
        money = default;
        var m = AmountPattern().Match(token);
        if (!m.Success)
        {
            return false;
        }

        var currency = defaultCurrency;
        foreach (var part in new[] { m.Groups["pre"], m.Groups["post"] })
        {
            if (!part.Success)
            {
                continue;
            }

            if (Currency(part.Value, defaultCurrency) is not { } c)
            {
                return false;
            }

            currency = c;
        }

        var suffix = m.Groups["suf"].Value.ToLowerInvariant();
        if (!TryParseNumber(m.Groups["num"].Value, suffix.Length > 0, out var number))
        {
            return false;
        }

        var amount = number * suffix switch
        {
            "k" => 1_000m,
            "m" or "mio" or "mn" => 1_000_000m,
            "bn" => 1_000_000_000m,
            _ => 1m,
        };
        if (amount <= 0 || amount > MaxAmount)
        {
            return false;
        }

        money = new Money(decimal.Round(amount, 2), currency);
        return true;
    }

    private static string? Currency(string text, string defaultCurrency) => text.ToLowerInvariant() switch
    {
        "€" => "EUR",
        "$" => "USD",
        "£" => "GBP",
        "kr" or "kr." or ",-" => defaultCurrency is "DKK" or "SEK" or "NOK" or "ISK" ? defaultCurrency : "DKK",
        _ when Codes.Contains(text) => text.ToUpperInvariant(),
        _ => null,
    };

    /// <summary>
    /// Separators: with both '.' and ',' the last one is the decimal point; a lone separator followed by exactly three
    /// digits groups thousands (50.000, 50,000) unless a k/m suffix follows (1.5k); several of one kind group thousands.
    /// </summary>
    private static bool TryParseNumber(string text, bool hasSuffix, out decimal value)
    {
        value = 0;
        text = text.Replace("'", string.Empty, StringComparison.Ordinal).TrimEnd('.', ',');
        var dots = text.Count(c => c == '.');
        var commas = text.Count(c => c == ',');
        string normalized;
        if (dots > 0 && commas > 0)
        {
            var decimalSep = text.LastIndexOf('.') > text.LastIndexOf(',') ? '.' : ',';
            var groupSep = decimalSep == '.' ? ',' : '.';
            if (text.Count(c => c == decimalSep) > 1)
            {
                return false;
            }

            normalized = text.Replace(groupSep.ToString(), string.Empty, StringComparison.Ordinal).Replace(decimalSep, '.');
        }
        else if (dots + commas == 0)
        {
            normalized = text;
        }
        else
        {
            var sep = dots > 0 ? '.' : ',';
            var groups = text.Split(sep);
            var thousands = groups.Length > 2 || (!hasSuffix && groups[1].Length == 3);
            if (thousands)
            {
                if (groups.Skip(1).Any(g => g.Length != 3))
                {
                    return false;
                }

                normalized = string.Concat(groups);
            }
            else
            {
                normalized = groups[0] + "." + groups[1];
            }
        }

        return normalized.Length <= 20 && decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }
}
