using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Kadoa;

/// <summary>Checks the URLs and durations of <see cref="KadoaOptions"/>, naming the setting at fault.</summary>
internal sealed class KadoaOptionsValidator : IValidateOptions<KadoaOptions>
{
    public ValidateOptionsResult Validate(string? name, KadoaOptions options)
    {
        var failures = new List<string>();
        Check(failures, options.ApiBaseUrl, "Kadoa__ApiBaseUrl", "http", "https");
        Check(failures, options.RealtimeUrl, "Kadoa__RealtimeUrl", "ws", "wss");
        Check(failures, options.RealtimeHttpUrl, "Kadoa__RealtimeHttpUrl", "http", "https");
        Positive(failures, options.HeartbeatTimeout, "Kadoa__HeartbeatTimeout");
        Positive(failures, options.ReconnectMinDelay, "Kadoa__ReconnectMinDelay");
        Positive(failures, options.RequestTimeout, "Kadoa__RequestTimeout");
        Positive(failures, options.RejectedKeyRetryDelay, "Kadoa__RejectedKeyRetryDelay");
        Positive(failures, options.LivenessTimeout, "Kadoa__LivenessTimeout");
        if (options.ReconnectMaxDelay < options.ReconnectMinDelay)
        {
            failures.Add("Kadoa__ReconnectMaxDelay must not be shorter than Kadoa__ReconnectMinDelay.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static void Check(List<string> failures, Uri? value, string setting, params string[] schemes)
    {
        if (value is null || !value.IsAbsoluteUri || !schemes.Contains(value.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{setting} must be an absolute {string.Join(" or ", schemes)} URL.");
        }
    }

    internal static void Positive(List<string> failures, TimeSpan value, string setting)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{setting} must be a positive duration (for example 00:00:30).");
        }
    }
}
