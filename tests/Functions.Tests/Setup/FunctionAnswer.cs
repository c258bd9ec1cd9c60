using System.Text.Json.Nodes;
using KadoaBridge.Functions.Tests.ControlPlane;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace KadoaBridge.Functions.Tests.Setup;

/// <summary>A function's answer as the caller reads it: status, content type and the JSON text of the body.</summary>
internal sealed class FunctionAnswer(HttpAnswer http)
{
    private readonly HttpAnswer _http = http;

    public int Status => _http.Status;

    public string? ContentType => _http.ContentType;

    /// <summary>The body's JSON text.</summary>
    public string Json => _http.Body;

    /// <summary>The fields of a validation problem's <c>errors</c>, in order.</summary>
    public IReadOnlyList<string> ErrorFields => _http.ErrorFields;

    public JsonNode Body => JsonNode.Parse(Json)!;

    /// <summary>The <c>field</c> of a problem+json answer.</summary>
    public string? Field => Body["field"]?.GetValue<string>();

    public string? Detail => Body["detail"]?.GetValue<string>();

    /// <summary>Executes the result as the worker does (<see cref="HttpAnswer.ExecuteAsync"/>) and checks the key is not in the text.</summary>
    public static async Task<FunctionAnswer> FromAsync(IActionResult result, HttpRequest request, string apiKey)
    {
        var answer = await HttpAnswer.ExecuteAsync(result, request);
        Assert.DoesNotContain(apiKey, answer.Body, StringComparison.Ordinal);
        return new FunctionAnswer(answer);
    }

    /// <summary>Asserts a problem+json answer with <paramref name="status"/> naming <paramref name="field"/> (any when null).</summary>
    public FunctionAnswer AssertProblem(int status, string? field = null)
    {
        _http.AssertProblem(status, field ?? Field);
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
