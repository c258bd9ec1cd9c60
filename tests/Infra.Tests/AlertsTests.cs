using System.Text.Json.Nodes;
using KadoaBridge.Infra.Tests.Arm;

namespace KadoaBridge.Infra.Tests;

/// <summary>Alerting: an action group, log search alert rules on the apps' metrics in Application Insights, and a workbook.</summary>
[Collection(BicepTemplateDefinition.Name)]
[Trait("Category", "Integration")]
public sealed class AlertsTests(BicepTemplateFixture fixture)
{
    private const string Email = "ops@example.com";

    /// <summary>Each rule (by name suffix) and the instruments its query must read: the apps' final OpenTelemetry names.</summary>
    public static TheoryData<string, string[]> RuleInstruments => new()
    {
        { "listener-down", ["kadoa.listener.connected", "kadoa.listener.heartbeat.age"] },
        { "stranded", ["kadoa.stranded", "\"poison\"", "\"deadletters\""] },
        { "quarantine", ["kadoa.stranded", "\"quarantine\""] },
        { "lag", ["kadoa.ingest.lag"] },
        { "failures", ["kadoa.ingest.failures", "kadoa.delivery.failures"] },
        { "dead-lettered", ["kadoa.delivery.deadlettered"] },
    };

    public static TheoryData<string> RuleNames => [.. Names];

    private static IEnumerable<string> Names => RuleInstruments.Select(row => (string)row[0]);

    private DeployedResource ActionGroup => fixture.Deployment.ActionGroup();

    [Fact]
    public void ActionGroup_Compiled_IsGlobalEnabledWithAShortNameOfAtMost12()
    {
        Assert.Equal("global", ActionGroup["location"].Text());
        Assert.Equal(true, ArmValues.AsBool(ActionGroup["properties.enabled"]));
        var shortName = ActionGroup["properties.groupShortName"].Text();
        Assert.InRange(shortName.Length, 1, 12);
    }

    [Fact]
    public void ActionGroup_WithoutAlertEmail_HasNoEmailReceiver() =>
        Assert.Empty(ActionGroup["properties.emailReceivers"]!.AsArray());

    [Fact]
    public void ActionGroup_WithAlertEmail_MailsItInTheCommonAlertSchema()
    {
        var deployment = fixture.Expand(p => p["alertEmail"] = Email);
        var receiver = Assert.Single(deployment.ActionGroup()["properties.emailReceivers"]!.AsArray())!;
        Assert.Equal(Email, receiver["emailAddress"].Text());
        Assert.Equal(true, ArmValues.AsBool(receiver["useCommonAlertSchema"]));
        Assert.False(string.IsNullOrEmpty(receiver["name"].Text()));
    }

    [Fact]
    public void AlertRules_Compiled_AreTheRulesTheTestsKnow() =>
        Assert.Equal(
            Names.Select(name => $"{BicepTemplateFixture.EnvironmentName}-{name}").Order(StringComparer.Ordinal),
            fixture.Deployment.OfType(ScheduledQueryRules).Select(r => r.Name).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void AlertRule_Compiled_IsAnEnabledLogAlertOnApplicationInsightsThatNotifiesTheActionGroup(string rule)
    {
        var alert = Rule(rule);
        Assert.Equal("LogAlert", alert["kind"].Text());
        Assert.Equal(true, ArmValues.AsBool(alert["properties.enabled"]));
        Assert.Equal(true, ArmValues.AsBool(alert["properties.autoMitigate"]));
        Assert.Equal(ApplicationInsightsId, Assert.Single(alert["properties.scopes"]!.AsArray()).Text());
        Assert.Equal(ActionGroup.Id, Assert.Single(alert["properties.actions.actionGroups"]!.AsArray()).Text());
        Assert.InRange(ArmValues.AsLong(alert["properties.severity"]) ?? -1, 0, 4);
    }

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void AlertRule_Texts_SayWhatItMeansAndWhatToDo(string rule)
    {
        var alert = Rule(rule);
        Assert.StartsWith("Kadoa bridge: ", alert["properties.displayName"].Text(), StringComparison.Ordinal);
        Assert.True(alert["properties.description"].Text().Length >= 100, $"{alert}: the description must say what the alert means and what to do");
    }

    [Theory]
    [MemberData(nameof(RuleInstruments))]
    public void AlertRule_Query_ReadsItsInstrumentsFromCustomMetrics(string rule, string[] instruments)
    {
        var criterion = Criterion(Rule(rule));
        var query = criterion["query"].Text();
        Assert.StartsWith("customMetrics", query.TrimStart(), StringComparison.Ordinal);
        Assert.All(instruments, instrument => Assert.Contains(instrument, query, StringComparison.Ordinal));

        // The alert compares the column the query computes.
        var measure = criterion["metricMeasureColumn"].Text();
        Assert.Contains($"{measure} = ", query, StringComparison.Ordinal);
    }

    [Fact]
    public void ListenerDownRule_NoMetricsInTheWindow_StillFires()
    {
        // A dead listener sends nothing: the query ends in a summarize without 'by', which yields a row
        // (count 0) on empty input, and fewer than one healthy listener fires.
        var criterion = Criterion(Rule("listener-down"));
        var lastStep = criterion["query"].Text().Trim().Split('\n')[^1];
        Assert.Matches(@"^\| summarize healthyListeners = countif\([^|]*\)$", lastStep);
        Assert.Equal("LessThan", criterion["operator"].Text());
        Assert.Equal(1, ArmValues.AsLong(criterion["threshold"]));
        Assert.Equal("PT5M", Rule("listener-down")["properties.windowSize"].Text());
    }

    [Theory]
    [InlineData("lag", "GreaterThan", 300)]
    [InlineData("stranded", "GreaterThan", 0)]
    [InlineData("dead-lettered", "GreaterThan", 0)]
    [InlineData("failures", "GreaterThanOrEqual", 5)]
    public void AlertRule_Threshold_IsTheDocumentedOne(string rule, string op, long threshold)
    {
        var criterion = Criterion(Rule(rule));
        Assert.Equal(op, criterion["operator"].Text());
        Assert.Equal(threshold, ArmValues.AsLong(criterion["threshold"]));
    }

    [Fact]
    public void Workbook_Compiled_IsASharedWorkbookOnApplicationInsights()
    {
        var workbook = fixture.Deployment.Single("Microsoft.Insights/workbooks");
        Assert.Equal("shared", workbook["kind"].Text());
        Assert.True(Guid.TryParse(workbook.Name, out _), $"{workbook} is not named by guid()");
        Assert.Equal(ApplicationInsightsId, workbook["properties.sourceId"].Text());
        Assert.Equal("workbook", workbook["properties.category"].Text());
        Assert.False(string.IsNullOrEmpty(workbook["properties.displayName"].Text()));
    }

    [Fact]
    public void Workbook_SerializedData_IsAWorkbookOverTheBridgesInstruments()
    {
        var data = JsonNode.Parse(fixture.Deployment.Single("Microsoft.Insights/workbooks")["properties.serializedData"].Text())!;
        Assert.Equal("Notebook/1.0", data["version"].Text());
        Assert.Equal(ApplicationInsightsId, Assert.Single(data["fallbackResourceIds"]!.AsArray()).Text());

        var queries = data["items"]!.AsArray().Select(item => item?["content"]?["query"]).OfType<JsonNode>().Select(q => q.Text()).ToList();
        Assert.NotEmpty(queries);
        var all = string.Join('\n', queries);
        string[] instruments =
        [
            "kadoa.listener.events.received", "kadoa.listener.events.published", "kadoa.ingest.events.ingested",
            "kadoa.ingest.lag", "kadoa.ingest.failures", "kadoa.delivery.failures", "kadoa.delivery.deadlettered",
            "kadoa.queue.depth", "kadoa.stranded", "kadoa.listener.heartbeat.age", "kadoa.listener.connected",
        ];
        Assert.All(instruments, instrument => Assert.Contains($"\"{instrument}\"", all, StringComparison.Ordinal));
    }

    [Fact]
    public void AlertingResources_LiveInTheirModules()
    {
        Assert.Equal("alerts", ActionGroup.DeploymentPath);
        Assert.All(fixture.Deployment.OfType(ScheduledQueryRules), r => Assert.Equal("alerts", r.DeploymentPath));
        Assert.Equal("workbook", fixture.Deployment.Single("Microsoft.Insights/workbooks").DeploymentPath);
    }

    private const string ScheduledQueryRules = "Microsoft.Insights/scheduledQueryRules";

    private string ApplicationInsightsId => fixture.Deployment.Single("Microsoft.Insights/components").Id;

    private DeployedResource Rule(string name) =>
        Assert.Single(fixture.Deployment.OfType(ScheduledQueryRules), r => r.Name == $"{BicepTemplateFixture.EnvironmentName}-{name}");

    private static JsonNode Criterion(DeployedResource rule) =>
        Assert.Single(rule["properties.criteria.allOf"]!.AsArray())!;
}
