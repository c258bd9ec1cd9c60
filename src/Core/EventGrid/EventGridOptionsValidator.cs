using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.EventGrid;

/// <summary>Entra tokens travel only over https, so an http endpoint (an emulator) needs a key.</summary>
internal sealed class EventGridOptionsValidator : IValidateOptions<EventGridOptions>
{
    public ValidateOptionsResult Validate(string? name, EventGridOptions options)
    {
        if (options.TopicEndpoint is null)
        {
            return ValidateOptionsResult.Skip; // [Required] reports it
        }

        if (!options.TopicEndpoint.IsAbsoluteUri || options.TopicEndpoint.Scheme is not ("http" or "https"))
        {
            return ValidateOptionsResult.Fail("EventGrid__TopicEndpoint must be an absolute https URL.");
        }

        if (options.TopicEndpoint.Scheme == "http" && string.IsNullOrEmpty(options.TopicKey))
        {
            return ValidateOptionsResult.Fail("EventGrid__TopicKey is required when EventGrid__TopicEndpoint is http: managed identity tokens are only sent over https.");
        }

        return ValidateOptionsResult.Success;
    }
}
