using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Storage;

/// <summary>Service URIs come as a set; a half-configured identity setup fails at start-up naming the missing setting.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!options.UsesIdentity)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.TableServiceUri is not { IsAbsoluteUri: true })
        {
            failures.Add("Storage__TableServiceUri must be set to an absolute https URL when Storage__ConnectionString is not set and Storage__BlobServiceUri is.");
        }

        if (options.BlobServiceUri is not { IsAbsoluteUri: true })
        {
            failures.Add("Storage__BlobServiceUri must be set to an absolute https URL when Storage__ConnectionString is not set and Storage__TableServiceUri is.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
