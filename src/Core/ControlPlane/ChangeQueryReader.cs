using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Requests;
using Microsoft.Extensions.Primitives;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>
/// Reads and validates the query string of <c>GET /api/changes</c> into a <see cref="ChangeQuery"/>. Every error names
/// the parameter at fault, and every parameter at fault is named. Values only ever reach Table Storage through the SDK's parameterised filters.
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

    /// <summary>Reads the query; when it is invalid, <paramref name="errors"/> names every parameter at fault.</summary>
    /// <param name="query">The request's query string (names compare case-insensitively).</param>
    /// <param name="now">The time <c>to</c> defaults to.</param>
    public static bool TryRead(
        IEnumerable<KeyValuePair<string, StringValues>> query, DateTimeOffset now, [NotNullWhen(true)] out ChangeQuery? result, out IReadOnlyList<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        result = null;
        var found = new List<InputError>();
        errors = found;
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in query)
        {
            var known = Array.Find(Known, k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                found.Add(new InputError(InputRules.FieldName(name, "query"), $"Unknown parameter; this endpoint reads {string.Join(", ", Known[..^1])}."));
            }
            else if (value.Count > 1)
            {
                found.Add(new InputError(known, "Give the parameter once."));
            }
            else
            {
                values[known] = value.ToString();
            }
        }

        var parsed = new ChangeQuery();
        found.AddIfAny(ReadWorkflowId(values, ref parsed));
        found.AddRange(ReadTimes(values, ref parsed));
        found.AddIfAny(ReadType(values, ref parsed));
        found.AddRange(ReadPaging(values, ref parsed));
        if (found.Count == 0)
        {
            // The range rules compare parameters: only once each of them reads.
            found.AddIfAny(CheckRange(parsed, now));
        }

        if (found.Count > 0)
        {
            return false;
        }

        result = parsed;
        return true;
    }

    /// <summary>Checks the route parameters of <c>GET /api/changes/{workflowId}/{changeId}</c>; empty when both are fine.</summary>
    public static IReadOnlyList<InputError> CheckRoute(string? workflowId, string? changeId) =>
        [.. new[] { InputRules.CheckWorkflowId(workflowId, "workflowId"), InputRules.CheckText(changeId, "changeId", "A change id") }.OfType<InputError>()];

    private static InputError? ReadWorkflowId(Dictionary<string, string?> values, ref ChangeQuery query)
    {
        if (!values.TryGetValue("workflowId", out var workflowId))
        {
            return null;
        }

        query = query with { WorkflowId = workflowId };
        return InputRules.CheckWorkflowId(workflowId, "workflowId");
    }

    private static List<InputError> ReadTimes(Dictionary<string, string?> values, ref ChangeQuery query)
    {
        var errors = new List<InputError>();
        if (values.TryGetValue("from", out var fromText))
        {
            errors.AddIfAny(InputRules.TryParseTime(fromText, "from", out var from));
            query = query with { From = from };
        }

        if (values.TryGetValue("to", out var toText))
        {
            errors.AddIfAny(InputRules.TryParseTime(toText, "to", out var to));
            query = query with { To = to };
        }

        return errors;
    }

    /// <summary><c>from</c> before <c>to</c> (default now); without <c>workflowId</c>, at most <see cref="MaxRangeWithoutWorkflow"/> apart.</summary>
    private static InputError? CheckRange(ChangeQuery query, DateTimeOffset now)
    {
        var end = query.To ?? now;
        if (query.WorkflowId is null)
        {
            // A to near year 1 has no full look-back before it: start at the earliest time instead of underflowing.
            var earliest = query.From ?? (end - DateTimeOffset.MinValue > ChangeQuery.DefaultLookBack ? end - ChangeQuery.DefaultLookBack : DateTimeOffset.MinValue);
            return InputRules.CheckRange(earliest, end, MaxRangeWithoutWorkflow, " without workflowId");
        }

        return query.From is { } start ? InputRules.CheckOrder(start, end) : null;
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

    private static List<InputError> ReadPaging(Dictionary<string, string?> values, ref ChangeQuery query)
    {
        var errors = new List<InputError>();
        if (values.TryGetValue("pageSize", out var sizeText))
        {
            if (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > ChangeQuery.MaxPageSize)
            {
                errors.Add(new InputError("pageSize", $"pageSize must be a whole number from 1 to {ChangeQuery.MaxPageSize} (default {ChangeQuery.DefaultPageSize})."));
            }
            else
            {
                query = query with { PageSize = size };
            }
        }

        if (values.TryGetValue("continuationToken", out var token))
        {
            if (token is not { Length: > 0 and <= MaxContinuationTokenLength })
            {
                errors.Add(new InputError("continuationToken", "Pass back the continuationToken a previous page returned, unchanged."));
            }
            else
            {
                query = query with { ContinuationToken = token };
            }
        }

        return errors;
    }
}
