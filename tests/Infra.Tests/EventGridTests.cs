using System.Text.Json.Nodes;
using KadoaBridge.Infra.Tests.Arm;

namespace KadoaBridge.Infra.Tests;

[Collection(BicepTemplateDefinition.Name)]
[Trait("Category", "Integration")]
public sealed class EventGridTests(BicepTemplateFixture fixture)
{
    private DeployedResource Subscription => fixture.Deployment.Single("Microsoft.EventGrid/topics/eventSubscriptions");

    [Fact]
    public void Topics_Compiled_UseCloudEventsSchemaWithLocalAuthOff()
    {
        var topics = fixture.Deployment.Topics();
        Assert.Equal(2, topics.Count); // ingress + the default destination 'changes'
        Assert.All(topics, t =>
        {
            Assert.Equal("CloudEventSchemaV1_0", t["properties.inputSchema"].Text());
            Assert.Equal(true, ArmValues.AsBool(t["properties.disableLocalAuth"]));
        });
    }

    [Fact]
    public void Topics_ThreeDestinations_OnePerAliasPlusIngress()
    {
        var deployment = fixture.Expand(p => p["destinationTopics"] = new JsonArray("changes", "pricing", "stock"));
        var names = deployment.Topics().Select(t => t.Name).ToList();
        Assert.Equal(4, names.Count);
        Assert.All(new[] { "ingress", "changes", "pricing", "stock" }, alias => Assert.Single(names, n => n.StartsWith($"evgt-{alias}-", StringComparison.Ordinal)));
        Assert.All(deployment.Topics(), t => Assert.Equal("CloudEventSchemaV1_0", t["properties.inputSchema"].Text()));
    }

    [Fact]
    public void IngressSubscription_Compiled_IsOnTheIngressTopic() =>
        Assert.StartsWith($"{fixture.Deployment.IngressTopic().Name}/", Subscription.Name, StringComparison.Ordinal);

    [Fact]
    public void IngressSubscription_Delivery_GoesToTheIngressQueueWithManagedIdentity()
    {
        var subscription = Subscription;
        Assert.Null(subscription["properties.destination"]); // key or SAS based delivery
        Assert.Equal("CloudEventSchemaV1_0", subscription["properties.eventDeliverySchema"].Text());
        Assert.Equal("SystemAssigned", subscription["properties.deliveryWithResourceIdentity.identity.type"].Text());
        Assert.Equal("SystemAssigned", fixture.Deployment.IngressTopic()["identity.type"].Text());

        var destination = subscription["properties.deliveryWithResourceIdentity.destination"]!;
        Assert.Equal("StorageQueue", destination["endpointType"].Text());
        Assert.Equal("ingress", destination["properties"]?["queueName"].Text());
        Assert.Equal(fixture.Deployment.StorageAccount().Id, destination["properties"]?["resourceId"].Text());
    }

    [Fact]
    public void IngressSubscription_DeadLetters_GoToBlobWithManagedIdentity()
    {
        var subscription = Subscription;
        Assert.Null(subscription["properties.deadLetterDestination"]);
        Assert.Equal("SystemAssigned", subscription["properties.deadLetterWithResourceIdentity.identity.type"].Text());
        var deadLetter = subscription["properties.deadLetterWithResourceIdentity.deadLetterDestination"]!;
        Assert.Equal("StorageBlob", deadLetter["endpointType"].Text());
        Assert.Equal("deadletters", deadLetter["properties"]?["blobContainerName"].Text());
        Assert.Equal(fixture.Deployment.StorageAccount().Id, deadLetter["properties"]?["resourceId"].Text());
    }

    [Fact]
    public void IngressSubscription_QueuedEvents_NeverExpire() =>
        Assert.Equal(-1, ArmValues.AsLong(Subscription["properties.deliveryWithResourceIdentity.destination.properties.queueMessageTimeToLiveInSeconds"]));
}
