using System.Text;
using KadoaBridge.Core.Kadoa.Realtime;

namespace KadoaBridge.Core.Tests.Kadoa;

public class FrameDecoderTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Decode_DocumentedEnvelope_ReadsTypeTimestampIdCursorAndData()
    {
        using var frame = Decode("""{"type":"workflow_data_change","timestamp":1736367604663,"id":"dlv-1","_cursor":"c-1","data":{"id":"chg-1"}}""");

        Assert.Equal("workflow_data_change", frame.Type);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1736367604663), frame.Timestamp);
        Assert.Equal("dlv-1", frame.DeliveryId);
        Assert.Equal("c-1", frame.Cursor);
        Assert.Equal("chg-1", frame.Payload!.Value.GetProperty("id").GetString());
    }

    [Fact]
    public void Decode_SdkEnvelope_ReadsPayloadFromMessage()
    {
        using var frame = Decode("""{"type":"workflow_finished","timestamp":1736367604663,"id":"dlv-2","message":{"workflowId":"wf"}}""");

        Assert.Equal("wf", frame.Payload!.Value.GetProperty("workflowId").GetString());
        Assert.Null(frame.Cursor);
    }

    [Fact]
    public void Decode_LegacyEnvelope_ReadsEventTypeAndIsoTimestamp()
    {
        using var frame = Decode("""{"eventType":"workflow_failed","timestamp":"2025-01-08T20:20:04.663Z","id":"dlv-3","_cursor":"c-3","message":{"reason":"x"}}""");

        Assert.Equal("workflow_failed", frame.Type);
        Assert.Equal(new DateTimeOffset(2025, 1, 8, 20, 20, 4, 663, TimeSpan.Zero), frame.Timestamp);
        Assert.Equal("x", frame.Payload!.Value.GetProperty("reason").GetString());
    }

    [Fact]
    public void Decode_MessageAndData_PrefersMessage()
    {
        using var frame = Decode("""{"type":"t","timestamp":1,"message":{"a":1},"data":{"b":2}}""");

        Assert.True(frame.Payload!.Value.TryGetProperty("a", out _));
    }

    [Fact]
    public void Decode_NumericDeliveryId_KeepsItsText()
    {
        using var frame = Decode("""{"type":"t","timestamp":1,"id":42}""");

        Assert.Equal("42", frame.DeliveryId);
    }

    [Fact]
    public void Decode_UnusableTimestamp_FallsBackToReceipt()
    {
        using var frame = Decode("""{"type":"t","timestamp":"yesterday"}""");

        Assert.Equal(Now, frame.Timestamp);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[1,2]", "not an object")]
    [InlineData("""{"timestamp":1}""", "no string 'type'")]
    [InlineData("""{"type":7,"timestamp":1}""", "no string 'type'")]
    [InlineData("""{"type":"","timestamp":1}""", "'type' is empty")]
    public void Decode_Malformed_NamesWhatIsWrong(string text, string expected)
    {
        var result = FrameDecoder.Decode(Encoding.UTF8.GetBytes(text), Now);

        Assert.Null(result.Frame);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"control.draining","timestamp":1,"retryAfterMs":1500}""", 1500.0)]
    [InlineData("""{"type":"control.draining","timestamp":1,"retryAfterMs":-1}""", null)]
    [InlineData("""{"type":"control.draining","timestamp":1,"retryAfterMs":60001}""", null)]
    [InlineData("""{"type":"control.draining","timestamp":1,"retryAfterMs":"soon"}""", null)]
    [InlineData("""{"type":"control.draining","timestamp":1}""", null)]
    public void RetryAfter_Draining_UsesOnlySaneValues(string text, double? expectedMs)
    {
        using var frame = Decode(text);

        Assert.True(frame.IsDraining);
        Assert.Equal(expectedMs is null ? null : TimeSpan.FromMilliseconds(expectedMs.Value), frame.RetryAfter);
    }

    private static KadoaFrame Decode(string text)
    {
        var result = FrameDecoder.Decode(Encoding.UTF8.GetBytes(text), Now);
        Assert.Null(result.Error);
        return result.Frame!;
    }
}
