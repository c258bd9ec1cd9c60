using KadoaBridge.Core.Kadoa;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Forwarding;

internal sealed class ForwardingOptionsValidator : IValidateOptions<ForwardingOptions>
{
    public ValidateOptionsResult Validate(string? name, ForwardingOptions options)
    {
        var failures = new List<string>();
        if (options.IngressBudgetBytes is < 4 * 1024 or > ForwardingOptions.MaxIngressBudgetBytes)
        {
            failures.Add($"Forwarding__IngressBudgetBytes must be between 4096 and {ForwardingOptions.MaxIngressBudgetBytes} bytes: each ingress event becomes one Storage queue message of at most 64 KiB, which must also hold it base64-encoded with room for Event Grid's delivery envelope.");
        }

        if (options.MaxBatchBytes < options.IngressBudgetBytes + 2 || options.MaxBatchBytes > 1_048_576)
        {
            failures.Add("Forwarding__MaxBatchBytes must hold one event of Forwarding__IngressBudgetBytes and stay within Event Grid's 1 MB per request.");
        }

        if (options.MaxBatchEvents < 1 || options.MaxInflightEvents < 1 || options.MaxInflightBytes < options.IngressBudgetBytes || options.AckConcurrency < 1 || options.RecentIdCapacity < 1)
        {
            failures.Add("Forwarding__MaxBatchEvents, __MaxInflightEvents, __AckConcurrency and __RecentIdCapacity must be positive, and Forwarding__MaxInflightBytes at least the ingress budget.");
        }

        KadoaOptionsValidator.Positive(failures, options.RetryMinDelay, "Forwarding__RetryMinDelay");
        if (options.RetryMaxDelay < options.RetryMinDelay)
        {
            failures.Add("Forwarding__RetryMaxDelay must not be shorter than Forwarding__RetryMinDelay.");
        }

        if (options.CheckpointInterval < TimeSpan.Zero || options.CheckpointInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Forwarding__CheckpointInterval must be from 00:00:00 to 00:01:00 (got {options.CheckpointInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
