using KadoaBridge.Core.Kadoa;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Forwarding;

internal sealed class ForwardingOptionsValidator : IValidateOptions<ForwardingOptions>
{
    public ValidateOptionsResult Validate(string? name, ForwardingOptions options)
    {
        var failures = new List<string>();
        if (options.IngressBudgetBytes is < 4 * 1024 or > 1_000_000)
        {
            failures.Add("Forwarding__IngressBudgetBytes must be between 4096 and 1000000 bytes (Event Grid takes 1 MB per event; queue messages 64 KB).");
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
