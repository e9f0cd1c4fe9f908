namespace SalesBot.Messaging;

/// <summary>
/// Long lists come in pages on every channel: the page's items, a footer that says which part of how many is shown, and
/// a "Show more" button that runs the same command for the next page (typed as "… page 2").
/// </summary>
internal static class Paging
{
    public const int PageSize = 20;

    public static Reply Page(Reply reply, IReadOnlyList<string> all, int page, string command, Phrases t)
    {
        page = Math.Clamp(page, 1, Pages(all.Count));
        return Page(reply, [.. all.Skip((page - 1) * PageSize).Take(PageSize)], page, all.Count, command, t);
    }

    /// <summary>How many pages <paramref name="total"/> items take (at least one).</summary>
    public static int Pages(long total) => (int)Math.Max(1, (total + PageSize - 1) / PageSize);

    /// <summary>A page whose items were read alone: <paramref name="shown"/> are page <paramref name="page"/>'s items of <paramref name="total"/>.</summary>
    public static Reply Page(Reply reply, IReadOnlyList<string> shown, int page, long total, string command, Phrases t)
    {
        var pages = Pages(total);
        var items = shown.Take(PageSize).ToArray();
        if (pages == 1)
        {
            return reply with { Items = items, Text = Text(reply, items, null) };
        }

        var first = (page - 1) * PageSize + 1;
        var footer = t["PageShown", first, first + items.Length - 1, total];
        var buttons = reply.Buttons.ToList();
        if (page < pages)
        {
            var next = first + items.Length;
            buttons.Insert(0, new ReplyButton(t["ButtonShowMore", next, Math.Min(next + PageSize - 1, total)], $"{command} page {page + 1}"));
        }

        return reply with { Items = items, Footer = footer, Buttons = buttons, Text = Text(reply, items, footer) };
    }

    private static string Text(Reply reply, IReadOnlyList<string> items, string? footer) =>
        string.Join("\n", new[] { reply.Header ?? reply.Text }.Concat(items.Select(i => "• " + i)).Concat(footer is null ? [] : [footer]));
}
