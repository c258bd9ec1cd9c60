using System.ComponentModel.DataAnnotations;

namespace KadoaBridge.Core.EventGrid;

/// <summary>The ingress topic the listener publishes to. Bound from <c>EventGrid</c>.</summary>
public sealed class EventGridOptions
{
    public const string SectionName = "EventGrid";

    /// <summary><c>EventGrid__TopicEndpoint</c>: the topic's <c>…/api/events</c> URL. Required.</summary>
    [Required(ErrorMessage = "EventGrid__TopicEndpoint is required: set it to the ingress topic's endpoint (https://<topic>.<region>-1.eventgrid.azure.net/api/events).")]
    public Uri? TopicEndpoint { get; set; }

    /// <summary><c>EventGrid__TopicKey</c>: an access key. Absent: managed identity (<c>DefaultAzureCredential</c>), which needs https.</summary>
    public string? TopicKey { get; set; }
}
