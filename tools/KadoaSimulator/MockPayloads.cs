using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator;

/// <summary>Payloads of the mock events <c>POST /v5/notifications/test</c> sends.</summary>
internal static class MockPayloads
{
    public const string DefaultWorkflowId = "wf-test-0001";

    public static JsonObject Create(string eventType, string? workflowId, DateTimeOffset now)
    {
        var workflow = workflowId ?? DefaultWorkflowId;
        var iso = EnvelopeWriter.IsoTimestamp(now);
        return eventType switch
        {
            "workflow_data_change" => DataChangeFactory.Create(workflow, 2, now),
            "workflow_failed" => new JsonObject
            {
                ["workflowId"] = workflow,
                ["workflowName"] = "Test workflow",
                ["source"] = "extraction",
                ["reason"] = "Page returned HTTP 503 (test notification)",
                ["action"] = "Check the page and re-run the workflow",
                ["sourceUrl"] = "https://shop.example.com/espresso",
                ["url"] = $"https://www.kadoa.com/workflow/{workflow}",
            },
            "workflow_started" or "workflow_finished" or "workflow_sample_finished" => new JsonObject
            {
                ["workflowId"] = workflow,
                ["workflowName"] = "Test workflow",
                ["jobId"] = "job-test-0001",
                ["status"] = eventType == "workflow_started" ? "RUNNING" : "FINISHED",
                ["timestamp"] = iso,
            },
            "system_maintenance" or "service_degradation" => new JsonObject
            {
                ["title"] = eventType == "system_maintenance" ? "Scheduled maintenance" : "Degraded performance",
                ["message"] = "Test notification",
                ["startsAt"] = iso,
            },
            "credits_low" => new JsonObject { ["remainingCredits"] = 120, ["threshold"] = 500 },
            _ => new JsonObject { ["trialEndsAt"] = EnvelopeWriter.IsoTimestamp(now.AddDays(3)) },
        };
    }
}
