using System.Reflection;

namespace SalesBot.Health;

/// <summary>The release and commit this binary was built from (e.g. "0.9.0+3f1a2b4…"), as stamped at build time.</summary>
internal static class AppVersion
{
    public static string Current { get; } =
        typeof(AppVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary><c>SalesBot version</c> prints it.</summary>
    public const string Command = "version";
}
