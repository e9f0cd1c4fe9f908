namespace SalesBot.Tests.Infrastructure;

/// <summary>One running app per test class; tests keep apart by using their own tenant.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    private SalesBotApp? _app;

    public SalesBotApp App => _app ?? throw new InvalidOperationException("Not started.");

    public static string NewTenant() => "t-" + Guid.NewGuid().ToString("N")[..10];

    public async Task InitializeAsync() => _app = await SalesBotApp.StartAsync();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
