using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace KadoaBridge.Functions.Tests.Routing;

/// <summary>A routes function's answer as a client reads it: status, content type, body text and the ETag/Location headers.</summary>
internal sealed record RouteAnswer(int Status, string? ContentType, string Body, string? ETag, string? Location)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    /// <summary>The <c>field</c> of a problem+json answer.</summary>
    public string? Field => Json["field"]?.GetValue<string>();

    public string? Detail => Json["detail"]?.GetValue<string>();

    public static RouteAnswer From(IActionResult result, HttpRequest request)
    {
        var headers = request.HttpContext.Response.Headers;
        string? etag = headers.ETag.Count > 0 ? headers.ETag.ToString() : null;
        string? location = headers.Location.Count > 0 ? headers.Location.ToString() : null;
        return result switch
        {
            ContentResult content => new(content.StatusCode ?? 200, content.ContentType, content.Content ?? "", etag, location),
            ObjectResult problem => new(
                problem.StatusCode ?? 200,
                problem.ContentTypes.FirstOrDefault(),
                JsonSerializer.Serialize(problem.Value, problem.Value?.GetType() ?? typeof(object), JsonSerializerOptions.Web),
                etag,
                location),
            StatusCodeResult status => new(status.StatusCode, null, "", etag, location),
            _ => throw new InvalidOperationException($"Unexpected result {result.GetType().Name}."),
        };
    }

    public RouteAnswer AssertStatus(int status)
    {
        Assert.True(Status == status, $"Expected {status}, got {Status}: {Body}");
        return this;
    }

    /// <summary>Asserts a problem+json answer with <paramref name="status"/> naming <paramref name="field"/>.</summary>
    public RouteAnswer AssertProblem(int status, string? field = null)
    {
        AssertStatus(status);
        Assert.Equal("application/problem+json", ContentType);
        if (field is not null)
        {
            Assert.True(field == Field, $"Expected field {field}, got {Field}: {Detail}");
        }

        return this;
    }
}
