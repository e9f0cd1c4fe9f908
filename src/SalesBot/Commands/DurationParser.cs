using System.Globalization;
using System.Text.RegularExpressions;

namespace SalesBot.Commands;

/// <summary>Reads snooze lengths: 3d, 2w, 10 days, 1 week, and in Danish 3 dage, 1 dag, 2 uger, 1 uge.</summary>
internal static partial class DurationParser
{
    public const int MaxDays = 366;

    [GeneratedRegex(@"^(?<n>\d{1,3}) ?(?<unit>d|days?|dage?|w|wk|weeks?|uger?)$")]
    private static partial Regex Pattern();

    public static bool TryParse(IReadOnlyList<Token> tokens, int index, out int days, out int consumed)
    {
        days = 0;
        consumed = 0;
        for (var n = Math.Min(2, tokens.Count - index); n >= 1; n--)
        {
            var span = tokens.Skip(index).Take(n).ToArray();
            if (!span.Any(t => t.Quoted) && TryParse(Token.Join(span), out days))
            {
                consumed = n;
                return true;
            }
        }

        return false;
    }

    public static bool TryParse(string text, out int days)
    {
        days = 0;
        var m = Pattern().Match(text.Trim().ToLowerInvariant());
        if (!m.Success)
        {
            return false;
        }

        var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        days = m.Groups["unit"].Value[0] is 'w' or 'u' ? n * 7 : n;
        return days is > 0 and <= MaxDays;
    }
}
