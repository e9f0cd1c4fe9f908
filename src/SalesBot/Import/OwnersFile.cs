using System.Globalization;
using CsvHelper;

namespace SalesBot.Import;

/// <summary>
/// The <c>--owners</c> file of an import: two columns, the owner as the import file names them (a name or e-mail) and
/// the SalesBot user id it stands for (Slack member id, Teams user id). A header row is optional.
/// </summary>
internal static class OwnersFile
{
    public static IReadOnlyDictionary<string, string> Read(string text)
    {
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var csv = new CsvParser(new StringReader(text), CultureInfo.InvariantCulture);
        var first = true;
        while (csv.Read())
        {
            var record = csv.Record;
            var header = first && record is [_, var id] && id.Trim().Equals("user id", StringComparison.OrdinalIgnoreCase);
            first = false;
            if (!header && record is [var owner, var user, ..] && owner.Trim().Length > 0 && user.Trim().Length > 0)
            {
                owners[owner.Trim()] = user.Trim();
            }
        }

        return owners;
    }
}
