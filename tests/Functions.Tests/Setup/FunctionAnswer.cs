using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;

namespace KadoaBridge.Functions.Tests.Setup;

/// <summary>A function's answer as the caller reads it: status, content type and the JSON text of the body.</summary>
internal sealed record FunctionAnswer(int Status, string? ContentType, string Json)
{
    public JsonNode Body => JsonNode.Parse(Json)!;

    /// <summary>The <c>field</c> of a problem+json answer.</summary>
    public string? Field => Body["field"]?.GetValue<string>();

    public string? Detail => Body["detail"]?.GetValue<string>();

    /// <summary>Serializes the result's value as the worker does (web defaults) and checks the key is not in the text.</summary>
    public static FunctionAnswer From(IActionResult result, string apiKey)
    {
        var objectResult = Assert.IsAssignableFrom<ObjectResult>(result);
        var json = JsonSerializer.Serialize(objectResult.Value, objectResult.Value?.GetType() ?? typeof(object), JsonSerializerOptions.Web);
        Assert.DoesNotContain(apiKey, json, StringComparison.Ordinal);
        return new FunctionAnswer(objectResult.StatusCode ?? 200, objectResult.ContentTypes.FirstOrDefault(), json);
    }

    /// <summary>Asserts a problem+json answer with <paramref name="status"/> naming <paramref name="field"/>.</summary>
    public FunctionAnswer AssertProblem(int status, string? field = null)
    {
        Assert.True(Status == status, $"Expected {status}, got {Status}: {Json}");
        Assert.Equal("application/problem+json", ContentType);
        if (field is not null)
        {
            Assert.Equal(field, Field);
        }

        return this;
    }

    public FunctionAnswer AssertOk()
    {
        Assert.True(Status == 200, $"Expected 200, got {Status}: {Json}");
        return this;
    }

    /// <summary>(workflowId, eventType) of every item of a list in the body, e.g. <c>created</c>.</summary>
    public IReadOnlyList<(string? WorkflowId, string EventType)> Items(string list) =>
        [.. ItemsOf(Body[list]!)];

    public static IEnumerable<(string? WorkflowId, string EventType)> ItemsOf(JsonNode list) =>
        list.AsArray().Select(i => (i!["workflowId"]?.GetValue<string>(), i["eventType"]!.GetValue<string>()));
}
