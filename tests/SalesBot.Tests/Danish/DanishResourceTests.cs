using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Messaging;

namespace SalesBot.Tests.Danish;

/// <summary>Every sentence SalesBot says exists in Danish, with the same blanks to fill in.</summary>
public partial class DanishResourceTests
{
    private static readonly string Folder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/SalesBot/Messaging"));

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Folder, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? string.Empty);

    private static string[] Blanks(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_English_sentence_has_a_Danish_one_with_the_same_blanks()
    {
        var english = Read("Strings.resx");
        var danish = Read("Strings.da.resx");

        Assert.True(english.Count > 200, "the English resources were not read");
        Assert.Empty(english.Keys.Except(danish.Keys).Select(k => "no Danish text: " + k));
        Assert.Empty(danish.Keys.Except(english.Keys).Select(k => "Danish text without an English one: " + k));
        Assert.Empty(english
            .Where(e => !Blanks(e.Value).SequenceEqual(Blanks(danish[e.Key])))
            .Select(e => $"{e.Key}: English {string.Join(' ', Blanks(e.Value))}, Danish {string.Join(' ', Blanks(danish[e.Key]))}"));
        Assert.Empty(danish.Where(d => d.Value.Trim().Length == 0 && english[d.Key].Trim().Length > 0).Select(d => "empty: " + d.Key));
    }

    [Fact]
    public void Danish_replies_say_du_and_never_shout()
    {
        var danish = Read("Strings.da.resx");

        Assert.Empty(danish.Where(d => Regex.IsMatch(d.Value, @"\b(De|Dem|Deres)\b")).Select(d => $"{d.Key}: {d.Value}"));
        Assert.Empty(danish.Where(d => d.Value.Contains('!', StringComparison.Ordinal)).Select(d => $"{d.Key}: {d.Value}"));
    }

    [Fact]
    public void The_running_app_finds_the_Danish_resources()
    {
        using var services = new ServiceCollection().AddLogging().AddLocalization().AddSingleton<Phrases>().BuildServiceProvider();
        var phrases = services.GetRequiredService<Phrases>();
        Assert.False(AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant, "culture data must be present");
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("da");
            Assert.Equal("Jeg kan ikke få fat i databasen lige nu, så intet er ændret. Prøv igen om lidt.", phrases["StorageUnavailable"]);
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            Assert.Equal("Storage is unavailable right now, so nothing was changed. Please try again in a moment.", phrases["StorageUnavailable"]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
