using System.Text.RegularExpressions;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Tests.Storage;

public partial class BlobNamesTests
{
    private static readonly string[] AnyIds =
    [
        "chg-1", "a/b", "a%2Fb", "a%252Fb", "x?y#z", "ünï cødé ☃ 😀", "..", ".", "", "a\\b", "..%2F..%2Fother", "CaseMatters", "casematters",
        new string('x', 1200), string.Concat(Enumerable.Repeat("ü/", 600)),
    ];

    public static TheoryData<string> Ids => new(AnyIds);

    [Theory]
    [MemberData(nameof(Ids))]
    public void For_AnyId_OneHexSegmentOfFixedLength(string id)
    {
        var name = BlobNames.For(id, BlobNames.Snapshot);

        Assert.Matches(HashedName(), name);
        Assert.Equal(name, BlobNames.For(id, BlobNames.Snapshot));
    }

    [Fact]
    public void For_DistinctIds_DistinctNames()
    {
        var names = AnyIds.Select(id => BlobNames.For(id, BlobNames.Data)).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("Snapshot")]
    [InlineData("../x")]
    [InlineData("a.json")]
    public void For_PartNotLowercaseLetters_Throws(string part)
    {
        Assert.Throws<ArgumentException>(() => BlobNames.For("chg-1", part));
    }

    [Theory]
    [InlineData("chg-1", "chg-1/snapshot.json")]
    [InlineData("a/b", "a%2Fb/snapshot.json")]
    [InlineData("x?y#z", "x%3Fy%23z/snapshot.json")]
    [InlineData("...", ".../snapshot.json")]
    public void Legacy_OrdinaryId_TheOldEscapedName(string id, string expected)
    {
        Assert.Equal(expected, BlobNames.Legacy(id, BlobNames.Snapshot));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("5ec1f7e700f37c3d0b2981d04855fc34b94aaa154fd9d0c2a6d1d1b6eefd2a16")] // 64 hex digits: another id's new name
    public void Legacy_NameThatWasNeverSafe_Null(string id)
    {
        Assert.Null(BlobNames.Legacy(id, BlobNames.Snapshot));
    }

    [GeneratedRegex("^[0-9a-f]{64}/snapshot\\.json$")]
    private static partial Regex HashedName();
}
