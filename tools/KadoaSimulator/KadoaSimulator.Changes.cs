using System.Globalization;
using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator;

public sealed partial class KadoaSimulator
{
    private const int DefaultChangesLimit = 100;

    /// <summary>
    /// Sets or clears <c>dataPending</c> of an emitted change as <c>GET /v5/changes</c> reports it (while pending,
    /// <c>data</c> is null). Returns false for an unknown change id.
    /// </summary>
    public bool SetChangeDataPending(string changeId, bool dataPending)
    {
        ArgumentNullException.ThrowIfNull(changeId);
        return _changes.SetDataPending(changeId, dataPending);
    }

    /// <summary><c>GET /v5/changes?workflowIds=&amp;startDate=&amp;endDate=&amp;skip=&amp;limit=</c>: newest first, default limit 100.</summary>
    private async Task HandleListChangesAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context))
        {
            return;
        }

        var query = ReadChangesQuery(context, out var error);
        if (query is null)
        {
            await HttpJson.ErrorAsync(context, StatusCodes.Status400BadRequest, error!);
            return;
        }

        var (workflowIds, start, end, skip, limit) = query.Value;
        var (page, total) = _changes.Query(workflowIds, start, end, skip, limit);
        var body = new JsonObject
        {
            ["timestamp"] = EnvelopeWriter.IsoTimestamp(_time.GetUtcNow()),
            ["changesCount"] = total,
            ["changes"] = new JsonArray([.. page]),
            ["pagination"] = new JsonObject
            {
                ["totalCount"] = total,
                ["page"] = (skip / limit) + 1,
                ["totalPages"] = (total + limit - 1) / limit,
                ["limit"] = limit,
            },
        };
        await HttpJson.WriteAsync(context, StatusCodes.Status200OK, body);
    }

    private async Task HandleGetChangeAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context))
        {
            return;
        }

        var change = _changes.Get(RouteId(context));
        await (change is null
            ? HttpJson.ErrorAsync(context, StatusCodes.Status404NotFound, "Change not found")
            : HttpJson.WriteAsync(context, StatusCodes.Status200OK, change));
    }

    private static (HashSet<string>? WorkflowIds, DateTimeOffset? Start, DateTimeOffset? End, int Skip, int Limit)? ReadChangesQuery(
        HttpContext context, out string? error)
    {
        error = null;
        HashSet<string>? workflowIds = null;
        if (QueryValue(context, "workflowIds") is { } ids)
        {
            workflowIds = new HashSet<string>(ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
        }

        if (!TryReadDate(context, "startDate", out var start) || !TryReadDate(context, "endDate", out var end))
        {
            error = "startDate and endDate must be ISO-8601 date-times";
            return null;
        }

        if (start > end)
        {
            error = "startDate must not be after endDate";
            return null;
        }

        if (!TryReadInt(context, "skip", 0, out var skip) || skip < 0 || !TryReadInt(context, "limit", DefaultChangesLimit, out var limit) || limit < 1)
        {
            error = "skip must be an integer >= 0 and limit an integer >= 1";
            return null;
        }

        return (workflowIds, start, end, skip, limit);
    }

    private static bool TryReadDate(HttpContext context, string name, out DateTimeOffset? value)
    {
        value = null;
        if (QueryValue(context, name) is not { } text)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    private static bool TryReadInt(HttpContext context, string name, int defaultValue, out int value)
    {
        value = defaultValue;
        return QueryValue(context, name) is not { } text || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
