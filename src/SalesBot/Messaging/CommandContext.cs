using SalesBot.Deals;
using SalesBot.Tenants;

namespace SalesBot.Messaging;

/// <summary>Who is asking, in which team, at what time, under which operation id.</summary>
internal sealed record CommandContext(IncomingMessage Message, UserRef User, TenantSettings Tenant, DateTimeOffset Now, string OperationId)
{
    public DateOnly Today => Tenant.Today(Now);

    public bool IsManager => Tenant.IsManager(User.Id);

    public bool CanSee(Deal deal) => deal.Owner.Id == User.Id || IsManager || Tenant.TeamVisibility;

    /// <summary>Only the owner or a manager changes a deal.</summary>
    public bool CanChange(Deal deal) => deal.Owner.Id == User.Id || IsManager;
}
