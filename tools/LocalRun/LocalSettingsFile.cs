using System.Text.Json;
using System.Text.Json.Nodes;

namespace KadoaBridge.LocalRun;

/// <summary>
/// The Functions app's settings of a local run as Azure Functions Core Tools reads them (<c>local.settings.json</c>):
/// what <c>func start</c> in src/Functions needs to run against this run's storage, Kadoa and topics.
/// </summary>
internal static class LocalSettingsFile
{
    /// <summary>
    /// The <c>Values</c>: the app's own settings (<c>Section__Key</c>, as app settings are named in Azure), the Functions
    /// runtime, and the storage connection of the host and of every queue trigger. Log levels are left to <c>func</c>.
    /// </summary>
    public static SortedDictionary<string, string> Values(IReadOnlyDictionary<string, string?> functionsSettings, IEnumerable<string> queueConnections, string storageConnectionString)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
            ["AzureWebJobsStorage"] = storageConnectionString,
        };
        foreach (var connection in queueConnections)
        {
            values[connection] = storageConnectionString;
        }

        foreach (var (key, value) in functionsSettings)
        {
            if (value is not null && !key.StartsWith("Logging:", StringComparison.OrdinalIgnoreCase))
            {
                values[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }

        return values;
    }

    /// <summary>Writes <paramref name="values"/> to <paramref name="path"/>, creating its folder; replaces a file only when <paramref name="overwrite"/>.</summary>
    public static async Task WriteAsync(string path, IReadOnlyDictionary<string, string> values, bool overwrite, CancellationToken cancellationToken)
    {
        var json = new JsonObject
        {
            ["IsEncrypted"] = false,
            ["Values"] = new JsonObject(values.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        };
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);

        // CreateNew: a file that appeared since the options were validated is still not replaced.
        await using var file = new FileStream(full, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write);
        await using (var writer = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true }))
        {
            json.WriteTo(writer);
        }

        await file.FlushAsync(cancellationToken);
    }
}
