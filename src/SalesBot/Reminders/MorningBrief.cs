using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SalesBot.Deals;
using SalesBot.Messaging;
using SalesBot.Storage;
using SalesBot.Tenants;

namespace SalesBot.Reminders;

/// <summary>A person's morning brief: on or off, and the local time it comes (null: the start of the working day).</summary>
internal sealed record BriefChoice(bool On, TimeOnly? At);

/// <summary>
/// Who wants the morning brief, and when each person's next one is due: one row per person (partition tenant, row user).
/// A sender claims a brief by moving its time on with a conditional write, so of several instances one sends it.
/// </summary>
internal sealed class BriefSchedule(TableStorage storage, IUserDirectory directory, IOptions<ReminderOptions> options, TimeProvider clock)
{
    public const string Table = "Briefs";

    private TableClient Rows => storage.Table(Table);

    public Task<BriefChoice?> ChoiceAsync(string tenant, string userId, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            var row = await Rows.GetEntityIfExistsAsync<TableEntity>(Keys.Partition(tenant), Keys.User(userId), cancellationToken: ct);
            return row.HasValue && row.Value is { } e ? new BriefChoice(true, Time(e.GetString("At"))) : null;
        }, ct);

    /// <summary>Turns the brief on (at its time, or the start of the working day) or off; returns the person's day the next one comes.</summary>
    public async Task<DateOnly?> ChooseAsync(TenantSettings tenant, UserRef user, BriefChoice choice, CancellationToken ct)
    {
        var pk = Keys.Partition(tenant.Tenant);
        if (!choice.On)
        {
            await storage.RunAsync(async () =>
            {
                try
                {
                    await Rows.DeleteEntityAsync(pk, Keys.User(user.Id), ETag.All, ct);
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                }

                return true;
            }, ct);
            return null;
        }

        var zone = await ZoneAsync(tenant, user.Id, ct);
        var next = NextAt(clock.GetUtcNow(), zone, choice.At ?? options.Value.Hours().Start, tenant.Holidays);
        await storage.RunAsync(async () =>
        {
            await Rows.UpsertEntityAsync(new TableEntity(pk, Keys.User(user.Id))
            {
                ["Tenant"] = tenant.Tenant,
                ["UserId"] = user.Id,
                ["At"] = choice.At?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? string.Empty,
                ["Next"] = next,
            }, TableUpdateMode.Replace, ct);
            return true;
        }, ct);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(next, zone).DateTime);
    }

    /// <summary>The rows whose brief is due at <paramref name="now"/>, across teams.</summary>
    public Task<List<TableEntity>> DueAsync(DateTimeOffset now, CancellationToken ct) =>
        storage.RunAsync(async () =>
        {
            var rows = new List<TableEntity>();
            await foreach (var e in Rows.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Next le {now}"), maxPerPage: 1000, cancellationToken: ct))
            {
                rows.Add(e);
            }

            return rows;
        }, ct);

    /// <summary>Moves the row's brief on to the next working day; false when another instance did first.</summary>
    public async Task<bool> TryClaimAsync(TableEntity row, TenantSettings tenant, TimeZoneInfo zone, DateTimeOffset now, CancellationToken ct)
    {
        var next = NextAt(now, zone, Time(row.GetString("At")) ?? options.Value.Hours().Start, tenant.Holidays);
        return await storage.RunAsync(async () =>
        {
            try
            {
                await Rows.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["Next"] = next }, row.ETag, TableUpdateMode.Merge, ct);
                return true;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                return false;
            }
        }, ct);
    }

    public async Task<TimeZoneInfo> ZoneAsync(TenantSettings tenant, string userId, CancellationToken ct) =>
        (await directory.ProfileOfAsync(tenant.Tenant, userId, ct))?.TimeZone is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var own)
            ? own
            : tenant.TimeZone;

    /// <summary>The first business day's <paramref name="time"/> in <paramref name="zone"/> after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextAt(DateTimeOffset now, TimeZoneInfo zone, TimeOnly time, IReadOnlyCollection<DateOnly> holidays)
    {
        var day = BusinessDays.OnOrAfter(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime), holidays);
        while (NudgeSchedule.At(day, time, zone) <= now)
        {
            day = BusinessDays.Add(day, 1, holidays);
        }

        return NudgeSchedule.At(day, time, zone);
    }

    private static TimeOnly? Time(string? text) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;
}

/// <summary>
/// The morning brief, opt-in per person: one direct message at the start of their working day (in their own time zone,
/// on business days) with the next steps due today or overdue, the deals whose close date is this week, and their stalled
/// deals; nothing when there is nothing. A brief more than <see cref="LateLimit"/> late (the app was down all morning) is
/// skipped: it would no longer be a morning brief.
/// </summary>
internal sealed class MorningBrief(
    BriefSchedule schedule, IDealStore store, TenantSettingsProvider tenants, IUserDirectory directory, IEnumerable<IDirectMessenger> messengers,
    BriefContent content, TimeProvider clock, ILogger<MorningBrief> logger)
{
    private static readonly TimeSpan LateLimit = TimeSpan.FromHours(4);

    /// <summary>Sends the briefs due now; returns how many were sent (an empty day sends none).</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var sent = 0;
        foreach (var row in await schedule.DueAsync(now, ct))
        {
            try
            {
                sent += await SendAsync(row, now, ct) ? 1 : 0;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning("Morning brief of a person in {Tenant} failed ({Reason}).", row.GetString("Tenant"), e.Message);
            }
        }

        return sent;
    }

    private async Task<bool> SendAsync(TableEntity row, DateTimeOffset now, CancellationToken ct)
    {
        var tenant = await tenants.GetAsync(row.GetString("Tenant"), ct);
        var userId = row.GetString("UserId");
        var zone = await schedule.ZoneAsync(tenant, userId, ct);
        var dueAt = row.GetDateTimeOffset("Next") ?? now;
        if (!await schedule.TryClaimAsync(row, tenant, zone, now, ct) || now - dueAt > LateLimit)
        {
            return false;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var deals = await store.ListAsync(tenant.Tenant, new DealQuery(OpenOnly: true, OwnerId: userId, Max: 1000), ct);
        var profile = await directory.ProfileOfAsync(tenant.Tenant, userId, ct);
        Languages.Use(Languages.Pick(profile?.Language, profile?.Locale, tenant.Locale));
        if (content.For(deals, tenant, today) is not { } reply || messengers.FirstOrDefault(m => m.Serves(tenant.Tenant)) is not { } messenger)
        {
            return false;
        }

        return await messenger.SendAsync(tenant.Tenant, userId, reply, ct);
    }
}

/// <summary>What a morning brief says: today's and overdue next steps, this week's closes, stalled deals.</summary>
internal sealed class BriefContent(DealText text, Phrases t)
{
    /// <summary>The brief for <paramref name="today"/>, or null when the day holds nothing.</summary>
    public Reply? For(IReadOnlyList<Deal> deals, TenantSettings tenant, DateOnly today)
    {
        var weekStart = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var weekEnd = weekStart.AddDays(6);
        var items = new List<string>();
        foreach (var deal in deals.Where(d => d.NextStep is { } n && n.Date <= today).OrderBy(d => d.NextStep!.Date))
        {
            var step = deal.NextStep!;
            items.Add(step.Date == today
                ? t["BriefStepToday", deal.Name, step.Text ?? t["BriefNoStepText"]]
                : t["BriefStepOverdue", deal.Name, step.Text ?? t["BriefNoStepText"], DealText.Date(step.Date)]);
        }

        foreach (var deal in deals.Where(d => d.CloseDate is { } c && c >= today && c <= weekEnd).OrderBy(d => d.CloseDate))
        {
            items.Add(t["BriefCloses", deal.Name, DealText.Date(deal.CloseDate!.Value), text.Money(deal.Amount), text.Stage(deal, tenant.Process)]);
        }

        foreach (var deal in deals.Where(d => StallPolicy.IsStalled(d, tenant, today)).OrderByDescending(d => StallPolicy.DaysOverLimit(d, tenant, today)))
        {
            items.Add(t["BriefStalled", deal.Name, text.Stage(deal, tenant.Process), StallPolicy.DaysOverLimit(deal, tenant, today)]);
        }

        if (items.Count == 0)
        {
            return null;
        }

        var header = t["BriefHeader", DealText.Date(today)];
        return new Reply(header + "\n" + string.Join("\n", items.Select(i => "• " + i)))
        {
            Header = header,
            Items = items,
            Footer = t["BriefFooter"],
            Buttons = [new ReplyButton(t["ButtonMyDeals"], "deal list"), new ReplyButton(t["ButtonStalled"], "deal list stalled")],
        };
    }
}

/// <summary><c>deal brief on|off [time]</c>: a person's own morning brief.</summary>
internal sealed class BriefHandler(BriefSchedule brief, BriefContent content, IDealStore store, Phrases t) : CommandHandler<Commands.ChooseBrief>
{
    protected override async Task<Reply> HandleAsync(Commands.ChooseBrief command, CommandContext ctx, CancellationToken ct)
    {
        if (command.Now)
        {
            // Today's brief, here and now: what the morning message would say.
            var deals = await store.ListAsync(ctx.Tenant.Tenant, new DealQuery(OpenOnly: true, OwnerId: ctx.User.Id, Max: 1000), ct);
            return content.For(deals, ctx.Tenant, ctx.Today) ?? new Reply(t["BriefNothing"]);
        }

        if (command.On is not { } on)
        {
            return await brief.ChoiceAsync(ctx.Tenant.Tenant, ctx.User.Id, ct) is { } choice
                ? new Reply(t["BriefIsOn", When(choice.At)])
                : new Reply(t["BriefIsOff"]);
        }

        var next = await brief.ChooseAsync(ctx.Tenant, ctx.User, new BriefChoice(on, command.At), ct);
        return next is { } day
            ? new Reply(t["BriefOn", When(command.At), DealText.Date(day)])
            : new Reply(t["BriefOff"]);
    }

    private string When(TimeOnly? at) => at is { } time ? t["BriefAtTime", time.ToString("HH:mm", CultureInfo.InvariantCulture)] : t["BriefWorkdayStart"];
}
