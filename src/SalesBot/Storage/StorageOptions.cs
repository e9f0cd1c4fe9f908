using System.ComponentModel.DataAnnotations;

namespace SalesBot.Storage;

/// <summary>The <c>Storage</c> section.</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>An Azure Storage connection string (account key or SAS), or the local emulator's. Set this or <see cref="TableEndpoint"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account's table endpoint (https://&lt;account&gt;.table.core.windows.net), reached with a managed identity. Set this or <see cref="ConnectionString"/>.</summary>
    public Uri? TableEndpoint { get; set; }

    /// <summary>With <see cref="TableEndpoint"/>: the client id of the user-assigned identity to use; without it, the default Azure credential chain.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Why these settings cannot reach storage, or null when they can.</summary>
    public string? Problem() =>
        (string.IsNullOrWhiteSpace(ConnectionString), TableEndpoint is null) switch
        {
            (false, false) => "Set Storage:ConnectionString or Storage:TableEndpoint, not both.",
            (true, true) => "Set Storage:ConnectionString (an account key or the local emulator) or Storage:TableEndpoint (with a managed identity).",
            (true, false) when !TableEndpoint!.IsAbsoluteUri || TableEndpoint.Scheme != Uri.UriSchemeHttps =>
                "Storage:TableEndpoint must be an https address such as https://<account>.table.core.windows.net.",
            (false, true) when !string.IsNullOrWhiteSpace(ManagedIdentityClientId) =>
                "Storage:ManagedIdentityClientId goes with Storage:TableEndpoint; a connection string carries its own key.",
            _ => null,
        };

    /// <summary>How SalesBot signs in to storage, for the start-up log (no secret in it).</summary>
    public string Describe() => TableEndpoint is { } endpoint
        ? $"{endpoint.GetLeftPart(UriPartial.Authority)} with " + (string.IsNullOrWhiteSpace(ManagedIdentityClientId) ? "the default Azure credential" : $"managed identity {ManagedIdentityClientId}")
        : "a connection string";

    /// <summary>Put in front of every table name, so several installations or test runs can share one account.</summary>
    [RegularExpression("^([A-Za-z][A-Za-z0-9]{0,39})?$", ErrorMessage = "Storage:TablePrefix must be letters and digits, starting with a letter, at most 40 characters.")]
    public string TablePrefix { get; set; } = string.Empty;

    /// <summary>How long one request may spend on storage before the user is told it is unavailable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
