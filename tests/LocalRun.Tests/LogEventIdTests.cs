using System.Reflection;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.LocalRun.Tests;

/// <summary>
/// Event ids and names are unique across the solution, so a log query or an alert on one (<c>DeliveryFailed</c>, 820)
/// finds only that message, whichever app wrote it. Each assembly logs within its own range (documented on each Log
/// class). It runs here because the local run composes every bridge assembly: they are all in this test's output.
/// </summary>
public class LogEventIdTests
{
    /// <summary>Every assembly of the bridge and its tools with its event id ranges (inclusive).</summary>
    private static readonly Dictionary<string, (int First, int Last)[]> Ranges = new(StringComparer.Ordinal)
    {
        ["KadoaBridge.Core"] = [(100, 799), (900, 999)],
        ["KadoaBridge.Functions"] = [(800, 899)],
        ["KadoaBridge.Listener"] = [(1000, 1099)],
        ["KadoaBridge.ServiceDefaults"] = [(1100, 1199)],
        ["KadoaBridge.KadoaSimulator"] = [(5000, 5099)],
        ["KadoaBridge.EventGridEmulator"] = [(5100, 5199)],
        ["KadoaBridge.LocalRun"] = [(5200, 5299)],
        ["KadoaBridge.Azurite"] = [(5300, 5399)],
    };

    [Fact]
    public void LoggerMessages_EveryBridgeAssembly_FoundAndEachIdInItsAssemblysRange()
    {
        var messages = LoggerMessages();

        Assert.Equal(Ranges.Keys.Order(StringComparer.Ordinal), BridgeAssemblies().Select(a => a.GetName().Name!).Order(StringComparer.Ordinal));
        foreach (var logging in new[] { "KadoaBridge.Core", "KadoaBridge.Functions", "KadoaBridge.KadoaSimulator", "KadoaBridge.EventGridEmulator", "KadoaBridge.LocalRun" })
        {
            Assert.Contains(messages, m => m.Assembly == logging); // the reflection sees the generated log methods
        }

        var outside = messages.Where(m => !Ranges[m.Assembly].Any(r => m.Id >= r.First && m.Id <= r.Last)).Select(m => $"{m.Assembly} {m.Method}: {m.Id}");
        Assert.Empty(outside);
    }

    [Fact]
    public void LoggerMessages_AcrossTheSolution_NoIdOrNameUsedTwice()
    {
        var messages = LoggerMessages();
        Assert.NotEmpty(messages);

        var sameId = messages.GroupBy(m => m.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}");
        var sameName = messages.GroupBy(m => m.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}");

        Assert.Empty(sameId);
        Assert.Empty(sameName);
    }

    /// <summary>The bridge's and tools' assemblies in the output folder (test assemblies excluded).</summary>
    private static List<Assembly> BridgeAssemblies() =>
        [.. Directory.GetFiles(AppContext.BaseDirectory, "KadoaBridge.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !name!.EndsWith(".Tests", StringComparison.Ordinal))
            .Select(name => Assembly.Load(new AssemblyName(name!)))];

    private static List<LogMessage> LoggerMessages() =>
        [.. from assembly in BridgeAssemblies()
            from type in assembly.GetTypes()
            from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
            where attribute is not null
            select new LogMessage(assembly.GetName().Name!, $"{type.FullName}.{method.Name}", attribute.EventId, attribute.EventName ?? method.Name)];

    private sealed record LogMessage(string Assembly, string Method, int Id, string Name);
}
