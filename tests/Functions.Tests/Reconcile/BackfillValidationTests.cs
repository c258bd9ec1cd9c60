using KadoaBridge.Core.Reconcile;
using KadoaBridge.Functions.Tests.ControlPlane;

namespace KadoaBridge.Functions.Tests.Reconcile;

/// <summary>Bad backfill requests: 400 problem+json naming the field (415 when not JSON by type); no job is created.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class BackfillValidationTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("", "body")]
    [InlineData("not json", "body")]
    [InlineData("""["wf-1"]""", "body")]
    [InlineData("{}", "from")]
    [InlineData("""{"workflowIds":["wf-1"]}""", "from")]
    [InlineData("""{"from":"last week"}""", "from")]
    [InlineData("""{"from":"2024-05-01","to":"soon"}""", "to")]
    [InlineData("""{"from":"2024-05-02","to":"2024-05-01","workflowIds":["wf-1"]}""", "from")]
    [InlineData("""{"from":"2024-01-01","to":"2024-06-01","workflowIds":["wf-1"]}""", "from")]
    [InlineData("""{"from":"2024-05-01","to":"2999-01-01","workflowIds":["wf-1"]}""", "to")]
    [InlineData("""{"from":"2024-05-01","workflowIds":[]}""", "workflowIds")]
    [InlineData("""{"from":"2024-05-01","workflowIds":"wf-1"}""", "workflowIds")]
    [InlineData("""{"from":"2024-05-01","workflowIds":["wf-1","a/b"]}""", "workflowIds[1]")]
    [InlineData("""{"from":"2024-05-01","workflowIds":["wf-1","wf-1"]}""", "workflowIds[1]")]
    [InlineData("""{"from":"2024-05-01","workflowIds":["wf-1"],"workflow":"wf-2"}""", "workflow")]
    public async Task StartBackfill_BadBody_400NamingTheField(string body, string field)
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);

        (await harness.BackfillAsync(body)).AssertProblem(400, field);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task StartBackfill_NotJsonContentType_415(string? contentType)
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);

        (await harness.BackfillAsync("""{"from":"2024-05-01","workflowIds":["wf-1"]}""", contentType)).AssertProblem(415, "Content-Type");
    }

    [Theory]
    [InlineData("not-hex")]
    [InlineData("0123456789abcdef0123456789ABCDEF")]
    public async Task GetBackfill_BadId_400(string id)
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);

        (await harness.GetBackfillAsync(id)).AssertProblem(400, "id");
    }

    [Fact]
    public async Task GetBackfill_UnknownId_404()
    {
        await using var harness = await ControlPlaneHarness.StartAsync(azurite);

        (await harness.GetBackfillAsync(Guid.NewGuid().ToString("N"))).AssertStatus(404);
    }

    [Theory]
    [InlineData("Interval", "00:00:30", "Reconcile__Interval")]
    [InlineData("Overlap", "-00:01:00", "Reconcile__Overlap")]
    [InlineData("MaxBackfillRange", "400.00:00:00", "Reconcile__MaxBackfillRange")]
    [InlineData("EnrichTimeout", "2.00:00:00", "Reconcile__EnrichTimeout")]
    [InlineData("PagesPerWorkItem", "0", "Reconcile__PagesPerWorkItem")]
    public void Options_OutOfRange_FailNamingTheSetting(string property, string value, string setting)
    {
        var options = new ReconcileOptions();
        var target = typeof(ReconcileOptions).GetProperty(property)!;
        target.SetValue(options, target.PropertyType == typeof(int) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

        var result = new ReconcileOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new ReconcileOptionsValidator().Validate(null, new ReconcileOptions()).Succeeded);
    }
}
