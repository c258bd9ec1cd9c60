using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KadoaBridge.Functions.Tests.ControlPlane;

/// <summary>
/// A function's answer as a client reads it: the <see cref="IActionResult"/> is executed by ASP.NET Core MVC's own
/// result executors (as the Functions ASP.NET Core integration does), so status, content type and body are the wire's.
/// </summary>
internal sealed record HttpAnswer(int Status, string? ContentType, string Body, string? Location)
{
    private static readonly ServiceProvider Mvc = new ServiceCollection().AddLogging().AddMvcCore().Services.BuildServiceProvider();

    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The body is JSON null.");

    /// <summary>The <c>field</c> of a problem+json answer.</summary>
    public string? Field => Json["field"]?.GetValue<string>();

    public static async Task<HttpAnswer> ExecuteAsync(IActionResult result, HttpRequest request)
    {
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

    /// <summary>Asserts a problem+json answer with <paramref name="status"/> naming <paramref name="field"/>.</summary>
    public HttpAnswer AssertProblem(int status, string field)
    {
        AssertStatus(status);
        Assert.StartsWith("application/problem+json", ContentType, StringComparison.Ordinal);
        Assert.True(field == Field, $"Expected field '{field}', got '{Field}': {Body}");
        return this;
    }
}
