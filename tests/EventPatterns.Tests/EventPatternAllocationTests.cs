using System.Text.Json;

namespace EventPatterns.Tests;

public class EventPatternAllocationTests
{
    public static TheoryData<string> Patterns => new()
    {
        """{"type":["Kadoa.Workflow.DataChanged"],"data":{"workflowId":["wf-1"]}}""",
        """{"data":{"differences":{"type":["changed"],"fields":{"key":["price"],"value":[{"numeric":["<",20]}]}}}}""",
        """{"data":{"url":[{"prefix":"https://shop."},{"suffix":".pdf"}],"summary":[{"equals-ignore-case":"PRICE DROPPED"}]}}""",
        """{"data":{"summary":[{"prefix":{"equals-ignore-case":"prïce"}}]}}""",
        """{"subject":[{"wildcard":"workflows/*/changes/*"}],"kadoateamid":[{"anything-but":["team-2","team-3"]}]}""",
        """{"data":{"snapshotRef":[{"exists":false}],"diffTypes":[{"anything-but":{"prefix":"rem"}}]}}""",
        """{"$or":[{"type":["x"]},{"data":{"changedKeys":["title"]}}],"ip":[{"cidr":"10.0.0.0/8"},{"exists":false}]}""",
        """{"escaped":[{"suffix":"\n"}],"long":[{"prefix":{"equals-ignore-case":"ÉX"}}]}""",
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Matches_TypicalEvent_AllocatesNothing(string pattern)
    {
        EventPattern compiled = EventPattern.Parse(pattern);
        string json = KadoaSample.Event.Insert(1, $$"""
            "escaped":"line\u00e9\n","long":"\u00c9{{new string('x', 600)}}","ip":"10.1.2.3",
            """);
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        bool first = compiled.Matches(root);
        for (int i = 0; i < 100; i++)
        {
            compiled.Matches(root);
        }

        int same = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            same += compiled.Matches(root) == first ? 1 : 0;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1000, same);
        Assert.Equal(0, allocated);
    }
}
