using System.Globalization;
using SalesBot.Commands;
using SalesBot.Deals;
using SalesBot.Deals.Verbs;
using SalesBot.Messaging;
using SalesBot.Pipeline;

namespace SalesBot.Tenants.Config;

/// <summary>
/// Team settings from chat. Only managers may change them. A team without managers gets its first one only from someone
/// the channel vouches for (a Slack workspace admin or owner; in Teams the installer is named at installation), never
/// after its stored settings could not be read, and only once (a conditional write).
/// </summary>
internal sealed class ConfigHandler(
    ITeamSettingsStore store, TenantSettingsProvider tenants, PeopleResolver people, DealReplies replies, Privacy.PersonalData personalData, LearnedStallLimits learned)
    : CommandHandler<Configure>
{
    protected override async Task<Reply> HandleAsync(Configure command, CommandContext ctx, CancellationToken ct)
    {
        var t = replies.Text;
        var process = ctx.Tenant.Process;
        if (command.Action == ConfigAction.ShowStages)
        {
            var items = process.Stages.Select(s => t["ConfigStageLine", s.Name, s.Probability, s.StallDays.Smb, s.StallDays.MidMarket, s.StallDays.Enterprise, t["Category_" + s.Category]]).ToArray();
            var managers = ctx.Tenant.Managers.Count == 0 ? t["NoManagers"] : t["ManagersLine", ctx.Tenant.Managers.Count];
            return new Reply(t["ConfigStagesHeader"] + "\n" + string.Join("\n", items.Select(i => "• " + i)) + "\n" + managers)
            {
                Header = t["ConfigStagesHeader"],
                Items = items,
                Footer = managers,
            };
        }

        var bootstrap = !ctx.IsManager && command.Action == ConfigAction.AddManager && ctx.Tenant.Managers.Count == 0;
        if (bootstrap && (!ctx.Message.MayNameFirstManager || !ctx.Tenant.StoredSettingsRead))
        {
            return new Reply(t[ctx.Tenant.StoredSettingsRead ? "FirstManagerNotTrusted" : "StorageUnavailable"]) { IsError = true };
        }

        if (!ctx.IsManager && !bootstrap)
        {
            return new Reply(t["OnlyManagersConfig"]) { IsError = true };
        }

        if (command.Action is ConfigAction.SuggestStall or ConfigAction.ApplyStallSuggestions)
        {
            return await StallSuggestionsAsync(ctx, command.Action == ConfigAction.ApplyStallSuggestions, ct);
        }

        StageDefinition? stage = null;
        if (command.Stage is { } stageText)
        {
            var found = process.Find(stageText);
            if (found.Count != 1)
            {
                return new Reply(t["UnknownStage", stageText, string.Join(", ", process.Stages.Select(s => s.Name))]) { IsError = true };
            }

            stage = found[0];
        }

        if (command.Action == ConfigAction.ForgetPersonConfirmed)
        {
            // Only from the confirmation button (offered to the manager who asked) or typed with "confirm": the id as shown there.
            var id = command.Person!.TrimStart('@');
            var (pseudonym, deleted, rewritten) = await personalData.ForgetAsync(ctx.Tenant.Tenant, id, ct);
            tenants.Invalidate(ctx.Tenant.Tenant);
            return new Reply(t["ConfigForgotten", id, pseudonym, deleted, rewritten]);
        }

        UserRef? person = null;
        if (command.Person is { } mention)
        {
            var resolved = await people.ResolveAsync(ctx, mention, ct);
            if (resolved.User is null)
            {
                return resolved.Error!;
            }

            person = resolved.User;
        }

        if (command.Action == ConfigAction.ExportPerson)
        {
            var export = await personalData.ExportAsync(ctx.Tenant.Tenant, person!.Id, ct);
            var counts = export["tables"]!.AsObject().Select(table => t["ConfigExportLine", table.Key, table.Value!.AsArray().Count]).ToArray();
            var command1 = $"dotnet SalesBot.dll admin export-user --tenant {ctx.Tenant.Tenant} --user {person.Id} --out person.json";
            var lead = t["ConfigExportLead", person.Name, counts.Length == 0 ? t["ConfigExportNothing"] : string.Empty].TrimEnd();
            return new Reply($"{lead}\n{string.Join("\n", counts.Select(c => "• " + c))}\n{t["ConfigExportFull", command1]}")
            {
                Lead = lead,
                Items = counts,
                Footer = t["ConfigExportFull", command1],
            };
        }

        if (command.Action == ConfigAction.ForgetPerson)
        {
            var ask = t["ConfigForgetAsk", person!.Name];
            return new Reply(ask)
            {
                Buttons = [new ReplyButton(t["ButtonForget", person.Name], $"config forget @{person.Id} confirm", ButtonStyle.Danger)],
            };
        }

        string description;
        switch (command.Action)
        {
            case ConfigAction.StallLimit:
                description = t["ConfigStallSet", stage!.Name, replies.Segment(command.Segment!.Value), command.Number!.Value];
                await store.SetAsync(ctx.Tenant.Tenant, new TeamSetting("stall", $"{stage.Key}|{command.Segment}", command.Number.Value.ToString(CultureInfo.InvariantCulture)), Change(ctx, description), ct);
                break;
            case ConfigAction.Probability:
                description = t["ConfigProbabilitySet", stage!.Name, command.Number!.Value];
                await store.SetAsync(ctx.Tenant.Tenant, new TeamSetting("probability", stage.Key, command.Number.Value.ToString(CultureInfo.InvariantCulture)), Change(ctx, description), ct);
                break;
            case ConfigAction.AddManager when bootstrap:
                description = t["ConfigManagerAdded", person!.Name];
                if (!await store.TryNameFirstManagerAsync(ctx.Tenant.Tenant, person, Change(ctx, description), ct))
                {
                    tenants.Invalidate(ctx.Tenant.Tenant);
                    return new Reply(t["OnlyManagersConfig"]) { IsError = true };
                }

                break;
            case ConfigAction.AddManager:
                description = t["ConfigManagerAdded", person!.Name];
                await store.SetAsync(ctx.Tenant.Tenant, new TeamSetting("manager", person.Id, person.Name), Change(ctx, description), ct);
                break;
            case ConfigAction.RemoveManager:
                if (ctx.Tenant.Managers.Contains(person!.Id) && !ctx.Tenant.StoredSettings.Any(s => s.Kind == "manager" && s.Key == person.Id))
                {
                    return new Reply(t["ManagerFromConfiguration", person.Name]) { IsError = true };
                }

                description = t["ConfigManagerRemoved", person.Name];
                await store.RemoveAsync(ctx.Tenant.Tenant, "manager", person.Id, Change(ctx, description), ct);
                break;
            case ConfigAction.TeamLanguage:
                description = t["ConfigLanguageSet", t["Language_" + command.Language]];
                await store.SetAsync(ctx.Tenant.Tenant, new TeamSetting("locale", "team", command.Language!), Change(ctx, description), ct);
                break;
            default:
                if (PipelineMath.ToBase(command.Amount, ctx.Tenant) is not { } amount)
                {
                    return new Reply(t["NoRate", command.Amount!.Value.Currency, ctx.Tenant.Currency]) { IsError = true };
                }

                // Without a person, the quota is the team's own: it replaces the sum of the reps' quotas in team answers.
                var owner = person ?? new UserRef(TenantSettings.TeamQuotaOwner, t["ScopeTeam"]);
                description = t["ConfigQuotaSet", owner.Name, replies.Money(new Money(amount, ctx.Tenant.Currency)), DealText.Period(command.Period!)];
                await store.SetAsync(ctx.Tenant.Tenant, new TeamSetting("quota", $"{command.Period!.Key}|{owner.Id}", amount.ToString(CultureInfo.InvariantCulture), owner.Name), Change(ctx, description), ct);
                break;
        }

        tenants.Invalidate(ctx.Tenant.Tenant);
        return new Reply(description) { Buttons = [new(t["ButtonShowSettings"], "config stages")] };
    }

    private static SettingsChange Change(CommandContext ctx, string description) => new(ctx.Now, ctx.User, description);

    /// <summary>
    /// <c>config stall suggest</c>: the limits the team's won deals suggest, next to today's, with buttons to apply them;
    /// <c>config stall suggest apply</c>: applies every one that differs, each recorded like a <c>config stall</c>.
    /// </summary>
    private async Task<Reply> StallSuggestionsAsync(CommandContext ctx, bool apply, CancellationToken ct)
    {
        var t = replies.Text;
        var process = ctx.Tenant.Process;
        var suggestions = await learned.ForAsync(ctx.Tenant, ct, fresh: true);
        string Row(StallSuggestion s) => $"{process.Get(s.Stage).Name} · {replies.Segment(s.Segment)}";
        string Word(Segment segment) => segment switch { Segment.Smb => "smb", Segment.MidMarket => "mid", _ => "enterprise" };
        var differing = suggestions.Where(s => s.Differs).ToArray();
        if (apply)
        {
            foreach (var s in differing)
            {
                var description = t["ConfigStallSet", process.Get(s.Stage).Name, replies.Segment(s.Segment), s.Learned!.Value] + " " + t["StallLearnedMark"];
                await store.SetAsync(ctx.Tenant.Tenant, new TeamSetting("stall", $"{s.Stage}|{s.Segment}", s.Learned.Value.ToString(CultureInfo.InvariantCulture)), Change(ctx, description), ct);
            }

            tenants.Invalidate(ctx.Tenant.Tenant);
            var applied = differing.Select(s => t["StallAppliedLine", Row(s), s.CurrentLimit, s.Learned!.Value]).ToArray();
            var lead = differing.Length == 0 ? t["StallNothingToApply"] : t["StallApplied", differing.Length];
            return new Reply(lead + (applied.Length > 0 ? "\n" + string.Join("\n", applied.Select(a => "• " + a)) : string.Empty)) { Lead = lead, Items = applied };
        }

        var rows = suggestions.Where(s => s.Learned is not null).Select(s => t["StallSuggestLine", Row(s), s.CurrentLimit, s.Learned!.Value, s.Sample]).ToList();
        var tooFew = suggestions.Where(s => s.Learned is null && s.Sample > 0).ToArray();
        if (tooFew.Length > 0)
        {
            // Pairs with some history but too little: named together, so the answer stays short.
            rows.Add(t["StallSuggestTooFew", string.Join(", ", tooFew.Select(s => $"{Row(s)} ({s.Sample})")), StallLearning.MinimumSample]);
        }

        var header = t["StallSuggestHeader"];
        var leadText = rows.Count == 0 ? t["StallSuggestNoHistory", StallLearning.MonthsBack] : t["StallSuggestLead", StallLearning.Percentile, StallLearning.MinimumSample];
        var buttons = new List<ReplyButton>();
        if (differing.Length > 0)
        {
            buttons.Add(new ReplyButton(t["ButtonApplyAll", differing.Length], "config stall suggest apply", ButtonStyle.Primary));
            buttons.AddRange(differing.Take(10).Select(s => new ReplyButton(t["ButtonApplyOne", Row(s), s.Learned!.Value],
                $"config stall {process.Get(s.Stage).Name} {Word(s.Segment)} {s.Learned!.Value}")));
        }

        return new Reply(header + "\n" + leadText + (rows.Count > 0 ? "\n" + string.Join("\n", rows.Select(r => "• " + r)) : string.Empty))
        {
            Header = header,
            Lead = leadText,
            Items = rows,
            Footer = rows.Count > 0 ? t["StallSuggestFooter"] : null,
            Buttons = buttons,
        };
    }
}
