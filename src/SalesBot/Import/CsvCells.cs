namespace SalesBot.Import;

/// <summary>
/// Spreadsheet formula injection: a cell that starts with = + - @, a tab or a carriage return runs as a formula when the
/// file is opened in Excel or Sheets. Export puts a ' before such a cell (and before a cell that already starts with '
/// and one of them, so the escaping can be undone exactly); import removes that one '. Names survive export → import
/// unchanged. https://owasp.org/www-community/attacks/CSV_Injection
/// </summary>
internal static class CsvCells
{
    private const char Quote = '\'';

    public static string Escape(string cell) => NeedsEscape(cell) ? Quote + cell : cell;

    public static string Unescape(string cell) => cell.Length > 1 && cell[0] == Quote && NeedsEscape(cell[1..]) ? cell[1..] : cell;

    private static bool NeedsEscape(string cell) =>
        cell.Length > 0 && (IsFormulaStart(cell[0]) || (cell[0] == Quote && cell.Length > 1 && NeedsEscape(cell[1..])));

    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';
}
