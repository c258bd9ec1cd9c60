using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Routing;

/// <summary>Destinations must be usable at start-up; the default must be one of them.</summary>
internal sealed partial class RoutingOptionsValidator : IValidateOptions<RoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        var failures = new List<string>();
        foreach (var (alias, destination) in options.Destinations)
        {
            var setting = $"Routing__Destinations__{alias}__Endpoint";
            if (!AliasPattern().IsMatch(alias))
            {
                failures.Add($"Routing__Destinations__{alias}: an alias is 1-{MaxAliasLength} letters and digits (no '-' or '_').");
            }
            else if (destination.Endpoint is not { IsAbsoluteUri: true } endpoint || endpoint.Scheme is not ("https" or "http"))
            {
                failures.Add($"{setting} must be the topic's absolute https URL (…/api/events).");
            }
            else if (endpoint.Scheme == "http" && string.IsNullOrEmpty(destination.Key))
            {
                failures.Add($"Routing__Destinations__{alias}__Key is required when {setting} is http: managed identity tokens are only sent over https.");
            }
        }

        if (options.DefaultDestination is { Length: > 0 } fallback && !options.Destinations.ContainsKey(fallback))
        {
            failures.Add($"Routing__DefaultDestination '{fallback}' is not a configured destination (Routing__Destinations__{fallback}__Endpoint).");
        }

        if (options.MaxDeliveryAttempts < 1 || options.RedriveBaseDelay <= TimeSpan.Zero || options.RedriveMaxDelay < options.RedriveBaseDelay)
        {
            failures.Add("Routing__MaxDeliveryAttempts must be positive and Routing__RedriveMaxDelay at least Routing__RedriveBaseDelay (> 0).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// The template's rule (infra/main.bicep): App Service on Linux strips '-' from setting names, Event Grid topic names
    /// refuse '_', and 'evgt-' + alias + '-' + a 13-character token must fit the topic name's 50 characters.
    /// </summary>
    public const int MaxAliasLength = 31;

    [GeneratedRegex("^[A-Za-z0-9]{1,31}$")]
    private static partial Regex AliasPattern();
}
