using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Tests.Storage;

public class TableKeysTests
{
    [Theory]
    [InlineData("plain-id_1", "plain-id_1")]
    [InlineData("a/b\\c#d?e%f", "a%2Fb%5Cc%23d%3Fe%25f")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("a|b", "a%7Cb")]
    public void Escape_ForbiddenCharacters_AreEncodedReversibly(string value, string expected)
    {
        var key = TableKeys.Escape(value);

        Assert.Equal(expected, key);
        Assert.Equal(value, TableKeys.Unescape(key));
    }

    [Fact]
    public void Escape_TooLong_Throws()
    {
        Assert.Throws<ArgumentException>(() => TableKeys.Escape(new string('x', 1025)));
    }

    [Fact]
    public void NewestFirst_LaterTime_SortsFirst()
    {
        var earlier = TableKeys.NewestFirst(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var later = TableKeys.NewestFirst(new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero));

        Assert.True(string.CompareOrdinal(later, earlier) < 0);
        Assert.Equal(earlier.Length, later.Length);
    }
}
