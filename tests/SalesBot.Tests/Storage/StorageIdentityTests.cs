using Azure.Identity;
using Microsoft.Extensions.Options;
using SalesBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SalesBot.Tests.Storage;

/// <summary>Storage is reached with a connection string or with a managed identity, never both and never neither.</summary>
public class StorageIdentityTests
{
    [Theory]
    [InlineData("UseDevelopmentStorage=true", "https://acme.table.core.windows.net", null, "not both")]
    [InlineData(null, null, null, "Set Storage:ConnectionString (an account key or the local emulator) or Storage:TableEndpoint")]
    [InlineData(null, "http://acme.table.core.windows.net", null, "must be an https address")]
    [InlineData("UseDevelopmentStorage=true", null, "3f1a…", "goes with Storage:TableEndpoint")]
    public void Settings_that_cannot_reach_storage_are_refused_with_the_keys_named(string? connectionString, string? endpoint, string? clientId, string problem)
    {
        var options = new StorageOptions { ConnectionString = connectionString, TableEndpoint = endpoint is null ? null : new Uri(endpoint), ManagedIdentityClientId = clientId };

        Assert.Contains(problem, options.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_endpoint_uses_the_configured_identity_or_the_default_chain()
    {
        var endpoint = new Uri("https://acme.table.core.windows.net");

        var user = new StorageOptions { TableEndpoint = endpoint, ManagedIdentityClientId = "0a1b2c3d-0000-4000-8000-000000000001" };
        var chain = new StorageOptions { TableEndpoint = endpoint };

        Assert.Null(user.Problem());
        Assert.IsType<ManagedIdentityCredential>(TableStorage.Credential(user));
        Assert.Equal("https://acme.table.core.windows.net with managed identity 0a1b2c3d-0000-4000-8000-000000000001", user.Describe());
        Assert.IsType<DefaultAzureCredential>(TableStorage.Credential(chain));
        Assert.Equal("a connection string", new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" }.Describe());
    }

    [Fact]
    public void Production_settings_without_a_way_to_storage_fail_the_start_up_validation()
    {
        // What ValidateOnStart runs when the host starts: the app's own registration, Production settings, no storage keys.
        var configuration = new ConfigurationBuilder().Build();
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddTableStorage()
            .BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("Set Storage:ConnectionString (an account key or the local emulator) or Storage:TableEndpoint", failure.Message);
    }
}
