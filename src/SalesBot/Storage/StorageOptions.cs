using System.ComponentModel.DataAnnotations;

namespace SalesBot.Storage;

/// <summary>The <c>Storage</c> section.</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>An Azure Storage connection string; the default reaches the local emulator.</summary>
    [Required]
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Put in front of every table name, so several installations or test runs can share one account.</summary>
    [RegularExpression("^([A-Za-z][A-Za-z0-9]{0,39})?$", ErrorMessage = "Storage:TablePrefix must be letters and digits, starting with a letter, at most 40 characters.")]
    public string TablePrefix { get; set; } = string.Empty;

    /// <summary>How long one request may spend on storage before the user is told it is unavailable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
