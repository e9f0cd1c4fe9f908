using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SalesBot.Deals;
using SalesBot.Messaging;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Teams;

/// <summary>Deal search in the compose box, "Log to deal" and forms as dialogs, as invokes through the JWT-checked /api/messages.</summary>
public sealed class TeamsSurfaceTests : IAsyncLifetime
{
    private const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string Ann = "6d415fdd-f97e-4f70-ac45-e69601e4ecb2";
    private const string Bob = "0b0b0b0b-f97e-4f70-ac45-e69601e4ecb2";
    private TeamsHarness _h = null!;
    private int _ids;

    private FakeBotFramework Fake => _h.BotFramework;

    private SalesBotApp App => _h.App;

    public async Task InitializeAsync() => _h = await TeamsHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private JsonObject Activity(string user, string type = "message", string? name = null, JsonNode? value = null, string? text = null)
    {
        var activity = Fake.Fixture("01-personal-message.json");
        activity["id"] = $"19000{Interlocked.Increment(ref _ids)}";
        activity["type"] = type;
        activity["from"] = new JsonObject { ["id"] = "29:" + user, ["name"] = user == Ann ? "Ann" : "Bob", ["aadObjectId"] = user };
        activity["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = TenantId, ["id"] = "a:personal-" + user };
        if (name is not null)
        {
            activity["name"] = name;
            activity["value"] = value;
            activity.Remove("text");
        }
        else
        {
            activity["text"] = text;
        }

        return activity;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> InvokeAsync(string user, string name, JsonNode value, string? id = null)
    {
        var activity = Activity(user, "invoke", name, value);
        if (id is not null)
        {
            activity["id"] = id;
        }

        using var response = await _h.PostAsync(activity);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone());
    }

    private async Task<string> SayAsync(string user, string text)
    {
        using var response = await _h.PostAsync(Activity(user, text: text));
        response.EnsureSuccessStatusCode();
        return (await Fake.NextAsync()).Json.GetProperty("text").GetString()!;
    }

    private static string IdIn(string text) => System.Text.RegularExpressions.Regex.Match(text, @"D-[A-Z0-9]{4,6}").Value;

    private Task<IReadOnlyList<Deal>> DealsAsync() =>
        App.Service<IDealStore>().ListAsync("teams-" + TenantId, new DealQuery(OpenOnly: false), CancellationToken.None);

    [Fact]
    public async Task Compose_box_search_finds_the_persons_own_deals_by_word_or_id_as_cards_with_an_invoke_preview()
    {
        var acme = IdIn(await SayAsync(Ann, "deal new Acme Corp 50k"));
        await SayAsync(Bob, "deal new Acme Rival 20k");

        var (status, body) = await InvokeAsync(Ann, "composeExtension/query",
            JsonNode.Parse("""{"commandId":"findDeal","parameters":[{"name":"q","value":"acm"}],"queryOptions":{"skip":0,"count":25}}""")!);
        Assert.Equal(HttpStatusCode.OK, status);
        var result = body.GetProperty("composeExtension");
        Assert.Equal("result", result.GetProperty("type").GetString());
        var attachment = Assert.Single(result.GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        Assert.Contains($"Acme Corp · {acme}", attachment.GetProperty("content").ToString());
        Assert.True(attachment.GetRawText().Length < 28 * 1024);
        var preview = attachment.GetProperty("preview");
        Assert.Equal("application/vnd.microsoft.card.thumbnail", preview.GetProperty("contentType").GetString());
        Assert.Equal(acme, preview.GetProperty("content").GetProperty("tap").GetProperty("value").GetProperty("dealId").GetString());

        var (_, byId) = await InvokeAsync(Ann, "composeExtension/query", JsonNode.Parse($$"""{"commandId":"findDeal","parameters":[{"name":"q","value":"{{acme.ToLowerInvariant()}}"}]}""")!);
        Assert.Single(byId.GetProperty("composeExtension").GetProperty("attachments").EnumerateArray());
        var (_, initial) = await InvokeAsync(Ann, "composeExtension/query", JsonNode.Parse("""{"commandId":"findDeal","parameters":[{"name":"initialRun","value":"true"}]}""")!);
        Assert.Single(initial.GetProperty("composeExtension").GetProperty("attachments").EnumerateArray());

        var (_, picked) = await InvokeAsync(Ann, "composeExtension/selectItem", JsonNode.Parse($$"""{"dealId":"{{acme}}"}""")!);
        Assert.Contains("Acme Corp", Assert.Single(picked.GetProperty("composeExtension").GetProperty("attachments").EnumerateArray()).GetProperty("content").ToString());
    }

    [Fact]
    public async Task Log_to_deal_on_a_message_opens_a_dialog_with_its_text_and_the_submission_records_it_with_the_link_once()
    {
        var acme = IdIn(await SayAsync(Ann, "deal new Acme Corp 50k"));
        var (_, fetched) = await InvokeAsync(Ann, "composeExtension/fetchTask", JsonNode.Parse("""
            {"commandId":"logToDeal","commandContext":"message","requestId":"7f7d","context":{"theme":"default"},
             "messagePayload":{"id":"1611060744833","body":{"contentType":"html","content":"<div>Acme wants a demo &amp; <b>pricing</b></div>"},
               "from":{"user":{"userIdentityType":"aadUser","id":"b130c271","displayName":"Olo Brockhouse"},"application":null},
               "linkToMessage":"https://teams.microsoft.com/l/message/19:6dec/1611060744833"}}
            """)!);
        var task = fetched.GetProperty("task");
        Assert.Equal("continue", task.GetProperty("type").GetString());
        var card = task.GetProperty("value").GetProperty("card");
        Assert.Equal("application/vnd.microsoft.card.adaptive", card.GetProperty("contentType").GetString());
        var inputs = card.GetProperty("content").GetProperty("body").EnumerateArray().Where(b => b.TryGetProperty("id", out _)).ToDictionary(b => b.GetProperty("id").GetString()!);
        Assert.Equal("Acme wants a demo & pricing", inputs["note"].GetProperty("value").GetString());
        Assert.Contains(inputs["deal"].GetProperty("choices").EnumerateArray(), c => c.GetProperty("value").GetString() == acme);
        var submitData = card.GetProperty("content").GetProperty("actions")[0].GetProperty("data");
        Assert.Equal("https://teams.microsoft.com/l/message/19:6dec/1611060744833", submitData.GetProperty("link").GetString());

        var data = JsonNode.Parse(submitData.GetRawText())!.AsObject();
        data["deal"] = acme;
        data["kind"] = "Email";
        data["note"] = "Acme wants a demo & pricing";
        var submit = new JsonObject { ["commandId"] = "logToDeal", ["commandContext"] = "message", ["data"] = data };
        var (status, body) = await InvokeAsync(Ann, "composeExtension/submitAction", submit);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Undefined, body.ValueKind);
        var deal = Assert.Single(await DealsAsync());
        Assert.Equal(InteractionKind.Email, deal.LastInteraction!.Kind);
        Assert.Equal("Acme wants a demo & pricing — https://teams.microsoft.com/l/message/19:6dec/1611060744833", deal.LastInteraction.Text);
        await App.Service<InboundPipeline>().WhenIdleAsync();
        var confirmation = Assert.Single(Fake.AllCalls, c => c.Body.Contains("Logged an email on Acme Corp", StringComparison.Ordinal));
        Assert.Contains("/v3/conversations/a%3Apersonal-" + Ann + "/activities", confirmation.Path);
    }

    [Fact]
    public async Task A_new_deal_dialog_with_a_bad_amount_comes_back_with_the_error_under_the_amount_and_creates_nothing()
    {
        var (_, fetched) = await InvokeAsync(Ann, "composeExtension/fetchTask", JsonNode.Parse("""{"commandId":"newDeal","commandContext":"compose"}""")!);
        Assert.Equal("continue", fetched.GetProperty("task").GetProperty("type").GetString());
        var (_, again) = await InvokeAsync(Ann, "composeExtension/submitAction",
            JsonNode.Parse("""{"commandId":"newDeal","commandContext":"compose","data":{"form":"deal_new","name":"Globex","amount":"lots","currency":"DKK"}}""")!);
        var body = again.GetProperty("task").GetProperty("value").GetProperty("card").GetProperty("content").GetProperty("body").EnumerateArray().ToArray();
        var amountAt = Array.FindIndex(body, b => b.TryGetProperty("id", out var id) && id.GetString() == "amount");
        Assert.Contains("\"lots\"", body[amountAt + 1].GetProperty("text").GetString());
        Assert.Equal("Attention", body[amountAt + 1].GetProperty("color").GetString());
        Assert.Equal("Globex", body.Single(b => b.TryGetProperty("id", out var id) && id.GetString() == "name").GetProperty("value").GetString());
        Assert.Empty(await DealsAsync());
    }

    [Fact]
    public async Task The_nudge_log_call_button_is_a_dialog_launcher_and_task_fetch_opens_the_form_for_that_deal()
    {
        var acme = IdIn(await SayAsync(Ann, "deal new Acme Corp 50k"));
        var (_, fetched) = await InvokeAsync(Ann, "task/fetch", JsonNode.Parse($$$"""{"data":{"msteams":{"type":"task/fetch"},"command":"deal log {{{acme}}} call"},"context":{"theme":"default"}}""")!);
        var inputs = fetched.GetProperty("task").GetProperty("value").GetProperty("card").GetProperty("content").GetProperty("body").EnumerateArray()
            .Where(b => b.TryGetProperty("id", out _)).ToDictionary(b => b.GetProperty("id").GetString()!);
        Assert.Equal(acme, inputs["deal"].GetProperty("value").GetString());
        Assert.Equal("Call", inputs["kind"].GetProperty("value").GetString());
        var submit = JsonNode.Parse($$$"""{"data":{"form":"deal_log","deal":"{{{acme}}}","kind":"Call","note":"left a voicemail"}}""")!;
        var (status, _) = await InvokeAsync(Ann, "task/submit", submit, id: "retried-submit-1");
        Assert.Equal(HttpStatusCode.OK, status);

        // Teams retries a submit it got no answer to in time: the same activity is applied once.
        await InvokeAsync(Ann, "task/submit", submit.DeepClone(), id: "retried-submit-1");
        var deal = Assert.Single(await DealsAsync());
        Assert.Equal("left a voicemail", deal.LastInteraction!.Text);
        var history = await App.Service<IDealStore>().HistoryAsync("teams-" + TenantId, acme, 10, CancellationToken.None);
        Assert.Single(history, e => e.Kind == DealEventKind.Interaction);

        var card = SalesBot.Teams.AdaptiveCardRenderer.Card(new Reply("x") { Buttons = [new ReplyButton("Log call", $"deal log {acme} call")] });
        Assert.Equal("task/fetch", (string?)card["actions"]![0]!["data"]!["msteams"]!["type"]);
    }
}
