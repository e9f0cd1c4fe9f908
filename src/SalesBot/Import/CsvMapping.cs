using System.Text.Json;

namespace SalesBot.Import;

/// <summary>
/// Which CSV column holds which deal field, and how the file's stage names map to the team's stages. Built in: pipedrive,
/// hubspot and salesbot (what <c>export</c> writes); anything else through a JSON file with the same properties.
/// </summary>
internal sealed record CsvMapping
{
    public string? ExternalId { get; init; }
    public required string Name { get; init; }
    public string? Amount { get; init; }
    public string? Currency { get; init; }
    public required string Stage { get; init; }
    public string? Owner { get; init; }

    /// <summary>A column holding the owner's SalesBot user id (Slack member id, Teams AAD object id); it wins over <see cref="Owner"/>.</summary>
    public string? OwnerId { get; init; }
    public string? Segment { get; init; }
    public string? CloseDate { get; init; }
    public string? Created { get; init; }
    public string? StageChanged { get; init; }
    public string? Status { get; init; }
    public string? LostReason { get; init; }
    public string? ClosedAt { get; init; }

    /// <summary>The file's owner names or e-mails (case-insensitive) → SalesBot user ids; they win over matching by name.</summary>
    public Dictionary<string, string> Owners { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The file's stage names (case-insensitive) → the team's stage names, or "won"/"lost".</summary>
    public Dictionary<string, string> Stages { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public static readonly CsvMapping Pipedrive = new()
    {
        ExternalId = "Deal - ID",
        Name = "Deal - Title",
        Amount = "Deal - Value",
        Currency = "Deal - Currency",
        Stage = "Deal - Stage",
        Owner = "Deal - Owner",
        CloseDate = "Deal - Expected close date",
        Created = "Deal - Deal created",
        StageChanged = "Deal - Last stage change",
        Status = "Deal - Status",
        LostReason = "Deal - Lost reason",
        ClosedAt = "Deal - Deal closed on",
        Stages = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Lead In"] = "Prospecting",
            ["Contact Made"] = "Contact",
            ["Needs Defined"] = "Identify need",
            ["Demo Scheduled"] = "Identify need",
            ["Proposal Made"] = "Present offer",
            ["Negotiations Started"] = "Handle objections",
        },
    };

    public static readonly CsvMapping HubSpot = new()
    {
        ExternalId = "Record ID",
        Name = "Deal Name",
        Amount = "Amount",
        Currency = "Deal currency code",
        Stage = "Deal Stage",
        Owner = "Deal owner",
        CloseDate = "Close Date",
        Created = "Create Date",
        StageChanged = "Date entered current deal stage",
        LostReason = "Closed lost reason",
        Stages = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Appointment scheduled"] = "Contact",
            ["Qualified to buy"] = "Identify need",
            ["Presentation scheduled"] = "Present offer",
            ["Decision maker bought-in"] = "Present offer",
            ["Contract sent"] = "Handle objections",
            ["Closed won"] = "won",
            ["Closed lost"] = "lost",
        },
    };

    public static readonly CsvMapping SalesBot = new()
    {
        ExternalId = "Id",
        Name = "Name",
        Amount = "Amount",
        Currency = "Currency",
        Stage = "Stage",
        Owner = "Owner",
        OwnerId = "Owner id",
        Segment = "Segment",
        CloseDate = "Expected close",
        Created = "Created",
        StageChanged = "Stage entered",
        Status = "Status",
        LostReason = "Lost reason",
        ClosedAt = "Closed",
    };

    public static CsvMapping? Named(string name) => name.ToLowerInvariant() switch
    {
        "pipedrive" => Pipedrive,
        "hubspot" => HubSpot,
        "salesbot" => SalesBot,
        _ => null,
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static CsvMapping FromJson(string json) =>
        JsonSerializer.Deserialize<CsvMapping>(json, Json) ?? throw new JsonException("The mapping file is empty.");

    /// <summary>The built-in mapping whose name and stage columns the header has, if any.</summary>
    public static CsvMapping? Detect(IReadOnlyCollection<string> header) =>
        new[] { Pipedrive, HubSpot, SalesBot }.FirstOrDefault(m => header.Contains(m.Name) && header.Contains(m.Stage));
}
