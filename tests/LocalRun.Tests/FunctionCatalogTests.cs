using KadoaBridge.Functions;
using KadoaBridge.LocalRun.FunctionsHost;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace KadoaBridge.LocalRun.Tests;

public class FunctionCatalogTests
{
    [Fact]
    public void Discover_FunctionsApp_FindsEveryTriggerAndSkipsNone()
    {
        var catalog = FunctionCatalog.Discover(typeof(FunctionsServices).Assembly, new ConfigurationBuilder().Build());

        var health = Assert.Single(catalog.Http, f => f.Name == "Health");
        Assert.Equal("health", health.Route);
        Assert.Equal(["GET"], health.Methods);
        Assert.Equal(AuthorizationLevel.Anonymous, health.AuthLevel);
        var ingest = Assert.Single(catalog.Queue, f => f.Name == "Ingest");
        Assert.Equal("ingress", ingest.QueueName);
        Assert.Equal("IngressQueue", ingest.Connection);
        var redrive = Assert.Single(catalog.Timer, f => f.Name == "Redrive");
        Assert.Equal("0 */1 * * * *", redrive.Schedule);
        var retention = Assert.Single(catalog.Timer, f => f.Name == "Retention");
        Assert.Equal(KadoaBridge.Functions.Ingest.RetentionFunction.Schedule, retention.Schedule);
        Assert.False(retention.RunOnStartup);
        Assert.Empty(catalog.Skipped); // every function of the app runs locally; a new binding kind shows up here first
    }

    [Fact]
    public void TimerSchedule_EveryMinuteAndInterval_NextOccurrence()
    {
        var at = new DateTime(2026, 1, 1, 10, 0, 30, DateTimeKind.Utc);

        Assert.Equal(new DateTime(2026, 1, 1, 10, 1, 0, DateTimeKind.Utc), TimerTriggerService.Parse("0 */1 * * * *")(at));
        Assert.Equal(at.AddMinutes(5), TimerTriggerService.Parse("00:05:00")(at));
    }

    [Fact]
    public void HostJson_RepositoryFile_QueueSettingsOfTheHost()
    {
        var host = HostJsonSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json"));

        Assert.Equal("api", host.RoutePrefix);
        Assert.Equal(5, host.MaxDequeueCount);
        Assert.Equal(Azure.Storage.Queues.QueueMessageEncoding.None, host.MessageEncoding);
    }
}
