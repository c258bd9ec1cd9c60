using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.EventGridEmulator.Tests;

/// <summary>A webhook endpoint on 127.0.0.1 that answers the CloudEvents handshake and records what it receives.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Answer the handshake with 200 and <c>WebHook-Allowed-Origin</c>. Default true.</summary>
    public bool AllowHandshake { get; init; } = true;

    /// <summary>Status of the failing answers. Default 500.</summary>
    public int FailureStatus { get; init; } = 500;

    public ConcurrentQueue<ReceivedHandshake> Handshakes { get; } = new();

    /// <summary>Every POST, answered or not.</summary>
    public ConcurrentQueue<ReceivedDelivery> Deliveries { get; } = new();

    /// <summary>Number of POSTs answered with <see cref="FailureStatus"/> before answering 200 (int.MaxValue: always fail).</summary>
    public static async Task<WebhookReceiver> StartAsync(int failuresBeforeSuccess = 0, bool allowHandshake = true, int failureStatus = 500)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var receiver = new WebhookReceiver(builder.Build()) { AllowHandshake = allowHandshake, FailureStatus = failureStatus };
        receiver._failuresLeft = failuresBeforeSuccess;
        receiver._app.MapMethods("/hook", ["OPTIONS"], (Delegate)receiver.Handshake);
        receiver._app.MapPost("/hook", (Delegate)receiver.DeliverAsync);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Endpoint = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Handshake(HttpContext context)
    {
        var origin = context.Request.Headers["WebHook-Request-Origin"].ToString();
        Handshakes.Enqueue(new ReceivedHandshake(origin));
        if (AllowHandshake)
        {
            context.Response.Headers["WebHook-Allowed-Origin"] = origin;
            context.Response.Headers.Allow = "POST";
        }

        return Results.Ok();
    }

    private async Task<IResult> DeliverAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var fail = Interlocked.Decrement(ref _failuresLeft) >= 0;
        Deliveries.Enqueue(new ReceivedDelivery(
            context.Request.ContentType,
            body,
            context.Request.Headers.Origin.ToString(),
            context.Request.Headers["aeg-delivery-count"].ToString(),
            fail ? FailureStatus : 200));
        return fail ? Results.StatusCode(FailureStatus) : Results.Ok();
    }
}

internal sealed record ReceivedHandshake(string RequestOrigin);

internal sealed record ReceivedDelivery(string? ContentType, string Body, string Origin, string DeliveryCount, int AnsweredStatus);
