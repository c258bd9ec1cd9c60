using System.Diagnostics;
using System.Text;
using System.Text.Json;
using KadoaBridge.Core.Diagnostics;

namespace KadoaBridge.Core.Tests.Diagnostics;

public class CloudEventTracingTests
{
    private const string Carried = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    [Fact]
    public void Stamp_EventCarriesATrace_ReplacesOnlyTheTraceparentWithTheSpansContext()
    {
        var original = $$$"""{"specversion":"1.0","id":"chg-1","traceparent":"{{{Carried}}}","tracestate":"k=v","data":{"traceparent":"inner"}}""";
        using var span = new Activity("publish changes").SetIdFormat(ActivityIdFormat.W3C).Start();

        var stamped = Encoding.UTF8.GetString(CloudEventTracing.Stamp(Encoding.UTF8.GetBytes(original), span));

        Assert.Equal(original.Replace(Carried, span.Id!, StringComparison.Ordinal), stamped);
    }

    [Fact]
    public void Stamp_NoRecordedSpan_KeepsTheCarriedTraceWithANewSpanId()
    {
        var original = $$"""{"id":"chg-1","traceparent":"{{Carried}}"}""";

        using var stamped = JsonDocument.Parse(CloudEventTracing.Stamp(Encoding.UTF8.GetBytes(original), null));

        var context = CloudEventTracing.Read(stamped.RootElement);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", context.TraceId.ToHexString());
        Assert.NotEqual("b7ad6b7169203331", context.SpanId.ToHexString());
    }

    [Fact]
    public void Stamp_EventWithoutTrace_AddsAValidTraceparentFirst()
    {
        var stamped = Encoding.UTF8.GetString(CloudEventTracing.Stamp("""{ "id":"chg-1","data":{}}"""u8, null));

        Assert.StartsWith("{\"traceparent\":\"00-", stamped, StringComparison.Ordinal);
        Assert.EndsWith("-01\", \"id\":\"chg-1\",\"data\":{}}", stamped, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(stamped);
        Assert.NotEqual(default, CloudEventTracing.Read(document.RootElement));
    }

    [Theory]
    [InlineData("""{"traceparent":"not-a-trace"}""")]
    [InlineData("""{"traceparent":42}""")]
    [InlineData("""{"id":"x"}""")]
    public void Read_NoValidTraceparent_IsDefault(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(default, CloudEventTracing.Read(document.RootElement));
    }
}
