using KadoaBridge.Core.Forwarding;

namespace KadoaBridge.Core.Tests.Forwarding;

/// <summary>An ingress event must fit a Storage queue message (64 KiB) even when base64-encoded on its way in.</summary>
public class ForwardingOptionsTests
{
    private const int QueueMessageLimit = 65_536;

    /// <summary>What the test allows Event Grid to add around an event when it delivers it to a queue.</summary>
    private const int DeliveryEnvelope = 4_096;

    private static int Base64(int bytes) => 4 * ((bytes + 2) / 3);

    [Fact]
    public void IngressBudgetBytes_Default_FitsAQueueMessageAfterBase64AndEnvelope()
    {
        var budget = new ForwardingOptions().IngressBudgetBytes;

        Assert.True(Base64(budget) + DeliveryEnvelope <= QueueMessageLimit, $"default {budget} bytes: {Base64(budget)} bytes as base64");
        Assert.True(new ForwardingOptionsValidator().Validate(null, new ForwardingOptions()).Succeeded);
    }

    [Theory]
    [InlineData(49_152)] // 48 KiB: exactly 64 KiB as base64, no room for anything around it
    [InlineData(60_000)]
    [InlineData(1_000_000)]
    public void Validate_BudgetThatCouldExceedAQueueMessage_IsRefusedNamingTheSetting(int budget)
    {
        var options = new ForwardingOptions { IngressBudgetBytes = budget, MaxInflightBytes = 64L * 1024 * 1024 };

        var result = new ForwardingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed, $"{budget} bytes is {Base64(budget)} bytes as base64 but was accepted");
        Assert.Contains("Forwarding__IngressBudgetBytes", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EveryAcceptedBudget_FitsAQueueMessageAfterBase64AndEnvelope()
    {
        var validator = new ForwardingOptionsValidator();
        var largest = 0;
        for (var budget = 40_000; budget <= 70_000; budget += 8)
        {
            if (validator.Validate(null, new ForwardingOptions { IngressBudgetBytes = budget }).Succeeded)
            {
                largest = budget;
            }
        }

        Assert.True(largest > 0);
        Assert.True(Base64(largest) + DeliveryEnvelope <= QueueMessageLimit, $"{largest} bytes accepted: {Base64(largest)} bytes as base64");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(60_001)]
    public void Validate_CheckpointIntervalOutOfRange_IsRefusedNamingTheSetting(int milliseconds)
    {
        var options = new ForwardingOptions { CheckpointInterval = TimeSpan.FromMilliseconds(milliseconds) };

        var result = new ForwardingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Forwarding__CheckpointInterval", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(60_000)]
    public void Validate_CheckpointIntervalInRange_IsAccepted(int milliseconds) =>
        Assert.True(new ForwardingOptionsValidator().Validate(null, new ForwardingOptions { CheckpointInterval = TimeSpan.FromMilliseconds(milliseconds) }).Succeeded);
}
