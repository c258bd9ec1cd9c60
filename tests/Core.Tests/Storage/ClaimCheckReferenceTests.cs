using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Tests.Storage;

public class ClaimCheckReferenceTests
{
    private static readonly Uri Container = new("http://127.0.0.1:10000/devstoreaccount1/payloads");
    private const string Payloads = "http://127.0.0.1:10000/devstoreaccount1/payloads";
    private const string Id = "chg-1";

    [Theory]
    [InlineData("chg-1")]
    [InlineData("a/b")]
    [InlineData("x?y#z")]
    [InlineData("..")]
    [InlineData("ünï ☃")]
    public void TryResolve_TheEventsOwnBlob_ResolvedByItsName(string id)
    {
        var name = BlobNames.For(id, BlobNames.Snapshot);

        Assert.True(ClaimCheckReference.TryResolve(Container, $"{Payloads}/{name}", id, BlobNames.Snapshot, out var resolved, out var refusal), refusal);
        Assert.Equal(name, resolved);
    }

    [Fact]
    public void TryResolve_AzureAccountWithDefaultPort_Resolved()
    {
        var container = new Uri("https://acct.blob.core.windows.net/payloads");
        var name = BlobNames.For(Id, BlobNames.Data);

        Assert.True(ClaimCheckReference.TryResolve(container, "https://ACCT.blob.core.windows.net/payloads/" + name, Id, BlobNames.Data, out _, out _));
        Assert.True(ClaimCheckReference.TryResolve(container, "https://acct.blob.core.windows.net:443/payloads/" + name, Id, BlobNames.Data, out _, out _));
    }

    [Theory]
    [InlineData("old/form ü?#", "old%2Fform%20%C3%BC%3F%23/snapshot.json")] // the listener's old URL: the name as it is
    [InlineData("old/form ü?#", "old%252Fform%2520%25C3%25BC%253F%2523/snapshot.json")] // ingest's old URL: the SDK's, escaped once more
    [InlineData("chg-1", "chg-1/snapshot.json")]
    public void TryResolve_OldNameOfThisEvent_ResolvedToTheOldName(string id, string urlPath)
    {
        Assert.True(ClaimCheckReference.TryResolve(Container, $"{Payloads}/{urlPath}", id, BlobNames.Snapshot, out var resolved, out var refusal), refusal);
        Assert.Equal(BlobNames.Legacy(id, BlobNames.Snapshot), resolved);
    }

    [Theory]
    [InlineData(null, "no url")]
    [InlineData("", "no url")]
    [InlineData("payloads/x", "storage account")]
    [InlineData("https://127.0.0.1:10000/devstoreaccount1/payloads/{name}", "storage account")] // another scheme
    [InlineData("http://localhost:10000/devstoreaccount1/payloads/{name}", "storage account")] // another host
    [InlineData("http://127.0.0.1:10001/devstoreaccount1/payloads/{name}", "storage account")] // another port
    [InlineData("http://user@127.0.0.1:10000/devstoreaccount1/payloads/{name}", "storage account")]
    [InlineData("file:///devstoreaccount1/payloads/{name}", "storage account")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/deadletters/{name}", "payload container")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads-other/{name}", "payload container")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads", "payload container")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/PAYLOADS/{name}", "payload container")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/pay%6Coads/{name}", "payload container")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads/{name}?sv=2024&sig=x", "query")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads/{name}#x", "query")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads\\..\\deadletters\\x.json", "backslash")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads/{name} ", "whitespace")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads/../deadletters/x.json", "segment")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads/x/../../deadletters/x.json", "segment")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads/{name}/../{name}", "segment")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads/./{name}", "segment")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads/..%2Fdeadletters%2Fx.json", "segment")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads/..%2fdeadletters%2fx.json", "segment")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads/%2e%2e/deadletters/x.json", "segment")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads/%2E%2E%2Fdeadletters/x.json", "segment")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads/a%5C..%5Cx.json", "segment")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads//{name}", "segment")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads/{name}/", "segment")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads/%00{name}", "segment")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads/{other}", "this event's snapshot blob")] // another event's blob
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads/chg-2/snapshot.json", "this event's snapshot blob")] // another event's old blob
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads/{data}", "this event's snapshot blob")] // this event's other part
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads/quarantine/x.txt", "this event's snapshot blob")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/payloads/{upper}", "this event's snapshot blob")]
    public void TryResolve_AnythingElse_RefusedWithAReason(string? template, string reason)
    {
        var url = template?
            .Replace("{name}", BlobNames.For(Id, BlobNames.Snapshot), StringComparison.Ordinal)
            .Replace("{other}", BlobNames.For("chg-2", BlobNames.Snapshot), StringComparison.Ordinal)
            .Replace("{data}", BlobNames.For(Id, BlobNames.Data), StringComparison.Ordinal)
            .Replace("{upper}", BlobNames.For(Id, BlobNames.Snapshot).ToUpperInvariant().Replace(".JSON", ".json", StringComparison.Ordinal), StringComparison.Ordinal);

        Assert.False(ClaimCheckReference.TryResolve(Container, url, Id, BlobNames.Snapshot, out var resolved, out var refusal));
        Assert.Null(resolved);
        Assert.Contains(reason, refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void TryResolve_OldNameOfAnIdThatIsAHash_Refused()
    {
        // An id of 64 hex digits had the old name "{id}/snapshot.json": exactly another id's new name, so it is not followed.
        var victim = BlobNames.For("chg-victim", BlobNames.Snapshot);
        var id = victim[..BlobNames.HashLength];

        Assert.False(ClaimCheckReference.TryResolve(Container, $"{Payloads}/{victim}", id, BlobNames.Snapshot, out _, out var refusal));
        Assert.Contains("this event's snapshot blob", refusal, StringComparison.Ordinal);
    }
}
