using SalesBot.Tenants;

namespace SalesBot.Slack;

/// <summary>
/// <c>admin reseal-slack-tokens</c>: after a key rotation, seals every stored workspace token with the current
/// <c>Slack:TokenEncryptionKey</c>, so the previous key can be removed from <c>Slack:PreviousTokenEncryptionKeys</c>.
/// </summary>
internal sealed class ResealTokensCommand(SlackInstallations installs, Microsoft.Extensions.Options.IOptions<SlackOptions> options) : IAdminCommand
{
    public string Name => "reseal-slack-tokens";

    public string Usage => string.Empty;

    public async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        if (!options.Value.MultiWorkspace)
        {
            await output.WriteLineAsync("Slack:ClientId and Slack:ClientSecret are not set: no workspace tokens are stored, so there is nothing to reseal.");
            return 2;
        }

        var (resealed, unreadable) = await installs.ResealAllAsync(ct);
        await output.WriteLineAsync($"Resealed {resealed} workspace token{(resealed == 1 ? "" : "s")} with the current key.");
        if (unreadable > 0)
        {
            await output.WriteLineAsync($"{unreadable} token{(unreadable == 1 ? "" : "s")} could not be opened with any configured key; those workspaces must install SalesBot again.");
            return 1;
        }

        return 0;
    }
}
