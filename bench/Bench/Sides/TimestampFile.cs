using System.Globalization;

namespace KadoaBridge.Bench.Sides;

/// <summary>The <c>id\ttimestamp</c> lines the sides' <c>dump</c> commands write.</summary>
public static class TimestampFile
{
    public static IReadOnlyList<(string Id, long Timestamp)> Read(string file)
    {
        List<(string, long)> rows = [];
        foreach (var line in File.ReadLines(file))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0)
            {
                rows.Add((line[..tab], long.Parse(line.AsSpan(tab + 1), CultureInfo.InvariantCulture)));
            }
        }

        return rows;
    }
}
