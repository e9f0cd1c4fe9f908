using System.Globalization;

namespace SalesBot.Reminders;

/// <summary>The <c>Reminders</c> section.</summary>
internal sealed class ReminderOptions
{
    public const string Section = "Reminders";

    public bool Enabled { get; set; } = true;

    /// <summary>Run the scanner on a timer in this process (turn off where something else calls it).</summary>
    public bool BackgroundScan { get; set; } = true;

    /// <summary>How often the scanner looks for due nudges.</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A stalled deal is nudged again every this many business days.</summary>
    public int RepeatBusinessDays { get; set; } = 3;

    /// <summary>"09:00-17:00": nudges go out only then, Monday to Friday, in the owner's time zone.</summary>
    public string WorkingHours { get; set; } = "09:00-17:00";

    /// <summary>After this many ignored nudges in one stall episode, the deal goes into the managers' weekly digest.</summary>
    public int EscalateAfter { get; set; } = 2;

    /// <summary>"Monday 08:00": when the weekly digest goes to managers, in the team's time zone.</summary>
    public string DigestAt { get; set; } = "Monday 08:00";

    /// <summary>A nudge claimed but not confirmed as sent within this time is due again (the duplicate window).</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public (TimeOnly Start, TimeOnly End) Hours()
    {
        var parts = WorkingHours.Split('-', StringSplitOptions.TrimEntries);
        return (TimeOnly.Parse(parts[0], CultureInfo.InvariantCulture), TimeOnly.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    public (DayOfWeek Day, TimeOnly Time) Digest()
    {
        var parts = DigestAt.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (Enum.Parse<DayOfWeek>(parts[0], ignoreCase: true), TimeOnly.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
