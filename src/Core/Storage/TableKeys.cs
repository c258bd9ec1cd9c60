using System.Text;

namespace KadoaBridge.Core.Storage;

/// <summary>
/// Builds Table keys in one place. Table keys forbid <c>/ \ # ?</c> and control characters and are limited to 1 KiB,
/// so values from Kadoa or users are escaped reversibly (percent-encoding of the forbidden characters, '%' and '|', the
/// separator of composite keys).
/// </summary>
public static class TableKeys
{
    private const int MaxKeyLength = 1024;

    /// <summary>Escapes a value for use as a PartitionKey or RowKey; throws when the result would be too long.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        StringBuilder? builder = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '/' or '\\' or '#' or '?' or '%' or '|' || char.IsControl(c))
            {
                builder ??= new StringBuilder(value, 0, i, value.Length + 16);
                builder.Append('%').Append(((int)c).ToString("X2"));
            }
            else
            {
                builder?.Append(c);
            }
        }

        var escaped = builder?.ToString() ?? value;
        if (escaped.Length > MaxKeyLength)
        {
            throw new ArgumentException($"The value is too long for a table key ({escaped.Length} characters after escaping; at most {MaxKeyLength}).", nameof(value));
        }

        return escaped;
    }

    /// <summary>Reverses <see cref="Escape"/>.</summary>
    public static string Unescape(string key) => Uri.UnescapeDataString(key);

    /// <summary>
    /// A stable bucket (<c>00</c>…) for an id: spreads per-id rows over a few partitions, so concurrent writes can share
    /// entity-group transactions without one hot partition. FNV-1a over the UTF-16 code units.
    /// </summary>
    public static string Bucket(string id, int buckets)
    {
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return Bucket(hash % (uint)buckets);
    }

    /// <summary>Every bucket <see cref="Bucket(string, int)"/> can return for <paramref name="buckets"/>.</summary>
    public static IEnumerable<string> AllBuckets(int buckets) => Enumerable.Range(0, buckets).Select(b => Bucket((uint)b));

    private static string Bucket(uint bucket) => bucket.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A RowKey that sorts newest first: inverted ticks, fixed width.</summary>
    public static string NewestFirst(DateTimeOffset time) => (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19");
}
