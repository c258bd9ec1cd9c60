using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Reconcile;

/// <summary>Start-up validation of <see cref="ReconcileOptions"/>: each failure names the setting.</summary>
public sealed class ReconcileOptionsValidator : IValidateOptions<ReconcileOptions>
{
    public ValidateOptionsResult Validate(string? name, ReconcileOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (options.Interval < TimeSpan.FromMinutes(1) || options.Interval > TimeSpan.FromDays(1))
        {
            failures.Add($"Reconcile__Interval must be from 00:01:00 to 1.00:00:00 (got {options.Interval}).");
        }

        if (options.Overlap < TimeSpan.Zero || options.Overlap > TimeSpan.FromDays(1))
        {
            failures.Add($"Reconcile__Overlap must be from 00:00:00 to 1.00:00:00 (got {options.Overlap}).");
        }

        if (options.MaxBackfillRange < TimeSpan.FromMinutes(1) || options.MaxBackfillRange > TimeSpan.FromDays(366))
        {
            failures.Add($"Reconcile__MaxBackfillRange must be from 00:01:00 to 366.00:00:00 (got {options.MaxBackfillRange}).");
        }

        if (options.EnrichTimeout < TimeSpan.Zero || options.EnrichTimeout > TimeSpan.FromDays(1))
        {
            failures.Add($"Reconcile__EnrichTimeout must be from 00:00:00 to 1.00:00:00 (got {options.EnrichTimeout}).");
        }

        if (options.PagesPerWorkItem is < 1 or > 1000)
        {
            failures.Add($"Reconcile__PagesPerWorkItem must be from 1 to 1000 (got {options.PagesPerWorkItem}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
