using System.Text;
using System.Text.Json.Nodes;
using KadoaBridge.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KadoaBridge.Functions.Tests.ControlPlane;

/// <summary>
/// A function's answer as a client reads it: the <see cref="IActionResult"/> is executed by ASP.NET Core MVC's own
/// result executors (as the Functions ASP.NET Core integration does) with the app's problem details service, so status,
/// content type and body are the wire's.
/// </summary>
internal sealed record HttpAnswer(int Status, string? ContentType, string Body, string? Location)
{
    private static readonly ServiceProvider Mvc = new ServiceCollection().AddLogging().AddMvcCore().Services.AddControlPlaneProblems().BuildServiceProvider();

    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The body is JSON null.");

    /// <summary>The <c>field</c> of a problem+json answer.</summary>
    public string? Field => Json["field"]?.GetValue<string>();

    /// <summary>The <c>errors</c> of a validation problem: field → messages, in the answer's order.</summary>
    public IReadOnlyList<KeyValuePair<string, string[]>> Errors =>
        [.. (Json["errors"]?.AsObject() ?? []).Select(e => KeyValuePair.Create(e.Key, e.Value!.AsArray().Select(m => m!.GetValue<string>()).ToArray()))];

    /// <summary>The fields of <see cref="Errors"/>, in order.</summary>
    public IReadOnlyList<string> ErrorFields => [.. Errors.Select(e => e.Key)];

    public static async Task<HttpAnswer> ExecuteAsync(IActionResult result, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(request);
        var context = request.HttpContext;
        context.RequestServices = Mvc;
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        var location = context.Response.Headers.Location.Count > 0 ? context.Response.Headers.Location.ToString() : null;
        return new HttpAnswer(context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(body.ToArray()), location);
    }

    public HttpAnswer AssertStatus(int status)
    {
        Assert.True(Status == status, $"Expected {status}, got {Status}: {Body}");
        return this;
    }

    /// <summary>
    /// Asserts a problem+json answer with <paramref name="status"/> naming <paramref name="field"/>, shaped as ASP.NET Core
    /// writes it: the RFC 9110 type of the status, a title, <c>traceId</c>, and for a 400 an <c>errors</c> entry of the field.
    /// </summary>
    public HttpAnswer AssertProblem(int status, string? field)
    {
        AssertStatus(status);
        Assert.StartsWith(Problems.ContentType, ContentType, StringComparison.Ordinal);
        Assert.True(field == Field, $"Expected field '{field}', got '{Field}': {Body}");
        Assert.StartsWith("https://tools.ietf.org/html/rfc9110#section-15.", Json["type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(Json["title"]?.GetValue<string>()), Body);
        Assert.Equal(status, Json["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(Json["traceId"]?.GetValue<string>()), Body);
        if (status == 400)
        {
            Assert.True(field is not null && ErrorFields is [var first, ..] && first == field, $"Expected errors to start with '{field}': {Body}");
        }

        return this;
    }
}
