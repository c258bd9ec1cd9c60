using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Storage;

/// <summary>Fails start-up naming the <c>Retention__*</c> setting that is out of range.</summary>
internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var failures = new List<string>();
        if (options.DedupeDays is < 1 or > RetentionOptions.MaxDays)
        {
            failures.Add($"Retention__DedupeDays must be from 1 to {RetentionOptions.MaxDays} days (it is {options.DedupeDays}).");
        }

        if (options.StatusDays is < 1 or > RetentionOptions.MaxDays)
        {
            failures.Add($"Retention__StatusDays must be from 1 to {RetentionOptions.MaxDays} days (it is {options.StatusDays}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
