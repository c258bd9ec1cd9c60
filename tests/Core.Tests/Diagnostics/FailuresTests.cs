using System.Net.WebSockets;
using System.Text.Json;
using Azure;
using KadoaBridge.Core.Diagnostics;

namespace KadoaBridge.Core.Tests.Diagnostics;

/// <summary>What a failure means (retry or not) and what of it may leave a log record: one helper for the whole bridge.</summary>
public class FailuresTests
{
    [Theory]
    [InlineData(400, true)] // Event Grid cannot take the event (schema, a property)
    [InlineData(413, true)] // the event or batch is too large
    [InlineData(0, false)] // no answer: the network
    [InlineData(401, false)] // credentials: clear when fixed
    [InlineData(403, false)] // a missing role: clears when granted
    [InlineData(404, false)] // a topic not (yet) there
    [InlineData(408, false)]
    [InlineData(429, false)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    public void IsRejection_EventGridAnswer_OnlyAnAnswerAboutTheEventsItself(int status, bool rejection)
    {
        Assert.Equal(rejection, Failures.IsRejection(new RequestFailedException(status, "refused", "Code", null)));
    }

    [Fact]
    public void IsRejection_NoServiceAnswer_False()
    {
        Assert.False(Failures.IsRejection(new HttpRequestException("Connection refused (127.0.0.1:9)")));
        Assert.False(Failures.IsRejection(new TimeoutException()));
        Assert.False(Failures.IsRejection(new JsonException("not JSON")));
    }

    [Fact]
    public void Describe_ServiceAnswer_TypeStatusCodeAndTheServicesSentenceOnly()
    {
        // The Azure SDK's message: the service's sentence, then status, error code, content and headers.
        var failure = new RequestFailedException(
            503,
            "The server is busy.\nRequestId:0d5c\nStatus: 503 (Service Unavailable)\nErrorCode: ServerBusy\n\nContent:\n<Error/>\n\nHeaders:\nx-ms-request-id: 0d5c",
            "ServerBusy",
            null);

        Assert.Equal("RequestFailedException (503 ServerBusy): The server is busy.", Failures.Describe(failure));
    }

    [Fact]
    public void Describe_MessageNamesAUrlWithASas_KeepsHostAndPathNeverTheQuery()
    {
        var failure = new RequestFailedException(403, "Server failed to authenticate https://acct.blob.core.windows.net/poison/x?sv=2024&sig=SECRET", "AuthenticationFailed", null);

        var text = Failures.Describe(failure);

        Assert.Equal("RequestFailedException (403 AuthenticationFailed): Server failed to authenticate https://acct.blob.core.windows.net/poison/x?[redacted]", text);
        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Invalid connection string DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=SECRET==;EndpointSuffix=core.windows.net")]
    [InlineData("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=SECRET")]
    [InlineData("Kadoa refused x-api-key: SECRET")]
    [InlineData("refused the header Authorization: Bearer SECRET")]
    [InlineData("the socket wss://realtime.kadoa.com/?access_token=SECRET closed")]
    [InlineData("https://user:SECRET@host.example/path failed")]
    [InlineData("aeg-sas-key=SECRET was refused")]
    public void Describe_MessageCarryingASecret_SecretRedacted(string message)
    {
        var text = Failures.Describe(new InvalidOperationException(message));

        Assert.StartsWith("InvalidOperationException: ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_NoAnswer_SaysSoWithTheTransportsReason()
    {
        var failure = new RequestFailedException(0, "Connection refused (127.0.0.1:10000)", new HttpRequestException("Connection refused (127.0.0.1:10000)"));

        Assert.Equal("RequestFailedException (no answer): Connection refused (127.0.0.1:10000)", Failures.Describe(failure));
    }

    [Fact]
    public void Describe_SdkRetriesAggregated_DescribesTheFirstAttempt()
    {
        var failure = new AggregateException(
            "Retry failed after 2 tries.",
            new RequestFailedException(0, "Connection refused (127.0.0.1:10000)"),
            new RequestFailedException(0, "Connection refused (127.0.0.1:10000)"));

        Assert.Equal("RequestFailedException (no answer): Connection refused (127.0.0.1:10000)", Failures.Describe(failure));
    }

    [Fact]
    public void Describe_OtherException_TypeAndFirstLine()
    {
        Assert.Equal("JsonException: 'x' is an invalid start of a value.", Failures.Describe(new JsonException("'x' is an invalid start of a value.\nPath: $")));
        Assert.Equal("WebSocketException: Unable to connect to the remote server", Failures.Describe(new WebSocketException("Unable to connect to the remote server")));
        Assert.Equal("TimeoutException", Failures.Describe(new TimeoutException("")));
    }

    [Fact]
    public void Describe_InternalExceptionType_NamedByItsPublicBase()
    {
        var failure = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(ReadOnlyMemory<byte>.Empty));

        Assert.NotEqual(typeof(JsonException), failure.GetType()); // System.Text.Json's internal JsonReaderException
        Assert.StartsWith("JsonException: ", Failures.Describe(failure), StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_LongMessage_CutAtTheLimit()
    {
        var text = Failures.Describe(new InvalidOperationException(new string('x', 1_000)));

        Assert.Equal(Failures.MaxDescriptionLength, text.Length);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
    }
}
