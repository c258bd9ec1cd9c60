using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using KadoaBridge.Functions.Http;
using Microsoft.Azure.Functions.Worker;

namespace KadoaBridge.Functions.Tests.ControlPlane;

/// <summary>
/// The HTTP API table (docs/http-api.md) is the contract: every row has exactly one function with that method, route
/// and auth level, and every HTTP function has its row.
/// </summary>
public partial class ContractTests
{
    [Fact]
    public void HttpFunctions_MethodsRoutesAndAuth_MatchTheDocumentedTable()
    {
        var root = RepositoryRoot();
        var documented = DocumentedRows(File.ReadAllText(HttpApiPage(root)));
        var implemented = FunctionRows(RoutePrefix(root));

        Assert.NotEmpty(documented);
        var missing = documented.Except(implemented).Order().ToList();
        var extra = implemented.Except(documented).Order().ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0,
            "docs/http-api.md table and [HttpTrigger] functions differ.\n" +
            $"In docs/http-api.md, no function: {(missing.Count == 0 ? "none" : string.Join("; ", missing))}\n" +
            $"A function, not in docs/http-api.md: {(extra.Count == 0 ? "none" : string.Join("; ", extra))}");
    }

    [Fact]
    public void HttpFile_HasACallForEveryDocumentedRow()
    {
        var root = RepositoryRoot();
        var prefix = "/" + RoutePrefix(root);
        var calls = HttpFileCall().Matches(File.ReadAllText(Path.Combine(root, "src", "Functions", "bridge.http")))
            .Select(m => (Method: m.Groups["method"].Value, Path: m.Groups["path"].Value.TrimEnd('/')))
            .ToList();

        var uncalled = DocumentedRows(File.ReadAllText(HttpApiPage(root)))
            .Select(row => row.Split(' '))
            .Where(row => !calls.Any(call => call.Method == row[0] && RouteTemplate(row[1][prefix.Length..]).IsMatch(call.Path)))
            .Select(row => $"{row[0]} {row[1]}")
            .ToList();

        Assert.NotEmpty(calls);
        Assert.True(uncalled.Count == 0, "src/Functions/bridge.http has no call for: " + string.Join("; ", uncalled));
    }

    [Fact]
    public void HttpFunctions_OnlyHealthIsAnonymous()
    {
        var anonymous = FunctionRows("api").Where(r => r.EndsWith(" anonymous", StringComparison.Ordinal)).ToList();

        Assert.Equal(["GET /api/health anonymous"], anonymous);
    }

    /// <summary>The page that documents every route: the HTTP API table lives there.</summary>
    private static string HttpApiPage(string root) => Path.Combine(root, "docs", "http-api.md");

    /// <summary>"METHOD /route auth" per row of the "HTTP API" table.</summary>
    private static HashSet<string> DocumentedRows(string page)
    {
        var rows = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match row in TableRow().Matches(page))
        {
            rows.Add($"{row.Groups["method"].Value} {Normalize(row.Groups["route"].Value)} {row.Groups["auth"].Value.ToLowerInvariant()}");
        }

        return rows;
    }

    /// <summary>"METHOD /prefix/route auth" per method of every function with an [HttpTrigger] parameter.</summary>
    private static HashSet<string> FunctionRows(string prefix)
    {
        var rows = new HashSet<string>(StringComparer.Ordinal);
        var methods = typeof(HealthFunction).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null);
        foreach (var method in methods)
        {
            foreach (var trigger in method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>())
            {
                var route = "/" + string.Join('/', new[] { prefix, trigger.Route ?? method.GetCustomAttribute<FunctionAttribute>()!.Name }.Where(s => s.Length > 0));
                foreach (var verb in trigger.Methods ?? ["(any)"])
                {
                    rows.Add($"{verb.ToUpperInvariant()} {Normalize(route)} {trigger.AuthLevel.ToString().ToLowerInvariant()}");
                }
            }
        }

        return rows;
    }

    /// <summary>Route parameters without constraints or optional marks: <c>{id:guid?}</c> → <c>{id}</c>.</summary>
    private static string Normalize(string route) => RouteParameter().Replace(route.Trim().TrimEnd('/'), "{${name}}");

    /// <summary>host.json's <c>extensions.http.routePrefix</c>, "api" when absent (the Functions default).</summary>
    private static string RoutePrefix(string root)
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "host.json")));
        return hostJson.RootElement.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("http", out var http) &&
            http.TryGetProperty("routePrefix", out var prefix) && prefix.GetString() is { } value
            ? value.Trim('/')
            : "api";
    }

    /// <summary><c>/routes/{name}</c> → a regex matching <c>/routes/price-changes</c> or <c>/routes/{{name}}</c>.</summary>
    private static Regex RouteTemplate(string route) =>
        new("^" + RouteParameter().Replace(Regex.Escape(route).Replace(@"\{", "{", StringComparison.Ordinal), "[^/]+") + "$", RegexOptions.None, TimeSpan.FromSeconds(1));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Bridge.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Bridge.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^\|\s*(?<method>GET|POST|PUT|PATCH|DELETE)\s*\|\s*`(?<route>/[^`]*)`\s*\|\s*(?<auth>\w+)\s*\|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"^(?<method>GET|POST|PUT|PATCH|DELETE)\s+\{\{baseUrl\}\}(?<path>/[^\s?]*)", RegexOptions.Multiline)]
    private static partial Regex HttpFileCall();

    [GeneratedRegex(@"\{(?<name>\*?\w+)(?::[^}]*)?\??\}")]
    private static partial Regex RouteParameter();
}
