using KadoaBridge.Core.Ingest;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>Fails start-up naming the <c>Replay__*</c> setting that is out of range.</summary>
internal sealed class ReplayOptionsValidator : IValidateOptions<ReplayOptions>
{
    public ValidateOptionsResult Validate(string? name, ReplayOptions options)
    {
        var failures = new List<string>();
        if (options.InlineLimit is < 1 or >= ChangeQuery.MaxPageSize)
        {
            failures.Add($"Replay__InlineLimit must be from 1 to {ChangeQuery.MaxPageSize - 1} (it is {options.InlineLimit}).");
        }

        if (options.PageSize is < 1 or > ChangeQuery.MaxPageSize)
        {
            failures.Add($"Replay__PageSize must be from 1 to {ChangeQuery.MaxPageSize} (it is {options.PageSize}).");
        }

        if (options.MaxRange <= TimeSpan.Zero || options.MaxRange > ChangeQueryReader.MaxRangeWithoutWorkflow)
        {
            failures.Add($"Replay__MaxRange must be positive and at most {ChangeQueryReader.MaxRangeWithoutWorkflow.TotalDays} days (it is {options.MaxRange}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
