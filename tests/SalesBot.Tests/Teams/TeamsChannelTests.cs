using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Deals;
using SalesBot.Messaging;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Teams;

/// <summary>Teams end to end: activities signed by a fake Bot Framework, through the real pipeline, on Azurite.</summary>
public sealed class TeamsChannelTests : IAsyncLifetime
{
    private const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private FakeBotFramework _bf = null!;
    private SalesBotApp _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _bf = await FakeBotFramework.StartAsync();
        _app = await SalesBotApp.StartAsync(_bf.Settings());
        _http = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _bf.DisposeAsync();
    }

    /// <summary>A recorded activity, pointed at the fake Connector.</summary>
    private JsonObject Fixture(string name) => _bf.Fixture(name);

    private JsonObject Message(string text, string id = "1001")
    {
        var activity = Fixture("01-personal-message.json");
        activity["text"] = text;
        activity["id"] = id;
        activity["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = TenantId, ["id"] = "a:personal-ann" };
        return activity;
    }

    private async Task<HttpResponseMessage> PostAsync(JsonNode activity, string? authorization = null)
    {
        using var request = FakeBotFramework.Post(activity, authorization ?? "Bearer " + _bf.Token(_app.Clock.GetUtcNow()));
        return await _http.SendAsync(request);
    }

    private Task<IReadOnlyList<Deal>> DealsAsync() =>
        _app.Service<IDealStore>().ListAsync("teams-" + TenantId, new DealQuery(OpenOnly: false), CancellationToken.None);

    [Theory]
    [InlineData("01-personal-message.json", HttpStatusCode.OK)]
    [InlineData("02-channel-message-mention.json", HttpStatusCode.OK)]
    [InlineData("03-conversation-update-bot-added-to-team.json", HttpStatusCode.OK)]
    [InlineData("04-installation-update-add.json", HttpStatusCode.OK)]
    [InlineData("05-message-card-submit-value.json", HttpStatusCode.OK)]
    [InlineData("06-invoke-adaptive-card-action.json", HttpStatusCode.BadRequest)]
    [InlineData("07-group-chat-members-added.json", HttpStatusCode.OK)]
    public async Task Every_recorded_teams_payload_is_accepted_and_handled(string fixture, HttpStatusCode expected)
    {
        using var response = await PostAsync(Fixture(fixture));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_recorded_personal_message_gets_an_answer_in_its_conversation()
    {
        await PostAsync(Fixture("01-personal-message.json"));

        var reply = await _bf.NextAsync();
        Assert.Equal("POST", reply.Method);
        Assert.StartsWith("/amer/v3/conversations/a%3A1VF4K2", reply.Path);
        Assert.EndsWith("/activities/1571691217375", reply.Path);
        Assert.Contains("I don't know the command “file”", reply.Json.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_danish_teams_client_gets_danish_answers_without_any_setting(bool activityHasLocale)
    {
        var activity = Message("deal ny Nordlys Energi 50.000 kr. smb");
        activity["locale"] = activityHasLocale ? "da-DK" : null;
        activity["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["locale"] = "da-DK", ["country"] = "DK", ["platform"] = "Windows" });

        await PostAsync(activity);
        var reply = await _bf.NextAsync();

        var deal = Assert.Single(await DealsAsync());
        Assert.Equal(
            $"{deal.Name} ({deal.Id}) er oprettet i Prospecting: DKK 50.000, SMB, ejer {deal.Owner.Name}.",
            reply.Json.GetProperty("text").GetString());
        var actions = reply.Json.GetProperty("attachments")[0].GetProperty("content").GetProperty("actions").EnumerateArray();
        Assert.Contains(actions, a => a.GetProperty("title").GetString() == "Flyt til Contact");
    }

    [Fact]
    public async Task A_channel_mention_runs_the_command_and_replies_in_the_thread_with_a_card_and_a_valid_token()
    {
        var activity = Fixture("02-channel-message-mention.json");
        activity["text"] = "<at>My Combined</at> deal new Contoso 40k enterprise\n";

        using var response = await PostAsync(activity);
        var reply = await _bf.NextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/amer/v3/conversations/19%3A097e6717fd7245bdbeba6baa13840db8%40thread.skype%3Bmessageid%3D1571537152320/activities/1571537152320", reply.Path);
        Assert.Equal("Bearer " + FakeBotFramework.OutboundToken, reply.Authorization);
        Assert.StartsWith("Created Contoso", reply.Json.GetProperty("text").GetString());
        var card = reply.Json.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", card.GetProperty("contentType").GetString());
        Assert.Equal("1.5", card.GetProperty("content").GetProperty("version").GetString());
        var advance = card.GetProperty("content").GetProperty("actions")[0];
        Assert.Equal("Action.Execute", advance.GetProperty("type").GetString());
        Assert.StartsWith("deal advance D-", advance.GetProperty("data").GetProperty("command").GetString());
        var deal = Assert.Single(await DealsAsync());
        Assert.Equal(("Dave Taniguchi", "6b703ce3-6d14-4fe6-b90c-dc5f03657ae4"), (deal.Owner.Name, deal.Owner.Id));
    }

    [Fact]
    public async Task A_mentioned_person_is_known_by_their_entra_id_not_by_teams_mention_syntax()
    {
        const string daveTeamsId = "29:1CFIxRJBLjT_io3iNsDZxMk_4YPWQmr3DZUM1I6ihf5L2ocCDqg9S1vkHK6kRdGfK1P_2LFE2nQqFIvdu-GBOZA";
        _bf.Members[daveTeamsId] = "6b703ce3-6d14-4fe6-b90c-dc5f03657ae4";
        var activity = Fixture("02-channel-message-mention.json");
        activity["text"] = "<at>My Combined</at> deal new Northwind 25k <at>D. Taniguchi</at>\n";
        activity["entities"]!.AsArray().Add(JsonNode.Parse($$$"""{"type":"mention","text":"<at>D. Taniguchi</at>","mentioned":{"id":"{{{daveTeamsId}}}","name":"D. Taniguchi"}}"""));

        await PostAsync(activity);
        var reply = await _bf.NextAsync();

        Assert.StartsWith("Created Northwind", reply.Json.GetProperty("text").GetString());
        var deal = Assert.Single(await DealsAsync());
        Assert.Equal(("6b703ce3-6d14-4fe6-b90c-dc5f03657ae4", "Dave Taniguchi"), (deal.Owner.Id, deal.Owner.Name));
    }

    public static TheoryData<string> BadTokens => new()
    {
        "expired", "not yet valid", "wrong issuer", "wrong audience", "unknown key", "wrong algorithm",
        "key not endorsed for msteams", "serviceurl mismatch", "missing header", "wrong scheme", "garbage",
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Bad_tokens_get_401_and_change_nothing(string problem)
    {
        var now = _app.Clock.GetUtcNow();
        var authorization = problem switch
        {
            "expired" => "Bearer " + _bf.Token(now, validFrom: TimeSpan.FromHours(-2)),
            "not yet valid" => "Bearer " + _bf.Token(now, validFrom: TimeSpan.FromMinutes(10)),
            "wrong issuer" => "Bearer " + _bf.Token(now, issuer: "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/"),
            "wrong audience" => "Bearer " + _bf.Token(now, audience: "00000000-0000-0000-0000-000000000001"),
            "unknown key" => "Bearer " + _bf.Token(now, unknownKey: true),
            "wrong algorithm" => "Bearer " + _bf.Token(now, hmac: true),
            "key not endorsed for msteams" => "Bearer " + _bf.Token(now, skypeOnlyKey: true),
            "serviceurl mismatch" => "Bearer " + _bf.Token(now, serviceUrl: "https://smba.trafficmanager.net/emea/"),
            "missing header" => "",
            "wrong scheme" => "Basic " + _bf.Token(now),
            _ => "Bearer not-a-jwt",
        };

        using var response = await PostAsync(Message("deal new Forged 1k"), authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await DealsAsync());
        Assert.Null(await _bf.TryNextAsync(0.3));
    }

    [Theory]
    [InlineData("webchat")]
    [InlineData("directline")]
    [InlineData("tenants disagree")]
    [InlineData("no channel")]
    public async Task A_signed_activity_that_does_not_come_from_teams_gets_403_and_changes_nothing(string attack)
    {
        // The key is endorsed for these channels too, as the real Bot Framework's keys are; their clients choose from and channelData.
        var forged = Message("deal new Forged 1k");
        forged["from"] = new JsonObject { ["id"] = "29:maria", ["aadObjectId"] = "u-maria", ["name"] = "Maria" };
        switch (attack)
        {
            case "tenants disagree":
                forged["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "11111111-2222-3333-4444-555555555555" } };
                break;
            case "no channel":
                forged.Remove("channelId");
                break;
            default:
                forged["channelId"] = attack;
                break;
        }

        using var response = await PostAsync(forged);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await DealsAsync());
        Assert.Null(await _bf.TryNextAsync(0.3));
    }

    [Theory]
    [InlineData(false, HttpStatusCode.Unauthorized)]
    [InlineData(true, HttpStatusCode.RequestEntityTooLarge)]
    public async Task A_five_megabyte_chunked_body_is_refused_without_being_parsed(bool signed, HttpStatusCode expected)
    {
        // Valid JSON all the way, so only the size (or the missing token) can refuse it; no Content-Length is sent.
        var padding = new string('x', 5 * 1024 * 1024);
        var body = new Unsized(System.Text.Encoding.UTF8.GetBytes($$"""{"type":"message","channelId":"msteams","text":"deal new Huge 1k","pad":"{{padding}}"}"""));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StreamContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        if (signed)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _bf.Token(_app.Clock.GetUtcNow()));
        }

        using var response = await _http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(await DealsAsync());
    }

    [Fact]
    public async Task A_tenant_outside_the_allowed_list_gets_403()
    {
        var settings = _bf.Settings();
        settings["Teams:AllowedTenants:0"] = "99999999-0000-0000-0000-000000000000";
        await using var app = await SalesBotApp.StartAsync(settings);
        using var http = app.CreateClient();
        using var request = FakeBotFramework.Post(Message("deal new Outsider 1k"), "Bearer " + _bf.Token(app.Clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(request)).StatusCode);
        Assert.Empty(await app.Service<IDealStore>().ListAsync("teams-" + TenantId, new DealQuery(OpenOnly: false), CancellationToken.None));
    }

    [Fact]
    public async Task Tokens_within_five_minutes_of_skew_are_accepted()
    {
        var now = _app.Clock.GetUtcNow();
        using var late = await PostAsync(Message("deal help", id: "s1"), "Bearer " + _bf.Token(now, validFrom: TimeSpan.FromMinutes(-64)));
        using var early = await PostAsync(Message("deal help", id: "s2"), "Bearer " + _bf.Token(now, validFrom: TimeSpan.FromMinutes(4)));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
    }

    [Fact]
    public async Task An_unknown_key_refreshes_the_key_set_at_most_once_an_hour()
    {
        await PostAsync(Message("deal help", id: "k1"));
        var reads = _bf.MetadataReads;
        for (var i = 0; i < 3; i++)
        {
            await PostAsync(Message("deal help", id: "k-" + i), "Bearer " + _bf.Token(_app.Clock.GetUtcNow(), unknownKey: true));
        }

        Assert.Equal(reads, _bf.MetadataReads);
        _app.Clock.Advance(TimeSpan.FromMinutes(61));
        await PostAsync(Message("deal help", id: "k4"), "Bearer " + _bf.Token(_app.Clock.GetUtcNow(), unknownKey: true));
        Assert.Equal(reads + 1, _bf.MetadataReads);
    }

    [Fact]
    public async Task A_burst_of_unknown_keys_fetches_the_key_set_once()
    {
        await PostAsync(Message("deal help", id: "b0"));
        var reads = _bf.MetadataReads;
        _app.Clock.Advance(TimeSpan.FromMinutes(61));

        var burst = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => PostAsync(Message("deal help", id: "b" + (i + 1)), "Bearer " + _bf.Token(_app.Clock.GetUtcNow(), unknownKey: true))));

        Assert.All(burst, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal(reads + 1, _bf.MetadataReads);
    }

    [Fact]
    public async Task A_failing_key_endpoint_gives_401_not_500_and_is_tried_again_within_minutes_not_an_hour()
    {
        await using var bf = await FakeBotFramework.StartAsync();
        bf.MetadataDown = true;
        await using var app = await SalesBotApp.StartAsync(bf.Settings());
        using var http = app.CreateClient();
        async Task<HttpStatusCode> SendAsync(string id)
        {
            var activity = bf.PersonalMessage("deal help", id);
            using var request = FakeBotFramework.Post(activity, "Bearer " + bf.Token(app.Clock.GetUtcNow()));
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync("f1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync("f2"));
        var reads = bf.MetadataReads;
        Assert.Equal(1, reads);

        bf.MetadataDown = false;
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, await SendAsync("f3"));
    }

    [Fact]
    public async Task Action_submit_and_action_execute_both_run_the_command_and_update_the_card()
    {
        await PostAsync(Message("deal new Fabrikam 10k", id: "c1"));
        var created = await _bf.NextAsync();
        var advance = created.Json.GetProperty("attachments")[0].GetProperty("content").GetProperty("actions")[0].GetProperty("data").GetProperty("command").GetString()!;

        var submit = Message("", id: "c2");
        submit.Remove("text");
        submit["replyToId"] = "1:card-message";
        submit["value"] = new JsonObject { ["command"] = advance };
        await PostAsync(submit);
        var update = await _bf.NextAsync();
        Assert.Equal("PUT", update.Method);
        Assert.EndsWith("/activities/1%3Acard-message", update.Path);
        Assert.StartsWith("Moved Fabrikam from Prospecting to Contact", update.Json.GetProperty("text").GetString());

        var invoke = Fixture("06-invoke-adaptive-card-action.json");
        invoke["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = TenantId, ["id"] = "a:personal-ann" };
        invoke["channelData"]!["tenant"]!["id"] = TenantId;
        invoke["from"] = JsonNode.Parse("""{"id":"29:ann","name":"Tien Suwandy","aadObjectId":"6d415fdd-f97e-4f70-ac45-e69601e4ecb2"}""");
        invoke["value"]!["action"]!["data"] = new JsonObject { ["command"] = "deal advance Fabrikam" };
        using var response = await PostAsync(invoke);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        var lead = body.GetProperty("value").GetProperty("body")[1].GetProperty("text").GetString();
        Assert.StartsWith("Moved Fabrikam from Contact to Identify need", lead);
        Assert.Equal("identify-need", Assert.Single(await DealsAsync()).Stage);
    }

    [Fact]
    public async Task In_a_channel_a_choice_offered_to_one_person_does_nothing_when_someone_else_clicks_it()
    {
        JsonObject InChannel(string id, string? text)
        {
            var activity = Fixture("02-channel-message-mention.json");
            activity["id"] = id;
            if (text is null)
            {
                activity.Remove("text");
            }
            else
            {
                activity["text"] = "<at>My Combined</at> " + text;
            }

            return activity;
        }

        await PostAsync(InChannel("o1", "deal new Acme Robotics 10k"));
        await _bf.NextAsync();
        await PostAsync(InChannel("o2", "deal new Acme Shipping 20k"));
        await _bf.NextAsync();
        await PostAsync(InChannel("o3", "deal lost acme chose a competitor"));
        var choice = (await _bf.NextAsync()).Json.GetProperty("attachments")[0].GetProperty("content").GetProperty("actions")[0].GetProperty("data");
        Assert.Equal("6b703ce3-6d14-4fe6-b90c-dc5f03657ae4", choice.GetProperty("offeredTo").GetString());
        var maria = JsonNode.Parse("""{"id":"29:maria","name":"Maria Skov","aadObjectId":"a1b2c3d4-0000-4000-8000-00000000ma01"}""");

        // Action.Submit: the card stays as it was; Maria gets an answer in the thread, nothing runs.
        var submit = InChannel("o4", null);
        submit["from"] = maria!.DeepClone();
        submit["replyToId"] = "1:choice-card";
        submit["value"] = JsonNode.Parse(choice.GetRawText());
        await PostAsync(submit);
        var answer = await _bf.NextAsync();
        Assert.Equal("POST", answer.Method);
        Assert.StartsWith("This choice was offered to Dave Taniguchi, so nothing was changed. To do it yourself, type: deal lost D-", answer.Json.GetProperty("text").GetString());

        // Action.Execute: the invoke answer keeps the card and shows Maria a message.
        var invoke = Fixture("06-invoke-adaptive-card-action.json");
        invoke["conversation"] = JsonNode.Parse(submit["conversation"]!.ToJsonString());
        invoke["channelData"]!["tenant"]!["id"] = TenantId;
        invoke["from"] = maria.DeepClone();
        invoke["value"]!["action"]!["data"] = JsonNode.Parse(choice.GetRawText());
        using var response = await PostAsync(invoke);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("application/vnd.microsoft.activity.message", body.GetProperty("type").GetString());
        Assert.StartsWith("This choice was offered to Dave Taniguchi", body.GetProperty("value").GetString());

        Assert.All(await DealsAsync(), d => Assert.Null(d.ClosedAt));
        Assert.Equal(2, (await DealsAsync()).Count);
    }

    [Fact]
    public async Task A_user_known_only_from_a_channel_is_reached_proactively_in_a_new_one_to_one_chat()
    {
        var activity = Fixture("02-channel-message-mention.json");
        activity["text"] = "<at>My Combined</at> deal help";
        await PostAsync(activity);
        await _bf.NextAsync();

        var messenger = _app.Services.GetServices<IDirectMessenger>().Single(m => m.Serves("teams-" + TenantId));
        var sent = await messenger.SendAsync("teams-" + TenantId, "6b703ce3-6d14-4fe6-b90c-dc5f03657ae4", new Reply("Acme has been in Contact for 9 business days."), CancellationToken.None);

        Assert.True(sent);
        var create = await _bf.NextAsync();
        Assert.Equal(("POST", "/amer/v3/conversations"), (create.Method, create.Path));
        Assert.Equal("29:1CFIxRJBLjT_io3iNsDZxMk_4YPWQmr3DZUM1I6ihf5L2ocCDqg9S1vkHK6kRdGfK1P_2LFE2nQqFIvdu-GBOZA", create.Json.GetProperty("members")[0].GetProperty("id").GetString());
        Assert.Equal(TenantId, create.Json.GetProperty("tenantId").GetString());
        var message = await _bf.NextAsync();
        Assert.Equal("/amer/v3/conversations/a%3Acreated-1/activities", message.Path);
        Assert.Equal("Acme has been in Contact for 9 business days.", message.Json.GetProperty("text").GetString());
        Assert.False(await messenger.SendAsync("teams-" + TenantId, "someone-unknown", new Reply("x"), CancellationToken.None));
    }

    [Fact]
    public async Task A_throttled_reply_is_retried_and_delivered_once()
    {
        _bf.Fail(429, times: 2);
        await PostAsync(Message("deal help", id: "r1"));

        // Retry delays run on the app's clock: move it in small steps until the reply arrives.
        ConnectorCall? delivered = null;
        for (var i = 0; i < 400 && delivered is null; i++)
        {
            _app.Clock.Advance(TimeSpan.FromMilliseconds(250));
            delivered = await _bf.TryNextAsync(0.1);
        }

        Assert.NotNull(delivered);
        Assert.Contains("SalesBot deal commands", delivered.Json.GetProperty("text").GetString());
        Assert.Equal(2, _bf.AllCalls.Count(c => c.Method.EndsWith("429", StringComparison.Ordinal)));
        Assert.Single(_bf.AllCalls, c => !c.Method.EndsWith("429", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_outbound_token_is_fetched_once_and_only_sent_to_trusted_service_urls()
    {
        await PostAsync(Message("deal help", id: "t1"));
        await PostAsync(Message("deal list", id: "t2"));
        await _bf.NextAsync();
        await _bf.NextAsync();

        Assert.Equal(1, _bf.TokenRequests);
        var connector = _app.Service<SalesBot.Teams.ConnectorClient>();
        Assert.True(connector.IsAllowed(_bf.ServiceUrl));
        Assert.True(connector.IsAllowed("https://smba.trafficmanager.net/emea/"));
        Assert.False(connector.IsAllowed("https://attacker.example/amer/"));
        Assert.False(connector.IsAllowed("http://smba.trafficmanager.net/amer/"));
        await Assert.ThrowsAsync<SalesBot.Teams.ConnectorException>(() =>
            connector.SendToConversationAsync("https://attacker.example/amer/", "a:x", new SalesBot.Teams.Activity { Type = "message", Text = "hi" }, CancellationToken.None));
    }

    [Fact]
    public async Task The_same_activity_delivered_twice_is_answered_once()
    {
        await PostAsync(Message("deal new Northwind 5k", id: "dup-1"));
        await PostAsync(Message("deal new Northwind 5k", id: "dup-1"));
        await _bf.NextAsync();

        Assert.Null(await _bf.TryNextAsync(0.5));
        Assert.Single(await DealsAsync());
    }

    [Fact]
    public async Task The_person_who_installs_the_app_is_the_first_manager_of_a_tenant_that_has_none()
    {
        var settings = _bf.Settings();
        settings["Tenants:Defaults:Managers:0"] = null;
        await using var app = await SalesBotApp.StartAsync(settings);
        using var http = app.CreateClient();
        using var request = FakeBotFramework.Post(Fixture("04-installation-update-add.json"), "Bearer " + _bf.Token(app.Clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        var tenant = await app.Service<SalesBot.Tenants.TenantSettingsProvider>().GetAsync("teams-b28fdbfd-2b78-4f93-b0f8-8881793f0f8f");
        Assert.Equal(["eddfa9d4-346e-4cce-a18f-fa6261ad776b"], tenant.Managers);
    }

    /// <summary>A body of unknown length, as a chunked upload has.</summary>
    private sealed class Unsized(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
