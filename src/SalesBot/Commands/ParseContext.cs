namespace SalesBot.Commands;

/// <summary>What the pure parser needs to know about the speaker's world: their today, currency and fiscal year.</summary>
internal sealed record ParseContext(DateOnly Today, string DefaultCurrency, int FiscalYearStartMonth = 1);
