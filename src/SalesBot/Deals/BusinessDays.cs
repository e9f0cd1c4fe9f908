namespace SalesBot.Deals;

/// <summary>Counts working days: Monday to Friday, less the team's holidays.</summary>
internal static class BusinessDays
{
    /// <summary>Business days after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public static int Between(DateOnly from, DateOnly to, IReadOnlyCollection<DateOnly> holidays)
    {
        if (to <= from)
        {
            return 0;
        }

        var total = to.DayNumber - from.DayNumber;
        var weeks = total / 7;
        var count = weeks * 5;
        for (var d = from.AddDays(weeks * 7 + 1); d <= to; d = d.AddDays(1))
        {
            if (IsWeekday(d))
            {
                count++;
            }
        }

        return count - holidays.Count(h => h > from && h <= to && IsWeekday(h));
    }

    /// <summary>The <paramref name="n"/>-th business day after <paramref name="from"/> (n ≥ 1).</summary>
    public static DateOnly Add(DateOnly from, int n, IReadOnlyCollection<DateOnly> holidays)
    {
        var day = from;
        while (n > 0)
        {
            day = day.AddDays(1);
            if (IsWeekday(day) && !holidays.Contains(day))
            {
                n--;
            }
        }

        return day;
    }

    /// <summary>The day itself if it is a business day, else the next one.</summary>
    public static DateOnly OnOrAfter(DateOnly day, IReadOnlyCollection<DateOnly> holidays) =>
        IsWeekday(day) && !holidays.Contains(day) ? day : Add(day, 1, holidays);

    public static bool IsWeekday(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
