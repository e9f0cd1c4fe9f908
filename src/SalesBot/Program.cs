using System.Text.Json;
using System.Text.Json.Serialization;
using SalesBot.Charts;
using SalesBot.Deals;
using SalesBot.Deals.Verbs;
using SalesBot.DevChat;
using SalesBot.Feed;
using SalesBot.Health;
using SalesBot.Hosting;
using SalesBot.Import;
using SalesBot.Messaging;
using SalesBot.Pipeline;
using SalesBot.Privacy;
using SalesBot.Reminders;
using SalesBot.Slack;
using SalesBot.Storage;
using SalesBot.Teams;
using SalesBot.Tenants;
using SalesBot.Tenants.Config;
using SalesBot.Tenants.People;

if (args is [AppVersion.Command])
{
    Console.WriteLine(AppVersion.Current);
    return 0;
}

if (args is [TeamsPackage.Command, ..])
{
    return TeamsPackage.Run(args, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddKeyVaultIfConfigured();
builder.AddSalesBotTelemetry();

builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
builder.Services.AddTenants(builder.Configuration);
builder.Services.AddTableStorage();
builder.Services.AddDeals();
builder.Services.AddMessaging();
builder.Services.AddDealVerbs();
builder.Services.AddPipeline();
builder.Services.AddTeamConfig();
builder.Services.AddPeopleSettings();
builder.Services.AddSlack();
builder.Services.AddTeams();
builder.Services.AddReminders();
builder.Services.AddDealsFeed();
builder.Services.AddCharts();
builder.Services.AddImport();
builder.Services.AddDevChat();
builder.Services.AddPrivacy();

var app = builder.Build();
ConfigurationChecks.RefuseUnresolvedKeyVaultReferences(app.Configuration);

if (CsvCommands.Handles(args))
{
    return await CsvCommands.RunAsync(app.Services, args, Console.Out);
}

if (AdminCommands.Handles(args))
{
    return await AdminCommands.RunAsync(app.Services, args, Console.Out);
}

app.MapHealth();
app.MapCharts();
app.MapDevChat();
app.MapSlack();
app.MapTeams();

await app.SeedDemoIfAskedAsync(args);
app.Run();
return 0;

/// <summary>Entry point; public so tests can host the app.</summary>
public partial class Program;
