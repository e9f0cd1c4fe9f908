using Microsoft.Extensions.Configuration;
using SalesBot.Tenants;

namespace SalesBot.Tests.Messaging;

public class SampleSettingsTests
{
    private static string Root => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));

    [Fact]
    public void The_sample_settings_load_validate_and_mirror_every_key_of_the_app_settings()
    {
        var sample = new ConfigurationBuilder().AddJsonFile(Path.Combine(Root, "appsettings.sample.json")).Build();
        var app = new ConfigurationBuilder().AddJsonFile(Path.Combine(Root, "src/SalesBot/appsettings.json")).Build();

        var options = new TenantsOptions();
        sample.GetSection("Tenants").Bind(options.Tenants);
        sample.GetSection("SalesProcess").Bind(options.SalesProcess);
        Assert.True(new TenantsOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(5, options.SalesProcess.Stages!.Count);

        var sampleKeys = sample.AsEnumerable().Select(kv => kv.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = app.AsEnumerable()
            .Where(kv => kv.Value is not null && !kv.Key.StartsWith("Logging", StringComparison.Ordinal) && kv.Key != "AllowedHosts")
            .Select(kv => kv.Key)
            .Where(k => !sampleKeys.Contains(k));
        Assert.Empty(missing);
        foreach (var key in new[] { "Storage:ConnectionString", "Storage:TablePrefix", "Storage:OperationTimeout", "DevChat:Enabled",
                     "Tenants:Defaults:Managers:0", "Tenants:Defaults:Holidays:0" })
        {
            Assert.Contains(key, sampleKeys);
        }
    }
}
