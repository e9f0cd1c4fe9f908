using System.Collections.Frozen;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SalesBot.Commands;
using SalesBot.Deals;
using SalesBot.Diagnostics;
using SalesBot.Storage;
using SalesBot.Tenants;

namespace SalesBot.Messaging;

/// <summary>
/// The one way from a message to a reply, for every channel: parse, look up the handler for the command's type, run it
/// under the storage deadline, and turn any failure into a reply a person can act on.
/// </summary>
internal sealed class MessageDispatcher
{
    /// <summary>
    /// How long a message waits for its sender's chosen language (a point read, cached for 30 s) before answering in the
    /// client's or team's; short, so that with storage hanging the "storage is unavailable" reply still comes within 3 s.
    /// </summary>
    private static readonly TimeSpan LanguageLookupLimit = TimeSpan.FromMilliseconds(400);

    private readonly FrozenDictionary<Type, ICommandHandler> _handlers;
    private readonly TenantSettingsProvider _tenants;
    private readonly IUserDirectory _directory;
    private readonly TimeProvider _clock;
    private readonly Phrases _t;
    private readonly TimeSpan _deadline;
    private readonly ILogger<MessageDispatcher> _logger;

    public MessageDispatcher(
        IEnumerable<ICommandHandler> handlers, TenantSettingsProvider tenants, IUserDirectory directory, TimeProvider clock,
        Phrases phrases, IOptions<StorageOptions> storage, ILogger<MessageDispatcher> logger)
    {
        _handlers = handlers.ToFrozenDictionary(h => h.CommandType);
        _tenants = tenants;
        _directory = directory;
        _clock = clock;
        _t = phrases;
        _deadline = storage.Value.OperationTimeout + TimeSpan.FromMilliseconds(500);
        _logger = logger;
    }

    public async Task<Reply> HandleAsync(IncomingMessage message, CancellationToken ct)
    {
        var tenant = await _tenants.GetAsync(message.Tenant, ct);
        Languages.Use(await LanguageOfAsync(message, tenant, ct));
        var now = _clock.GetUtcNow();
        var user = new UserRef(message.UserId, string.IsNullOrWhiteSpace(message.UserName) ? message.UserId : message.UserName.Trim());
        var context = new CommandContext(message, user, tenant, now, OperationId(message));
        if (message.OfferedTo is { } offeredTo && !string.Equals(offeredTo, message.UserId, StringComparison.Ordinal))
        {
            return await OfferedToSomeoneElseAsync(message, offeredTo, ct);
        }

        var parsed = CommandParser.Parse(message.Text, new ParseContext(context.Today, tenant.Currency, tenant.FiscalYearStartMonth));
        if (parsed.Error is { } error)
        {
            return ParseErrorReply(error);
        }

        var command = parsed.Command!;
        if (!_handlers.TryGetValue(command.GetType(), out var handler))
        {
            throw new InvalidOperationException($"No handler for {command.GetType().Name}.");
        }

        var verb = command.GetType().Name;
        using var activity = Telemetry.Source.StartActivity("command " + verb);
        activity?.SetTag("salesbot.verb", verb);
        activity?.SetTag("salesbot.tenant", message.Tenant);
        var started = _clock.GetTimestamp();
        var outcome = "failed";
        try
        {
            // Storage deadlines are wall-clock time, not business time, so they use the system timer.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(_deadline);
            var remember = RememberAsync(message, user, deadline.Token);
            var reply = await handler.HandleAsync(command, context, deadline.Token);
            await remember;
            outcome = reply.IsError ? "refused" : "ok";
            return OfferedTo(reply, message.UserId);
        }
        catch (Exception e) when (e is StorageUnavailableException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            outcome = "storage_unavailable";
            _logger.LogWarning("Storage unavailable while handling {Command} for tenant {Tenant}: {Reason}", verb, message.Tenant, e.Message);
            return new Reply(_t["StorageUnavailable"]) { IsError = true };
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The reference an admin is given is the trace id: it finds the whole request in the telemetry (docs/operations.md).
            var reference = activity?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            _logger.LogError(e, "Unexpected failure {Reference} handling {Command} for tenant {Tenant}", reference, verb, message.Tenant);
            return new Reply(_t["UnexpectedError", reference]) { IsError = true };
        }
        finally
        {
            activity?.SetTag("salesbot.outcome", outcome);
            var tags = new TagList { { "salesbot.verb", verb }, { "salesbot.outcome", outcome } };
            Telemetry.Commands.Add(1, tags);
            Telemetry.CommandDuration.Record(_clock.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    /// <summary>Every button of an answer is offered to the person who asked: in a shared conversation, others see it too.</summary>
    private static Reply OfferedTo(Reply reply, string userId) => reply.Buttons.Count == 0 ? reply
        : reply with { Buttons = reply.Buttons.Select(b => b.OfferedTo is null ? b with { OfferedTo = userId } : b).ToArray() };

    /// <summary>Someone clicked a button offered to another person: nothing runs, and they see the command to type as themselves.</summary>
    private async Task<Reply> OfferedToSomeoneElseAsync(IncomingMessage message, string offeredTo, CancellationToken ct)
    {
        string name;
        try
        {
            name = (await _directory.GetAsync(message.Tenant, offeredTo, ct))?.Name ?? offeredTo;
        }
        catch (Exception e) when (e is StorageUnavailableException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            name = offeredTo;
        }

        return new Reply(_t["OfferedToSomeoneElse", name, message.Text]) { IsError = true, KeepsClickedMessage = true };
    }

    /// <summary>Learning who wrote is best effort: it never fails or delays a command that needs no storage.</summary>
    private async Task RememberAsync(IncomingMessage message, UserRef user, CancellationToken ct)
    {
        var tenant = message.Tenant;
        try
        {
            await _directory.RememberAsync(tenant, user, message.TimeZone, message.Email, message.Locale, ct);
        }
        catch (Exception e)
        {
            // Includes a lost race between two first messages of the same user; the next message records them.
            _logger.LogDebug("Could not record user {User} of tenant {Tenant}: {Reason}", user.Id, tenant, e.Message);
        }
    }

    private Reply ParseErrorReply(ParseError error)
    {
        var problem = _t["Parse" + error.Reason, error.Args];
        if (error.Usage is not { } verb)
        {
            return new Reply(problem) { IsError = true };
        }

        var usage = _t["Usage_" + verb];
        var example = _t["Example_" + verb];
        return new Reply($"{problem}\n{_t["UsageLabel"]}: {usage}\n{_t["ExampleLabel"]}: {example}")
        {
            IsError = true,
            Lead = problem,
            Fields = [new(_t["UsageLabel"], usage), new(_t["ExampleLabel"], example)],
        };
    }

    /// <summary>A redelivered message maps to the same operation id, so its change is applied once.</summary>
    private static string OperationId(IncomingMessage message) => message.DeliveryId is { Length: > 0 } id
        ? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..32]
        : Guid.NewGuid().ToString("N");

    /// <summary>
    /// The language of the replies to this message (<see cref="Languages.Pick"/>). A channel that writes something of its
    /// own around a reply (an acknowledgement, a welcome) uses it: the culture set inside <see cref="HandleAsync"/> does
    /// not flow back to its caller.
    /// </summary>
    public async Task<string> LanguageOfAsync(IncomingMessage message, CancellationToken ct) =>
        await LanguageOfAsync(message, await _tenants.GetAsync(message.Tenant, ct), ct);

    private async Task<string> LanguageOfAsync(IncomingMessage message, TenantSettings tenant, CancellationToken ct) =>
        Languages.Pick(await ChosenLanguageAsync(message, ct), message.Locale, tenant.Locale);

    /// <summary>
    /// The language the person chose, if any. Best effort and quick: when storage is slow or down the client's or the
    /// team's language answers (with the reply that says storage is down, if the command needs it).
    /// </summary>
    private async Task<string?> ChosenLanguageAsync(IncomingMessage message, CancellationToken ct)
    {
        try
        {
            using var quick = CancellationTokenSource.CreateLinkedTokenSource(ct);
            quick.CancelAfter(LanguageLookupLimit);
            return await _directory.ChosenLanguageAsync(message.Tenant, message.UserId, quick.Token);
        }
        catch (Exception e) when (e is StorageUnavailableException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return null;
        }
    }
}
