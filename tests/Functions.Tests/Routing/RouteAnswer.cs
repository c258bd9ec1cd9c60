using System.Text.Json.Nodes;
using KadoaBridge.Functions.Tests.ControlPlane;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace KadoaBridge.Functions.Tests.Routing;

/// <summary>A routes function's answer as a client reads it: status, content type, body text and the ETag/Location headers.</summary>
internal sealed record RouteAnswer(HttpAnswer Http, string? ETag)
{
    public int Status => Http.Status;

    public string? ContentType => Http.ContentType;

    public string Body => Http.Body;

    public string? Location => Http.Location;

    public JsonNode Json => Http.Json;

    /// <summary>The <c>field</c> of a problem+json answer.</summary>
    public string? Field => Http.Field;

    public string? Detail => Json["detail"]?.GetValue<string>();

    /// <summary>Executes <paramref name="result"/> as the worker does (<see cref="HttpAnswer.ExecuteAsync"/>) and reads its headers.</summary>
    public static async Task<RouteAnswer> FromAsync(IActionResult result, HttpRequest request)
    {
        var http = await HttpAnswer.ExecuteAsync(result, request);
        var headers = request.HttpContext.Response.Headers;
        return new RouteAnswer(http, headers.ETag.Count > 0 ? headers.ETag.ToString() : null);
    }

    public RouteAnswer AssertStatus(int status)
    {
        Http.AssertStatus(status);
        return this;
    }

    /// <summary>Asserts a problem+json answer with <paramref name="status"/> naming <paramref name="field"/> (any when null).</summary>
    public RouteAnswer AssertProblem(int status, string? field = null)
    {
        Http.AssertProblem(status, field ?? Field);
        return this;
    }
}
