using SalesBot.Messaging;

namespace SalesBot.Tests.Infrastructure;

/// <summary>A team of its own tenant: reps Ann and Bob, and Maria, the manager.</summary>
public sealed class Team(SalesBotApp app)
{
    public string Tenant { get; } = AppFixture.NewTenant();

    public Task<Reply> Ann(string text, string? id = null) => app.SayAsync(text, "u-ann", "Ann", Tenant, id);

    public Task<Reply> Bob(string text) => app.SayAsync(text, "u-bob", "Bob", Tenant);

    public Task<Reply> Maria(string text) => app.SayAsync(text, "u-maria", "Maria", Tenant);
}
