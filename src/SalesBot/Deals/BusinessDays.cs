namespace SalesBot.Deals;

/// <summary>Counts working days: Monday to Friday, less the team's holidays.</summary>
public static class BusinessDays
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

    public static bool IsWeekday(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
