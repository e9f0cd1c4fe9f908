using SalesBot.Deals;

namespace SalesBot.Tenants;

/// <summary>
/// One team setting changed from chat. <paramref name="Kind"/>: stall (key stage|segment), probability (key stage),
/// manager (key user id, value name), quota (key period|user id, value amount currency, extra user name).
/// </summary>
internal sealed record TeamSetting(string Kind, string Key, string Value, string? Extra = null);

/// <summary>A recorded change of the team's settings.</summary>
internal sealed record SettingsChange(DateTimeOffset At, UserRef Actor, string Description);

/// <summary>Settings managers change from chat, on top of the configuration, with a history of who changed what.</summary>
internal interface ITeamSettingsStore
{
    Task<IReadOnlyList<TeamSetting>> ListAsync(string tenant, CancellationToken ct);

    Task SetAsync(string tenant, TeamSetting setting, SettingsChange change, CancellationToken ct);

    Task RemoveAsync(string tenant, string kind, string key, SettingsChange change, CancellationToken ct);

    /// <summary>
    /// Names the team's first manager, only if nobody did before (a conditional write: of two at once, one wins).
    /// False when the team already had its first manager named.
    /// </summary>
    Task<bool> TryNameFirstManagerAsync(string tenant, UserRef manager, SettingsChange change, CancellationToken ct);

    Task<IReadOnlyList<SettingsChange>> HistoryAsync(string tenant, int max, CancellationToken ct);
}
