namespace SalesBot.Commands;

/// <summary>A word of command text; quoted text ("Acme Corp", “Acme Corp”) is one token.</summary>
internal sealed record Token(string Text, bool Quoted, int Start, int End)
{
    public string Lower => Text.ToLowerInvariant();

    public bool Is(params string[] words) => !Quoted && words.Contains(Lower, StringComparer.Ordinal);

    public static IReadOnlyList<Token> Split(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var close = ClosingQuote(text[i]);
            if (close is not null && text.IndexOf(close.Value, i + 1) is var end and > 0)
            {
                tokens.Add(new Token(text[(i + 1)..end].Trim(), true, i, end + 1));
                i = end + 1;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            tokens.Add(new Token(text[start..i], false, start, i));
        }

        return tokens;
    }

    public static string Join(IEnumerable<Token> tokens) => string.Join(' ', tokens.Select(t => t.Text));

    private static char? ClosingQuote(char open) => open switch
    {
        '"' => '"',
        '\u201C' => '\u201D',
        '\u201E' => '\u201C',
        '\u00AB' => '\u00BB',
        _ => null,
    };
}
