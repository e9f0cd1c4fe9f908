using SalesBot.Messaging;

namespace SalesBot.Tests.Infrastructure;

/// <summary>A team of its own tenant: reps Ann and Bob, and Maria, the manager.</summary>
internal sealed class Team(SalesBotApp app)
{
    public string Tenant { get; } = AppFixture.NewTenant();

    public Task<Reply> Ann(string text, string? id = null) => app.SayAsync(text, "u-ann", "Ann", Tenant, id);

    public Task<Reply> Bob(string text) => app.SayAsync(text, "u-bob", "Bob", Tenant);

    public Task<Reply> Maria(string text) => app.SayAsync(text, "u-maria", "Maria", Tenant);

    /// <summary>A click, by "u-ann", "u-bob" or "u-maria", on a button of an earlier reply.</summary>
    public Task<Reply> Click(string user, ReplyButton button) =>
        app.ClickAsync(button, user, user switch { "u-ann" => "Ann", "u-bob" => "Bob", _ => "Maria" }, Tenant);
}
