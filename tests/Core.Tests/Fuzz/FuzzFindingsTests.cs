using System.Text;
using KadoaBridge.Core.ControlPlane;
using KadoaBridge.Core.Kadoa.Provisioning;
using KadoaBridge.Core.Kadoa.Realtime;
using KadoaBridge.Core.Routing.Store;
using Microsoft.Extensions.Primitives;

namespace KadoaBridge.Fuzzing;

/// <summary>The minimal reproducers of what the fuzz runs found, kept as regular tests.</summary>
public class FuzzFindingsTests
{
    public static TheoryData<string> Unreadable => ["invalid UTF-8", "lone surrogate"];

    private static byte[] Body(string kind, string prefix, string suffix) =>
        [.. Encoding.UTF8.GetBytes(prefix), .. kind == "invalid UTF-8" ? new byte[] { 0xC3, 0x28 } : @"\uDFFF"u8.ToArray(), .. Encoding.UTF8.GetBytes(suffix)];

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void Readers_UnreadableStringInJson_RejectNamingTheBody(string kind)
    {
        Assert.False(ProvisioningRequestReader.TryReadSetup(Body(kind, """{"workflowIds":["wf-""", "\"]}"), out _, out var setup));
        Assert.Equal("body", setup[0].Field);
        Assert.False(ProvisioningRequestReader.TryReadTest(Body(kind, """{"workflowId":"wf-""", "\"}"), out _, out var test));
        Assert.Equal("body", test[0].Field);
        Assert.False(ReplayRequestReader.TryRead(Body(kind, """{"workflowId":"wf-""", "\"}"), out _, out var replay));
        Assert.Equal("body", replay[0].Field);
        Assert.False(RecoveryRequestReader.TryReadMax([], Body(kind, """{"m""", "ax\":1}"), out _, out var recovery));
        Assert.Equal("body", recovery[0].Field);
        Assert.False(RouteDryRunRequest.TryParse(Body(kind, """{"changeId":"chg-""", "\"}"), out _, out var dryRun));
        Assert.Equal("$", dryRun[0].Path);
        var rules = new RouteRuleReader(Microsoft.Extensions.Options.Options.Create(ReaderTargets.RoutingOptionsWith("changes")));
        Assert.Equal("$", Assert.Single(rules.Read(Body(kind, """{"description":"d""", "\",\"destinations\":[\"changes\"]}"), "r").Errors).Path);
    }

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void Decode_UnreadableStringInFrame_Malformed(string kind)
    {
        var result = FrameDecoder.Decode(Body(kind, """{"type":"workflow_data_change","id":"d-""", "\"}"), DateTimeOffset.UnixEpoch);

        Assert.Null(result.Frame);
        Assert.StartsWith("not JSON", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a\u0001")]
    [InlineData("a-name-of-65-characters-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void QueryReaders_UnknownParameterWithUnrepeatableName_NameTheQuery(string name)
    {
        KeyValuePair<string, StringValues>[] query = [new(name, "1")];

        Assert.False(ChangeQueryReader.TryRead(query, DateTimeOffset.UnixEpoch, out _, out var changes));
        Assert.Equal("query", changes[0].Field);
        Assert.False(RecoveryRequestReader.TryReadPage(query, out _, out _, out var page));
        Assert.Equal("query", page[0].Field);
    }

    [Fact]
    public void ChangeQuery_ToAtYearOneWithoutWorkflow_NoUnderflow()
    {
        KeyValuePair<string, StringValues>[] query = [new("to", "0001-01-01")];

        var exception = Record.Exception(() => ChangeQueryReader.TryRead(query, DateTimeOffset.UnixEpoch, out _, out _));

        Assert.Null(exception);
    }

    [Fact]
    public void BodyReaders_UnknownPropertyWithBlankName_NameTheBody()
    {
        Assert.False(ReplayRequestReader.TryRead("""{"":1}"""u8.ToArray(), out _, out var replay));
        Assert.Equal("body", replay[0].Field);
        Assert.False(ProvisioningRequestReader.TryReadSetup("""{" ":1}"""u8.ToArray(), out _, out var setup));
        Assert.Equal("body", setup[0].Field);
        Assert.False(RecoveryRequestReader.TryReadMax([], """{"":1}"""u8.ToArray(), out _, out var recovery));
        Assert.Equal("body", recovery[0].Field);
    }
}
