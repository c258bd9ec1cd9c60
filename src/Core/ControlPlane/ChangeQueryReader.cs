using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Requests;
using Microsoft.Extensions.Primitives;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>
/// Reads and validates the query string of <c>GET /api/changes</c> into a <see cref="ChangeQuery"/>. Every error names
/// the parameter at fault. Values only ever reach Table Storage through the SDK's parameterised filters.
/// </summary>
public static class ChangeQueryReader
{
    /// <summary>
    /// Longest time range a query without <c>workflowId</c> may cover: it reads the time index of every workflow
    /// partition, and with a rare <c>type</c> a page may scan the whole range. 90 days.
    /// </summary>
    public static readonly TimeSpan MaxRangeWithoutWorkflow = TimeSpan.FromDays(90);

    /// <summary>Longest continuation token accepted. 4096 characters.</summary>
    public const int MaxContinuationTokenLength = 4096;

    /// <summary>The parameters this endpoint reads; <c>code</c> is the function key, read by the host.</summary>
    private static readonly string[] Known = ["workflowId", "from", "to", "type", "pageSize", "continuationToken", "code"];

    /// <param name="query">The request's query string (names compare case-insensitively).</param>
    /// <param name="now">The time <c>to</c> defaults to.</param>
    public static bool TryRead(
        IEnumerable<KeyValuePair<string, StringValues>> query, DateTimeOffset now, [NotNullWhen(true)] out ChangeQuery? result, [NotNullWhen(false)] out InputError? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        result = null;
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in query)
        {
            var known = Array.Find(Known, k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            error = known is null ? new InputError(InputRules.FieldName(name, "query"), $"Unknown parameter; this endpoint reads {string.Join(", ", Known[..^1])}.")
                : value.Count > 1 ? new InputError(known, "Give the parameter once.")
                : null;
            if (error is not null)
            {
                return false;
            }

            values[known!] = value.ToString();
        }

        var parsed = new ChangeQuery();
        error = ReadWorkflowId(values, ref parsed) ?? ReadTimes(values, now, ref parsed) ?? ReadType(values, ref parsed) ?? ReadPaging(values, ref parsed);
        if (error is not null)
        {
            return false;
        }

        result = parsed;
        return true;
    }

    /// <summary>Checks the route parameters of <c>GET /api/changes/{workflowId}/{changeId}</c>; null when both are fine.</summary>
    public static InputError? CheckRoute(string? workflowId, string? changeId) =>
        InputRules.CheckWorkflowId(workflowId, "workflowId") ?? InputRules.CheckText(changeId, "changeId", "A change id");

    private static InputError? ReadWorkflowId(Dictionary<string, string?> values, ref ChangeQuery query)
    {
        if (!values.TryGetValue("workflowId", out var workflowId))
        {
            return null;
        }

        query = query with { WorkflowId = workflowId };
        return InputRules.CheckWorkflowId(workflowId, "workflowId");
    }

    private static InputError? ReadTimes(Dictionary<string, string?> values, DateTimeOffset now, ref ChangeQuery query)
    {
        DateTimeOffset? from = null, to = null;
        if (values.TryGetValue("from", out var fromText))
        {
            if (InputRules.TryParseTime(fromText, "from", out var parsed) is { } error)
            {
                return error;
            }

            from = parsed;
        }

        if (values.TryGetValue("to", out var toText))
        {
            if (InputRules.TryParseTime(toText, "to", out var parsed) is { } error)
            {
                return error;
            }

            to = parsed;
        }

        query = query with { From = from, To = to };
        var end = to ?? now;
        if (query.WorkflowId is null)
        {
            // A to near year 1 has no full look-back before it: start at the earliest time instead of underflowing.
            var earliest = from ?? (end - DateTimeOffset.MinValue > ChangeQuery.DefaultLookBack ? end - ChangeQuery.DefaultLookBack : DateTimeOffset.MinValue);
            return InputRules.CheckRange(earliest, end, MaxRangeWithoutWorkflow, " without workflowId");
        }

        return from is { } start ? InputRules.CheckOrder(start, end) : null;
    }

    private static InputError? ReadType(Dictionary<string, string?> values, ref ChangeQuery query)
    {
        if (!values.TryGetValue("type", out var type))
        {
            return null;
        }

        query = query with { Type = type };
        return InputRules.CheckText(type, "type", "An event type (e.g. Kadoa.Workflow.DataChanged)");
    }

    private static InputError? ReadPaging(Dictionary<string, string?> values, ref ChangeQuery query)
    {
        if (values.TryGetValue("pageSize", out var sizeText))
        {
            if (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > ChangeQuery.MaxPageSize)
            {
                return new InputError("pageSize", $"pageSize must be a whole number from 1 to {ChangeQuery.MaxPageSize} (default {ChangeQuery.DefaultPageSize}).");
            }

            query = query with { PageSize = size };
        }

        if (values.TryGetValue("continuationToken", out var token))
        {
            if (token is not { Length: > 0 and <= MaxContinuationTokenLength })
            {
                return new InputError("continuationToken", "Pass back the continuationToken a previous page returned, unchanged.");
            }

            query = query with { ContinuationToken = token };
        }

        return null;
    }
}
