using System.Text;
using KadoaBridge.Core.Contract;
using KadoaBridge.Core.Forwarding;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Tests.Forwarding;

/// <summary>
/// A claim-check cut from the received message keeps the message's pooled bytes until the claim-check is stored or the
/// event is quarantined, and gives them back exactly once then.
/// </summary>
public sealed class ForwardItemTests
{
    [Fact]
    public void OnClaimCheckStored_GivesTheReceivedBytesBackOnce_AndFreesTheClaimCheck()
    {
        var received = new CountingRelease();
        var item = ItemWithClaimCheck(received, out var claimCheckBytes);

        var freed = item.OnClaimCheckStored();

        Assert.Equal(1, received.Releases);
        Assert.Equal(claimCheckBytes, freed);
        Assert.Null(item.Event!.ClaimCheck);
        Assert.Equal(item.Event.CloudEvent.Length, item.Bytes);
        item.Isolate(new QuarantineRecord("later", new byte[] { 1 }, DateTimeOffset.UnixEpoch));
        Assert.Equal(1, received.Releases); // once only
    }

    [Fact]
    public void Isolate_GivesTheReceivedBytesBack_TheRecordHoldsItsOwnCopy()
    {
        var received = new CountingRelease();
        var item = ItemWithClaimCheck(received, out _);

        item.Isolate(new QuarantineRecord("the blob cannot be stored", new byte[] { 1, 2, 3 }, DateTimeOffset.UnixEpoch));

        Assert.Equal(1, received.Releases);
        Assert.NotNull(item.Quarantine);
    }

    [Fact]
    public void ClaimCheckCopied_NothingToGiveBack()
    {
        var item = ItemWithClaimCheck(null, out var claimCheckBytes);

        Assert.Equal(claimCheckBytes, item.OnClaimCheckStored());
    }

    private static ForwardItem ItemWithClaimCheck(IDisposable? receivedBytes, out int claimCheckBytes)
    {
        var content = new byte[200_000];
        claimCheckBytes = content.Length;
        var mapped = new MappedEvent("chg-1", "Kadoa.Workflow.DataChanged", Encoding.UTF8.GetBytes("{\"id\":\"chg-1\"}"), new ClaimCheck("chg-1.snapshot.json", content));
        return ForwardItem.ForEvent(mapped, "dlv-1", "cur-1", DateTimeOffset.UnixEpoch, span: null, receivedBytes);
    }

    private sealed class CountingRelease : IDisposable
    {
        public int Releases { get; private set; }

        public void Dispose() => Releases++;
    }
}
