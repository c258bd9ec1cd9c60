using System.Net;
using System.Text.Json;
using Azure;

namespace KadoaBridge.EventGridEmulator.Tests;

[Trait("Category", "Integration")]
public sealed class PublishErrorTests
{
    [Fact]
    public async Task SendEventAsync_WrongKey_Throws401()
    {
        await using var emulator = await TestSupport.StartAsync();
        var client = new Azure.Messaging.EventGrid.EventGridPublisherClient(emulator.GetTopicEndpoint(TestSupport.Topic), new AzureKeyCredential("wrong"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.SendEventAsync(TestSupport.CloudEvent("x")));

        Assert.Equal(401, error.Status);
        Assert.Equal("Unauthorized", error.ErrorCode);
        Assert.Empty(emulator.GetAccepted(TestSupport.Topic));
    }

    [Fact]
    public async Task Post_WrongKey_Returns401WithEventGridErrorBody()
    {
        await using var emulator = await TestSupport.StartAsync();

        using var response = await TestSupport.PostAsync(emulator, "[" + TestSupport.EventJson("x") + "]", key: "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal("Unauthorized", error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Post_EmptyBearerToken_Returns401(string token)
    {
        await using var emulator = await TestSupport.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, emulator.GetTopicEndpoint(TestSupport.Topic) + "?api-version=2018-01-01")
        {
            Content = new StringContent("[" + TestSupport.EventJson("x") + "]", null, "application/cloudevents-batch+json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);

        using var response = await TestSupport.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_BearerTokenWhenTopicRejectsThem_Returns401()
    {
        await using var emulator = await TestSupport.StartAsync(t => t.AcceptBearerTokens = false);

        using var response = await TestSupport.PostAsync(emulator, "[" + TestSupport.EventJson("x") + "]", bearer: "token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_MissingApiVersion_Returns400()
    {
        await using var emulator = await TestSupport.StartAsync();

        using var response = await TestSupport.PostAsync(emulator, "[" + TestSupport.EventJson("x") + "]", query: string.Empty);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("api-version", (await ErrorAsync(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(emulator.GetAccepted(TestSupport.Topic));
    }

    [Fact]
    public async Task Post_UnknownTopic_Returns404()
    {
        await using var emulator = await TestSupport.StartAsync();

        using var response = await TestSupport.PostAsync(emulator, "[" + TestSupport.EventJson("x") + "]", topic: "missing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NotFound", (await ErrorAsync(response)).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("application/cloudevents-batch+json; charset=utf-16")]
    public async Task Post_UnsupportedContentType_Returns400(string contentType)
    {
        await using var emulator = await TestSupport.StartAsync();

        using var response = await TestSupport.PostAsync(emulator, "[" + TestSupport.EventJson("x") + "]", contentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(emulator.GetAccepted(TestSupport.Topic));
    }

    [Theory]
    [InlineData("[{\"specversion\":\"1.0\"", "not valid JSON")]
    [InlineData("{\"specversion\":\"1.0\"}", "JSON array")]
    [InlineData("[]", "no events")]
    public async Task Post_MalformedBatch_Returns400(string body, string expected)
    {
        await using var emulator = await TestSupport.StartAsync();

        using var response = await TestSupport.PostAsync(emulator, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await ErrorAsync(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\":\"b\",\"source\":\"s\",\"type\":\"t\"}", "'specversion'")]
    [InlineData("{\"specversion\":\"0.3\",\"id\":\"b\",\"source\":\"s\",\"type\":\"t\"}", "'specversion'")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"\",\"source\":\"s\",\"type\":\"t\"}", "'id'")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"b\",\"type\":\"t\"}", "'source'")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"b\",\"source\":\"s\",\"type\":5}", "'type'")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"b\",\"source\":\"s\",\"type\":\"t\",\"subject\":5}", "'subject'")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"b\",\"source\":\"s\",\"type\":\"t\",\"time\":\"yesterday\"}", "'time'")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"b\",\"source\":\"s\",\"type\":\"t\",\"time\":\"2024-02-30T10:00:00Z\"}", "'time'")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"b\",\"source\":\"s\",\"type\":\"t\",\"TeamId\":\"x\"}", "'TeamId'")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"b\",\"source\":\"s\",\"type\":\"t\",\"team_id\":\"x\"}", "'team_id'")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"b\",\"source\":\"s\",\"type\":\"t\",\"abcdefghij0123456789x\":\"x\"}", "'abcdefghij0123456789x'")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"b\",\"source\":\"s\",\"type\":\"t\",\"teamid\":{\"a\":1}}", "'teamid'")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"b\",\"source\":\"s\",\"type\":\"t\",\"data\":1,\"data_base64\":\"AA==\"}", "'data_base64'")]
    [InlineData("\"not an object\"", "JSON object")]
    public async Task Post_InvalidCloudEventInBatch_Returns400NamingFieldAndIndexAndAcceptsNothing(string invalidEvent, string field)
    {
        await using var emulator = await TestSupport.StartAsync();

        using var response = await TestSupport.PostAsync(emulator, "[" + TestSupport.EventJson("a") + "," + invalidEvent + "]");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal("BadRequest", error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString();
        Assert.Contains("index 1", message, StringComparison.Ordinal);
        Assert.Contains(field, message, StringComparison.Ordinal);
        Assert.Empty(emulator.GetAccepted(TestSupport.Topic));
    }

    [Fact]
    public async Task SendEventAsync_EventOver1MB_Throws413()
    {
        await using var emulator = await TestSupport.StartAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => TestSupport.Publisher(emulator).SendEventAsync(TestSupport.CloudEvent("huge", data: new string('x', 1_100_000))));

        Assert.Equal(413, error.Status);
        Assert.Empty(emulator.GetAccepted(TestSupport.Topic));
    }

    [Fact]
    public async Task Post_SingleEventOver1MB_Returns413WithErrorBody()
    {
        await using var emulator = await TestSupport.StartAsync();
        var json = TestSupport.EventJson("huge", extra: ",\"pad\":\"" + new string('x', 1_100_000) + "\"");

        using var response = await TestSupport.PostAsync(emulator, json, "application/cloudevents+json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("RequestEntityTooLarge", (await ErrorAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task SendEventsAsync_BatchOver1MB_Throws413AndAcceptsNothing()
    {
        await using var emulator = await TestSupport.StartAsync();
        var events = Enumerable.Range(0, 3).Select(i => TestSupport.CloudEvent("part" + i, data: new string('x', 400_000)));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => TestSupport.Publisher(emulator).SendEventsAsync(events));

        Assert.Equal(413, error.Status);
        Assert.Empty(emulator.GetAccepted(TestSupport.Topic));
    }

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response)
    {
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("error").Clone();
    }
}
