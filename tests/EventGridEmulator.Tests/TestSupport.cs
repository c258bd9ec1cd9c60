using System.Net.Http.Headers;
using System.Text;
using Azure.Core;
using Azure.Messaging.EventGrid;

namespace KadoaBridge.EventGridEmulator.Tests;

/// <summary>Shared helpers: emulator start-up, the real SDK client, raw requests and bounded waits.</summary>
internal static class TestSupport
{
    public const string Topic = "ingress";

    /// <summary>The bound of every wait in these tests.</summary>
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(30);

    public static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static Task<EventGridEmulator> StartAsync(Action<TopicOptions>? configureTopic = null, Action<EventGridEmulatorOptions>? configure = null)
    {
        var topic = new TopicOptions { Name = Topic };
        configureTopic?.Invoke(topic);
        var options = new EventGridEmulatorOptions();
        options.Topics.Add(topic);
        configure?.Invoke(options);
        return EventGridEmulator.StartAsync(options);
    }

    /// <summary>The real Azure SDK client over http with the topic key; fast retries so fault tests stay short.</summary>
    public static EventGridPublisherClient Publisher(EventGridEmulator emulator, int maxRetries = 3, string topic = Topic)
    {
        var options = new EventGridPublisherClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxRetries = maxRetries;
        return new EventGridPublisherClient(emulator.GetTopicEndpoint(topic), new Azure.AzureKeyCredential(emulator.GetTopicKey(topic)), options);
    }

    public static Azure.Messaging.CloudEvent CloudEvent(string id, string? subject = null, string type = "Kadoa.Workflow.DataChanged", object? data = null)
    {
        var cloudEvent = new Azure.Messaging.CloudEvent("https://www.kadoa.com/workflow/w1", type, data ?? new { changeId = id })
        {
            Id = id,
            Subject = subject,
        };
        cloudEvent.ExtensionAttributes["teamid"] = "team1";
        return cloudEvent;
    }

    public static string EventJson(string id, string? subject = null, string extra = "") =>
        "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"https://www.kadoa.com/workflow/w1\",\"type\":\"Kadoa.Workflow.DataChanged\""
        + (subject is null ? string.Empty : ",\"subject\":\"" + subject + "\"") + extra + ",\"data\":{\"n\":1}}";

    /// <summary>A raw publish request; <paramref name="query"/> defaults to the api-version the SDK sends.</summary>
    public static async Task<HttpResponseMessage> PostAsync(
        EventGridEmulator emulator,
        string body,
        string contentType = "application/cloudevents-batch+json; charset=utf-8",
        string? key = null,
        string? bearer = null,
        string query = "?api-version=2018-01-01",
        string topic = Topic)
    {
        var uri = new Uri(emulator.BaseAddress, $"topics/{topic}/api/events{query}");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        else
        {
            request.Headers.Add("aeg-sas-key", key ?? emulator.GetTopicKey(Topic));
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Polls <paramref name="condition"/> every 20 ms until it holds or <see cref="WaitTimeout"/> passes.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + WaitTimeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {WaitTimeout} waiting for {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }
}
