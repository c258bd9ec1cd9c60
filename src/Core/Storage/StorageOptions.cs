namespace KadoaBridge.Core.Storage;

/// <summary>
/// Where the bridge keeps its state. Bound from <c>Storage</c>. Either a connection string (Azurite, or a key the user
/// chose) or service URIs reached with managed identity (<c>DefaultAzureCredential</c>). Nothing set means Azurite's
/// development storage.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The development storage connection string, used when nothing is configured.</summary>
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary><c>Storage__ConnectionString</c>. Takes precedence over the service URIs.</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>Storage__TableServiceUri</c>, e.g. <c>https://{account}.table.core.windows.net</c>.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary><c>Storage__BlobServiceUri</c>, e.g. <c>https://{account}.blob.core.windows.net</c>.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary><c>Storage__QueueServiceUri</c>, e.g. <c>https://{account}.queue.core.windows.net</c> (Functions only).</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>True when the service URIs, not a connection string, are used.</summary>
    public bool UsesIdentity => string.IsNullOrWhiteSpace(ConnectionString) && (TableServiceUri is not null || BlobServiceUri is not null);

    /// <summary>The connection string in force: the configured one, or development storage when nothing is set.</summary>
    public string EffectiveConnectionString => string.IsNullOrWhiteSpace(ConnectionString) ? DevelopmentStorage : ConnectionString;
}
