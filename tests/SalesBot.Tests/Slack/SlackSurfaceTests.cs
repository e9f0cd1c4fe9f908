using System.Net;
using System.Text.Json;
using SalesBot.Deals;
using SalesBot.Messaging;
using SalesBot.Slack;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Slack;

/// <summary>App Home, forms as modals, the deal picker and "Log to deal", against the fake Slack with the payload shapes of the notes.</summary>
public sealed class SlackSurfaceTests : IAsyncLifetime
{
    private SlackHarness _h = null!;

    private FakeSlack Fake => _h.Slack;

    private SalesBotApp App => _h.App;

    public async Task InitializeAsync() => _h = await SlackHarness.StartAsync(new() { ["Tenants:Defaults:Managers:0"] = "UMARIA" });

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task<HttpResponseMessage> PostAsync(string path, string body) => _h.PostFormAsync(path, body);

    private Task<HttpResponseMessage> InteractAsync(object payload) => _h.InteractAsync(payload);

    private Task<string> CommandAsync(string text, string user = "UANN") => _h.CommandAsync(text, user);

    private Task<IReadOnlyList<Deal>> DealsAsync() =>
        App.Service<IDealStore>().ListAsync("slack-T1", new DealQuery(OpenOnly: false), CancellationToken.None);

    private static object Submission(string callbackId, Dictionary<string, object> values, string metadata = "{}", string user = "UANN") => new
    {
        type = "view_submission",
        team = new { id = "T1", domain = "acme" },
        user = new { id = user, username = user.ToLowerInvariant(), name = user.ToLowerInvariant(), team_id = "T1" },
        api_app_id = "A1",
        trigger_id = "111.222.abc",
        view = new
        {
            id = "V-MODAL1",
            type = "modal",
            callback_id = callbackId,
            private_metadata = metadata,
            hash = "156663117.cd33ad1f",
            state = new { values = values.ToDictionary(kv => kv.Key, kv => new Dictionary<string, object> { ["v"] = kv.Value }) },
        },
    };

    /// <summary>Every string in a JSON tree, unescaped.</summary>
    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };

    private static object Text(string? value) => new { type = "plain_text_input", value };

    private static object Selected(string type, string value) => new { type, selected_option = new { text = new { type = "plain_text", text = value }, value } };

    [Fact]
    public async Task Deal_new_without_arguments_opens_the_form_at_once_and_a_bad_amount_is_shown_on_its_field_with_nothing_created()
    {
        Assert.Equal(string.Empty, await CommandAsync("new"));
        var open = Assert.Single(Fake.Delivered("views.open")).Json;
        Assert.False(string.IsNullOrEmpty(open.GetProperty("trigger_id").GetString()));
        var view = open.GetProperty("view");
        Assert.Equal("deal_new", view.GetProperty("callback_id").GetString());
        Assert.Equal("New deal", view.GetProperty("title").GetProperty("text").GetString());
        var blocks = view.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("block_id").GetString()!).ToArray();
        Assert.Equal(["name", "amount", "currency", "segment", "close"], blocks);

        using var bad = await InteractAsync(Submission("deal_new", new() { ["name"] = Text("Acme renewal"), ["amount"] = Text("lots"), ["close"] = new { type = "datepicker", selected_date = "2026-12-31" } }));
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("errors", errors.GetProperty("response_action").GetString());
        Assert.Contains("\"lots\"", errors.GetProperty("errors").GetProperty("amount").GetString());
        Assert.Empty(await DealsAsync());

        using var good = await InteractAsync(Submission("deal_new", new()
        {
            ["name"] = Text("Acme \"Big\" renewal"), ["amount"] = Text("50k"), ["currency"] = Selected("static_select", "DKK"),
            ["segment"] = Selected("static_select", "Enterprise"), ["close"] = new { type = "datepicker", selected_date = "2026-12-31" },
        }));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(string.Empty, await good.Content.ReadAsStringAsync());
        var deal = Assert.Single(await DealsAsync());
        Assert.Equal(("Acme \"Big\" renewal", 50_000m, Segment.Enterprise, new DateOnly(2026, 12, 31), "UANN"),
            (deal.Name, deal.Amount!.Value.Amount, deal.Segment, deal.CloseDate!.Value, deal.Owner.Id));
        await App.Service<InboundPipeline>().WhenIdleAsync();
        Assert.Contains(Fake.Delivered("chat.postMessage"), c => c.Json.GetProperty("text").GetString()!.StartsWith("Created Acme", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_submission_the_typed_command_would_refuse_keeps_the_form_open_with_the_reason()
    {
        await CommandAsync("new Taken 10k");
        using var response = await InteractAsync(Submission("deal_new", new() { ["name"] = Text("Taken") }));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("Taken", body.GetProperty("errors").GetProperty("name").GetString());
        Assert.Single(await DealsAsync());
    }

    [Fact]
    public async Task Log_to_deal_on_a_message_opens_the_form_with_its_text_finds_the_deal_as_typed_and_records_it_with_a_link_back()
    {
        var id = System.Text.RegularExpressions.Regex.Match(await CommandAsync("new Acme Corp 50k"), @"D-[A-Z0-9]+").Value;
        await CommandAsync("new Other 5k", "UBOB");
        using var shortcut = await InteractAsync(new
        {
            type = "message_action",
            callback_id = "log_to_deal",
            trigger_id = "13345224609.8534564800.6f8a",
            response_url = Fake.ResponseUrl("shortcut"),
            message_ts = "1516229207.000133",
            action_ts = "1516229207.000200",
            team = new { id = "T1", domain = "acme" },
            channel = new { id = "C0LFFBKLZ", name = "deals" },
            user = new { id = "UANN", name = "ann" },
            message = new { type = "message", ts = "1516229207.000133", text = "Acme wants a demo &lt;next week&gt;" },
        });
        Assert.Equal(HttpStatusCode.OK, shortcut.StatusCode);
        var view = Assert.Single(Fake.Delivered("views.open")).Json.GetProperty("view");
        Assert.Equal("deal_log", view.GetProperty("callback_id").GetString());
        var note = view.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("block_id").GetString() == "note");
        Assert.Equal("Acme wants a demo <next week>", note.GetProperty("element").GetProperty("initial_value").GetString());

        using var suggest = await InteractAsync(new
        {
            type = "block_suggestion",
            team = new { id = "T1", domain = "acme" },
            user = new { id = "UANN", team_id = "T1" },
            container = new { type = "view", view_id = "V-MODAL1" },
            action_id = "v",
            block_id = "deal",
            value = "acm",
            view = new { id = "V-MODAL1", callback_id = "deal_log", private_metadata = view.GetProperty("private_metadata").GetString() },
        });
        var options = JsonDocument.Parse(await suggest.Content.ReadAsStringAsync()).RootElement.GetProperty("options");
        Assert.Equal(id, Assert.Single(options.EnumerateArray()).GetProperty("value").GetString());

        // Bob's deal is not Ann's to see (reps see their own deals): not offered.
        using var other = await InteractAsync(new
        {
            type = "block_suggestion", team = new { id = "T1" }, user = new { id = "UANN", team_id = "T1" }, action_id = "v", block_id = "deal", value = "oth",
            view = new { id = "V-MODAL1", callback_id = "deal_log" },
        });
        Assert.Empty(JsonDocument.Parse(await other.Content.ReadAsStringAsync()).RootElement.GetProperty("options").EnumerateArray());

        using var submitted = await InteractAsync(Submission("deal_log", new()
        {
            ["deal"] = Selected("external_select", id), ["kind"] = Selected("static_select", "Email"), ["note"] = Text("Acme wants a demo <next week>"),
            ["next_date"] = new { type = "datepicker", selected_date = "2026-12-02" }, ["next_text"] = Text("book the demo"),
        }, view.GetProperty("private_metadata").GetString()!));
        Assert.Equal(string.Empty, await submitted.Content.ReadAsStringAsync());
        var deal = Assert.Single(await DealsAsync(), d => d.Id == id);
        Assert.Equal(InteractionKind.Email, deal.LastInteraction!.Kind);
        Assert.Equal("Acme wants a demo <next week> — https://acme.slack.com/archives/C0LFFBKLZ/p1516229207000133", deal.LastInteraction.Text);
        Assert.Equal(new NextStep(new DateOnly(2026, 12, 2), "book the demo"), deal.NextStep);
    }

    [Fact]
    public async Task Typed_log_with_a_kind_logs_at_once_and_typed_log_with_only_the_deal_opens_the_form()
    {
        var id = System.Text.RegularExpressions.Regex.Match(await CommandAsync("new Typed 10k"), @"D-[A-Z0-9]+").Value;
        Assert.StartsWith("Logged a call on Typed", await CommandAsync($"log {id} call"));
        Assert.Empty(Fake.Delivered("views.open"));
        Assert.Equal(string.Empty, await CommandAsync($"log {id}"));
        Assert.Equal("deal_log", Assert.Single(Fake.Delivered("views.open")).Json.GetProperty("view").GetProperty("callback_id").GetString());
    }

    [Fact]
    public async Task The_nudge_log_call_button_opens_the_log_form_for_that_deal()
    {
        var id = System.Text.RegularExpressions.Regex.Match(await CommandAsync("new Nudged 10k"), @"D-[A-Z0-9]+").Value;
        using var click = await PostAsync("/api/slack/interactions", SlackRequests.Click($"deal log {id} call", Fake.ResponseUrl("nudge")));
        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        var view = Assert.Single(Fake.Delivered("views.open")).Json.GetProperty("view");
        var blocks = view.GetProperty("blocks").EnumerateArray().ToDictionary(b => b.GetProperty("block_id").GetString()!, b => b.GetProperty("element"));
        Assert.Equal(id, blocks["deal"].GetProperty("initial_option").GetProperty("value").GetString());
        var nudgeView = view.GetRawText();
        Assert.Equal("Call", blocks["kind"].GetProperty("initial_option").GetProperty("value").GetString());

        // App Home's Log interaction: the same form, the deal to pick.
        using var home = await PostAsync("/api/slack/interactions", SlackRequests.Click("deal log", Fake.ResponseUrl("home")));
        var second = Fake.Delivered("views.open").Select(c => c.Json.GetProperty("view")).Single(v => v.GetRawText() != nudgeView)
            .GetProperty("blocks").EnumerateArray().ToDictionary(b => b.GetProperty("block_id").GetString()!, b => b.GetProperty("element"));
        Assert.False(second["deal"].TryGetProperty("initial_option", out _));
    }

    [Fact]
    public async Task Set_new_date_on_a_close_date_alert_opens_a_date_form_that_moves_the_close_date()
    {
        var id = System.Text.RegularExpressions.Regex.Match(await CommandAsync("new Slipping 10k close 2026-11-30"), @"D-[A-Z0-9]+").Value;
        using var click = await PostAsync("/api/slack/interactions", SlackRequests.Click($"deal set {id} close", Fake.ResponseUrl("slip")));
        var view = Assert.Single(Fake.Delivered("views.open")).Json.GetProperty("view");
        Assert.Equal("deal_close", view.GetProperty("callback_id").GetString());
        using var bad = await InteractAsync(Submission("deal_close", new() { ["deal"] = Selected("external_select", id) }));
        Assert.Contains("close", JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        using var good = await InteractAsync(Submission("deal_close", new() { ["deal"] = Selected("external_select", id), ["close"] = new { type = "datepicker", selected_date = "2027-01-29" } }));
        Assert.Equal(string.Empty, await good.Content.ReadAsStringAsync());
        Assert.Equal(new DateOnly(2027, 1, 29), Assert.Single(await DealsAsync()).CloseDate);
    }

    [Fact]
    public async Task Opening_app_home_publishes_the_persons_day_once_per_event_and_a_deal_change_publishes_it_again()
    {
        var id = System.Text.RegularExpressions.Regex.Match(await CommandAsync("new \"Acme <!here>\" 50k"), @"D-[A-Z0-9]+").Value;
        await CommandAsync($"next {id} 2026-11-27 call the CFO");
        object Opened(string tab) => new { type = "app_home_opened", user = "UANN", channel = "D123", tab, event_ts = "1515449522000016" };
        foreach (var (eventId, tab) in new[] { ("EvHOME1", "home"), ("EvHOME1", "home"), ("EvMSG1", "messages") })
        {
            using var response = await _h.Http.SendAsync(SlackRequests.Signed("/api/slack/events", SlackRequests.Event(eventId, Opened(tab)), "application/json", App.Clock.GetUtcNow()));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await App.Service<InboundPipeline>().WhenIdleAsync();
        var publish = Assert.Single(Fake.Delivered("views.publish")).Json;
        Assert.Equal("UANN", publish.GetProperty("user_id").GetString());
        var view = publish.GetProperty("view");
        Assert.Equal("home", view.GetProperty("type").GetString());
        var text = string.Join("\n", Strings(view.GetProperty("blocks")));
        Assert.Contains("Your day · 27 Nov 2026", text);
        Assert.Contains("Next step today on Acme &lt;!here&gt;: call the CFO", text);
        Assert.DoesNotContain("<!here>", text);
        Assert.Contains("deal new", text);
        Assert.Contains("Log interaction", text);
        Assert.True(view.GetProperty("blocks").GetArrayLength() <= 100);

        await CommandAsync($"log {id} call \"went well\"");
        var home = App.Service<SlackHome>();
        await App.AdvanceUntilAsync(home.WhenIdleAsync(), TimeSpan.FromSeconds(1));
        Assert.Equal(2, Fake.Delivered("views.publish").Count);
    }
}
