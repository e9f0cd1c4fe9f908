using System.Globalization;
using System.Text.RegularExpressions;
using SalesBot.Deals;

namespace SalesBot.Commands;

/// <summary>
/// Reads amounts the way sales people type them: 50000, 50k, 1.2m, 50.000 kr, DKK 50,000, €50k, and the Danish
/// forms 1,2 mio., 2 mia. kr., 50 t.kr., 50.000,-. The Danish "billion" (10^12) is deliberately not a scale word.
/// </summary>
internal static partial class AmountParser
{
    public const decimal MaxAmount = 1_000_000_000_000m;

    private static readonly HashSet<string> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        "AUD", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK", "EUR", "GBP", "HKD", "HUF", "INR", "ISK", "JPY", "MXN",
        "NOK", "NZD", "PLN", "RON", "SEK", "SGD", "USD", "ZAR",
    };

    [GeneratedRegex(@"^(?<pre>[€$£]|kr\.?|[a-z]{3})?(?<num>\d[\d.,']*)(?<suf>k|m|mio\.?|mn|bn|mia\.?|millioner|million|milliarder|milliard|t\.?kr\.?|tdkk)?(?<post>[€$£]|kr\.?|,-|[a-z]{3})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AmountPattern();

    /// <summary>Scale words typed apart from the number: "1,2 mio.", "2 mia. kr.", "50 t.kr.".</summary>
    private static readonly HashSet<string> ScaleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "k", "mio", "mio.", "mn", "bn", "mia", "mia.", "million", "millioner", "milliard", "milliarder", "t.kr.", "t.kr", "tkr.", "tkr", "tdkk",
    };

    public static bool IsCurrencyCode(string text) => Codes.Contains(text);

    /// <summary>
    /// Parses an amount starting at <paramref name="index"/>. It may span up to four tokens: a currency, the number,
    /// a scale word and a currency ("DKK 50,000", "50.000 kr", "1,2 mio. kr.").
    /// </summary>
    public static bool TryParse(IReadOnlyList<Token> tokens, int index, string defaultCurrency, out Money money, out int consumed)
    {
        money = default;
        consumed = 0;
        string? At(int i) => i < tokens.Count && !tokens[i].Quoted ? tokens[i].Text : null;

        var i = index;
        var text = string.Empty;
        if (At(i) is { } pre && Currency(pre, defaultCurrency) is not null && At(i + 1) is { Length: > 0 } n && char.IsAsciiDigit(n[0]))
        {
            text = pre;
            i++;
        }

        if (At(i) is not { } number || !TryParseOne(text + number, defaultCurrency, out money))
        {
            return false;
        }

        text += number;
        i++;
        if (At(i) is { } scale && ScaleWords.Contains(scale) && TryParseOne(text + scale, defaultCurrency, out var scaled))
        {
            (text, money) = (text + scale, scaled);
            i++;
        }

        if (At(i) is { } post && !HasCurrency(text) && Currency(post, defaultCurrency) is not null && TryParseOne(text + post, defaultCurrency, out var withCurrency))
        {
            money = withCurrency;
            i++;
        }

        consumed = i - index;
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
        return m.Success && (m.Groups["pre"].Success || m.Groups["post"].Success || m.Groups["suf"].Value.Equals("tdkk", StringComparison.OrdinalIgnoreCase));
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
        if (suffix == "tdkk")
        {
            currency = "DKK";
        }
        else if (suffix.Contains("kr", StringComparison.Ordinal) && !m.Groups["pre"].Success && !m.Groups["post"].Success)
        {
            currency = Currency("kr", defaultCurrency)!;
        }

        if (!TryParseNumber(m.Groups["num"].Value, suffix.Length > 0, out var number))
        {
            return false;
        }

        var amount = number * suffix.TrimEnd('.') switch
        {
            "k" or "t.kr" or "tkr" or "tdkk" => 1_000m,
            "m" or "mio" or "mn" or "million" or "millioner" => 1_000_000m,
            "bn" or "mia" or "milliard" or "milliarder" => 1_000_000_000m,
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
