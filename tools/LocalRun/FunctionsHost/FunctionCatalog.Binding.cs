using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;

namespace KadoaBridge.LocalRun.FunctionsHost;

/// <summary>Parameter binding per trigger, as the isolated worker binds them; null for a parameter the local host cannot supply.</summary>
internal sealed partial class FunctionCatalog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary><c>HttpRequest</c> (the trigger), <c>CancellationToken</c>, and route values by parameter name.</summary>
    private static Func<HttpContext, object?>? BindHttp(ParameterInfo parameter, ParameterInfo trigger, HashSet<string> routeValues)
    {
        var type = parameter.ParameterType;
        if (parameter == trigger)
        {
            // HttpRequestData would need the worker's FunctionContext; the ASP.NET Core integration hands HttpRequest.
            return type == typeof(HttpRequest) ? context => context.Request : null;
        }

        if (type == typeof(CancellationToken))
        {
            return context => context.RequestAborted;
        }

        if (parameter.Name is { } name && routeValues.Contains(name))
        {
            return context => ConvertText(context.Request.RouteValues[name]?.ToString(), type);
        }

        return null;
    }

    /// <summary>The message (as <c>QueueMessage</c>, text, bytes or a JSON-bound object), <c>CancellationToken</c>, and the message metadata by name.</summary>
    private static Func<QueueInvocation, object?>? BindQueue(ParameterInfo parameter, ParameterInfo trigger)
    {
        var type = parameter.ParameterType;
        if (parameter == trigger)
        {
            return type == typeof(QueueMessage) ? invocation => invocation.Message
                : type == typeof(string) ? invocation => invocation.Message.Body.ToString()
                : type == typeof(BinaryData) ? invocation => invocation.Message.Body
                : type == typeof(byte[]) ? invocation => invocation.Message.Body.ToArray()
                : type == typeof(ReadOnlyMemory<byte>) ? invocation => invocation.Message.Body.ToMemory()
                : invocation => JsonSerializer.Deserialize(invocation.Message.Body.ToMemory().Span, type, Json);
        }

        if (type == typeof(CancellationToken))
        {
            return invocation => invocation.CancellationToken;
        }

        // The queue trigger's binding data (https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger#message-metadata).
        Func<QueueMessage, object?>? metadata = parameter.Name?.ToUpperInvariant() switch
        {
            "ID" => message => message.MessageId,
            "POPRECEIPT" => message => message.PopReceipt,
            "DEQUEUECOUNT" => message => message.DequeueCount,
            "INSERTIONTIME" => message => message.InsertedOn,
            "EXPIRATIONTIME" => message => message.ExpiresOn,
            "NEXTVISIBLETIME" => message => message.NextVisibleOn,
            _ => null,
        };
        return metadata is null ? null : invocation => ConvertValue(metadata(invocation.Message), type);
    }

    /// <summary><c>TimerInfo</c> (the trigger) and <c>CancellationToken</c>.</summary>
    private static Func<TimerInvocation, object?>? BindTimer(ParameterInfo parameter, ParameterInfo trigger)
    {
        var type = parameter.ParameterType;
        return parameter == trigger ? (type == typeof(TimerInfo) ? invocation => invocation.Info : null)
            : type == typeof(CancellationToken) ? invocation => invocation.CancellationToken
            : null;
    }

    private static object? ConvertText(string? text, Type type) =>
        text is null ? DefaultOf(type)
        : type == typeof(string) ? text
        : TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text);

    private static object? ConvertValue(object? value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return value is null ? DefaultOf(type)
            : target.IsInstanceOfType(value) ? value
            : target == typeof(string) ? Convert.ToString(value, CultureInfo.InvariantCulture)
            : Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }

    private static object? DefaultOf(Type type) => type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
}
