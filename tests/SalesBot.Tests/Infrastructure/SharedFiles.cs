namespace SalesBot.Tests.Infrastructure;

/// <summary>
/// The repository, and the shared folder of official schemas and recorded payloads that lies beside it
/// (../shared), which tests read in place rather than copy.
/// </summary>
public static class SharedFiles
{
    public static string Repository { get; } = System.IO.Path.GetFullPath(System.IO.Path.Combine(AppContext.BaseDirectory, "../../../../.."));

    public static string Path(string relative) =>
        new[] { System.IO.Path.Combine(Repository, "../shared", relative), System.IO.Path.Combine(Repository, "shared", relative) }
            .Select(System.IO.Path.GetFullPath)
            .FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException($"Expected shared/{relative} beside the repository ({Repository}).");
}
