using System.Globalization;

namespace SalesBot.Deals;

/// <summary>An amount in an ISO 4217 currency.</summary>
internal readonly record struct Money(decimal Amount, string Currency)
{
    public override string ToString() =>
        $"{Currency} {Amount.ToString(Amount == decimal.Truncate(Amount) ? "#,0" : "#,0.00", CultureInfo.InvariantCulture)}";
}
