using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.Core.Routing.Store;

/// <summary>
/// Routing rules in table <c>Routes</c>: partition <c>rules</c>, row key = rule name, the rule as JSON in property
/// <c>Rule</c>. Writes are conditional on the entity tag (<see cref="RoutePrecondition"/>), so two editors never
/// overwrite each other unknowingly. Also the <see cref="IRouteRuleSource"/> ingest compiles its route table from.
/// </summary>
public sealed partial class RouteStore(TableServiceClient tables, TimeProvider time, ILogger<RouteStore> logger) : IRouteRuleSource
{
    /// <summary>The partition holding every rule.</summary>
    public const string Partition = "rules";

    private const string RuleProperty = "Rule";

    private readonly TableClient _table = tables.GetTableClient(TableNames.Routes);

    /// <summary>
    /// Every stored rule (enabled or not) in evaluation order: by order, then name. A row that cannot be read as a rule
    /// is left out (logged; <see cref="FindSkippedAsync"/> names it).
    /// </summary>
    public async Task<IReadOnlyList<StoredRouteRule>> ListAsync(CancellationToken cancellationToken) =>
        (await ReadAllAsync(cancellationToken)).Rules;

    /// <summary>The rule named <paramref name="name"/>, or null when there is none.</summary>
    public async Task<StoredRouteRule?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (!IsRuleName(name))
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(name), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? ToStored(row.Value) : null;
    }

    /// <summary>Stores a rule (validate it first with <see cref="RouteRuleReader"/>), honouring <paramref name="precondition"/>.</summary>
    public async Task<RouteWriteResult> PutAsync(RouteRule rule, RoutePrecondition precondition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(precondition);
        if (!IsRuleName(rule.Name))
        {
            throw new ArgumentException($"'{rule.Name}' is not a valid rule name.", nameof(rule));
        }

        var entity = new TableEntity(Partition, TableKeys.Escape(rule.Name))
        {
            [RuleProperty] = RouteJson.Serialize(rule),
            ["UpdatedAt"] = time.GetUtcNow(),
        };
        var result = precondition switch
        {
            { CreateOnly: true } => await AddAsync(entity, RouteWriteStatus.AlreadyExists, cancellationToken),
            { IfMatch: { } etag } => await ReplaceAsync(entity, etag == "*" ? ETag.All : new ETag(etag), cancellationToken),
            _ => await AddAsync(entity, null, cancellationToken),
        };
        if (result.Status is RouteWriteStatus.Created or RouteWriteStatus.Replaced)
        {
            Log.RouteRuleWritten(logger, rule.Name, result.Status == RouteWriteStatus.Created ? "created" : "replaced");
        }

        return result;
    }

    /// <summary>Deletes a rule; with <see cref="RoutePrecondition.IfMatch"/>, only that version (else <see cref="RouteWriteStatus.PreconditionFailed"/>).</summary>
    public async Task<RouteWriteResult> DeleteAsync(string name, RoutePrecondition precondition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(precondition);
        var conditional = precondition.IfMatch is not null;
        if (!IsRuleName(name))
        {
            return new RouteWriteResult(conditional ? RouteWriteStatus.PreconditionFailed : RouteWriteStatus.NotFound);
        }

        var etag = precondition.IfMatch is { } match && match != "*" ? new ETag(match) : ETag.All;
        try
        {
            // DeleteEntity answers a missing entity with 404 instead of throwing.
            var response = await _table.DeleteEntityAsync(Partition, TableKeys.Escape(name), etag, cancellationToken);
            if (response.Status == 404)
            {
                return new RouteWriteResult(conditional ? RouteWriteStatus.PreconditionFailed : RouteWriteStatus.NotFound);
            }
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return new RouteWriteResult(RouteWriteStatus.PreconditionFailed);
        }

        Log.RouteRuleWritten(logger, name, "deleted");
        return new RouteWriteResult(RouteWriteStatus.Deleted);
    }

    /// <summary>1-63 characters of <c>A-Z a-z 0-9 - _ .</c>, as <see cref="RouteRuleValidator"/> requires.</summary>
    public static bool IsRuleName(string? name) =>
        name is { Length: > 0 and <= RouteRuleValidator.MaxNameLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Inserts; on a conflict fails with <paramref name="whenExists"/>, or (null) replaces whatever is there.</summary>
    private async Task<RouteWriteResult> AddAsync(TableEntity entity, RouteWriteStatus? whenExists, CancellationToken cancellationToken)
    {
        try
        {
            var added = await _table.AddEntityAsync(entity, cancellationToken);
            return new RouteWriteResult(RouteWriteStatus.Created, added.Headers.ETag?.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            if (whenExists is { } status)
            {
                return new RouteWriteResult(status);
            }
        }

        var replaced = await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        return new RouteWriteResult(RouteWriteStatus.Replaced, replaced.Headers.ETag?.ToString());
    }

    private async Task<RouteWriteResult> ReplaceAsync(TableEntity entity, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            var replaced = await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken);
            return new RouteWriteResult(RouteWriteStatus.Replaced, replaced.Headers.ETag?.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 412 || (e.Status == 404 && e.ErrorCode != TableErrorCode.TableNotFound.ToString()))
        {
            return new RouteWriteResult(RouteWriteStatus.PreconditionFailed); // changed since read, or deleted
        }
    }

    private StoredRouteRule ToStored(TableEntity row) =>
        TryRead(row, out var stored, out var error)
            ? stored
            : throw new InvalidDataException($"The stored routing rule '{TableKeys.Unescape(row.RowKey)}' (table {TableNames.Routes}) {error}");

    /// <summary>Reads a row as a rule; when it is not one, logs it and says why in <paramref name="error"/>.</summary>
    private bool TryRead(TableEntity row, [NotNullWhen(true)] out StoredRouteRule? stored, [NotNullWhen(false)] out string? error)
    {
        var name = TableKeys.Unescape(row.RowKey);
        try
        {
            stored = new StoredRouteRule(RouteJson.Deserialize(row.GetString(RuleProperty) ?? "null", name), row.ETag.ToString());
            error = null;
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            Log.RouteRuleUnreadable(logger, name, e);
            stored = null;
            error = "cannot be read as a rule: " + e.Message;
            return false;
        }
    }
}
