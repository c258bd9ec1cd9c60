using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Kadoa.Provisioning;

/// <summary>Checks <see cref="ProvisioningOptions"/> at start-up, naming the setting at fault.</summary>
internal sealed class ProvisioningOptionsValidator : IValidateOptions<ProvisioningOptions>
{
    public ValidateOptionsResult Validate(string? name, ProvisioningOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ChannelName) || options.ChannelName.Length > ProvisioningOptions.MaxChannelNameLength)
        {
            failures.Add($"Provisioning__ChannelName must be 1 to {ProvisioningOptions.MaxChannelNameLength} characters.");
        }

        if (options.MaxRetryAttempts is < 1 or > ProvisioningOptions.MaxRetryAttemptsLimit)
        {
            failures.Add($"Provisioning__MaxRetryAttempts must be between 1 and {ProvisioningOptions.MaxRetryAttemptsLimit}.");
        }

        if (options.RetryDelay <= TimeSpan.Zero || options.RetryDelay > options.MaxRetryDelay)
        {
            failures.Add("Provisioning__RetryDelay must be a positive duration no longer than Provisioning__MaxRetryDelay (for example 00:00:01).");
        }

        if (options.MaxRetryDelay <= TimeSpan.Zero || options.MaxRetryDelay > TimeSpan.FromMinutes(5))
        {
            failures.Add("Provisioning__MaxRetryDelay must be a positive duration of at most 5 minutes (for example 00:00:30).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
